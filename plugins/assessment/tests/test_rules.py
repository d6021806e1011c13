"""Pure rules: the default sheet, scores, grade bands, the 1/3 cap, the congress rule, periods."""
from datetime import date

import pytest

from plugins.assessment import rules


def test_the_default_k12_sheet_has_five_criteria_of_twenty_points():
    _, criteria, bands = rules.template_for(date(2026, 1, 1))
    assert [c["title"] for c in criteria] == list(rules.CRITERIA.values())
    assert all(c["points"] == 20 for c in criteria)
    assert all(sum(i["points"] for i in c["items"]) == 20 for c in criteria)
    assert rules.criteria_error(criteria) is None and rules.grade_bands_error(bands) is None


def test_the_default_sheet_marks_the_items_it_could_not_confirm():
    _, criteria, _ = rules.template_for(date(2026, 1, 1))
    items = rules.items_of(criteria)
    assert items["L2"]["confirmed"] and items["M6"]["confirmed"]          # seen on the published sheet
    assert not items["R1"]["confirmed"] and not items["P1"]["confirmed"]  # not visible: defaults
    assert items["M6"]["source"] == "dues.full_on_time"


def test_items_that_do_not_add_up_to_the_criterion_are_refused():
    _, criteria, _ = rules.template_for(date(2026, 1, 1))
    criteria[0]["items"][0]["points"] = 5
    field, message = rules.criteria_error(criteria)
    assert field == "criteria" and "22 分" in message


def test_an_unknown_evidence_source_is_refused():
    _, criteria, _ = rules.template_for(date(2026, 1, 1))
    criteria[1]["items"][0]["source"] = "nowhere.measure"
    assert "数据来源未知" in rules.criteria_error(criteria)[1]


@pytest.mark.parametrize("ratio,points,score", [(0.75, 2, 1.5), (10 / 12, 6, 5.0), (2 / 3, 2, 1.3),
                                                (0.25, 3, 0.8), (1.4, 3, 3.0), (-1, 3, 0.0)])
def test_a_prefilled_score_is_points_times_the_share_to_a_tenth_half_up(ratio, points, score):
    assert rules.evidence_score(ratio, points) == score


@pytest.mark.parametrize("total,grade", [(95, "好"), (90, "好"), (89.9, "较好"), (60, "一般"), (12, "差")])
def test_grade_bands_give_the_first_band_reached(total, grade):
    assert rules.grade_for(total, rules.DEFAULT_GRADE_BANDS) == grade


@pytest.mark.parametrize("full,cap", [(0, 0), (2, 0), (3, 1), (7, 2), (8, 2), (9, 3), (25, 8)])
def test_excellent_is_at_most_one_third_of_full_members_rounded_down(full, cap):
    assert rules.excellent_cap(full) == cap


def test_the_excellent_share_is_configurable():
    assert rules.excellent_cap(10, 1, 4) == 2 and rules.excellent_cap(10, 2, 5) == 4


@pytest.mark.parametrize("entitled,present,yes,passes", [(7, 4, 4, True), (7, 3, 3, False), (8, 4, 4, False),
                                                         (8, 5, 4, False), (8, 5, 5, True), (7, 7, 3, False)])
def test_a_handling_passes_with_more_than_half_present_and_yes_above_half_of_those_entitled(
        entitled, present, yes, passes):
    assert (rules.congress_result(entitled, present, yes) is None) is passes


def test_impossible_vote_counts_are_named():
    assert "不能超过应到会人数" in rules.congress_result(5, 6, 3)
    assert "表决票数不能超过到会人数与书面意见人数之和" in rules.congress_result(7, 5, 4, 2)


def test_a_written_opinion_given_before_the_meeting_counts_in_a_handling_vote():
    # 4 present of 7, one absent member's written opinion: 4 yes and 1 no are 5 votes from 5 voters
    assert rules.congress_result(7, 4, 4, 1, 0, written=1) is None
    assert "不能超过" in rules.congress_result(7, 4, 4, 1, 0)           # without it, 5 votes from 4
    assert "不能超过应到会人数" in rules.congress_result(7, 6, 4, 0, 0, written=2)
    # the quorum still counts only those present: 4 of 8 is not more than half, whatever was written
    assert "半数" in rules.congress_result(8, 4, 5, 0, 0, written=4)
    # and the written yes is what carries the majority of those entitled: 4 > 7 / 2
    assert rules.congress_result(7, 4, 3, 1, 0) is not None
    assert rules.congress_result(7, 4, 4, 1, 0, written=1) is None


def test_period_due_dates_follow_the_grace_setting():
    assert rules.period_due(2026, "Q1", 15) == date(2026, 4, 15)
    assert rules.period_due(2026, "H1", 0) == date(2026, 6, 30)
    assert rules.period_due(2026, "Y", 20) == date(2027, 1, 20)
    assert rules.period_opens(2026, "Q2") == date(2026, 6, 1)


def test_adding_months_keeps_to_the_end_of_short_months():
    assert rules.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
