from datetime import date
from decimal import Decimal

import pytest

from plugins.integrity import rules

DEFAULT = rules.evaluation_rule(date(2026, 12, 1))


def test_weighted_total_uses_the_three_sources_in_proportion():
    result = rules.evaluate(90, [80, 90], [70, 80, 90], DEFAULT)
    assert result.parts == {"self": Decimal("90.00"), "members": Decimal("85.00"), "public": Decimal("80.00")}
    assert result.total == Decimal("84.5")          # (20×90 + 50×85 + 30×80) / 100
    assert result.rating == "良好"


def test_without_public_scores_the_other_weights_count_in_proportion():
    result = rules.evaluate(90, [80, 90], [], DEFAULT)
    assert result.weights == {"self": 20, "members": 50}
    assert result.total == Decimal("86.4")          # (20×90 + 50×85) / 70 = 86.43


def test_total_is_rounded_half_up_to_the_tenth():
    result = rules.evaluate(None, [84.25], [], DEFAULT)
    assert result.total == Decimal("84.3")


def test_rating_thresholds_are_inclusive():
    assert rules.rating_for(Decimal("90.0"), DEFAULT.scale) == "优秀"
    assert rules.rating_for(Decimal("89.9"), DEFAULT.scale) == "良好"
    assert rules.rating_for(Decimal("59.9"), DEFAULT.scale) == "不合格"


def test_evaluation_without_any_weighted_score_is_refused():
    with pytest.raises(ValueError):
        rules.evaluate(None, [], [], DEFAULT)


def test_school_settings_override_the_versioned_default():
    rule = rules.evaluation_rule(date(2026, 1, 1), {"weight_self": 0, "weight_members": 100, "weight_public": 0,
                                                   "rating_scale": "80:好;0:差"})
    assert rule.weights == {"self": 0, "members": 100, "public": 0}
    assert rules.evaluate(100, [79], [100], rule).rating == "差"


def test_rule_in_force_is_the_last_effective_before_the_day(monkeypatch):
    newer = rules.EvaluationRule(weights={"self": 10, "members": 90, "public": 0}, scale=((0, "合格"),))
    monkeypatch.setattr(rules, "EVALUATION_RULES", rules.EVALUATION_RULES + ((date(2027, 1, 1), newer),))
    assert rules.evaluation_rule(date(2026, 12, 31)).weights["members"] == 50
    assert rules.evaluation_rule(date(2027, 1, 1)).weights["members"] == 90


@pytest.mark.parametrize("text", ["", "90优秀", "90:优秀;60:合格", "120:优秀;0:差"])
def test_bad_rating_scales_are_refused(text):
    with pytest.raises(ValueError):
        rules.parse_scale(text)


def test_rating_scale_is_sorted_high_first():
    assert rules.parse_scale("0:差；80：好") == ((80, "好"), (0, "差"))


@pytest.mark.parametrize("name, shown", [("王小明", "王某某"), ("李四", "李某"), ("欧阳娜娜", "欧某某"),
                                         ("John Smith", "J. S."), ("", "")])
def test_helped_person_is_shown_by_initials(name, shown):
    assert rules.initials(name) == shown


def test_entries_recorded_after_the_grace_period_are_late():
    assert not rules.is_late_entry(date(2026, 3, 1), date(2026, 3, 8), 7)
    assert rules.is_late_entry(date(2026, 3, 1), date(2026, 3, 9), 7)


def test_missed_without_cause_only_when_no_cause_is_given():
    assert rules.missed_without_cause("missed", "  ")
    assert not rules.missed_without_cause("missed", "因病休假")
    assert not rules.missed_without_cause("partial", None)


def test_fulfilment_ratio_counts_partial_as_half():
    assert rules.fulfilment_ratio(["fulfilled", "partial", "missed", "fulfilled"]) == 0.625
    assert rules.fulfilment_ratio([]) == 0.0


@pytest.mark.parametrize("day, term", [(date(2026, 9, 1), "2026-2027学年第一学期"),
                                       (date(2027, 1, 15), "2026-2027学年第一学期"),
                                       (date(2027, 3, 1), "2026-2027学年第二学期")])
def test_school_terms(day, term):
    assert rules.school_term(day) == term


def test_periods_of_self_inspection():
    assert rules.inspection_period("half", 2026, 2) == "2026H2"
    assert rules.period_label("2026H1") == "2026年上半年"
    assert rules.period_label("2026") == "2026年度"


def test_ethics_veto_by_grade():
    assert rules.ethics_is_veto("不合格", rules.DEFAULT_ETHICS_VETO)
    assert not rules.ethics_is_veto("合格", rules.DEFAULT_ETHICS_VETO)
