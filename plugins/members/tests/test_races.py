"""Two processes registering one person at once: exactly one wins, in a school and in the district."""
from __future__ import annotations

from sqlalchemy import func, select

from plugins.members.models import members
from plugins.members.tests.conftest import person
from tests.racing import one_winner, race

REGISTER = "plugins.members.services.register_member"


def _registered(k, id_number: str) -> int:
    k.catch_up()
    with k.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(members).where(members.c.id_number == id_number))


def test_one_id_number_registered_twice_at_once_in_a_school_registers_once(k, tenant, clock):
    fields = person("张三", seq=77)
    outcomes = race(k, REGISTER, (tenant, {**fields, "name": "张三"}), (tenant, {**fields, "name": "张叁"}))
    assert one_winner(outcomes), outcomes
    assert _registered(k, fields["id_number"]) == 1


def test_one_person_registered_in_two_schools_at_once_is_on_one_roll(k, tenant, other_tenant, clock):
    fields = person("李四", seq=78)
    outcomes = race(k, REGISTER, (tenant, fields), (other_tenant, fields))
    assert one_winner(outcomes), outcomes
    assert _registered(k, fields["id_number"]) == 1
