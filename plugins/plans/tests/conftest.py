"""Fixtures of the plans tests: members on a school's roll and meetings held (through the other
plugins' public functions and services, as a school records them)."""
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


@pytest.fixture
def add_members(k):
    """``add_members(tenant, n, committee=False)`` → ids of n new full members (joined 2005); with
    ``committee``, the first three are elected the branch committee (from 2025-09-01)."""
    def add(tenant: str, n: int, committee: bool = False) -> list:
        ids = []
        with system():
            for _ in range(n):
                serial = next(_serial)
                ids.append(members.register_member(k, tenant, {
                    "name": f"党员{serial}", "gender": "female", "id_number": id_number(serial % 1000),
                    "joined_on": date(2005, 3, 1), "converted_on": date(2006, 3, 1), "category": "teacher"}))
            if committee:
                organisation.elect_committee(k, tenant, date(2025, 9, 1), [
                    {"member_id": m, "post": post} for m, post in zip(ids, ("secretary", "deputy", "organisation"))])
        return ids
    return add


@pytest.fixture
def hold(k):
    """``hold(tenant, type, day, title=None)`` → the id of a meeting of that type held that day
    (entered after the fact, as a school enters the meetings it held)."""
    def held(tenant: str, type_code: str, day: date, title: str | None = None):
        with system():
            built = meetings.record_held_meetings(k, tenant, [{
                "held_on": day, "starts": time(15, 0), "type": type_code, "title": title or f"{type_code} {day}",
                "place": "会议室"}])
        return built[0].id
    return held
