"""Member development services: the story of one case from application to conversion, and named cases."""
from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest

from core import context
from core.errors import ConflictError
from plugins.development import queries, rules, services
from plugins.development.domain import DevelopmentError
from plugins.development.tests.helpers import full_members, id_number, person, set_today, vote, walk
from plugins.members import public as members
from tenants import services as tenant_services


@pytest.fixture
def fulls(k, tenant, actor):
    return full_members(k, tenant)


def open_case(k, tenant, clock, applied_on=date(2024, 3, 1), **kw):
    set_today(clock, applied_on)
    return services.open_case(k, tenant, person(**kw), applied_on)


def test_a_case_from_application_to_conversion_puts_the_person_on_the_roll_with_the_case_dates(
        k, tenant, clock, actor, fulls):
    case = open_case(k, tenant, clock, date(2024, 3, 1))
    # The applicant is talked to, becomes an activist, is cultivated for a year ...
    walk(k, tenant, clock, case.id, 14, fulls)
    case = k.get(tenant, case.id)
    assert case.status == "target"
    # ... the congress votes (one candidate), the committee talks to them and approves.
    congress = case.last_date + timedelta(days=10)
    set_today(clock, congress)
    services.record_step(k, tenant, case.id, 15, congress, data=vote(entitled=10, present=8, yes=7))
    walk(k, tenant, clock, case.id, 17, fulls)
    case = k.get(tenant, case.id)
    assert case.status == "probationary" and case.member_id
    member = members.get_member(k, tenant, UUID(case.member_id))
    assert member.status == "probationary"
    assert member.joined_on == congress
    assert case.probation_end == rules.add_months(congress, 12)
    # A year later the congress votes on conversion and the committee approves it.
    walk(k, tenant, clock, case.id, 25, fulls)
    case = k.get(tenant, case.id)
    member = members.get_member(k, tenant, UUID(case.member_id))
    assert member.status == "full"
    assert member.converted_on == rules.add_months(congress, 12)   # party age counts from expiry
    row = queries.get_case(k, tenant, case.id)
    assert row.status == "full" and row.next_step is None and row.on_time is True
    assert row.converted_on == member.converted_on
    assert row.late_steps == 0


def test_admission_fields_come_from_the_case(k, tenant, clock, actor, fulls):
    case = open_case(k, tenant, clock, date(2024, 3, 1), category="student", name="王小雨")
    walk(k, tenant, clock, case.id, 17, fulls)
    case = k.get(tenant, case.id)
    member = members.get_member(k, tenant, UUID(case.member_id))
    assert (member.name, member.category, member.birth_date) == ("王小雨", "student", date(1995, 3, 15))


def test_a_failed_admission_vote_refuses_the_case_and_registers_no_one(k, tenant, clock, actor, fulls):
    case = open_case(k, tenant, clock)
    walk(k, tenant, clock, case.id, 14, fulls)
    day = k.get(tenant, case.id).last_date + timedelta(days=3)
    set_today(clock, day)
    # yes 9 > half of the 15 present, but not > half of the 20 entitled
    services.record_step(k, tenant, case.id, 15, day, data=vote(entitled=20, present=15, written=0, yes=9, no=6))
    row = queries.get_case(k, tenant, case.id)
    assert row.status == "refused" and row.close_reason == "支部大会表决未通过"
    assert members.probationary_members(k, tenant) == []


def test_extension_moves_the_end_of_probation_and_conversion_is_then_not_on_time(k, tenant, clock, actor, fulls):
    case = open_case(k, tenant, clock)
    walk(k, tenant, clock, case.id, 21, fulls)
    case = k.get(tenant, case.id)
    end = case.probation_end
    set_today(clock, end)
    services.extend_probation(k, tenant, case.id, end, 6, "需要继续考察")
    case = k.get(tenant, case.id)
    assert case.probation_end == rules.add_months(end, 6)
    with pytest.raises(DevelopmentError, match="只能延长1次"):
        services.extend_probation(k, tenant, case.id, end, 6, "再次延长")
    walk(k, tenant, clock, case.id, 24, fulls)
    row = queries.get_case(k, tenant, case.id)
    assert row.on_time is False and row.extensions == 1
    assert members.get_member(k, tenant, row.member_id).converted_on == rules.add_months(end, 6)


def test_cancellation_removes_the_probationary_member_from_the_roll(k, tenant, clock, actor, fulls):
    case = open_case(k, tenant, clock)
    walk(k, tenant, clock, case.id, 20, fulls)
    case = k.get(tenant, case.id)
    day = case.last_date + timedelta(days=30)
    set_today(clock, day)
    services.cancel_probation(k, tenant, case.id, day, "不履行党员义务")
    assert queries.get_case(k, tenant, case.id).status == "cancelled"
    assert members.get_member(k, tenant, UUID(case.member_id)).status == "removed"


