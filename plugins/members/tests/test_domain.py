"""The aggregates of the registry, without storage."""
from datetime import date

import pytest

from plugins.members.domain import Member, MemberError, Organisation, Transfer
from plugins.members.tests.conftest import person


def test_a_member_is_registered_with_required_fields_only():
    with pytest.raises(MemberError) as refused:
        Member.register({"name": "张三", "gender": "male"}, status="full")
    assert refused.value.message == "请填写：身份证号、入党日期"
    assert refused.value.field == "id_number"


def test_a_full_member_needs_a_conversion_date():
    fields = person("张三")
    fields.pop("converted_on")
    with pytest.raises(MemberError, match="正式党员须填写转正日期"):
        Member.register(fields, status="full")


def test_a_member_cannot_be_registered_with_a_bad_id_checksum():
    with pytest.raises(MemberError, match="身份证号校验位不正确"):
        Member.register(person("张三", id_number="110105198005060011"), status="full")


def test_a_correction_keeps_before_and_after():
    member = Member.register(person("张三", job_post="语文教师"), status="full")
    changes = member.correct({"job_post": "教务处主任", "name": "张三"})
    assert changes == {"job_post": {"before": "语文教师", "after": "教务处主任"}}
    assert member.fields["job_post"] == "教务处主任"
    assert type(member.collect_events()[-1]).__name__ == "FieldsCorrected"


def test_a_correction_without_change_is_refused():
    member = Member.register(person("张三"), status="full")
    with pytest.raises(MemberError, match="没有需要更正的内容"):
        member.correct({"name": "张三"})


def test_a_refused_status_change_says_why_and_records_nothing():
    member = Member.register(person("张三"), status="full")
    member.change_status("deceased", date(2026, 1, 1), "病故")
    with pytest.raises(MemberError, match="不能从「去世」直接变为「正式党员」"):
        member.change_status("full", date(2026, 2, 1), "误登")
    assert member.version == 2


def test_a_status_change_needs_a_reason():
    member = Member.register(person("张三"), status="full")
    with pytest.raises(MemberError, match="须说明原因"):
        member.change_status("lost_contact", date(2026, 1, 1), "  ")


def test_party_probation_is_recorded_with_its_period():
    member = Member.register(person("张三"), status="full")
    member.record_sanction("留党察看", date(2026, 1, 1), date(2027, 1, 1), "违反工作纪律")
    assert member.under_party_probation(date(2026, 12, 31))
    assert not member.under_party_probation(date(2027, 1, 2))


def test_an_election_needs_a_secretary_and_ends_after_the_previous_term():
    org = Organisation(tenant="school-a")
    with pytest.raises(MemberError, match="有且只有一名书记"):
        org.elect(date(2024, 9, 1), date(2027, 8, 31), [{"member_id": "a", "name": "甲", "post": "deputy"}])
    org.elect(date(2024, 9, 1), date(2027, 8, 31), [{"member_id": "a", "name": "甲", "post": "secretary"}])
    with pytest.raises(MemberError, match="晚于上一届"):
        org.elect(date(2024, 9, 1), date(2027, 8, 31), [{"member_id": "b", "name": "乙", "post": "secretary"}])


def test_a_second_secretary_cannot_be_appointed_while_the_post_is_held():
    org = Organisation(tenant="school-a")
    org.elect(date(2024, 9, 1), date(2027, 8, 31), [{"member_id": "a", "name": "甲", "post": "secretary"}])
    with pytest.raises(MemberError, match="书记已有人担任"):
        org.fill_seat("b", "乙", "secretary", date(2025, 1, 1))
    org.vacate_seat("a", date(2025, 1, 1), "调离")
    org.fill_seat("b", "乙", "secretary", date(2025, 1, 2))
    assert [s["name"] for s in org.seats] == ["乙"]


def test_the_organisation_id_is_derived_from_the_school():
    assert Organisation(tenant="school-a").id == Organisation.create_id("school-a")
    assert Organisation.create_id("school-a") != Organisation.create_id("school-b")


def test_a_letter_valid_longer_than_allowed_is_refused():
    with pytest.raises(MemberError, match="最长 3 个月"):
        Transfer.issue("out", "m", "甲", "L1", "某党委", date(2026, 1, 1), date(2026, 6, 1), None, 3)


def test_a_receipt_is_recorded_once():
    transfer = Transfer.issue("out", "m", "甲", "L1", "某党委", date(2026, 1, 1), date(2026, 4, 1), "2025-12", 3)
    transfer.return_receipt(date(2026, 1, 20))
    with pytest.raises(MemberError, match="回执已登记"):
        transfer.return_receipt(date(2026, 1, 21))
