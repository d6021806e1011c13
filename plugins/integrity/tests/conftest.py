"""Fixtures of the integrity tests: members on a school's roll (through the registry's public API)."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from plugins.members import public as members

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_serial = itertools.count(1)


def id_number(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


@pytest.fixture
def add_member(k):
    """``add_member(tenant, name, category="teacher")`` → the new member's id (a full member)."""
    from core import context

    def add(tenant: str, name: str, category: str = "teacher"):
        with context.acting(context.system("test", source="test")):
            return members.register_member(k, tenant, {
                "name": name, "gender": "female", "id_number": id_number(next(_serial) % 1000),
                "joined_on": date(2005, 3, 1), "converted_on": date(2006, 3, 1), "category": category})
    return add
