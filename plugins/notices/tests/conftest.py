"""Fixtures of the notices tests: a small branch whose members have login accounts, and meetings."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from plugins.meetings import services as meetings
from plugins.members import public as members
from plugins.notices import queries

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(n: int) -> str:
    first17 = f"110105{1970 + n % 30}0{1 + n % 9}1{n % 10}{n:03d}"[:17]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


@pytest.fixture
def roll(k, tenant, actor):
    """Three full members of the school (ids), without accounts."""
    return [members.register_member(k, tenant, {
        "name": f"党员{i + 1}", "gender": "female", "id_number": id_number(200 + i),
        "joined_on": date(2015, 3, 1), "converted_on": date(2016, 3, 1)}, status="full") for i in range(3)]


@pytest.fixture
def people(k, tenant, roll, actor, make_user):
    """The three members, each with a login account (role ``member``) linked to them:
    ``[(username, member_id), …]``."""
    out = []
    for i, member_id in enumerate(roll):
        username = make_user("member", tenant, username=f"{tenant}-p{i + 1}")
        members.link_account(k, tenant, username, member_id)
        out.append((username, member_id))
    return out


@pytest.fixture
def meeting(k, tenant, people, actor, clock):
    """A branch member congress (支部党员大会) scheduled for the three members, on 2026-12-10 15:00; the
    clock is fixed before it (2026-11-23)."""
    return meetings.schedule_meeting(k, tenant, "congress", "第四季度党员大会", datetime(2026, 12, 10, 15), "活动室")


def reader(k, tenant, username):
    return queries.reader_of(k, tenant, username)
