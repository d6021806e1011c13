"""Hours credited from meeting attendance (never from page visits), listed sessions, online courses,
withdrawals, and who is behind the yearly requirement."""
from __future__ import annotations

from datetime import date

import pytest

from plugins.study import queries, services
from plugins.study.domain import StudyError


def _hours(k, tenant):
    return queries.hours_by_member(k, tenant, 2026)


def test_hours_come_from_attendance_and_listed_attendees(k, tenant, roll, lecture, actor):
    services.record_session(k, tenant, {"kind": "lecture", "title": "第一季度党课", "held_on": date(2026, 3, 10),
                                        "hours": 2, "meeting_id": lecture.id})
    services.record_session(k, tenant, {"kind": "integrity", "title": "警示教育", "held_on": date(2026, 5, 1),
                                        "hours": 1.5, "attendees": [roll[2], roll[3]]})
    hours = _hours(k, tenant)
    assert hours == {str(roll[0]): 20, str(roll[1]): 20, str(roll[2]): 15, str(roll[3]): 15}


def test_page_visits_and_logins_credit_nothing(k, tenant, roll, lecture, login_as, actor):
    services.record_session(k, tenant, {"kind": "lecture", "title": "第一季度党课", "held_on": date(2026, 3, 10),
                                        "hours": 2, "meeting_id": lecture.id})
    before = _hours(k, tenant)
    member = login_as("member", tenant)
    from plugins.members import public as members
    members.link_account(k, tenant, member.username, roll[2])
    for _ in range(5):
        assert member.get(f"/t/{tenant}/study/mine").status_code == 200
        assert member.get(f"/t/{tenant}/meetings/{lecture.id}").status_code in (200, 403)
    assert _hours(k, tenant) == before and str(roll[2]) not in before


def test_a_member_enters_an_online_course_and_a_refused_one_counts_nothing(k, tenant, roll, actor):
    s = services.enter_course(k, tenant, roll[0], {"title": "网课", "held_on": date(2026, 4, 1), "hours": 3,
                                                   "evidence": "心得体会"})
    assert _hours(k, tenant) == {str(roll[0]): 30}
    services.mark_evidence(k, tenant, s.id, False, "未完成测验", expected_version=1)
    assert _hours(k, tenant) == {}
    with pytest.raises(StudyError):
        services.enter_course(k, tenant, roll[0], {"title": "网课", "held_on": date(2026, 4, 1), "hours": 3,
                                                   "evidence": " "})


def test_a_withdrawn_session_credits_nothing_and_a_meeting_of_another_type_is_refused(k, tenant, roll, lecture, actor):
    s = services.record_session(k, tenant, {"kind": "group", "title": "学习", "held_on": date(2026, 5, 1),
                                            "hours": 4, "attendees": [roll[0]]})
    services.withdraw_session(k, tenant, s.id, "重复记录", expected_version=1)
    assert _hours(k, tenant) == {}
    with pytest.raises(StudyError):
        services.record_session(k, tenant, {"kind": "theme_day", "title": "x", "held_on": date(2026, 3, 10),
                                            "hours": 2, "meeting_id": lecture.id})


def test_who_is_behind_and_why_after_the_alert_month(k, tenant, roll, actor):
    services.record_session(k, tenant, {"kind": "district", "title": "培训班", "held_on": date(2026, 6, 1),
                                        "hours": 32, "attendees": [roll[0]]})
    services.record_session(k, tenant, {"kind": "group", "title": "学习", "held_on": date(2026, 6, 2),
                                        "hours": 16, "attendees": [roll[3]]})
    rows = {s.name: s for s in queries.standing(k, tenant, 2026, date(2026, 11, 23))}
    assert rows["党员1"].met and rows["党员4"].met and rows["党员4"].required == 16
    assert not rows["党员2"].met and "还差 32 学时" in rows["党员2"].reason
    early = {s.name: s for s in queries.standing(k, tenant, 2026, date(2026, 8, 1))}
    assert early["党员2"].reason is None            # before September (the default alert month)


def test_five_goods_evidence_and_report_figures(k, tenant, roll, actor):
    from core.plugins import ReportPeriod
    from plugins.study import contributions
    services.record_session(k, tenant, {"kind": "integrity", "title": "警示教育", "held_on": date(2026, 6, 1),
                                        "hours": 32, "attendees": [roll[0], roll[3]]})
    hours, integrity = contributions.assessment_evidence(k, tenant, 2026)
    assert (hours.item, hours.figures["met"], hours.score_ratio) == ("study.hours", 2, 0.5)
    assert (integrity.item, integrity.figures["members"], integrity.score_ratio) == ("study.integrity_education", 2, 0.5)
    figures = {f.key: f.value for f in contributions.report_figures(k, tenant, ReportPeriod.parse("2026"))}
    assert figures == {"study.hours": 64, "study.members_met": 2}
    assert {f.key: f.value for f in contributions.report_figures(k, tenant, ReportPeriod.parse("2026-Q1"))}[
        "study.hours"] == 0
