"""Pure rules of reporting: values of each field kind, the pre-fill rate, the statistics' cross-checks."""
from __future__ import annotations

import pytest

from core.plugins import ReportPeriod
from plugins.reports import rules


@pytest.mark.parametrize("kind, raw, value", [
    ("count", "12", 12), ("count", " 0 ", 0), ("count", "", None), ("money", "12.5", "12.50"),
    ("money", "1e3", "1000.00"), ("text", " 亮点 ", "亮点")])
def test_values_are_stored_in_the_shape_of_their_kind(kind, raw, value):
    assert rules.value_of(kind, raw) == value


@pytest.mark.parametrize("kind, raw", [("count", "-1"), ("count", "1.5"), ("count", "²"), ("count", "9" * 12),
                                       ("money", "abc"), ("money", "NaN"), ("money", "-1"), ("money", "0.001"),
                                       ("money", "1e12"), ("text", "字" * 2001)])
def test_values_that_do_not_fit_their_kind_are_refused(kind, raw):
    with pytest.raises(rules.BadValue):
        rules.value_of(kind, raw)


def test_a_figure_that_does_not_fit_the_field_is_not_prefilled():
    assert rules.figure_value("count", "x") is None and rules.figure_value("money", 3) == "3.00"


def test_the_prefill_rate_is_the_share_of_fields_filled_from_the_record():
    assert rules.prefill_rate(8, 6) == 0.75 and rules.prefill_rate(0, 0) is None
    assert rules.percent(0.75) == "75%" and rules.percent(None) == "—"


@pytest.mark.parametrize("code, first, last", [("2026", "2026-01-01", "2026-12-31"), ("2026-h2", "2026-07-01", "2026-12-31"),
                                                ("2024-Q1", "2024-01-01", "2024-03-31"), ("2024-02", "2024-02-01", "2024-02-29")])
def test_report_periods(code, first, last):
    p = ReportPeriod.parse(code)
    assert (p.first.isoformat(), p.last.isoformat()) == (first, last)


@pytest.mark.parametrize("code", ["", "26", "2026-H3", "2026-13", "2026-Q0", "1800", "2026-1", "abcd"])
def test_bad_periods_are_refused(code):
    with pytest.raises(ValueError):
        ReportPeriod.parse(code)


def test_the_balance_and_continuity_checks():
    assert rules.balance_check(10, 2, 1, 11) is None
    assert str(rules.balance_check(10, 2, 1, 12)) == "年初数 10 + 本年增加 2 − 本年减少 1 ≠ 年末数 12"
    assert rules.continuity_check(10, None, 2025) is None and rules.continuity_check(10, 10, 2025) is None
    assert "不一致" in str(rules.continuity_check(11, 10, 2025))
