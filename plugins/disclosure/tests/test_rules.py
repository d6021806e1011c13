from datetime import date

from plugins.disclosure import rules


def test_a_disclosure_due_5_days_after_the_event_is_overdue_on_the_6th():
    event = date(2026, 3, 1)
    assert rules.due_by(event, 5) == date(2026, 3, 6)
    assert rules.status(event, 5, date(2026, 3, 1), disclosed=False) == "due"
    assert rules.status(event, 5, date(2026, 3, 6), disclosed=False) == "due"
    assert rules.status(event, 5, date(2026, 3, 7), disclosed=False) == "overdue"
    assert rules.status(event, 5, date(2026, 3, 7), disclosed=True) == "disclosed"


def test_the_catalogue_in_force_is_the_latest_revision_effective_that_day():
    own = rules.Catalogue(date(2026, 6, 1), (rules.Entry("dues", "党费", days=10),))
    later = rules.Catalogue(date(2027, 1, 1), (rules.Entry("dues", "党费", days=20),))
    assert rules.catalogue_on(date(2026, 5, 31), [later, own]) is rules.DEFAULT
    assert rules.catalogue_on(date(2026, 6, 1), [later, own]).entry("dues").days == 10
    assert rules.catalogue_on(date(2027, 3, 1), [own, later]).entry("dues").days == 20


def test_the_default_catalogue_covers_what_the_records_offer():
    kinds = {k for e in rules.DEFAULT.entries for k in e.kinds}
    assert kinds == {"dues.publication", "development.publicity", "assessment.evaluation",
                     "integrity.commitments", "meetings.decision"}
    assert rules.DEFAULT.entry_of_kind("development.publicity").audience == "everyone"
    assert rules.DEFAULT.entry("dues").timing == "periodic"


def test_periods_that_ended_in_a_span():
    assert rules.periods_ended("quarter", date(2026, 2, 1), date(2026, 10, 1)) == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert rules.periods_ended("year", date(2025, 11, 1), date(2026, 11, 30)) == ["2025"]
    assert rules.period_end("2026-Q4") == date(2026, 12, 31) and rules.period_end("2026-Q1") == date(2026, 3, 31)


def test_a_window_is_open_from_its_first_to_its_last_day():
    assert not rules.is_open(date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 1))
    assert rules.is_open(date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 9))
    assert not rules.is_open(date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 10))
    assert rules.is_open(date(2026, 3, 2), None, date(2030, 1, 1))


def test_a_revised_catalogue_is_checked():
    assert rules.check_entries([]) != []
    twice = [{"code": "a", "timing": "event"}, {"code": "a", "timing": "event"}]
    assert "重复" in rules.check_entries(twice)[0]
    assert "周期" in rules.check_entries([{"code": "b", "timing": "periodic", "period": None}])[0]
