"""A district task changed after issue: schools added, the deadline extended with a reason, the task
closed or cancelled with a reason — each an event in the district log, shown to the district and to
the schools, and the schools' alerts follow (a cancelled task leaves their open work)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors import DomainError
from core.eventstore import DISTRICT
from plugins.tasks import contributions, queries, services
from plugins.tasks.domain import Task


def _types(k, log, *classes):
    events, _ = k.history(log, *classes)
    return [type(e).__qualname__ for e in events]


def test_a_school_added_later_gets_the_task_and_an_extension_moves_every_deadline(k, actor, tenant, other_tenant,
                                                                                   issue, on_day):
    start = k.today()
    task = issue([tenant])
    assert queries.school_standing(k, other_tenant, task.id, k.today()) is None
    services.add_schools(k, task.id, [other_tenant])
    standing = queries.school_standing(k, other_tenant, task.id, k.today())
    assert standing.status == "received" and standing.deadline == start + timedelta(days=7)
    with pytest.raises(DomainError, match="已在本任务的范围内"):
        services.add_schools(k, task.id, [other_tenant])

    on_day(start + timedelta(days=8))                                          # a day late
    assert any("已逾期 1 天" in a.text for a in contributions.alerts(k, tenant, k.today()))
    with pytest.raises(DomainError, match="应晚于原截止日期"):
        services.extend_deadline(k, task.id, start + timedelta(days=7), "再给一周")
    with pytest.raises(DomainError, match="延期须说明理由"):
        services.extend_deadline(k, task.id, start + timedelta(days=14), " ")
    services.extend_deadline(k, task.id, start + timedelta(days=14), "期末考试周顺延")
    for school in (tenant, other_tenant):
        standing = queries.school_standing(k, school, task.id, k.today())
        assert standing.deadline == start + timedelta(days=14) and not standing.late
        assert standing.extended_reason == "期末考试周顺延"
    alerts = contributions.alerts(k, tenant, k.today())
    assert not any("逾期" in a.text for a in alerts)
    services.submit(k, tenant, task.id, "总结", [], {"f1": "4"})
    assert not queries.submitted_answer(k, tenant, task.id).late               # within the new deadline
    row = queries.get_task(k, task.id)
    assert [c["kind"] for c in row.changes] == ["school_added", "extended"]
    assert row.changes[1]["reason"] == "期末考试周顺延" and row.deadline == start + timedelta(days=14)
    assert _types(k, DISTRICT, Task.SchoolAdded, Task.DeadlineExtended) == ["Task.SchoolAdded", "Task.DeadlineExtended"]


def test_a_closed_task_takes_no_more_answers_but_what_was_submitted_is_still_judged(k, actor, tenant, other_tenant,
                                                                                    issue):
    task = issue([tenant, other_tenant])
    services.submit(k, tenant, task.id, "总结", [], {"f1": "4"})
    services.close_task(k, task.id, "已汇总上报市里")
    table = {s.school: s for s in queries.task_table(k, task.id, k.today())}
    assert table[tenant].status == "submitted" and table[other_tenant].status == "closed"
    with pytest.raises(DomainError, match="已办结"):
        services.submit(k, other_tenant, task.id, "迟到的总结", [], {"f1": "1"})
    with pytest.raises(DomainError, match="已办结"):
        services.remind(k, task.id, None, "")
    services.accept(k, task.id, tenant, "好")
    assert queries.school_standing(k, tenant, task.id, k.today()).status == "accepted"
    assert not [a for a in contributions.alerts(k, other_tenant, k.today()) if a.source == "tasks"]
    assert not [f for f in contributions.district_figures(k, tenant, k.today()) if f.key.startswith("tasks.task.")]


def test_a_cancelled_task_leaves_the_schools_open_work_with_its_reason(k, actor, tenant, issue, on_day):
    task = issue([tenant])
    services.open_task(k, tenant, task.id)
    on_day(k.today() + timedelta(days=8))
    assert any(a.source == "tasks" for a in contributions.alerts(k, tenant, k.today()))
    with pytest.raises(DomainError, match="撤销须说明理由"):
        services.cancel_task(k, task.id, "")
    services.cancel_task(k, task.id, "市里已统一收取，无需重复报送")
    standing = queries.school_standing(k, tenant, task.id, k.today())
    assert standing.status == "cancelled" and not standing.late
    assert standing.state_reason == "市里已统一收取，无需重复报送"
    assert not [a for a in contributions.alerts(k, tenant, k.today()) if a.source == "tasks"]
    widget = contributions.home_widgets(k, tenant, k.today())[0]
    assert widget.context["open"] == []
    with pytest.raises(DomainError, match="已撤销"):
        services.assign_owner(k, tenant, task.id, "李明")
    with pytest.raises(DomainError, match="已撤销"):
        services.cancel_task(k, task.id, "再撤一次")


def test_the_pages_change_a_task_and_the_school_reads_why(k, login_as, tenant, other_tenant, issue):
    task = issue([tenant])
    district = login_as("district_admin")
    base = f"/district/tasks/{task.id}"
    r = district.post(f"{base}/schools", data={"csrf_token": district.csrf(), "_form": "add",
                                               "schools": other_tenant, "expected_version": "1"})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    new = (k.today() + timedelta(days=20)).isoformat()
    r = district.post(f"{base}/extend", data={"csrf_token": district.csrf(), "_form": "extend", "deadline": new,
                                              "reason": "", "expected_version": "2"})
    assert r.status_code == 422
    r = district.post(f"{base}/extend", data={"csrf_token": district.csrf(), "_form": "extend", "deadline": new,
                                              "reason": "顺延两周", "expected_version": "1"})
    assert r.status_code == 409                                                  # a stale version
    r = district.post(f"{base}/extend", data={"csrf_token": district.csrf(), "_form": "extend", "deadline": new,
                                              "reason": "顺延两周", "expected_version": "2"})
    assert r.status_code == 302
    page = district.get(base).get_data(as_text=True)
    assert "顺延两周" in page and "补充下发" in page
    school = login_as("secretary", other_tenant)
    page = school.get(f"/t/{other_tenant}/tasks/{task.id}").get_data(as_text=True)
    assert "顺延两周" in page and new in page
    r = district.post(f"{base}/cancel", data={"csrf_token": district.csrf(), "_form": "cancel",
                                              "reason": "重复下发", "expected_version": "3"})
    assert r.status_code == 302
    page = school.get(f"/t/{other_tenant}/tasks/").get_data(as_text=True)
    assert "已撤销" in page and "重复下发" in page
    page = school.get(f"/t/{other_tenant}/tasks/{task.id}").get_data(as_text=True)
    assert "重复下发" in page and "签收" not in page.split("撤销理由")[1]
    secretary = login_as("secretary", tenant)
    assert secretary.post(f"{base}/close", data={"csrf_token": secretary.csrf(), "_form": "close"}).status_code == 403


def test_the_task_tables_are_filtered_sorted_and_paginated(k, login_as, make_tenant, tenant, issue, actor):
    schools = [tenant] + [make_tenant(f"school{n:02d}") for n in range(55)]
    task = issue(schools)
    services.submit(k, tenant, task.id, "总结", [], {"f1": "4"})
    district = login_as("district_admin")
    page = district.get(f"/district/tasks/{task.id}").get_data(as_text=True)
    assert "第 1 / 2 页，共 56 条" in page and f"/district/tasks/{task.id}?page=2" in page
    page = district.get(f"/district/tasks/{task.id}?page=2").get_data(as_text=True)
    assert "第 2 / 2 页" in page
    page = district.get(f"/district/tasks/{task.id}?status=submitted").get_data(as_text=True)
    assert "共 1 条" in page
    page = district.get(f"/district/tasks/{task.id}?sort=status&status=bogus").get_data(as_text=True)
    assert "第 1 / 2 页" in page                                            # a bad filter is ignored
    later = issue([tenant], title="第二项任务", deadline=k.today() + timedelta(days=30))
    services.cancel_task(k, later.id, "不需要了")
    page = district.get("/district/tasks/?state=cancelled").get_data(as_text=True)
    assert "第二项任务" in page and "报送年度党建工作总结" not in page
    school = login_as("secretary", tenant)
    page = school.get(f"/t/{tenant}/tasks/?sort=deadline").get_data(as_text=True)
    assert page.index("报送年度党建工作总结") < page.index("第二项任务")
    page = school.get(f"/t/{tenant}/tasks/?sort=-deadline").get_data(as_text=True)
    assert page.index("第二项任务") < page.index("报送年度党建工作总结")
    page = school.get(f"/t/{tenant}/tasks/?status=cancelled").get_data(as_text=True)
    assert "第二项任务" in page and "报送年度党建工作总结" not in page


def test_the_district_dashboard_has_a_column_per_active_task_through_the_summaries(k, login_as, tenant, issue,
                                                                                   actor):
    k.config["ZHIBU_SUMMARY_REFRESH_PER_READ"] = 100_000      # every school's summary computed by the request
    task = issue([tenant], title="党费自查")
    district = login_as("district_admin")
    assert "任务：党费自查" in district.get("/district/").get_data(as_text=True)
    services.cancel_task(k, task.id, "不再需要")
    assert "任务：党费自查" not in district.get("/district/").get_data(as_text=True)
