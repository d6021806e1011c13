"""Pages and API of the summary: drafted, edited and adopted by a secretary; facts shown as links and a
changed figure marked; 409 on a stale version; another school's summary not reachable; 404 when the
plugin is disabled for the school."""
from __future__ import annotations

from datetime import date

from plugins.meetings import public as meetings_public
from plugins.summary import queries, services
from plugins.summary.tests.conftest import system


def test_the_secretary_drafts_edits_and_adopts_through_the_pages(k, login_as, tenant, clock, year_of_records):
    year_of_records(tenant)
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/summary"
    assert "还没有起草总结" in c.get(f"{base}/").get_data(as_text=True)
    r = c.post(f"{base}/draft", data={"csrf_token": c.csrf(), "_form": "draft", "year": "2025"})
    assert r.status_code == 302
    html = c.get(f"{base}/2025").get_data(as_text=True)
    assert f'<a class="fact" href="/t/{tenant}/meetings/" title="meetings.held.committee">3</a>' in html
    assert "【请书记补充" in html
    form = {"csrf_token": c.csrf(), "_form": "edit", "expected_version": "1",
            "section-excellence": "评选优秀党员两名。", "fact-meetings.held.committee": "4"}
    assert c.post(f"{base}/2025/edit", data=form).status_code == 302
    assert c.post(f"{base}/2025/edit", data=form).status_code == 409
    html = c.get(f"{base}/2025").get_data(as_text=True)
    assert "评选优秀党员两名。" in html, html[html.find("创先争优"):][:1500]
    assert "手工修改，记录为 3" in html
    assert f'<a class="fact" href="/t/{tenant}/meetings/" title="meetings.held.committee">4</a>' in html
    [meeting] = [m for m in meetings_public.list_meetings(k, tenant, type="committee", year=2025)
                 if m["held_on"] == date(2025, 9, 10)]
    assert f'<option value="{meeting["id"]}">' in html
    r = c.post(f"{base}/2025/adopt", data={"csrf_token": c.csrf(), "_form": "adopt", "expected_version": "2",
                                           "adopted_on": "2026-01-15", "meeting_id": str(meeting["id"])})
    assert r.status_code == 302
    assert "支委会已通过" in c.get(f"{base}/2025").get_data(as_text=True)
    assert queries.get_summary(k, tenant, 2025).meeting_id == str(meeting["id"])


def test_bad_input_is_422_and_a_missing_year_404(login_as, tenant, clock):
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/summary"
    assert c.post(f"{base}/draft", data={"csrf_token": c.csrf(), "_form": "draft", "year": "2030"}).status_code == 422
    assert c.post(f"{base}/draft", data={"csrf_token": c.csrf(), "_form": "draft", "year": "x\x00"}).status_code == 422
    assert c.get(f"{base}/2025").status_code == 404


def test_tenant_isolation_and_404_when_disabled(k, api_as, login_as, tenant, make_tenant, clock):
    other = make_tenant("school-b", "第二中学")
    off = make_tenant("school-c", "第三中学", plugins=[p for p in k.registry.optional() if p != "summary"])
    with system():
        services.draft(k, tenant, 2025)
    api = api_as("secretary", other)
    assert api.get(f"/api/v1/t/{other}/summary/2025").status_code == 404
    assert api.get(f"/api/v1/t/{tenant}/summary/2025").status_code in (403, 404)
    assert login_as("secretary", off).get(f"/t/{off}/summary/").status_code == 404
    assert api_as("secretary", off).get(f"/api/v1/t/{off}/summary/2025").status_code == 404


def test_a_member_may_not_open_the_draft(login_as, tenant, clock):
    assert login_as("member", tenant).get(f"/t/{tenant}/summary/").status_code == 403
