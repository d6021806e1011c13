"""The story of a district task, told through the services: issued, signed for, owned, worked on,
drafted (the district sees nothing), submitted after the deadline (late), returned with a reason,
submitted again and accepted; every act an event in the log of whoever did it."""
from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors import DomainError, NotFoundError
from core.eventstore import DISTRICT
from plugins.tasks import contributions, queries, services
from plugins.tasks.domain import InfoReport, InfoReview, Task, TaskResponse


def _types(k, log, *classes):
    events, _ = k.history(log, *classes)
    return [type(e).__qualname__ for e in events]


def test_a_task_goes_round_with_a_late_submission_and_a_return(k, actor, clock, tenant, other_tenant, issue,
                                                                on_day):
    start = k.today()
    task = issue([tenant, other_tenant])
    assert {s.status for s in queries.task_table(k, task.id, k.today())} == {"received"}

    services.open_task(k, tenant, task.id)
    services.assign_owner(k, tenant, task.id, "组织委员 李明")
    services.report_progress(k, tenant, task.id, "已起草初稿")
    services.save_draft(k, tenant, task.id, "草稿：尚未核对", [], {"f1": "3"})
    table = {s.school: s for s in queries.task_table(k, task.id, k.today())}
    assert table[tenant].status == "in_progress" and table[tenant].owner == "组织委员 李明"
    assert queries.submitted_answer(k, tenant, task.id) is None        # the district never sees a draft

    on_day(start + timedelta(days=9))                                     # two days after the deadline
    alerts = contributions.alerts(k, tenant, k.today())
    assert any("已逾期 2 天" in a.text for a in alerts)
    with pytest.raises(DomainError) as refused:
        services.submit(k, tenant, task.id, "", [], {"f1": "三"})
    assert set(refused.value.problems) == {"text", "field_f1"}
    services.submit(k, tenant, task.id, "全年召开党员大会 4 次。", [], {"f1": "4"})
    answer = queries.submitted_answer(k, tenant, task.id)
    assert answer.round == 1 and answer.late and answer.fields == {"f1": "4"} and answer.text.startswith("全年")
    standing = queries.school_standing(k, tenant, task.id, k.today())
    assert standing.status == "submitted" and standing.late
    with pytest.raises(DomainError, match="等待区里审核"):
        services.submit(k, tenant, task.id, "再交一次", [], {"f1": "4"})

    with pytest.raises(DomainError, match="退回须说明理由"):
        services.send_back(k, task.id, tenant, " ")
    services.send_back(k, task.id, tenant, "请补充主题党日情况")
    standing = queries.school_standing(k, tenant, task.id, k.today())
    assert standing.status == "returned" and standing.decision_note == "请补充主题党日情况"
    returned = [a for a in contributions.alerts(k, tenant, k.today()) if "退回" in a.text]
    assert returned and "请补充主题党日情况" in returned[0].text and returned[0].level == "danger"

    services.submit(k, tenant, task.id, "全年召开党员大会 4 次，主题党日 12 次。", [], {"f1": "4"})
    assert queries.school_standing(k, tenant, task.id, k.today()).status == "submitted"
    services.accept(k, task.id, tenant, "好")
    table = {s.school: s for s in queries.task_table(k, task.id, k.today())}
    assert table[tenant].status == "accepted" and table[tenant].submitted_round == 2
    assert table[other_tenant].status == "received" and table[other_tenant].late
    counts = queries.counts(list(table.values()))
    assert counts["accepted"] == 1 and counts["received"] == 1 and counts["late"] == 2

    assert _types(k, DISTRICT, Task.Issued, Task.Returned, Task.Accepted) == [
        "Task.Issued", "Task.Returned", "Task.Accepted"]
    assert _types(k, tenant, TaskResponse.Opened, TaskResponse.OwnerAssigned, TaskResponse.ProgressReported,
                  TaskResponse.DraftSaved, TaskResponse.Submitted) == [
        "TaskResponse.Opened", "TaskResponse.OwnerAssigned", "TaskResponse.ProgressReported",
        "TaskResponse.DraftSaved", "TaskResponse.Submitted", "TaskResponse.Submitted"]
    assert _types(k, other_tenant, TaskResponse.Opened) == []


