"""Fixtures of the study tests: a small branch (three teachers, one retiree) and a held 党课."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from plugins.meetings import services as meetings
from plugins.members import public as members

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(n: int) -> str:
    first17 = f"110105{1970 + n % 30}0{1 + n % 9}1{n % 10}{n:03d}"[:17]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


@pytest.fixture
def roll(k, tenant, actor):
    """党员1–3 (teachers) and 党员4 (retired): their ids."""
    return [members.register_member(k, tenant, {
        "name": f"党员{i + 1}", "gender": "female", "id_number": id_number(300 + i),
        "category": "retiree" if i == 3 else "teacher",
        "joined_on": date(2015, 3, 1), "converted_on": date(2016, 3, 1)}, status="full") for i in range(4)]


@pytest.fixture
def lecture(k, tenant, roll, clock, actor):
    """A 党课 held on 2026-03-10: 党员1 and 党员2 present, 党员3 and 党员4 absent."""
    clock.set(datetime(2026, 3, 1, 2, tzinfo=timezone.utc))
    meeting = meetings.schedule_meeting(k, tenant, "lecture", "第一季度党课", datetime(2026, 3, 10, 15), "活动室")
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    entries = {str(roll[0]): {"status": "present"}, str(roll[1]): {"status": "present"},
               str(roll[2]): {"status": "absent", "reason": "病假"}, str(roll[3]): {"status": "absent", "reason": "外出"}}
    meetings.record_attendance(k, tenant, meeting.id, entries)
    clock.set(datetime(2026, 11, 23, 2, tzinfo=timezone.utc))
    return meeting
