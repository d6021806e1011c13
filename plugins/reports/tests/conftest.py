"""Fixtures of the reporting tests: members on a school's roll through the registry's public API."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from core import context
from plugins.members import public as members
from plugins.reports import services

FIELDS = [{"label": "党员总数", "kind": "count", "figure": "members.total"},
          {"label": "党建亮点", "kind": "text", "figure": None}]
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_serial = itertools.count(1)


def id_number(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


@pytest.fixture
def add_member(k):
    """``add_member(tenant, name, joined_on, converted_on=None, **fields)`` → the new member's id."""
    def add(tenant: str, name: str, joined_on: date, converted_on: date | None = None, **fields):
        values = {"name": name, "gender": "female", "id_number": id_number(next(_serial) % 1000),
                  "joined_on": joined_on, "birth_date": date(1980, 1, 1), "category": "teacher", "ethnicity": "汉族", "education": "大学本科",
                  **fields}
        if converted_on:
            values["converted_on"] = converted_on
        with context.acting(context.system("test", source="test")):
            return members.register_member(k, tenant, values, status="full" if converted_on else "probationary")
    return add


@pytest.fixture
def as_system():
    with context.acting(context.system("test", source="test")) as ctx:
        yield ctx


@pytest.fixture
def form(k, clock, tenant, other_tenant, add_member, as_system):
    """The district's 党建年报 2026 (one field bound to the roll, one typed in); two members on the roll."""
    add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1))
    add_member(tenant, "乙", date(2012, 6, 1), date(2013, 6, 1))
    return services.define_form(k, "党建年报", "2026", date(2026, 12, 31), FIELDS)
