"""Two processes registering one person at once: exactly one wins, in a school and in the district."""
from __future__ import annotations

import pytest
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


def test_a_register_remembered_by_this_process_is_not_trusted_after_another_process_wrote(k, tenant, actor, clock):
    """This process remembers the school's register as it saved it and does not re-read it before the
    next registration; when another process registered someone since, the save collides and the
    command runs again on the register as stored, so the rule still holds."""
    from core.errors import DomainError
    from plugins.members import services

    services.register_member(k, tenant, person("王一", seq=80))            # remembered here
    elsewhere = person("王二", seq=81)
    assert race(k, REGISTER, (tenant, elsewhere))[0][0] == "won"          # written by another process
    with pytest.raises(DomainError):
        services.register_member(k, tenant, {**elsewhere, "name": "王贰"})
    services.register_member(k, tenant, person("王三", seq=82))
    assert [_registered(k, person("", seq=s)["id_number"]) for s in (80, 81, 82)] == [1, 1, 1]


def test_a_registration_catches_up_both_logs_it_wrote_in_one_read_model_transaction(k, tenant, actor, clock):
    from sqlalchemy import event

    from plugins.members import services

    services.register_member(k, tenant, person("赵一", seq=83))
    commits = []

    def committed(conn):
        commits.append(conn)
    event.listen(k.engine, "commit", committed)
    try:
        services.register_member(k, tenant, person("赵二", seq=84))
    finally:
        event.remove(k.engine, "commit", committed)
    assert len(commits) == 1
    with k.engine.connect() as conn:
        assert conn.scalar(select(members.c.name).where(members.c.id_number == person("", seq=84)["id_number"])) == "赵二"
    assert {s.log: s.lag for s in k.projector.states(["district", tenant])} == {"district": 0, tenant: 0}


def test_a_claim_the_read_model_does_not_know_of_is_found_in_the_log(k, tenant, other_tenant, actor, clock):
    """A registration of someone the read model has never seen presumes their district claim is new;
    when the log holds one all the same (taken by a registration a crash cut short), the save collides
    and the claim is read from the log: the person is refused, naming the school that holds them."""
    from uuid import uuid4

    from core.errors import DomainError
    from core.eventstore import DISTRICT
    from plugins.members import services
    from plugins.members.domain import RollClaim

    fields = person("孙一", seq=85)
    claim = RollClaim(id_number=fields["id_number"], holders=[], derived_from={"source": "test"})
    claim.take(other_tenant, uuid4())
    k.save(DISTRICT, claim)
    with pytest.raises(DomainError, match=other_tenant):
        services.register_member(k, tenant, fields)
    assert _registered(k, fields["id_number"]) == 0
