"""Fixtures of the care tests: members registered with their dates of admission and conversion."""
from __future__ import annotations

from datetime import date

import pytest

from plugins.members import services as member_services
from plugins.members.tests.conftest import person


@pytest.fixture
def member(k, actor, clock):
    """``member(tenant, name, joined_on=…, converted_on=…)`` → the new full member (saved); the clock is fixed."""
    counter = {"n": 0}

    def make(tenant: str, name: str, joined_on: date = date(2010, 6, 1), converted_on: date = date(2011, 6, 1)):
        counter["n"] += 1
        fields = person(name, date(1950, 5, 6) if joined_on.year < 1990 else date(1980, 5, 6), counter["n"],
                        joined_on=joined_on, converted_on=converted_on)
        return member_services.register_member(k, tenant, fields, status="full")
    return make
