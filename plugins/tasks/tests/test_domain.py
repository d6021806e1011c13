"""The aggregates' guards, without storage: what a task must say, what may be judged, when a school may
submit again, when a report may be changed."""
from __future__ import annotations

from datetime import date

import pytest

from plugins.tasks.domain import InfoReport, InfoReview, Task, TaskResponse, TasksError

TODAY = date(2026, 11, 23)


def _task(**overrides):
    values = dict(kind="general", title="总结", content="请报送", deadline=date(2026, 11, 30), schools=["a", "b"],
                  returns={"text": True}, titles=[], today=TODAY)
    values.update(overrides)
    return Task.issue(**values)


def test_a_task_says_what_to_return_by_when_to_whom():
    with pytest.raises(TasksError, match="截止日期不能早于今天"):
        _task(deadline=date(2026, 11, 22))
    with pytest.raises(TasksError, match="需要学校报送什么"):
        _task(returns={})
    with pytest.raises(TasksError, match="重复"):
        _task(returns={"fields": [{"label": "次数", "type": "integer"}, {"label": "次数", "type": "text"}]})
    with pytest.raises(TasksError, match="列出征订的报刊"):
        _task(kind="subscription", returns={})
    assert _task(returns={"fields": [{"label": "次数", "type": "integer"}]}).returns["fields"][0]["key"] == "f1"


def test_an_answer_is_judged_once_per_submission():
    task = _task()
    with pytest.raises(TasksError, match="尚未提交"):
        task.accept("a", 0, "")
    with pytest.raises(TasksError, match="不在本任务"):
        task.accept("c", 1, "")
    task.send_back("a", 1, "补充")
    with pytest.raises(TasksError, match="已审核"):
        task.accept("a", 1, "")
    task.accept("a", 2, "")
    assert task.judged["a"] == {"round": 2, "outcome": "accepted"}


def test_a_school_submits_again_only_after_a_return():
    response = TaskResponse(school="a", task_id=_task().id, title="总结", deadline=date(2026, 11, 30), on=TODAY)
    response.submit({"text": True}, "全文", [], {}, None, date(2026, 12, 1), None)
    assert response.round == 1
    with pytest.raises(TasksError, match="等待区里审核"):
        response.submit({"text": True}, "再交", [], {}, None, date(2026, 12, 1), None)
    response.submit({"text": True}, "再交", [], {}, None, date(2026, 12, 2), {"round": 1, "outcome": "returned"})
    with pytest.raises(TasksError, match="已通过审核"):
        response.submit({"text": True}, "三交", [], {}, None, date(2026, 12, 2), {"round": 2, "outcome": "accepted"})


def test_a_report_is_changed_only_as_a_draft_or_after_a_return():
    report = InfoReport.draft("news", "标题", "正文", [])
    report.submit(TODAY, None)
    with pytest.raises(TasksError, match="只有被退回后才能修改"):
        report.revise("news", "新标题", "正文", [], None)
    review = InfoReview(school="a", report_id=report.id, title="标题")
    with pytest.raises(TasksError, match="退回须说明理由"):
        review.decide("returned", 1, "")
    review.decide("returned", 1, "补充时间")
    report.revise("news", "新标题", "正文", [], review.judged)
    report.submit(TODAY, review.judged)
    review.decide("published", 2, "")
    with pytest.raises(TasksError, match="已发布"):
        review.decide("accepted", 2, "")
