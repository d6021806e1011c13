"""报送区委: an adopted summary goes to the district once per adopted version — as the answer to the
district's year-summary task (the DOCX attached) when there is one, otherwise as an information report;
the send is an event on both sides and shown on the summary page; a corrected, re-adopted version goes
again with a reason; only the secretary sends; another school never sees it."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import ConflictError
from core.files import file_path
from core.papers import text_of
from plugins.summary import queries, services
from plugins.summary.domain import Summary, SummaryError
from plugins.summary.tests.conftest import system
from plugins.tasks import queries as tasks_queries
from plugins.tasks import services as tasks
from plugins.tasks.domain import InfoReport, TaskResponse


def _adopted(k, tenant, year_of_records) -> None:
    year_of_records(tenant)
    with system():
        services.draft(k, tenant, 2025)
        services.adopt(k, tenant, 2025, date(2026, 1, 15), expected_version=1)


def _types(k, log, *classes):
    events, _ = k.history(log, *classes)
    return [type(e).__qualname__ for e in events]


def test_without_a_task_the_summary_goes_as_an_information_report_once_per_adopted_version(
        k, tenant, clock, year_of_records):
    _adopted(k, tenant, year_of_records)
    with system():
        services.send_to_district(k, tenant, 2025, expected_version=2)
        with pytest.raises(ConflictError):          # the same adopted version twice
            services.send_to_district(k, tenant, 2025, expected_version=3)
    row = queries.get_summary(k, tenant, 2025)
    [sent] = row.sends
    assert (sent["route"], sent["adoption"], sent["on"]) == ("info", 1, "2026-11-23")
    [info] = tasks_queries.list_submitted_info(k, [tenant], 2026)   # what the district reads
    assert str(info.id) == sent["record_id"] and info.title == "2025年度党建工作总结"
    assert "截至年底，支部共有党员5人" in info.text and info.status == "submitted"
    # an event on both sides: the summary's Sent and the report's Submitted, in the school's log
    assert _types(k, tenant, Summary.Sent) == ["Summary.Sent"]
    assert _types(k, tenant, InfoReport.Submitted) == ["InfoReport.Submitted"]

    # a correction: reopened with a reason, edited, adopted again, sent again — with a reason
    with system():
        services.reopen(k, tenant, 2025, "党员人数有误", expected_version=3)
        services.edit(k, tenant, 2025, {}, {"members.total": "6"}, expected_version=4)
        services.adopt(k, tenant, 2025, date(2026, 1, 20), expected_version=5)
        with pytest.raises(SummaryError) as refused:
            services.send_to_district(k, tenant, 2025, expected_version=6)
        assert refused.value.field == "reason"
        services.send_to_district(k, tenant, 2025, "更正党员人数", expected_version=6)
    row = queries.get_summary(k, tenant, 2025)
    assert [(s["adoption"], s["reason"]) for s in row.sends] == [(1, ""), (2, "更正党员人数")]
    assert len(tasks_queries.list_submitted_info(k, [tenant], 2026)) == 2


def test_a_draft_is_not_sent(k, tenant, clock, year_of_records):
    year_of_records(tenant)
    with system():
        services.draft(k, tenant, 2025)
        with pytest.raises(SummaryError):
            services.send_to_district(k, tenant, 2025, expected_version=1)


def test_the_districts_summary_task_is_answered_with_the_generated_file(
        k, tenant, other_tenant, clock, year_of_records, actor):
    task = tasks.issue_task(k, "summary", "报送2025年度党建工作总结", "请各支部报送经支委会通过的年度总结。",
                            k.today() + timedelta(days=10), [tenant, other_tenant], {"text": False})
    _adopted(k, tenant, year_of_records)
    with system():
        services.send_to_district(k, tenant, 2025, expected_version=2)
    [sent] = queries.get_summary(k, tenant, 2025).sends
    assert (sent["route"], sent["record_id"]) == ("task", str(task.id))
    table = {s.school: s for s in tasks_queries.task_table(k, task.id, k.today())}
    assert table[tenant].status == "submitted" and table[other_tenant].status == "received"
    answer = tasks_queries.submitted_answer(k, tenant, task.id)
    [file] = answer.files
    assert file["name"].endswith(".docx")
    assert "2025年度党建工作总结" in text_of(file_path(k, file["sha256"]).read_bytes())
    assert _types(k, tenant, TaskResponse.Submitted) == ["TaskResponse.Submitted"]
    assert tasks_queries.list_submitted_info(k, [tenant], 2026) == []     # not also as a report


def test_the_secretary_sends_through_the_page_and_the_api_and_the_meeting_links_the_summary(
        k, tenant, other_tenant, clock, year_of_records, login_as, api_as):
    from plugins.meetings import public as meetings_public
    year_of_records(tenant)
    [meeting] = [m for m in meetings_public.list_meetings(k, tenant, type="committee", year=2025)
                 if m["held_on"] == date(2025, 9, 10)]
    with system():
        services.draft(k, tenant, 2025)
        services.adopt(k, tenant, 2025, date(2026, 1, 15), meeting["id"], expected_version=1)
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/summary/2025"
    html = c.get(base).get_data(as_text=True)
    assert "报送区委" in html and f'href="/t/{tenant}/meetings/{meeting["id"]}"' in html
    # the committee meeting's page: 通过《2025年度党建工作总结》, linking to the summary
    page = c.get(f"/t/{tenant}/meetings/{meeting['id']}").get_data(as_text=True)
    assert f'<a class="chip" href="/t/{tenant}/summary/2025">通过《2025年度党建工作总结》</a>' in page
    deputy = login_as("deputy", tenant)
    assert deputy.post(f"{base}/send", data={"csrf_token": deputy.csrf(), "expected_version": "2"}).status_code == 403
    assert f'action="{base}/send"' not in deputy.get(base).get_data(as_text=True)      # no form they may not use
    assert f'action="{base}/send"' in html
    r = c.post(f"{base}/send", data={"csrf_token": c.csrf(), "_form": "send", "expected_version": "2"})
    assert r.status_code == 302
    html = c.get(base).get_data(as_text=True)
    assert "已于 2026-11-23 报送区委" in html and "信息报送" in html
    api = api_as("secretary", tenant)
    assert api.post(f"/api/v1/t/{tenant}/summary/2025/send", json={"expected_version": 3}).status_code == 409
    assert api.post(f"/api/v1/t/{tenant}/summary/2025/send", json={"expected_version": "x"}).status_code == 422
    r = api.post(f"/api/v1/t/{tenant}/summary/2025/reopen", json={"reason": "更正", "expected_version": 3})
    assert r.status_code == 200 and r.get_json()["adopted_on"] is None
    api.post(f"/api/v1/t/{tenant}/summary/2025/adopt", json={"adopted_on": "2026-02-01", "expected_version": 4})
    assert api.post(f"/api/v1/t/{tenant}/summary/2025/send", json={"expected_version": 5}).status_code == 422
    r = api.post(f"/api/v1/t/{tenant}/summary/2025/send", json={"reason": "更正后再报", "expected_version": 5})
    assert r.status_code == 200, r.get_json()
    assert [s["adoption"] for s in r.get_json()["sends"]] == [1, 2] and r.get_json()["sendable"] is False
    # another school: not its summary, not its meeting
    other = api_as("secretary", other_tenant)
    assert other.post(f"/api/v1/t/{tenant}/summary/2025/send", json={"expected_version": 6}).status_code in (403, 404)
    assert other.post(f"/api/v1/t/{other_tenant}/summary/2025/send", json={"expected_version": 1}).status_code == 404
