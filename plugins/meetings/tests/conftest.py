"""Shared helpers of the meetings tests: a small branch on the member roll."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from plugins.members import public as members

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(n: int) -> str:
    first17 = f"110105{1970 + n % 30}0{1 + n % 9}1{n % 10}{n:03d}"[:17]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def add_member(k, tenant: str, n: int, name: str, status: str = "full", group: str | None = None):
    fields = {"name": name, "gender": "male", "id_number": id_number(n), "joined_on": date(2015, 3, 1),
              "party_group": group}
    if status == "full":
        fields["converted_on"] = date(2016, 3, 1)
    else:
        fields["joined_on"] = date(2026, 1, 5)   # on the roll for every meeting of 2026 in the tests
    return members.register_member(k, tenant, {f: v for f, v in fields.items() if v}, status=status)


def make_branch(k, tenant: str, full: int = 6, probationary: int = 2, people: int = 0) -> dict:
    """``full`` full members (alternating 第一/第二党小组) and ``probationary`` probationary members;
    another school's branch needs other ``people`` (a person is on one roll in the district)."""
    ids = {}
    for i in range(full):
        name = f"正式{i + 1}"
        ids[name] = add_member(k, tenant, people + i + 1, name, "full", "第一党小组" if i % 2 == 0 else "第二党小组")
    for i in range(probationary):
        name = f"预备{i + 1}"
        ids[name] = add_member(k, tenant, people + 50 + i, name, "probationary", "第一党小组")
    return ids


@pytest.fixture
def branch(k, tenant, actor):
    return make_branch(k, tenant)


def at(y, m, d, hh=15, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm)
