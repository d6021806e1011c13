"""The development case aggregate: each guard at its boundary, each deadline one day past it."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from plugins.development import rules
from plugins.development.domain import DevelopmentCase, DevelopmentError
from plugins.development.rules import IntroducerCheck, RuleBook
from plugins.development.tests.helpers import person, vote

BOOK = RuleBook()
FULL = [IntroducerCheck(f"m{i}", f"党员{i}", True, False) for i in range(4)]
APPLIED = date(2024, 3, 1)


def new_case(applied_on: date = APPLIED, birth: date = date(1995, 3, 15)) -> DevelopmentCase:
    return DevelopmentCase.open(person(birth), applied_on, applied_on, BOOK)


def record(case, step, on, **kw):
    kw.setdefault("people", FULL[:2] if step in (5, 9) else None)
    data = kw.pop("data", None)
    if data is None:
        data = {11: {"days": 3}, 15: vote(), 23: vote()}.get(step, {})
    case.record_step(step, on, kw.pop("today", on + timedelta(days=400)), BOOK, data=data, **kw)


def advance(case, upto: int, gap: int = 3) -> date:
    """Walk steps on the earliest allowed days, with publicity where needed."""
    day = case.last_date
    while case.next_step and case.next_step <= upto:
        step = case.next_step
        day += timedelta(days=gap)
        if step == 7:
            day = max(day, rules.add_months(case.steps[3]["on"], 12))
        if step == 22:
            day = max(day, case.probation_end - timedelta(days=10))
        if step == 23:
            day = max(day, case.probation_end)
        kind = {8: "target", 13: "admission", 23: "conversion"}.get(step)
        if kind:
            case.open_publicity(kind, day, day, BOOK)
            day = rules.add_working_days(day, 5) + timedelta(days=1)
        record(case, step, day)
        if step == 17:
            case.admit("member-1", BOOK)
        if step == 24:
            case.convert()
    return day


# -- guards ------------------------------------------------------------------------------------
def test_an_applicant_of_17_years_and_364_days_is_refused():
    with pytest.raises(DevelopmentError, match="年满18周岁"):
        new_case(applied_on=date(2024, 3, 14), birth=date(2006, 3, 15))


def test_an_applicant_on_the_18th_birthday_is_accepted():
    assert new_case(applied_on=date(2024, 3, 15), birth=date(2006, 3, 15)).status == "applicant"


def test_the_birth_date_must_match_the_id_number():
    with pytest.raises(DevelopmentError, match="不一致"):
        DevelopmentCase.open({**person(), "birth_date": date(1990, 1, 1)}, APPLIED, APPLIED, BOOK)


def test_an_invalid_id_number_is_refused():
    good = person()["id_number"]
    bad = good[:-1] + ("1" if good[-1] == "0" else "0")
    with pytest.raises(DevelopmentError, match="校验位"):
        DevelopmentCase.open({**person(), "id_number": bad}, APPLIED, APPLIED, BOOK)


def test_364_days_as_activist_is_not_enough_to_become_a_development_target():
    case = new_case()
    advance(case, 6)
    year = rules.add_months(case.steps[3]["on"], 12)
    with pytest.raises(DevelopmentError, match="最早可于"):
        record(case, 7, year - timedelta(days=1))
    record(case, 7, year)
    assert case.status == "target"


def test_one_introducer_is_refused():
    case = new_case()
    advance(case, 8)
    with pytest.raises(DevelopmentError, match="须为2名"):
        record(case, 9, case.last_date + timedelta(days=1), people=FULL[:1])


def test_the_same_introducer_twice_is_refused():
    case = new_case()
    advance(case, 8)
    with pytest.raises(DevelopmentError, match="须为2名"):
        record(case, 9, case.last_date + timedelta(days=1), people=[FULL[0], FULL[0]])


def test_a_probationary_introducer_is_refused():
    case = new_case()
    advance(case, 8)
    probationary = IntroducerCheck("p", "预备党员甲", False, False)
    with pytest.raises(DevelopmentError, match="预备党员甲不是正式党员"):
        record(case, 9, case.last_date + timedelta(days=1), people=[FULL[0], probationary])


def test_an_introducer_under_party_probation_is_refused():
    case = new_case()
    advance(case, 8)
    sanctioned = IntroducerCheck("s", "党员乙", True, True)
    with pytest.raises(DevelopmentError, match="留党察看"):
        record(case, 9, case.last_date + timedelta(days=1), people=[FULL[0], sanctioned])


def test_cultivation_contacts_are_one_or_two_full_members():
    case = new_case()
    advance(case, 4)
    with pytest.raises(DevelopmentError, match="1至2名"):
        record(case, 5, case.last_date + timedelta(days=1), people=FULL[:3])
    record(case, 5, case.last_date + timedelta(days=1), people=FULL[:1])


@pytest.mark.parametrize("data, ok", [({"days": 2.5, "hours": 23}, False), ({"days": 3}, True),
                                      ({"hours": 24}, True), ({}, False)])
def test_training_needs_three_days_or_24_class_hours(data, ok):
    case = new_case()
    advance(case, 10)
    day = case.last_date + timedelta(days=1)
    if ok:
        record(case, 11, day, data=data)
        assert 11 in case.steps
    else:
        with pytest.raises(DevelopmentError, match="不少于3天或24个学时"):
            record(case, 11, day, data=data)


def test_a_candidate_leaving_within_three_months_is_blocked_at_pre_review():
    case = new_case()
    advance(case, 12)
    day = case.last_date + timedelta(days=3)
    case.open_publicity("admission", day, day, BOOK)
    day = rules.add_working_days(day, 5) + timedelta(days=1)
    with pytest.raises(DevelopmentError, match="3个月内离开本单位"):
        record(case, 13, day, data={"leaving_on": rules.add_months(day, 3)})
    record(case, 13, day, data={"leaving_on": rules.add_months(day, 3) + timedelta(days=1)})


def test_an_expired_political_review_blocks_the_vote():
    case = new_case()
    advance(case, 10)
    late = rules.add_months(case.steps[10]["on"], 12) + timedelta(days=1)
    # training, committee review and pre-review happen long after the review
    record(case, 11, late - timedelta(days=40))
    record(case, 12, late - timedelta(days=35))
    case.open_publicity("admission", late - timedelta(days=34), late - timedelta(days=34), BOOK)
    record(case, 13, late - timedelta(days=20))
    record(case, 14, late - timedelta(days=10))
    with pytest.raises(DevelopmentError, match="政治审查须在表决前完成且在有效期"):
        record(case, 15, late)


def test_the_vote_fails_when_yes_exceeds_half_of_those_present_but_not_half_of_those_entitled():
    case = new_case()
    advance(case, 14)
    record(case, 15, case.last_date + timedelta(days=1), data=vote(entitled=20, present=15, written=0, yes=9, no=6))
    assert case.status == "refused" and 15 not in case.steps


def test_written_opinions_count_in_the_vote():
    case = new_case()
    advance(case, 14)
    # 6 present and 3 written opinions; 6 yes of 10 entitled passes
    record(case, 15, case.last_date + timedelta(days=1), data=vote(entitled=10, present=6, written=3, yes=6, no=3))
    assert 15 in case.steps


def test_without_a_quorum_there_is_no_vote():
    case = new_case()
    advance(case, 14)
    with pytest.raises(DevelopmentError, match="未超过应到会人数"):
        record(case, 15, case.last_date + timedelta(days=1), data=vote(entitled=10, present=5, written=4, yes=6))


def test_the_vote_must_match_the_recorded_congress():
    case = new_case()
    advance(case, 14)
    day = case.last_date + timedelta(days=1)
    attendance = {"held_on": day, "type": "congress", "entitled": 12, "present": 8, "written_opinions": 1}
    with pytest.raises(DevelopmentError, match="应到会人数与会议记录不一致"):
        case.record_step(15, day, day, BOOK, data={**vote(), "meeting_id": "m"}, attendance=attendance)
    case.record_step(15, day, day, BOOK, data={**vote(entitled=12), "meeting_id": "m"}, attendance=attendance)
    assert case.steps[15]["data"]["vote"]["meeting_id"] == "m"


def test_extension_is_6_to_12_months_and_only_once():
    case = new_case()
    advance(case, 21)
    end = case.probation_end
    for months in (5, 13):
        with pytest.raises(DevelopmentError, match="6至12个月"):
            case.extend_probation(end, months, "继续考察", end, BOOK)
    case.extend_probation(end, 12, "继续考察", end, BOOK)
    with pytest.raises(DevelopmentError, match="只能延长1次"):
        case.extend_probation(end, 6, "再次延长", end, BOOK)


def test_refusal_is_not_possible_once_admitted():
    case = new_case()
    advance(case, 18)
    with pytest.raises(DevelopmentError, match="延长预备期或取消"):
        case.refuse(case.last_date, "不合格", case.last_date)


def test_probation_is_one_year_from_the_congress_and_conversion_dates_from_its_end():
    case = new_case()
    advance(case, 25)
    congress = case.steps[15]["on"]
    assert case.probation_end == date(congress.year + 1, congress.month, congress.day)
    assert case.converted_on == case.probation_end and case.status == "full" and case.closed_on


# -- deadlines: on the day is on time, the day after is late and needs a reason ------------
def _late_check(case, step, due, **kw):
    """Record ``step`` one day past ``due``: refused without a reason, marked late with one."""
    with pytest.raises(DevelopmentError, match="须说明逾期原因"):
        record(case, step, due + timedelta(days=1), **kw)
    record(case, step, due + timedelta(days=1), late_reason="书记外出", **kw)
    return case


def test_the_talk_is_late_one_day_after_a_month():
    on_time = new_case()
    record(on_time, 2, date(2024, 4, 1))
    assert on_time.steps[2]["late"] is False
    case = _late_check(new_case(), 2, date(2024, 4, 1))
    assert case.steps[2]["late"] is True


def test_activist_assessments_are_late_one_day_after_six_months():
    case = new_case()
    advance(case, 5)
    due = rules.add_months(case.steps[3]["on"], 6)
    _late_check(case, 6, due)
    nxt = rules.add_months(due + timedelta(days=1), 6)
    with pytest.raises(DevelopmentError, match="须说明逾期原因"):
        case.record_assessment(nxt + timedelta(days=1), nxt + timedelta(days=1), BOOK)
    case.record_assessment(nxt, nxt, BOOK)
    assert case.assessments[-1] == nxt


def test_the_congress_is_late_one_day_after_a_month_from_pre_review():
    case = new_case()
    advance(case, 14, gap=1)
    _late_check(case, 15, rules.add_months(case.steps[13]["on"], 1))
    assert case.steps[15]["late"] is True


def test_approval_after_three_months_needs_a_special_reason_and_never_after_six():
    case = new_case()
    advance(case, 16, gap=1)
    congress = case.steps[15]["on"]
    due, limit = rules.add_months(congress, 3), rules.add_months(congress, 6)
    with pytest.raises(DevelopmentError, match="须说明特殊原因"):
        record(case, 17, due + timedelta(days=1))
    with pytest.raises(DevelopmentError, match="最长期限"):
        record(case, 17, limit + timedelta(days=1), late_reason="特殊")
    record(case, 17, due + timedelta(days=1), late_reason="党委换届")
    assert case.status == "probationary"


def test_the_conversion_application_is_late_one_day_after_probation_ends():
    case = new_case()
    advance(case, 21)
    _late_check(case, 22, case.probation_end)


def test_the_conversion_vote_is_not_before_expiry_and_late_one_day_after_a_month():
    case = new_case()
    advance(case, 22)
    end = case.probation_end
    case.open_publicity("conversion", case.last_date, case.last_date, BOOK)
    with pytest.raises(DevelopmentError, match="不能早于"):
        record(case, 23, end - timedelta(days=1))
    _late_check(case, 23, rules.add_months(end, 1))


def test_conversion_approval_is_late_one_day_after_three_months():
    case = new_case()
    advance(case, 23)
    _late_check(case, 24, rules.add_months(case.steps[23]["on"], 3))
