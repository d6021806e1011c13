"""The district dashboard's arithmetic, pure: which schools need attention, alerts grouped by kind and
counted by school, figures bucketed into distributions, and the table filtered and sorted.

Nothing here knows Flask or the database; ``tenants.district`` hands in plain rows and figures."""
from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from core.plugins.contributions import alert_kind  # noqa: F401  (the district groups alerts by it)

LEVELS = {"danger": 0, "warning": 1, "info": 2}
ATTENTION_LEVELS = ("danger", "warning", "attention", "none")   # what the table's level filter accepts


def numeric(value) -> int | float | None:
    """A figure's value as a number (a count stays an integer: "28名", never "28.0名"); None if it is
    not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# -- attention ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Attention:
    """How urgently a school needs the district's attention: its alerts counted by level."""
    danger: int = 0
    warning: int = 0
    info: int = 0

    @property
    def level(self) -> str | None:
        return "danger" if self.danger else "warning" if self.warning else "info" if self.info else None

    def sort_key(self) -> tuple:
        """Most urgent first: any danger, then the most dangers, then the most warnings."""
        return (LEVELS.get(self.level, 3), -self.danger, -self.warning, -self.info)

    def matches(self, level: str) -> bool:
        """Whether the school falls under the table's level filter."""
        if level == "danger":
            return self.danger > 0
        if level == "warning":
            return self.warning > 0 and not self.danger
        if level == "attention":
            return self.danger + self.warning > 0
        if level == "none":
            return self.danger + self.warning == 0
        return True


def attention(alerts) -> Attention:
    counts = Counter(a.level for a in alerts)
    return Attention(counts["danger"], counts["warning"], counts["info"])


# -- alert groups ---------------------------------------------------------------------------------
@dataclass
class AlertGroup:
    """One kind of alert across the district: which schools have it and one of its own sentences."""
    kind: str
    source: str
    level: str
    example: Any                                  # the most urgent Alert of the kind (says why it fired)
    schools: list[str] = field(default_factory=list)   # slugs, in the order they were handed in
    alerts: int = 0
    example_school: str = ""                      # whose alert the example is

    def sort_key(self) -> tuple:
        return (LEVELS.get(self.level, 3), -len(self.schools), -self.alerts, self.kind)


def _urgency(alert) -> tuple:
    return (LEVELS.get(alert.level, 3), str(alert.due or "9999"), alert.text)


def digest(alerts) -> dict[str, tuple[int, Any]]:
    """One school's alerts by kind: how many, and the most urgent (the first of the most urgent)."""
    out: dict[str, list] = {}
    for alert in alerts:
        kind = alert_kind(alert)
        held = out.get(kind)
        if held is None:
            out[kind] = [1, alert, _urgency(alert)]
        else:
            held[0] += 1
            if (urgency := _urgency(alert)) < held[2]:
                held[1], held[2] = alert, urgency
    return {kind: (n, alert) for kind, (n, alert, _u) in out.items()}


def group(kind: str, entries) -> AlertGroup:
    """One kind's group from each school's (slug, (count, most urgent alert)), in the schools' order:
    its level and source are the first school's, its example the first of the most urgent."""
    found = best = None
    for slug, (n, alert) in entries:
        if found is None:
            found, best = AlertGroup(kind, alert.source or "", alert.level, alert, example_school=slug), _urgency(alert)
        elif (urgency := _urgency(alert)) < best:
            found.example, found.example_school, best = alert, slug, urgency
        found.schools.append(slug)
        found.alerts += n
    return found


def regroup(held: AlertGroup, entries: dict, before: dict, position: dict) -> AlertGroup:
    """``group`` again after the schools in ``before`` (slug → their (count, alert) when ``held`` was
    made) changed their alerts of the kind but not whether they have it: from ``held`` in the steps of
    the schools that changed, unless the first school or the example's changed (then afresh)."""
    if held.example_school in before or held.schools[0] in before:
        return group(held.kind, entries.items())
    out = AlertGroup(held.kind, held.source, held.level, held.example, held.schools, held.alerts, held.example_school)
    best = _urgency(out.example)
    for slug, (n_before, _alert) in before.items():
        n, alert = entries[slug]
        out.alerts += n - n_before
        urgency = _urgency(alert)
        if urgency < best or (urgency == best and position[slug] < position[out.example_school]):
            out.example, out.example_school, best = alert, slug, urgency
    return out


def by_kind(digests: dict[str, dict], order: list[str]) -> dict[str, dict]:
    """Each kind's schools (slug → (count, most urgent alert)), in the schools' order."""
    out: dict[str, dict] = {}
    for slug in order:
        for kind, entry in digests.get(slug, {}).items():
            out.setdefault(kind, {})[slug] = entry
    return out


