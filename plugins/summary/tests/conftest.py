"""Fixtures of the summary tests: a year of records at a school kept through the other plugins' public
functions and services (members on the roll, meetings held), and a system command context."""
from __future__ import annotations

import itertools
from datetime import date, time

import pytest

from core import context
from plugins.meetings import services as meetings
from plugins.members import public as members
from plugins.members.services import organisation

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_serial = itertools.count(1)


def id_number(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def system():
    return context.acting(context.system("test", source="test"))


def add_members(k, tenant: str, n: int) -> list:
    with system():
        return [members.register_member(k, tenant, {
            "name": f"党员{s}", "gender": "female", "id_number": id_number(s % 1000), "joined_on": date(2005, 3, 1),
            "converted_on": date(2006, 3, 1), "category": "teacher"}) for s in (next(_serial) for _ in range(n))]


def hold(k, tenant: str, type_code: str, day: date) -> None:
    with system():
        meetings.record_held_meetings(k, tenant, [{"held_on": day, "starts": time(15, 0), "type": type_code,
                                                   "title": f"{type_code} {day}", "place": "会议室"}])


@pytest.fixture
def year_of_records(k):
    """``year_of_records(tenant)``: 5 members on the roll, in 2025 three committee meetings and one
    congress (and one committee meeting in 2024, which the 2025 summary must not count)."""
    def make(tenant: str) -> None:
        ids = add_members(k, tenant, 5)
        with system():
            organisation.elect_committee(k, tenant, date(2024, 9, 1), [
                {"member_id": m, "post": post} for m, post in zip(ids, ("secretary", "deputy", "organisation"))])
        for day in (date(2025, 1, 10), date(2025, 4, 10), date(2025, 9, 10), date(2024, 12, 20)):
            hold(k, tenant, "committee", day)
        hold(k, tenant, "congress", date(2025, 6, 10))
    return make
