"""The care rules, pure: the 光荣在党50年 boundary, political birthdays, the 6-month contact rule."""
from datetime import date

from plugins.care import rules


def test_converted_on_1_july_50_years_ago_is_eligible_and_2_july_is_not():
    assert rules.medal_eligible(date(1976, 7, 1), 2026)
    assert not rules.medal_eligible(date(1976, 7, 2), 2026)
    assert rules.medal_eligible(date(1976, 7, 2), 2027)


def test_the_medal_counts_from_conversion_and_no_conversion_means_no_medal():
    assert rules.medal_rule(2026).counted_from == "converted"
    assert not rules.medal_eligible(None, 2026)


def test_no_medal_rule_before_it_applies():
    assert rules.medal_rule(2020) is None and not rules.medal_eligible(date(1900, 1, 1), 2020)


def test_newly_eligible_only_in_the_first_year():
    assert rules.medal_newly_eligible(date(1976, 3, 1), 2026)
    assert not rules.medal_newly_eligible(date(1975, 3, 1), 2026)
    assert rules.medal_eligible(date(1975, 3, 1), 2026)


def test_a_political_birthday_falls_in_the_month_of_admission():
    assert rules.birthday_in_month(date(2000, 11, 9), 2026, 11) == date(2026, 11, 9)
    assert rules.birthday_in_month(date(2000, 11, 9), 2026, 12) is None
    assert rules.birthday_in_month(date(2026, 11, 9), 2026, 11) is None   # admitted this year: no anniversary yet
    assert rules.birthday_in_month(date(2004, 2, 29), 2026, 2) == date(2026, 2, 28)


def test_years_since_counts_whole_years():
    assert rules.years_since(date(1976, 7, 1), date(2026, 7, 1)) == 50
    assert rules.years_since(date(1976, 7, 2), date(2026, 7, 1)) == 49
    assert rules.years_since(None, date(2026, 7, 1)) is None


def test_contact_is_overdue_the_day_after_six_months():
    assert not rules.contact_overdue(date(2026, 1, 1), date(2026, 7, 1))
    assert rules.contact_overdue(date(2026, 1, 1), date(2026, 7, 2))
    assert rules.contact_due(date(2025, 8, 31)) == date(2026, 2, 28)