def test_an_introducer_who_is_a_probationary_member_is_refused(k, tenant, clock, actor, fulls):
    case = open_case(k, tenant, clock)
    walk(k, tenant, clock, case.id, 8, fulls)
    probationary = str(members.admit_probationary(k, tenant, {**_fields(), "name": "新党员"}))
    day = k.get(tenant, case.id).last_date + timedelta(days=1)
    set_today(clock, day)
    with pytest.raises(DevelopmentError, match="新党员不是正式党员"):
        services.record_step(k, tenant, case.id, 9, day, data={"introducers": [fulls[0], probationary]})
    with pytest.raises(DevelopmentError, match="须为2名"):
        services.record_step(k, tenant, case.id, 9, day, data={"introducers": [fulls[0]]})
    services.record_step(k, tenant, case.id, 9, day, data={"introducers": fulls[:2]})
    assert [p["name"] for p in k.get(tenant, case.id).steps[9]["data"]["introducers"]] == ["老党员0", "老党员1"]


def _fields() -> dict:
    birth = date(1990, 1, 1)
    return {"gender": "male", "id_number": id_number(birth, 700), "birth_date": birth,
            "joined_on": date(2024, 1, 1)}


def test_a_member_of_another_school_cannot_be_an_introducer(k, tenant, other_tenant, clock, actor, fulls):
    others = full_members(k, other_tenant, 2, seq=700)
    case = open_case(k, tenant, clock)
    walk(k, tenant, clock, case.id, 8, fulls)
    day = k.get(tenant, case.id).last_date + timedelta(days=1)
    set_today(clock, day)
    with pytest.raises(DevelopmentError, match="不在本支部名册"):
        services.record_step(k, tenant, case.id, 9, day, data={"introducers": others})


def test_one_open_case_per_person(k, tenant, clock, actor):
    open_case(k, tenant, clock)
    with pytest.raises(DevelopmentError, match="已有进行中"):
        open_case(k, tenant, clock)


def test_a_stale_expected_version_is_a_conflict(k, tenant, clock, actor):
    case = open_case(k, tenant, clock)
    set_today(clock, date(2024, 3, 10))
    with pytest.raises(ConflictError):
        services.record_step(k, tenant, case.id, 2, date(2024, 3, 10), expected_version=case.version + 1)


def test_a_step_recorded_after_the_fact_keeps_the_day_it_happened(k, tenant, clock, actor):
    case = open_case(k, tenant, clock)
    set_today(clock, date(2024, 5, 1))
    services.record_step(k, tenant, case.id, 2, date(2024, 3, 20))
    row = [s for s in queries.case_steps(k, tenant, case.id) if s.step == 2][0]
    assert (row.happened_on, row.recorded_on, row.late) == (date(2024, 3, 20), date(2024, 5, 1), False)


def test_a_step_cannot_be_dated_in_the_future_or_before_the_previous_one(k, tenant, clock, actor):
    case = open_case(k, tenant, clock)
    set_today(clock, date(2024, 3, 10))
    with pytest.raises(DevelopmentError, match="不能晚于今天"):
        services.record_step(k, tenant, case.id, 2, date(2024, 3, 11))
    with pytest.raises(DevelopmentError, match="不能早于上一步骤"):
        services.record_step(k, tenant, case.id, 2, date(2024, 2, 28))


def test_steps_must_follow_each_other(k, tenant, clock, actor):
    case = open_case(k, tenant, clock)
    set_today(clock, date(2024, 3, 10))
    with pytest.raises(DevelopmentError, match="下一步是第2步"):
        services.record_step(k, tenant, case.id, 3, date(2024, 3, 10))


def test_a_school_rule_set_judges_only_steps_after_its_effective_date(k, tenant, clock, actor, make_tenant):
    """The 2014 rules say talk within a month; from 2025 the school allows two months."""
    with context.acting(context.system("test", source="test")):
        tenant_services.configure_plugin(k, tenant, "development",
                                         {"local_rules_from": "2025-01-01", "talk_within_months": 2})
    old = open_case(k, tenant, clock, date(2024, 9, 1), seq=1)
    set_today(clock, date(2024, 10, 15))
    with pytest.raises(DevelopmentError, match="须说明逾期原因"):
        services.record_step(k, tenant, old.id, 2, date(2024, 10, 15))
    services.record_step(k, tenant, old.id, 2, date(2024, 10, 15), late_reason="书记外出培训")
    new = open_case(k, tenant, clock, date(2025, 3, 1), seq=2)
    set_today(clock, date(2025, 4, 15))
    services.record_step(k, tenant, new.id, 2, date(2025, 4, 15))
    steps = {s.case_id: s for s in queries.year_steps(k, tenant, 2024) + queries.year_steps(k, tenant, 2025)}
    assert (steps[old.id].late, steps[old.id].rule_set) == (True, "2014年细则")
    assert (steps[new.id].late, steps[new.id].rule_set) == (False, "本校规则")


