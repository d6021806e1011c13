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


def test_a_claim_opened_for_someone_new_is_taken_in_the_same_event(k, tenant, other_tenant, actor):
    """A registration of someone no roll has writes one event in the district's log, not an opening
    and a taking; the console says who took it."""
    from plugins.members.describe import describe
    district = k.stores.log(DISTRICT).recorder
    before = district.max_notification_id() or 0
    member = services.register_member(k, tenant, person("己", seq=51))
    assert (district.max_notification_id() or 0) - before == 1
    claim = _claim(k, person("己", seq=51))
    assert claim.version == 1 and claim.holders == [{"tenant": tenant, "member_id": str(member.id)}]
    opened = list(k.stores.log(DISTRICT).repository.event_store.get(claim.id))[0]
    assert type(opened) is RollClaim.Opened and opened.taken_by == {"tenant": tenant, "member_id": str(member.id)}
    assert describe(opened).endswith(f"对应的党员列入 {tenant} 支部名册")
    with pytest.raises(MemberError, match=f"仍在其他支部（{tenant}）"):
        services.register_member(k, other_tenant, person("己", seq=51))


def test_an_opening_stored_before_version_2_loads_taken_by_no_one(k, tenant, actor):
    """Claims opened before version 2 named no taker: they load with ``taken_by`` None and the
    holders they were opened with, and read as they did."""
    from plugins.members.describe import describe
    claim = RollClaim(id_number=person("庚", seq=61)["id_number"], holders=[{"tenant": tenant, "member_id": "m1"}],
                      derived_from={"source": "members read model"})
    mapper = k.stores.log(DISTRICT).mapper
    stored = mapper.to_stored_event(claim.collect_events()[0])
    state = mapper.transcoder.decode(stored.state)
    state.pop("taken_by"), state.pop("class_version")                    # as version 1 wrote it
    old = type(stored)(originator_id=stored.originator_id, originator_version=stored.originator_version,
                       topic=stored.topic, state=mapper.transcoder.encode(state))
    loaded = mapper.to_domain_event(old)
    assert loaded.taken_by is None and loaded.mutate(None).holders == [{"tenant": tenant, "member_id": "m1"}]
    assert describe(loaded).endswith(f"在册于：{tenant}）")
