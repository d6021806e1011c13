"""The district dashboard's arithmetic (tenants/dashboard.py): attention, alert groups, distributions."""
from __future__ import annotations

import random

from core.plugins import Alert
from tenants import dashboard
from tenants.dashboard import Attention, Bucket, distribution, group_alerts, histogram


def test_a_school_with_a_danger_alert_comes_before_one_with_many_warnings():
    danger = dashboard.attention([Alert("danger", "a"), Alert("info", "b")])
    warnings = dashboard.attention([Alert("warning", "c")] * 5)
    calm = dashboard.attention([Alert("info", "d")])
    assert sorted([calm, warnings, danger], key=Attention.sort_key) == [danger, warnings, calm]
    assert danger.level == "danger" and warnings.level == "warning" and dashboard.attention([]).level is None
    assert danger.matches("danger") and not danger.matches("warning") and danger.matches("attention")
    assert warnings.matches("warning") and calm.matches("none") and not calm.matches("attention")


def test_alerts_are_grouped_by_plugin_level_and_page_and_count_each_school_once():
    alerts = {
        "a": [Alert("danger", "张三：连续 6 个月未交", source="dues", endpoint="dues.member"),
              Alert("danger", "李四：连续 7 个月未交", source="dues", endpoint="dues.member"),
              Alert("warning", "王五：连续 3 个月未交", source="dues", endpoint="dues.member")],
        "b": [Alert("danger", "赵六：连续 9 个月未交", source="dues", endpoint="dues.member", due="2026-01-01")],
        "c": [Alert("info", "请提交自评", source="assessment")],
    }
    groups = group_alerts(alerts, ["a", "b", "c"])
    assert [(g.source, g.level, g.schools, g.alerts) for g in groups] == [
        ("dues", "danger", ["a", "b"], 3), ("dues", "warning", ["a"], 1), ("assessment", "info", ["c"], 1)]
    assert groups[0].example.text == "赵六：连续 9 个月未交"   # the one with a deadline: the most urgent
    assert [a.text for a in dashboard.of_kind(alerts["a"], groups[0].kind)] == ["张三：连续 6 个月未交",
                                                                               "李四：连续 7 个月未交"]


def test_a_kind_reaching_more_schools_comes_first_within_a_level():
    alerts = {s: [Alert("warning", "x", source="meetings")] for s in "abc"}
    alerts["a"].append(Alert("warning", "y", source="dues"))
    assert [g.source for g in group_alerts(alerts)] == ["meetings", "dues"]


def test_whole_numbers_get_whole_buckets_that_hold_every_value_once():
    values = [0, 1, 2, 3, 10, 17, 17, 40]
    buckets = histogram(values, bins=8)
    assert sum(b.count for b in buckets) == len(values) and len(buckets) <= 8
    assert all(isinstance(b.low, int) and isinstance(b.high, int) for b in buckets)
    for v in values:
        assert sum(b.holds(v) for b in buckets) == 1, v


def test_measures_get_round_buckets_and_the_top_value_falls_in_the_last():
    rng = random.Random(7)
    values = [round(rng.uniform(37.5, 100), 1) for _ in range(500)] + [100.0, 37.5]
    buckets = histogram(values, bins=8)
    assert sum(b.count for b in buckets) == len(values)
    assert buckets[0].low <= 37.5 and buckets[-1].high >= 100 and buckets[-1].closed
    widths = {round(b.high - b.low, 6) for b in buckets}
    assert len(widths) == 1 and widths.pop() in (5, 10)
    for v in values:
        assert sum(b.holds(v) for b in buckets) == 1, v


def test_one_value_everywhere_is_one_bucket_and_nothing_is_no_bucket():
    assert histogram([5, 5, 5]) == [Bucket(5, 5, 3, True)] and histogram([]) == []


def test_a_distribution_counts_every_school_once_numbers_words_or_nothing():
    numbers = distribution("m", "在册党员", "名", [3, 5, "7", None, "—", 12])
    assert numbers.schools == 6 and numbers.missing == 2 and numbers.total == 27 and numbers.median == 6
    words = distribution("g", "五好考核", "", ["2026 好", "2026 好", "未考核", None])
    assert words.schools == 4 and words.categories == [("2026 好", 2), ("未考核", 1)] and words.missing == 1
    many = distribution("g", "x", "", [f"v{i % 12}" for i in range(48)])
    assert many.schools == 48 and len(many.categories) == 8 and many.categories[-1][0] == ""
    rate = distribution("r", "收缴率", "%", [99.5, 100.0])
    assert rate.total is None and rate.schools == 2
