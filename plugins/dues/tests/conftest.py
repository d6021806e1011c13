"""Fixtures of the dues tests: members registered through the registry's public API, settings, time."""
from __future__ import annotations

from datetime import date, datetime, timezone
from itertools import count

import pytest

from core import context
from plugins.members.public import register_member
from tenants import services as tenants

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_serial = count(100)


def id_number(birth: date) -> str:
    """A valid 18-digit ID number (GB 11643-1999 check digit) for test people."""
    first17 = "110105" + birth.strftime("%Y%m%d") + f"{next(_serial) % 1000:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


@pytest.fixture
def add_member(k, actor):
    """``add_member(tenant, name, joined_on, status="full")`` → member id."""
    def add(tenant: str, name: str, joined_on: date = date(2010, 6, 1), status: str = "full",
            category: str = "teacher"):
        birth = date(1980, 3, 3)
        fields = {"name": name, "gender": "female", "id_number": id_number(birth), "birth_date": birth,
                  "joined_on": joined_on, "category": category}
        if status == "full":
            fields["converted_on"] = date(joined_on.year + 1, joined_on.month, 1)
        return register_member(k, tenant, fields, status=status)
    return add


@pytest.fixture
def configure(k):
    """``configure(tenant, **settings)``: the school's dues settings (the rest keep their defaults)."""
    def set_(tenant: str, **settings):
        with context.acting(context.system("test", source="test")):
            tenants.configure_plugin(k, tenant, "dues", settings)
    return set_


@pytest.fixture
def on_day(clock):
    """``on_day(date)``: set the test clock to that day, 10:00 Beijing time."""
    def set_(day: date) -> None:
        clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=timezone.utc))
    return set_
