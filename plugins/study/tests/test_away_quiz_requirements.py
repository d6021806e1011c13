"""Study taken where a member away is (credited, shown apart), quizzes on sessions (evidence, never
hours), and the yearly requirement versioned by date (a change from 2027 leaves 2026 as it was)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from core.errors import ConflictError
from plugins.study import queries, rules, services
from plugins.study.domain import StudyError

QUESTIONS = [{"text": "党的最高理想和最终目标是？", "options": ["实现共产主义", "发展经济"], "answers": [0]},
             {"text": "“四个意识”包括（多选）", "options": ["政治意识", "大局意识", "市场意识"], "answers": [0, 1]}]


def _away(k, tenant, member_id, hours=4, held_on=date(2026, 6, 1)):
    return services.record_elsewhere(k, tenant, {
        "member_id": member_id, "title": "流入地党支部主题党日学习", "organiser": "深圳市某中学党支部",
        "held_on": held_on, "hours": hours, "category": "theme_day", "proof": "流动党员活动证签章"})


def test_hours_taken_elsewhere_credit_the_member_and_are_shown_apart(k, tenant, roll, actor):
    services.record_session(k, tenant, {"kind": "group", "title": "集中学习", "held_on": date(2026, 5, 1),
                                        "hours": 2, "attendees": [roll[0]]})
    record = _away(k, tenant, roll[0])
    assert queries.hours_by_member(k, tenant, 2026) == {str(roll[0]): 60}
    assert [c["hours_x10"] for c in queries.credits(k, tenant, 2026)] == [20]     # the branch's own sessions
    row, = queries.list_elsewhere(k, tenant, 2026, member_id=roll[0])
    assert (row.title, row.organiser, row.hours_x10, row.category, row.proof) == \
        ("流入地党支部主题党日学习", "深圳市某中学党支部", 40, "theme_day", "流动党员活动证签章")
    s = next(s for s in queries.standing(k, tenant, 2026, date(2026, 11, 23)) if s.member_id == roll[0])
    assert (s.hours_x10, s.elsewhere_x10) == (60, 40)
    services.withdraw_elsewhere(k, tenant, record.id, "重复登记", expected_version=1)
    assert queries.hours_by_member(k, tenant, 2026) == {str(roll[0]): 20}


def test_study_elsewhere_is_checked_and_kept_to_its_school(k, tenant, other_tenant, roll, actor, clock):
    for bad, field in (({"organiser": " "}, "organiser"), ({"category": "online"}, "category"),
                       ({"held_on": date(2026, 12, 1)}, "held_on")):
        data = {"member_id": roll[0], "title": "学习", "organiser": "某支部", "held_on": date(2026, 6, 1),
                "hours": 2, "category": "group", **bad}
        with pytest.raises(StudyError) as exc:
            services.record_elsewhere(k, tenant, data)
        assert exc.value.field == field
    with pytest.raises(StudyError):
        _away(k, other_tenant, roll[0])
    _away(k, tenant, roll[0])
    assert queries.list_elsewhere(k, other_tenant, 2026) == []
    assert queries.hours_by_member(k, other_tenant, 2026) == {}


def test_a_quiz_is_taken_once_and_credits_no_hours(k, tenant, roll, actor):
    session = services.record_session(k, tenant, {"kind": "group", "title": "集中学习", "held_on": date(2026, 5, 1),
                                                  "hours": 2, "attendees": [roll[0]]})
    quiz = services.set_quiz(k, tenant, session.id, "学习测验", QUESTIONS)
    before = queries.hours_by_member(k, tenant, 2026)
    _quiz, right = services.take_quiz(k, tenant, quiz.id, roll[1], [[0], [0, 1]])
    assert right == 2
    _quiz, right = services.take_quiz(k, tenant, quiz.id, roll[2], [[1], [0]])
    assert right == 0
    assert queries.hours_by_member(k, tenant, 2026) == before          # evidence, not hours
    with pytest.raises(StudyError):
        services.take_quiz(k, tenant, quiz.id, roll[1], [[0], [0, 1]])
    answers = queries.quiz_answers(k, tenant, quiz.id)
    assert [(a.name, a.answers, a.right, a.total) for a in answers] == \
        [("党员2", [[0], [0, 1]], 2, 2), ("党员3", [[1], [0]], 0, 2)]
    with pytest.raises(StudyError):            # taken: the questions stay as they were answered
        services.revise_quiz(k, tenant, quiz.id, "改", QUESTIONS, expected_version=3)


def test_a_quiz_needs_right_answers_and_a_stale_revision_is_a_conflict(k, tenant, roll, actor):
    session = services.record_session(k, tenant, {"kind": "group", "title": "集中学习", "held_on": date(2026, 5, 1),
                                                  "hours": 2, "attendees": [roll[0]]})
    for bad in ([], [{"text": "题", "options": ["甲"], "answers": [0]}],
                [{"text": "题", "options": ["甲", "乙"], "answers": []}],
                [{"text": " ", "options": ["甲", "乙"], "answers": [0]}]):
        with pytest.raises(StudyError) as exc:
            services.set_quiz(k, tenant, session.id, "测验", bad)
        assert exc.value.field == "questions"
    quiz = services.set_quiz(k, tenant, session.id, "测验", QUESTIONS)
    services.revise_quiz(k, tenant, quiz.id, "测验（修订）", QUESTIONS[:1], expected_version=1)
    with pytest.raises(ConflictError):
        services.revise_quiz(k, tenant, quiz.id, "测验", QUESTIONS, expected_version=1)
    with pytest.raises(StudyError) as exc:     # single choice
        services.take_quiz(k, tenant, quiz.id, roll[0], [[0, 1]])
    assert exc.value.field == "answers"


def _required(k, tenant, year):
    return {s.name: s.required for s in queries.standing(k, tenant, year, date(year, 12, 31))}


def test_a_requirement_from_2027_leaves_2026_as_it_was(k, tenant, roll, actor, clock):
    assert _required(k, tenant, 2026) == {"党员1": 32, "党员2": 32, "党员3": 32, "党员4": 16}
    services.add_requirement(k, tenant, date(2027, 1, 1), 40, 20, "区委新规定")
    assert _required(k, tenant, 2026) == {"党员1": 32, "党员2": 32, "党员3": 32, "党员4": 16}
    assert _required(k, tenant, 2027) == {"党员1": 40, "党员2": 40, "党员3": 40, "党员4": 20}
    # who was behind in 2026 stays so when the calendar passes the version's day
    clock.set(datetime(2027, 1, 2, 2, tzinfo=timezone.utc))
    services.record_session(k, tenant, {"kind": "group", "title": "学习", "held_on": date(2026, 12, 1),
                                        "hours": 35, "attendees": [roll[0]]})
    met = {s.name: s.met for s in queries.standing(k, tenant, 2026, date(2027, 1, 2))}
    assert met["党员1"] is True          # 35 ≥ 32 (the 2026 version), though 35 < 40
    with pytest.raises(ConflictError):
        services.add_requirement(k, tenant, date(2028, 1, 1), 40, 20, expected_version=5)


def test_the_school_setting_applies_only_before_its_first_version(k, tenant, roll, actor):
    own = (rules.Requirement(date(2027, 1, 1), 40, 20),)
    settings = {"regular_hours": 36, "retiree_hours": 0}
    assert rules.required_hours("teacher", 2026, settings, own=own) == 36
    assert rules.required_hours("retiree", 2026, settings, own=own) == 16
    assert rules.required_hours("teacher", 2027, settings, own=own) == 40
    mid = (rules.Requirement(date(2027, 7, 1), 40, 20),)       # a version from mid-year: from the next year
    assert rules.required_hours("teacher", 2027, {}, own=mid) == 32
    assert rules.required_hours("teacher", 2028, {}, own=mid) == 40
