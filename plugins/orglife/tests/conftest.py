"""Fixtures of the orglife tests: a branch with its committee (through the registry's own services),
a life meeting scheduled in meetings, and signed-in members linked to their records."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from core import context
from plugins.meetings import services as meetings
from plugins.members import public as members
from plugins.members.services import organisation

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
NAMES = ("书记甲", "副书记乙", "组织委员丙", "党员丁", "党员戊", "党员己")
MEETING_DAY = date(2026, 11, 30)


def id_number(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def system():
    return context.acting(context.system("test", source="test"))


def make_branch(k, tenant: str, offset: int = 0) -> dict:
    """Six full members in two party groups; the first three the committee from 2025-09-01 (3-year term)."""
    ids = {}
    with system():
        for n, name in enumerate(NAMES):
            ids[name] = members.register_member(k, tenant, {
                "name": name, "gender": "female", "id_number": id_number(offset + n + 1),
                "joined_on": date(2005, 3, 1), "converted_on": date(2006, 3, 1), "category": "teacher",
                "party_group": "第一党小组" if n % 2 == 0 else "第二党小组"})
        organisation.elect_committee(k, tenant, date(2025, 9, 1), [
            {"member_id": ids[n], "post": p} for n, p in zip(NAMES, ("secretary", "deputy", "organisation"))])
    return ids


def schedule_life(k, tenant: str, type_code: str = "org_life", day: date = MEETING_DAY) -> str:
    with system():
        return str(meetings.schedule_meeting(k, tenant, type_code, f"{day.year}年度组织生活会",
                                             datetime.combine(day, time(15, 0)), "会议室").id)


@pytest.fixture
def branch(k, tenant, clock):
    clock.set(datetime(2026, 11, 23, 2, tzinfo=timezone.utc))
    return make_branch(k, tenant)


@pytest.fixture
def life(k, tenant, branch):
    """An organisational life meeting (组织生活会) on 2026-11-30, a week after the clock's today."""
    return schedule_life(k, tenant)


@pytest.fixture
def linked(k, tenant, login_as, api_as):
    """``linked(role, member_id, api=False)`` → a signed-in client (or API client) whose account is
    that member of the school."""
    def make(role: str, member_id, api: bool = False):
        client = api_as(role, tenant) if api else login_as(role, tenant)
        username = client.username
        with system():
            members.link_account(k, tenant, username, member_id)
        return client
    return make