def test_a_reminder_reaches_the_schools_still_to_answer_and_their_home_page(k, actor, tenant, other_tenant, issue):
    task = issue([tenant, other_tenant])
    services.submit(k, tenant, task.id, "已完成", [], {"f1": "1"})
    services.remind(k, task.id, None, "请于本周内上报")
    rows = {s.school: s for s in queries.task_table(k, task.id, k.today())}
    assert rows[other_tenant].reminders == 1 and rows[tenant].reminders == 0
    texts = [a.text for a in contributions.alerts(k, other_tenant, k.today())]
    assert any("催办" in t and "请于本周内上报" in t for t in texts)
    assert contributions.home_widgets(k, other_tenant, k.today())[0].context["open"][0].reminded_on == k.today()


def test_a_task_due_soon_warns_the_school_saying_when(k, actor, tenant, issue):
    issue([tenant], deadline=k.today() + timedelta(days=2))
    alert = contributions.alerts(k, tenant, k.today())[0]
    assert alert.level == "warning" and "还有 2 天" in alert.text


def test_a_school_outside_the_task_cannot_answer_it(k, actor, tenant, other_tenant, issue):
    task = issue([tenant])
    with pytest.raises(NotFoundError):
        services.submit(k, other_tenant, task.id, "x", [], {"f1": "1"})
    assert queries.list_school_tasks(k, other_tenant, k.today()) == []


def test_a_subscription_task_records_titles_copies_and_amount(k, actor, tenant, issue):
    task = issue([tenant], kind="subscription", title="党报党刊征订", returns={}, titles=["人民日报", "求是"])
    with pytest.raises(DomainError, match="至少填写一种"):
        services.submit(k, tenant, task.id, "", [], {}, [{"title": "人民日报", "copies": 0}])
    with pytest.raises(DomainError, match="不在征订目录"):
        services.submit(k, tenant, task.id, "", [], {}, [{"title": "参考消息", "copies": 1}])
    services.submit(k, tenant, task.id, "", [], {}, [{"title": "人民日报", "copies": 2, "amount": "720.00"},
                                                     {"title": "求是", "copies": 1, "amount": "180.50"}])
    standing = queries.school_standing(k, tenant, task.id, k.today())
    assert standing.copies == 3 and str(standing.amount) == "900.50" and not standing.late


def test_information_is_submitted_returned_resubmitted_published_and_counted(k, actor, tenant, other_tenant):
    draft = services.draft_info(k, tenant, "news", "党员示范课", "正文……", [])
    assert queries.list_submitted_info(k, [tenant, other_tenant], k.today().year) == []   # drafts unseen
    services.submit_info(k, tenant, draft.id)
    services.decide_info(k, tenant, draft.id, "returned", "请补充活动时间")
    row = queries.get_info(k, tenant, draft.id)
    assert row.status == "returned" and row.reason == "请补充活动时间"
    services.revise_info(k, tenant, draft.id, "news", "党员示范课", "11 月 20 日……", None)
    services.submit_info(k, tenant, draft.id)
    services.decide_info(k, tenant, draft.id, "published")
    assert queries.get_info(k, tenant, draft.id).status == "published"
    counts = queries.info_counts(k, [tenant, other_tenant], k.today().year)
    assert counts[tenant]["submitted"] == 1 and counts[tenant]["published"] == 1 and counts[other_tenant]["submitted"] == 0
    assert _types(k, tenant, InfoReport.Drafted, InfoReport.Submitted, InfoReport.Revised) == [
        "InfoReport.Drafted", "InfoReport.Submitted", "InfoReport.Revised", "InfoReport.Submitted"]
    assert _types(k, DISTRICT, InfoReview.Decided) == ["InfoReview.Decided", "InfoReview.Decided"]
    with pytest.raises(NotFoundError):
        services.decide_info(k, other_tenant, draft.id, "accepted")


def test_the_district_dashboard_gains_a_column_per_active_task(k, actor, clock, tenant, issue, on_day):
    task = issue([tenant])
    figures = {f.key: f for f in contributions.district_figures(k, tenant, k.today())}
    column = figures[f"tasks.task.{task.id}"]
    assert column.label == "任务：报送年度党建工作总结" and column.value == "未签收" and column.status == "warning"
    services.submit(k, tenant, task.id, "总结", [], {"f1": "4"})
    services.accept(k, task.id, tenant)
    assert contributions.district_figures(k, tenant, k.today())[0].value == "已通过"
    on_day(k.today() + timedelta(days=30))                          # accepted and past: no longer active
    assert [f.key for f in contributions.district_figures(k, tenant, k.today())] == ["tasks.info_reports"]
