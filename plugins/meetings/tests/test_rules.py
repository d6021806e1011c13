"""Pure rules: quorum and majority arithmetic, periods, late entries, versioned types, compliance."""
from datetime import date

import pytest

from plugins.meetings import rules
from plugins.meetings.rules import (FOUR_FIFTHS, RESOLUTION_KINDS, Tally, has_quorum, meeting_quorate, passes,
                                    vote_error)


def test_exactly_half_present_is_not_a_quorum():
    assert has_quorum(10, 5) is False
    assert has_quorum(10, 6) is True


def test_odd_numbers_need_more_than_half():
    assert has_quorum(9, 4) is False
    assert has_quorum(9, 5) is True


def test_nobody_entitled_is_never_a_quorum():
    assert has_quorum(0, 0) is False


def test_election_needs_more_than_four_fifths_present():
    assert has_quorum(10, 8, FOUR_FIFTHS) is False
    assert has_quorum(10, 9, FOUR_FIFTHS) is True


def test_admission_passes_only_with_yes_more_than_half_of_those_entitled():
    kind = RESOLUTION_KINDS["admission"]
    assert passes(kind, Tally(entitled=10, present=8, written=0, yes=5, no=3, abstain=0)) is False
    assert passes(kind, Tally(entitled=10, present=8, written=0, yes=6, no=2, abstain=0)) is True


def test_admission_majority_of_those_present_is_not_enough():
    kind = RESOLUTION_KINDS["admission"]
    # 5 of 7 present is a majority of those present, but not more than half of the 12 entitled
    assert passes(kind, Tally(entitled=12, present=7, written=0, yes=5, no=2, abstain=0)) is False


def test_election_counts_yes_against_those_present():
    kind = RESOLUTION_KINDS["election"]
    assert passes(kind, Tally(entitled=10, present=9, written=0, yes=5, no=4, abstain=0)) is True
    assert passes(kind, Tally(entitled=10, present=10, written=0, yes=5, no=5, abstain=0)) is False


def test_committee_majority_basis_is_configurable():
    kind = RESOLUTION_KINDS["general"]
    tally = Tally(entitled=7, present=4, written=0, yes=3, no=1, abstain=0)
    assert passes(kind, tally, "entitled", "committee") is False
    assert passes(kind, tally, "present", "committee") is True


def test_vote_without_quorum_is_refused_with_a_sentence():
    error = vote_error(RESOLUTION_KINDS["general"], "congress",
                       Tally(entitled=10, present=5, written=0, yes=5, no=0, abstain=0))
    assert "不足法定人数" in error and "至少需 6 人" in error


def test_votes_cannot_exceed_voters_and_written_opinions_count_for_admissions():
    admission = RESOLUTION_KINDS["admission"]
    tally = Tally(entitled=10, present=6, written=2, yes=8, no=0, abstain=0)
    assert vote_error(admission, "congress", tally) is None
    too_many = Tally(entitled=10, present=6, written=2, yes=8, no=1, abstain=0)
    assert "超过有表决权的 8 人" in vote_error(admission, "congress", too_many)


def test_written_opinions_do_not_count_in_elections():
    election = RESOLUTION_KINDS["election"]
    tally = Tally(entitled=10, present=9, written=1, yes=10, no=0, abstain=0)
    assert "超过有表决权的 9 人" in vote_error(election, "congress", tally)


def test_admission_cannot_be_voted_at_a_committee_meeting():
    error = vote_error(RESOLUTION_KINDS["admission"], "committee",
                       Tally(entitled=5, present=5, written=0, yes=5, no=0, abstain=0))
    assert "不能在此类会议上表决" in error


