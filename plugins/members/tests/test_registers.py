"""Rules that span several members: an ID number once per school, a person on one roll in the district."""
from __future__ import annotations

from datetime import date

import pytest

from core.eventstore import DISTRICT
from plugins.members import services
from plugins.members.domain import MemberError, MemberRegister, RollClaim
from plugins.members.tests.conftest import person


def _claim(k, fields) -> RollClaim:
    return k.get(DISTRICT, RollClaim.create_id(fields["id_number"]), RollClaim)


def test_an_id_number_is_registered_once_in_a_school_and_a_correction_moves_it(k, tenant, actor):
    first = services.register_member(k, tenant, person("甲", seq=11))
    with pytest.raises(MemberError, match="本支部已有相同身份证号") as refused:
        services.register_member(k, tenant, person("甲二", seq=11))
    assert refused.value.field == "id_number"
    services.correct_member(k, tenant, first.id, {"id_number": person("甲", seq=12)["id_number"]})
    second = services.register_member(k, tenant, person("乙", seq=11))   # the old number is free again
    register = k.get(tenant, MemberRegister.create_id(tenant), MemberRegister)
    assert register.numbers == {person("甲", seq=12)["id_number"]: str(first.id),
                                person("乙", seq=11)["id_number"]: str(second.id)}
    assert _claim(k, person("甲", seq=11)).holders == [{"tenant": tenant, "member_id": str(second.id)}]
    assert _claim(k, person("甲", seq=12)).holders == [{"tenant": tenant, "member_id": str(first.id)}]


def test_a_person_is_on_one_roll_in_the_district_until_they_leave_it(k, tenant, other_tenant, actor):
    fields = person("丙", seq=21)
    member = services.register_member(k, tenant, fields)
    with pytest.raises(MemberError, match="仍在其他支部"):
        services.register_member(k, other_tenant, fields)
    services.transfer_out(k, tenant, member.id, "L1", "实验小学党支部", date(2026, 9, 1))
    assert _claim(k, fields).holders == []
    transfer = services.transfer_in(k, other_tenant, "L1", "第一中学党支部", date(2026, 9, 2), fields=fields)
    with pytest.raises(MemberError, match=f"仍在其他支部（{other_tenant}）"):   # back to the first school
        services.transfer_in(k, tenant, "L2", "实验小学党支部", date(2026, 10, 1), member_id=member.id)
    services.change_status(k, other_tenant, transfer.member_id, "deceased", date(2026, 10, 5), "病故")
    assert _claim(k, fields).holders == []


def test_a_claim_is_given_back_when_the_schools_save_fails(k, tenant, actor, monkeypatch):
    fields = person("丁", seq=31)
    save = k.save

    def failing(log_name, *aggregates):
        if log_name == tenant:
            raise RuntimeError("disk full")
        return save(log_name, *aggregates)
    monkeypatch.setattr(k, "save", failing)
    with pytest.raises(RuntimeError):
        services.register_member(k, tenant, fields)
    monkeypatch.setattr(k, "save", save)
    claim = _claim(k, fields)
    assert claim.holders == [] and type(claim).Released in {type(e) for e in
                                                             k.stores.log(DISTRICT).repository.event_store.get(claim.id)}
    services.register_member(k, tenant, fields)
    assert len(_claim(k, fields).holders) == 1


def test_an_expulsion_releases_the_claim(k, tenant, actor):
    fields = person("戊", seq=41)
    member = services.register_member(k, tenant, fields)
    services.record_sanction(k, tenant, member.id, "开除党籍", date(2026, 3, 1), None, "严重违纪")
    assert _claim(k, fields).holders == []
