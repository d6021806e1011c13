"""Pure rules: statements complete in three sections, items overdue the day after their deadline,
election counts, term reminders at 6 and 3 months and monthly once overdue."""
from __future__ import annotations

from datetime import date

from plugins.orglife import rules


def test_a_statement_is_complete_only_with_all_three_sections():
    assert rules.missing_sections({"work": "w", "criticism": " ", "measures": "m"}) == ["criticism"]
    assert rules.missing_sections({"work": "w", "criticism": "c", "measures": "m"}) == []


def test_an_open_item_is_overdue_from_the_day_after_its_deadline():
    deadline = date(2026, 12, 31)
    assert not rules.is_overdue(deadline, "open", date(2026, 12, 31))
    assert rules.is_overdue(deadline, "in_progress", date(2027, 1, 1))
    assert not rules.is_overdue(deadline, "closed", date(2027, 1, 1))


def test_a_candidate_is_elected_with_more_than_half_of_the_voters_present():
    candidates = [{"member_id": "a", "name": "A", "votes": 6}, {"member_id": "b", "name": "B", "votes": 5},
                  {"member_id": "c", "name": "C", "votes": 9}]
    assert rules.elected(3, 10, candidates) == ["c", "a"]          # 5 of 10 is not more than half
    assert rules.elected(1, 10, candidates) == ["c"]


def test_candidates_tied_for_the_last_seat_are_both_left_for_another_round():
    candidates = [{"member_id": "a", "name": "A", "votes": 8}, {"member_id": "b", "name": "B", "votes": 7},
                  {"member_id": "c", "name": "C", "votes": 7}]
    assert rules.elected(2, 10, candidates) == ["a"]


def test_an_election_needs_at_least_as_many_candidates_as_seats_and_votes_within_those_present():
    assert rules.election_error(3, 10, [{"member_id": "a", "name": "A", "votes": 1}])[0] == "candidates"
    assert rules.election_error(1, 10, [{"member_id": "a", "name": "A", "votes": 11}])[0] == "candidates"
    assert rules.election_error(1, 10, [{"member_id": "a", "name": "A", "votes": 10}]) is None


def test_term_reminders_come_6_and_3_months_before_the_end():
    end = date(2028, 8, 31)
    assert rules.term_reminder(end, date(2028, 2, 28)) is None
    six = rules.term_reminder(end, date(2028, 2, 29))
    assert (six.stage, six.reminded_on) == ("6_months", date(2028, 2, 29))
    assert rules.term_reminder(end, date(2028, 5, 30)).stage == "6_months"
    three = rules.term_reminder(end, date(2028, 5, 31))
    assert (three.stage, three.reminded_on) == ("3_months", date(2028, 5, 31))
    assert rules.term_reminder(end, end).stage == "3_months"


def test_once_the_term_is_over_the_reminder_comes_again_each_month():
    end = date(2028, 8, 31)
    first = rules.term_reminder(end, date(2028, 9, 1))
    assert (first.stage, first.reminded_on, first.months_overdue, first.level) == \
        ("overdue", date(2028, 9, 1), 0, "danger")
    assert rules.term_reminder(end, date(2028, 9, 29)).reminded_on == date(2028, 9, 1)
    assert rules.term_reminder(end, date(2028, 9, 30)).reminded_on == date(2028, 9, 30)   # end of month: clamped
    later = rules.term_reminder(end, date(2028, 11, 15))
    assert (later.reminded_on, later.months_overdue) == (date(2028, 10, 31), 2)


def test_the_district_reads_a_term_as_current_ending_or_overdue():
    end = date(2028, 8, 31)
    assert rules.term_status(None, date(2026, 1, 1)) == "none"
    assert rules.term_status(end, date(2026, 1, 1)) == "current"
    assert rules.term_status(end, date(2028, 3, 1)) == "ending"
    assert rules.term_status(end, date(2028, 9, 1)) == "overdue"
