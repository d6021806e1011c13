"""Pure rules of member development."""
from __future__ import annotations

from datetime import date

import pytest

from plugins.development import rules
from plugins.development.rules import RULES_2014, IntroducerCheck, RuleBook, RuleSet, Vote


def test_there_are_25_steps_in_5_stages_in_order():
    assert list(rules.STEPS) == list(range(1, 26))
    assert [rules.STEPS[n].stage for n in (1, 2, 3, 6, 7, 11, 12, 18, 19, 25)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_add_months_keeps_the_day_or_clamps_to_the_month_end():
    assert rules.add_months(date(2024, 3, 1), 1) == date(2024, 4, 1)
    assert rules.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert rules.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert rules.add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)


def test_age_on_counts_whole_years():
    assert rules.age_on(date(2006, 3, 15), date(2024, 3, 14)) == 17
    assert rules.age_on(date(2006, 3, 15), date(2024, 3, 15)) == 18


def test_a_publicity_window_counts_working_days_outside_holidays():
    assert rules.add_working_days(date(2025, 3, 3), 5) == date(2025, 3, 7)    # Mon → Fri
    assert rules.add_working_days(date(2025, 3, 6), 5) == date(2025, 3, 12)   # Thu → next Wed
    assert rules.add_working_days(date(2025, 3, 8), 5) == date(2025, 3, 14)   # Sat start counts from Mon


def test_a_publicity_period_over_national_day_skips_the_holiday_and_counts_the_make_up_saturday():
    # 2025: 1–8 Oct off, Sat 11 Oct a make-up working day (调休上班)
    assert rules.add_working_days(date(2025, 9, 29), 5) == date(2025, 10, 11)
    # 2026: 1–7 Oct off, Sat 10 Oct a make-up working day
    assert rules.add_working_days(date(2026, 9, 28), 5) == date(2026, 10, 9)
    assert rules.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 12)


def test_a_publicity_period_over_spring_festival_ends_after_the_holiday():
    # 2026: 15–23 Feb off (Spring Festival), Sat 14 Feb and Sat 28 Feb make-up working days
    assert rules.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 25)


@pytest.mark.parametrize("counts, passes", [
    (dict(entitled=20, present=15, written_opinions=0, yes=9, no=6, abstain=0), False),   # > ½ present only
    (dict(entitled=20, present=15, written_opinions=0, yes=10, no=5, abstain=0), False),  # exactly half
    (dict(entitled=20, present=15, written_opinions=0, yes=11, no=4, abstain=0), True),
    (dict(entitled=10, present=6, written_opinions=3, yes=6, no=3, abstain=0), True),     # written counted
])
def test_a_vote_passes_only_with_yes_above_half_of_those_entitled(counts, passes):
    v = Vote(**counts)
    assert rules.vote_error(v) is None
    assert rules.vote_passes(v) is passes


def test_a_vote_needs_more_than_half_present():
    assert "未超过" in rules.vote_error(Vote(entitled=10, present=5, written_opinions=3, yes=6, no=2, abstain=0))
    assert rules.vote_error(Vote(entitled=10, present=6, written_opinions=0, yes=6, no=0, abstain=0)) is None


def test_more_ballots_than_voters_is_not_a_vote():
    assert "不能超过" in rules.vote_error(Vote(entitled=10, present=6, written_opinions=0, yes=6, no=1, abstain=0))


def test_introducers_are_exactly_two_full_members_not_under_party_probation():
    a, b = IntroducerCheck("a", "甲", True, False), IntroducerCheck("b", "乙", True, False)
    assert rules.introducers_error([a, b], RULES_2014) is None
    assert "2名" in rules.introducers_error([a], RULES_2014)
    assert "2名" in rules.introducers_error([a, b, IntroducerCheck("c", "丙", True, False)], RULES_2014)
    assert "不是正式党员" in rules.introducers_error([a, IntroducerCheck("c", "丙", False, False)], RULES_2014)
    assert "留党察看" in rules.introducers_error([a, IntroducerCheck("c", "丙", True, True)], RULES_2014)


def test_the_rule_set_in_force_is_the_latest_that_started_on_or_before_the_day():
    local = RuleSet(name="本校", effective_from=date(2025, 1, 1), talk_within_months=2)
    book = RuleBook([local, RULES_2014])
    assert book.on(date(2024, 12, 31)) is RULES_2014
    assert book.on(date(2025, 1, 1)) is local
    assert book.on(date(2010, 1, 1)) is RULES_2014   # before any set: the oldest


def test_school_settings_equal_to_the_2014_rules_add_no_rule_set():
    assert RuleBook.from_settings({"talk_within_months": 1, "publicity_working_days": 5}).sets == (RULES_2014,)


def test_school_settings_form_a_local_rule_set_from_their_date():
    book = RuleBook.from_settings({"local_rules_from": "2025-09-01", "publicity_working_days": 7})
    assert book.on(date(2025, 8, 31)).publicity_working_days == 5
    assert book.on(date(2025, 9, 1)).publicity_working_days == 7
    assert book.on(date(2025, 9, 1)).talk_within_months == 1


def test_deadlines_follow_the_rule_set():
    dates = {1: date(2024, 3, 1), 3: date(2024, 4, 1), 13: date(2024, 6, 10), 15: date(2024, 7, 1)}
    assert rules.deadline(2, dates, RULES_2014).due == date(2024, 4, 1)
    assert rules.deadline(6, dates, RULES_2014).due == date(2024, 10, 1)
    assert rules.deadline(15, dates, RULES_2014).due == date(2024, 7, 10)
    approval = rules.deadline(17, dates, RULES_2014)
    assert (approval.due, approval.limit) == (date(2024, 10, 1), date(2025, 1, 1))
    assert rules.earliest(7, dates, RULES_2014) == date(2025, 4, 1)
    vote = rules.deadline(23, dates, RULES_2014, probation_end=date(2025, 7, 1))
    assert (vote.earliest, vote.due) == (date(2025, 7, 1), date(2025, 8, 1))


def test_training_rule():
    assert rules.training_error(3, None, RULES_2014) is None
    assert rules.training_error(None, 24, RULES_2014) is None
    assert rules.training_error(2.5, 23, RULES_2014)


def test_leaving_within_three_months_is_blocked_and_after_is_not():
    on = date(2024, 6, 1)
    assert rules.leaving_error(date(2024, 9, 1), on, RULES_2014)
    assert rules.leaving_error(date(2024, 9, 2), on, RULES_2014) is None
    assert rules.leaving_error(None, on, RULES_2014) is None


def test_completeness_counts_the_records_of_the_steps_done():
    c = rules.completeness([1, 2, 3], {"application", "talk_record"})
    assert c.required == ["application", "talk_record", "recommendation", "activist_minutes"]
    assert c.missing == ["recommendation", "activist_minutes"] and c.ratio == 0.5


def test_id_number_checksum():
    assert rules.id_number_error("11010519491231002X") is None
    assert rules.id_number_error("110105194912310021") == "身份证号校验位不正确"
    assert rules.birth_date_from_id("11010519491231002X") == date(1949, 12, 31)
