from datetime import date
from decimal import Decimal

import pytest

from plugins.dues import rules
from plugins.dues.rules import Bracket, Policy, RuleSet, monthly_amount, obligations, reports

JAN = date(2026, 1, 1)


@pytest.mark.parametrize("base, amount", [
    ("0.01", "0.00"), ("2999.99", "15.00"), ("3000", "15.00"), ("3000.00", "15.00"), ("3000.01", "30.00"),
    ("4999.99", "50.00"), ("5000", "50.00"), ("5000.01", "75.00"), ("9999.99", "150.00"),
    ("10000", "150.00"), ("10000.01", "200.00"), ("12345.67", "246.91"),
])
def test_employed_brackets_include_their_upper_limit(base, amount):
    assert monthly_amount("employed", Decimal(base), JAN) == Decimal(amount)


@pytest.mark.parametrize("category", ["annual_salary", "self_employed"])
def test_annual_salary_and_self_employed_use_the_employed_brackets(category):
    assert monthly_amount(category, Decimal("3000.01"), JAN) == Decimal("30.00")


@pytest.mark.parametrize("base, amount", [("4999.99", "25.00"), ("5000", "25.00"), ("5000.01", "50.00"),
                                          ("8000", "80.00")])
def test_retired_members_pay_half_a_percent_up_to_5000_inclusive_and_one_percent_above(base, amount):
    assert monthly_amount("retired", Decimal(base), JAN) == Decimal(amount)


@pytest.mark.parametrize("category", ["student", "low_income"])
def test_students_and_low_income_members_pay_twenty_fen_whatever_the_base(category):
    assert monthly_amount(category, Decimal("0"), JAN) == Decimal("0.20")
    assert monthly_amount(category, Decimal("9000"), JAN) == Decimal("0.20")


def test_other_fixed_amount_is_the_base_itself():
    assert monthly_amount("fixed", Decimal("0.5"), JAN) == Decimal("0.50")


def test_amounts_round_half_up_to_the_fen():
    # 4,250.50 × 1 % = 42.505: half up gives 42.51 (banker's rounding would give 42.50)
    assert monthly_amount("employed", Decimal("4250.50"), JAN) == Decimal("42.51")
    assert rules.to_fen("0.125") == Decimal("0.13")
    assert rules.to_fen("2.675") == Decimal("2.68")


def test_a_rule_change_takes_effect_from_its_month_within_the_year():
    flat = RuleSet(code="test", title="test", effective_from=date(2026, 7, 1),
                   employed=(Bracket(None, Decimal("0.01")),), retired=(Bracket(None, Decimal("0.01")),),
                   fixed={"student": Decimal("0.50"), "low_income": Decimal("0.20")})
    sets = (rules.RULES_2008, flat)
    assert monthly_amount("employed", Decimal(6000), date(2026, 6, 1), sets) == Decimal("90.00")
    assert monthly_amount("employed", Decimal(6000), date(2026, 7, 1), sets) == Decimal("60.00")
    assert monthly_amount("student", 0, date(2026, 12, 1), sets) == Decimal("0.50")
    account = obligations.Account("m", "甲", JAN, bases=(obligations.BaseEntry(JAN, "employed", Decimal(6000)),))
    report = reports.annual_report([account], 2026, date(2026, 12, 31), rule_sets=sets)
    assert report.due == Decimal("90.00") * 6 + Decimal("60.00") * 6
    assert report.members[0].amounts == [Decimal("90.00"), Decimal("60.00")]


def test_the_oldest_rule_set_applies_before_every_version():
    assert rules.rule_set_for(date(2001, 1, 1)) is rules.RULES_2008


def test_base_errors_name_the_field():
    assert rules.base_error("nope", 1)[0] == "category"
    assert rules.base_error("employed", -1)[0] == "base"
    assert rules.base_error("employed", "1.005")[0] == "base"
    assert rules.base_error("employed", 0)[0] == "base"
    assert rules.base_error("student", 0) is None


def test_months_arithmetic_crosses_year_boundaries():
    assert rules.add_months(date(2025, 11, 1), 3) == date(2026, 2, 1)
    assert rules.months_between(date(2025, 11, 1), date(2026, 2, 1)) == 3
    assert rules.month_range(date(2025, 12, 1), date(2026, 1, 1)) == [date(2025, 12, 1), date(2026, 1, 1)]


def test_the_last_due_month_is_the_previous_month_or_the_end_of_the_previous_quarter():
    assert rules.last_due_month(date(2026, 11, 23), False) == date(2026, 10, 1)
    assert rules.last_due_month(date(2026, 11, 23), True) == date(2026, 9, 1)
    assert rules.last_due_month(date(2026, 10, 1), True) == date(2026, 9, 1)
    assert rules.last_due_month(date(2026, 1, 5), True) == date(2025, 12, 1)
    assert rules.period_end(date(2026, 4, 1), True) == date(2026, 6, 1)


