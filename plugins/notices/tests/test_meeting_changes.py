"""A meeting's changed details are news for its attendees only while it is still to come: a correction
of a meeting already past, or already held (attendance or minutes recorded), is recorded on the meeting
and reaches no one's inbox."""
from __future__ import annotations

from datetime import datetime, timezone

from plugins.meetings import queries as meeting_rows, services as meetings
from plugins.meetings.domain import Meeting
from plugins.notices import queries
from plugins.notices.tests.conftest import reader

SCHEDULED = "会议通知：第四季度党员大会"


def _titles(k, tenant, people) -> list[str]:
    return [n.title for n in queries.list_inbox(k, tenant, reader(k, tenant, people[0][0])).items]


def _upcoming_flags(k, tenant) -> list:
    return [e.upcoming for e in k.history(tenant, Meeting.DetailsCorrected)[0]]


def test_a_change_to_a_meeting_still_to_come_reaches_its_attendees(k, tenant, people, meeting, clock):
    clock.set(datetime(2026, 12, 10, 6, 59, tzinfo=timezone.utc))   # 14:59 on the day, the meeting at 15:00
    meetings.correct_meeting(k, tenant, meeting.id, {"place": "报告厅"}, expected_version=meeting.version)
    assert _titles(k, tenant, people) == ["会议时间/地点变更：第四季度党员大会", SCHEDULED]
    assert _upcoming_flags(k, tenant) == [True]


def test_a_correction_of_a_meeting_already_past_is_recorded_without_a_notice(k, tenant, people, meeting, clock):
    clock.set(datetime(2026, 12, 10, 7, 1, tzinfo=timezone.utc))    # 15:01 on the day: it has begun
    meetings.correct_meeting(k, tenant, meeting.id, {"place": "报告厅"}, expected_version=meeting.version)
    assert _titles(k, tenant, people) == [SCHEDULED]
    assert meeting_rows.get_meeting(k, tenant, meeting.id).place == "报告厅"
    assert _upcoming_flags(k, tenant) == [False]


def test_a_correction_of_a_meeting_held_is_recorded_without_a_notice(k, tenant, people, meeting, clock):
    clock.set(datetime(2026, 12, 10, 2, tzinfo=timezone.utc))       # the morning of the day, before 15:00
    held = meetings.record_attendance(k, tenant, meeting.id, {m: {"status": "present"} for _, m in people},
                                      expected_version=meeting.version)
    meetings.correct_meeting(k, tenant, meeting.id, {"title": "第四季度支部党员大会"}, expected_version=held.version)
    assert _titles(k, tenant, people) == [SCHEDULED]
    assert meeting_rows.get_meeting(k, tenant, meeting.id).title == "第四季度支部党员大会"
    assert _upcoming_flags(k, tenant) == [False]


def test_minutes_recorded_make_a_meeting_held_for_its_notices(k, tenant, people, meeting, clock):
    drafted = meetings.draft_minutes(k, tenant, meeting.id, {"summary": "审议年度总结"}, expected_version=meeting.version)
    meetings.correct_meeting(k, tenant, meeting.id, {"place": "报告厅"}, expected_version=drafted.version)
    assert _titles(k, tenant, people) == [SCHEDULED]
    assert _upcoming_flags(k, tenant) == [False]


def test_a_meeting_past_its_time_and_moved_to_a_coming_day_is_told(k, tenant, people, meeting, clock):
    clock.set(datetime(2026, 12, 11, 2, tzinfo=timezone.utc))       # the day after, nothing recorded: not held
    meetings.correct_meeting(k, tenant, meeting.id, {"starts_at": datetime(2026, 12, 17, 15)},
                             expected_version=meeting.version)
    assert _titles(k, tenant, people)[0] == "会议时间/地点变更：第四季度党员大会"
    assert _upcoming_flags(k, tenant) == [True]
