"""A member's standing on a day of the world (rules.standing_on): pure, from the dates things happened."""
from datetime import date

from plugins.members.rules import Change, Standing, standing_on

JOINED, CONVERTED = date(2021, 5, 1), date(2022, 5, 1)


def test_before_joining_a_person_is_not_on_the_books():
    assert standing_on(date(2021, 4, 30), JOINED, CONVERTED) is None


def test_a_member_is_probationary_from_joining_and_full_from_conversion():
    assert standing_on(JOINED, JOINED, CONVERTED) == Standing("probationary", JOINED)
    assert standing_on(date(2022, 4, 30), JOINED, CONVERTED) == Standing("probationary", JOINED)
    assert standing_on(CONVERTED, JOINED, CONVERTED) == Standing("full", CONVERTED)
    assert standing_on(date(2030, 1, 1), JOINED, None) == Standing("probationary", JOINED)


def test_a_status_change_takes_effect_on_its_own_date():
    out = [Change(date(2026, 6, 15), "transferred_out", 3)]
    assert standing_on(date(2026, 6, 14), JOINED, CONVERTED, changes=out).status == "full"
    assert standing_on(date(2026, 6, 15), JOINED, CONVERTED, changes=out) == Standing("transferred_out", date(2026, 6, 15))


def test_two_changes_on_one_day_apply_in_the_order_they_were_recorded():
    changes = [Change(date(2026, 6, 15), "full", 5), Change(date(2026, 6, 15), "lost_contact", 4)]
    assert standing_on(date(2026, 7, 1), JOINED, CONVERTED, changes=changes).status == "full"


def test_a_change_back_in_time_is_placed_by_its_date_not_by_when_it_was_recorded():
    changes = [Change(date(2024, 1, 1), "lost_contact", 2), Change(date(2023, 1, 1), "suspended", 3)]
    assert standing_on(date(2023, 6, 1), JOINED, CONVERTED, changes=changes).status == "suspended"
    assert standing_on(date(2024, 6, 1), JOINED, CONVERTED, changes=changes).status == "lost_contact"


def test_a_member_received_by_transfer_is_on_this_roll_from_the_letter():
    arrived = date(2026, 4, 1)
    assert standing_on(date(2026, 3, 31), JOINED, CONVERTED, arrived) is None
    assert standing_on(arrived, JOINED, CONVERTED, arrived) == Standing("full", arrived)