def test_publicity_must_have_ended_without_open_objections_before_filing(k, tenant, clock, actor, fulls):
    case = open_case(k, tenant, clock)
    walk(k, tenant, clock, case.id, 7, fulls)
    start = k.get(tenant, case.id).last_date + timedelta(days=1)
    set_today(clock, start)
    with pytest.raises(DevelopmentError, match="须先进行发展对象公示"):
        services.record_step(k, tenant, case.id, 8, start)
    services.open_publicity(k, tenant, case.id, "target", start)
    end = rules.add_working_days(start, 5)
    assert k.get(tenant, case.id).publicity["target"]["end"] == end
    services.record_objection(k, tenant, case.id, "target", start, "群众反映工作作风问题")
    set_today(clock, end + timedelta(days=1))
    with pytest.raises(DevelopmentError, match="尚未处理完毕"):
        services.record_step(k, tenant, case.id, 8, end + timedelta(days=1))
    services.resolve_objection(k, tenant, case.id, "target", 0, "经核查，反映不属实")
    services.record_step(k, tenant, case.id, 8, end + timedelta(days=1))
    pub = queries.case_publicity(k, tenant, case.id)[0]
    assert pub.objections[0]["resolution"] == "经核查，反映不属实"


def test_publicity_length_comes_from_the_school_settings(k, tenant, clock, actor, fulls):
    with context.acting(context.system("test", source="test")):
        tenant_services.configure_plugin(k, tenant, "development", {"publicity_working_days": 7})
    case = open_case(k, tenant, clock)
    walk(k, tenant, clock, case.id, 7, fulls)
    start = k.get(tenant, case.id).last_date + timedelta(days=1)
    while start.weekday() != 4:  # a Friday
        start += timedelta(days=1)
    set_today(clock, start)
    services.open_publicity(k, tenant, case.id, "target", start)
    # Fri, then Mon–Fri, then Mon: seven working days end on the second Monday
    assert k.get(tenant, case.id).publicity["target"]["end"] == start + timedelta(days=10)


def test_documents_are_stored_by_hash_and_count_towards_completeness(k, tenant, clock, actor):
    case = open_case(k, tenant, clock)
    row = queries.get_case(k, tenant, case.id)
    assert queries.completeness(k, tenant, row).ratio == 0
    services.attach_document(k, tenant, case.id, "application", b"%PDF-1.4 application", "申请书.pdf")
    docs = queries.case_documents(k, tenant, case.id)
    assert docs[0].name == "申请书.pdf" and len(docs[0].sha256) == 64
    assert queries.completeness(k, tenant, queries.get_case(k, tenant, case.id)).ratio == 1


def test_refusal_closes_an_open_case_with_its_reason(k, tenant, clock, actor):
    case = open_case(k, tenant, clock)
    set_today(clock, date(2024, 3, 20))
    services.refuse(k, tenant, case.id, date(2024, 3, 20), "本人撤回申请")
    row = queries.get_case(k, tenant, case.id)
    assert (row.status, row.close_reason, row.next_step) == ("refused", "本人撤回申请", None)
    with pytest.raises(DevelopmentError, match="已结束"):
        services.record_step(k, tenant, case.id, 2, date(2024, 3, 20))


def test_work_list_puts_overdue_first(k, tenant, clock, actor):
    a = open_case(k, tenant, clock, date(2024, 3, 1), seq=1, name="甲")
    b = open_case(k, tenant, clock, date(2024, 4, 10), seq=2, name="乙")
    items = queries.worklist(k, tenant, date(2024, 4, 15), services.rule_book(k, tenant))
    assert [(i.case_id, i.overdue, i.due) for i in items] == [
        (a.id, True, date(2024, 4, 1)), (b.id, False, date(2024, 5, 10))]


def test_corrections_keep_before_and_after(k, tenant, clock, actor):
    case = open_case(k, tenant, clock)
    set_today(clock, date(2024, 3, 10))
    services.record_step(k, tenant, case.id, 2, date(2024, 3, 10), notes="谈话")
    services.correct_step(k, tenant, case.id, 2, "记录不完整", notes="谈话：了解入党动机")
    text = queries.case_history(k, tenant, case.id)[-1].text
    assert "由「谈话」改为「谈话：了解入党动机」" in text
    assert [s.notes for s in queries.case_steps(k, tenant, case.id) if s.step == 2] == ["谈话：了解入党动机"]


def test_the_rosters_list_people_by_what_they_were_on_the_day(k, tenant, clock, actor, fulls):
    case = open_case(k, tenant, clock, date(2024, 3, 1))
    walk(k, tenant, clock, case.id, 3, fulls)
    activist_on = k.get(tenant, case.id).steps[3]["on"]
    before = queries.roster(k, tenant, activist_on - timedelta(days=1))
    after = queries.roster(k, tenant, activist_on)
    assert [r.id for r in before["applicant"]] == [case.id] and before["activist"] == []
    assert [r.id for r in after["activist"]] == [case.id] and after["applicant"] == []
    assert queries.roster(k, tenant, date(2024, 2, 1))["applicant"] == []