def test_period_keys_and_ends():
    assert rules.period_key("monthly", date(2026, 3, 31)) == "2026-03"
    assert rules.period_key("quarterly", date(2026, 4, 1)) == "2026-Q2"
    assert rules.period_key("half_yearly", date(2026, 6, 30)) == "2026-H1"
    assert rules.period_key("yearly", date(2026, 12, 31)) == "2026"
    assert rules.period_end("monthly", date(2026, 2, 10)) == date(2026, 2, 28)
    assert rules.period_end("quarterly", date(2026, 11, 1)) == date(2026, 12, 31)
    assert rules.period_end("half_yearly", date(2026, 2, 1)) == date(2026, 6, 30)
    assert rules.period_label("2026-Q3") == "2026年第3季度"
    assert rules.period_label("2026-H2") == "2026年下半年"
    assert rules.period_label("2026-03") == "2026年3月"


def test_late_entry_boundary_is_the_grace_period():
    assert rules.is_late(date(2026, 3, 1), date(2026, 3, 8), 7) is False
    assert rules.is_late(date(2026, 3, 1), date(2026, 3, 9), 7) is True


def test_the_eight_default_types_are_in_force_since_the_2018_regulations():
    types = rules.types_on([], date(2026, 1, 1))
    assert set(types) == {"congress", "committee", "group", "lecture", "theme_day", "org_life",
                          "democratic_life", "topic"}
    assert types["congress"].frequency == "quarterly"
    assert types["topic"].frequency == "half_yearly"
    assert rules.types_on([], date(2018, 1, 1)) == {}


def test_a_school_type_applies_from_its_effective_date():
    own = rules.MeetingType("study", "集中学习", "monthly", "all", date(2026, 7, 1), builtin=False)
    assert "study" not in rules.types_on([own], date(2026, 6, 30))
    assert rules.types_on([own], date(2026, 7, 1))["study"].name == "集中学习"


def test_compliance_over_a_year_with_gaps_names_the_missing_periods():
    versions = rules.type_versions([])
    held = {"committee": [date(2026, m, 5) for m in range(1, 13) if m not in (3, 8)],
            "congress": [date(2026, 2, 10), date(2026, 8, 10)]}
    items = {i.code: i for i in rules.compliance(versions, held, 2026, date(2027, 1, 10))}
    assert (items["committee"].required, items["committee"].held) == (12, 10)
    assert [p.label for p in items["committee"].missing] == ["2026年3月", "2026年8月"]
    assert (items["congress"].required, items["congress"].held) == (4, 2)
    assert [p.key for p in items["congress"].missing] == ["2026-Q2", "2026-Q4"]
    assert items["org_life"].missing[0].label == "2026年"


def test_current_period_is_required_only_once_held():
    versions = rules.type_versions([])
    items = {i.code: i for i in rules.compliance(versions, {"committee": [date(2026, 11, 5)]}, 2026,
                                                 date(2026, 11, 23))}
    committee = items["committee"]
    assert committee.required == 11 and committee.held == 1      # Jan–Oct missing, Nov held
    assert len(committee.missing) == 10
    items = {i.code: i for i in rules.compliance(versions, {}, 2026, date(2026, 11, 23))}
    assert items["committee"].required == 10                     # November still in progress


def test_a_frequency_changed_mid_year_applies_from_its_date():
    change = rules.MeetingType("committee", "支部委员会会议", "quarterly", "committee", date(2026, 7, 1),
                               builtin=False)
    versions = rules.type_versions([change])
    items = {i.code: i for i in rules.compliance(versions, {}, 2026, date(2027, 1, 1))}
    keys = [p.key for p in items["committee"].periods]
    assert keys == [f"2026-{m:02d}" for m in range(1, 7)] + ["2026-Q3", "2026-Q4"]
    assert items["committee"].required == 8


# -- democratic life meeting (民主生活会): at least two thirds attend (DOMAIN.md §3.3, [S33b]) ------
@pytest.mark.parametrize("entitled, present, quorate", [
    (7, 4, False), (7, 5, True), (6, 4, True), (6, 3, False), (3, 2, True), (0, 0, False)])
def test_a_democratic_life_meeting_needs_at_least_two_thirds_present(entitled, present, quorate):
    assert meeting_quorate("leadership", entitled, present) is quorate


def test_other_meetings_keep_more_than_half():
    assert meeting_quorate("congress", 7, 4) is True
    assert meeting_quorate("committee", 6, 3) is False