def test_prepayment_is_allowed_up_to_the_limit_and_refused_beyond():
    today, policy = date(2026, 11, 23), Policy()
    ok = [rules.add_months(date(2026, 11, 1), i) for i in range(7)]          # Nov … May: 6 ahead
    assert rules.payment_months_error(ok, date(2026, 1, 1), today, policy) is None
    field, message = rules.payment_months_error(ok + [date(2027, 6, 1)], date(2026, 1, 1), today, policy)
    assert field == "months" and "预交最多 6 个月" in message
    assert rules.payment_months_error([date(2026, 12, 1)], JAN, today, Policy(prepay_limit_months=0))


def test_months_before_admission_cannot_be_paid():
    assert rules.payment_months_error([date(2026, 4, 1)], date(2026, 5, 1), date(2026, 11, 1), Policy())


def test_back_payment_beyond_six_months_is_flagged_but_within_is_not():
    paid_on = date(2026, 11, 23)
    assert not rules.is_backpay_beyond_limit([date(2026, 5, 1)], paid_on, Policy())
    assert rules.is_backpay_beyond_limit([date(2026, 4, 1)], paid_on, Policy())
    assert not rules.is_backpay_beyond_limit([date(2026, 4, 1)], paid_on, Policy(backpay_flag_months=12))


def test_dues_start_at_the_admission_month_inside_the_ledger():
    policy = Policy(ledger_start=date(2026, 1, 1))
    assert policy.first_month(date(2026, 5, 20)) == date(2026, 5, 1)
    assert policy.first_month(date(1999, 5, 20)) == date(2026, 1, 1)


def test_policy_reads_the_school_settings():
    policy = Policy.from_settings({"ledger_start": "2025-03", "quarterly": True, "prepay_limit_months": 2})
    assert policy.ledger_start == date(2025, 3, 1) and policy.quarterly and policy.prepay_limit_months == 2


def test_arrears_count_consecutive_months_across_a_year_boundary():
    paid = {date(2025, 10, 1): obligations.PaidMonth(Decimal("40.00"), date(2025, 10, 5), "2025-0001")}
    account = obligations.Account("m", "甲", date(2025, 10, 1),
                                  bases=(obligations.BaseEntry(date(2025, 1, 1), "employed", Decimal(4000)),),
                                  paid=paid)
    found = obligations.arrears(account, date(2026, 3, 1))
    assert found.months == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1),
                            date(2026, 3, 1)]
    assert found.streak == 5 and found.amount == Decimal("200.00")
    assert obligations.arrears_level(found.streak, Policy()) == "warning"
    assert obligations.arrears_level(6, Policy()) == "danger"
    assert obligations.arrears_level(2, Policy()) is None


def test_a_waived_month_breaks_a_run_of_unpaid_months():
    account = obligations.Account(
        "m", "甲", date(2026, 1, 1), bases=(obligations.BaseEntry(JAN, "employed", Decimal(4000)),),
        reliefs=(obligations.Relief(date(2026, 3, 1), date(2026, 3, 1), "waive", Decimal(0)),))
    found = obligations.arrears(account, date(2026, 5, 1))
    assert len(found.months) == 4 and found.streak == 2


def test_months_without_a_base_are_not_arrears_but_months_awaiting_a_base():
    account = obligations.Account("m", "甲", date(2026, 9, 1))
    found = obligations.arrears(account, date(2026, 10, 1))
    assert found.months == [] and found.streak == 0 and found.amount == 0
    assert found.unbased == [date(2026, 9, 1), date(2026, 10, 1)]


def test_the_longest_run_names_its_months_and_what_they_owe():
    base = obligations.BaseEntry(date(2026, 1, 1), "employed", Decimal("2000"))
    paid = {date(2026, 3, 1): obligations.PaidMonth(Decimal("10"), date(2026, 3, 5), "2026-0001")}
    found = obligations.arrears(obligations.Account("m", "甲", date(2026, 1, 1), (base,), paid=paid),
                                date(2026, 6, 1))
    assert found.run == [date(2026, m, 1) for m in (4, 5, 6)] and found.run_amount == Decimal("30.00")
    assert found.streak == 3 and found.amount == Decimal("50.00")


@pytest.mark.parametrize("amount, text", [
    ("130.65", "壹佰叁拾元陆角伍分"), ("0.20", "贰角整"), ("1000.05", "壹仟元零伍分"), ("100000", "壹拾万元整"),
    ("100005", "壹拾万零伍元整"), ("10010.5", "壹万零壹拾元伍角整"), ("0", "零元整"), ("-35", "负叁拾伍元整"),
])
def test_receipts_write_the_amount_in_capitals(amount, text):
    assert rules.capital_amount(Decimal(amount)) == text