def group_digests(digests: dict[str, dict], order: list[str]) -> list[AlertGroup]:
    """``group_alerts`` from each school's ``digest`` (what a page keeps per school between requests)."""
    return sorted((group(kind, entries.items()) for kind, entries in by_kind(digests, order).items()),
                  key=AlertGroup.sort_key)


def group_alerts(alerts: dict[str, list], order: list[str] | None = None) -> list[AlertGroup]:
    """Alerts (slug → [Alert]) grouped by kind, most urgent kind first, then the most schools; each
    group lists a school once however many alerts of the kind it has."""
    order = order if order is not None else list(alerts)
    return group_digests({slug: digest(alerts.get(slug, ())) for slug in order}, order)


def of_kind(alerts, kind: str) -> list:
    """A school's alerts of one kind, most urgent first."""
    return sorted((a for a in alerts if alert_kind(a) == kind), key=_urgency)


# -- distributions --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bucket:
    """Schools whose value lies from ``low`` up to ``high``, ``high`` included when ``closed`` (whole
    numbers, and the last bucket of a measure). ``low is None``: schools without a numeric value."""
    low: float | int | None
    high: float | int | None
    count: int
    closed: bool = False

    def holds(self, value) -> bool:
        """Whether a figure's value falls in this bucket (the table filter behind a bar)."""
        number = numeric(value)
        if self.low is None or number is None:
            return self.low is None and number is None
        return self.low <= number < self.high or (self.closed and number == self.high)


def _nice_step(span: float, bins: int) -> float:
    raw = span / bins
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def histogram(values: list, bins: int = 8) -> list[Bucket]:
    """Numbers bucketed into about ``bins`` ranges of round width; whole numbers get whole-number
    ranges. The counts always add up to ``len(values)``."""
    if not values:
        return []
    low, high = min(values), max(values)
    whole = all(isinstance(v, int) for v in values)
    if low == high:
        return [Bucket(low, high, len(values), True)]
    if whole:
        width = math.ceil((high - low + 1) / bins)
        n = math.ceil((high - low + 1) / width)
        counts = Counter((v - low) // width for v in values)
        return [Bucket(low + i * width, min(high, low + (i + 1) * width - 1), counts[i], True) for i in range(n)]
    step = _nice_step(high - low, bins)
    start = math.floor(low / step) * step
    n = max(1, math.ceil((high - start) / step))
    counts = Counter(min(n - 1, int((v - start) // step)) for v in values)
    return [Bucket(_round(start + i * step), _round(start + (i + 1) * step), counts[i], i == n - 1)
            for i in range(n)]


def _round(x: float) -> float:
    return round(x, 10)


def categories(values: list[str], top: int = 8) -> list[tuple[str, int]]:
    """Text values counted, the most frequent first; past ``top`` they are summed as "" (others)."""
    counted = Counter(values).most_common()
    if len(counted) <= top:
        return counted
    return counted[:top - 1] + [("", sum(n for _, n in counted[top - 1:]))]


@dataclass
class Distribution:
    """One figure across the district's schools, for a chart that aggregates."""
    key: str
    label: str
    unit: str
    buckets: list[Bucket] = field(default_factory=list)          # numeric figures
    categories: list[tuple[str, int]] = field(default_factory=list)   # text figures
    missing: int = 0                                             # schools without a value
    median: float | int | None = None
    total: float | int | None = None                             # counts and money only

    @property
    def schools(self) -> int:
        return sum(b.count for b in self.buckets) + sum(n for _, n in self.categories) + self.missing

    @property
    def top(self) -> int:
        return max([b.count for b in self.buckets] + [n for _, n in self.categories] + [self.missing, 1])


SUMMED = ("名", "人", "项", "次", "对", "个", "份", "笔", "所", "元", "¥", "小时")


def distribution(key: str, label: str, unit: str, values: list, bins: int = 8) -> Distribution:
    """A figure's values (one per school, None where a school has none) as a distribution: buckets when
    most values are numbers, counted categories when they are words."""
    numbers = [n for n in (numeric(v) for v in values) if n is not None]
    out = Distribution(key, label, unit)
    if numbers and len(numbers) * 2 >= len([v for v in values if v is not None]):
        out.buckets = histogram(numbers, bins)
        out.missing = len(values) - len(numbers)
        out.median = statistics.median(numbers)
        if unit in SUMMED:
            out.total = sum(numbers)
    else:
        out.categories = categories([str(v) for v in values if v is not None])
        out.missing = sum(1 for v in values if v is None)
    return out


# -- the table ------------------------------------------------------------------------------------
def matches_text(name: str, slug: str, q: str) -> bool:
    q = q.strip().casefold()
    return not q or q in name.casefold() or q in slug.casefold()


def figure_sort_key(value) -> tuple:
    """Numbers first in numeric order, then words, then no value."""
    number = numeric(value)
    return (0, number, "") if number is not None else ((1, 0, str(value)) if value is not None else (2, 0, ""))
