from datetime import date

from plugins.audit import rules


def test_rectification_deadline_defaults_to_thirty_days_and_follows_the_versioned_table():
    assert rules.default_deadline(date(2026, 3, 1)) == date(2026, 3, 31)
    table = [(date(2018, 1, 1), 30), (date(2026, 1, 1), 15)]
    assert rules.default_deadline_days(date(2025, 12, 31), table) == 30
    assert rules.default_deadline_days(date(2026, 1, 1), table) == 15
    assert rules.default_deadline(date(2026, 3, 1), days=10) == date(2026, 3, 11)


def test_a_finding_is_overdue_only_while_unanswered_after_its_deadline():
    today = date(2026, 5, 10)
    assert rules.is_overdue("open", date(2026, 5, 9), today)
    assert not rules.is_overdue("open", date(2026, 5, 10), today)
    assert not rules.is_overdue("answered", date(2026, 5, 1), today)
    assert not rules.is_overdue("closed", date(2026, 5, 1), today)
    assert rules.finding_state("open", date(2026, 5, 1), today) == "overdue"
    assert rules.finding_state("answered", date(2026, 5, 1), today) == "answered"


def test_an_assignment_covers_its_schools_within_its_dates_unless_revoked():
    args = (["no1", "no2"], date(2026, 1, 1), date(2026, 6, 30))
    assert rules.covers(*args, False, "no1", date(2026, 1, 1))
    assert rules.covers(*args, False, "no2", date(2026, 6, 30))
    assert not rules.covers(*args, False, "no3", date(2026, 3, 1))
    assert not rules.covers(*args, False, "no1", date(2026, 7, 1))
    assert not rules.covers(*args, False, "no1", date(2025, 12, 31))
    assert not rules.covers(*args, True, "no1", date(2026, 3, 1))
