"""Pure rules of 三会一课 and organisational life: meeting types, periods, late entries, compliance.
Quorum and votes are in ``rules.votes`` (re-exported here), heart-to-heart talks in ``rules.talks``.

Sources: ../shared/DOMAIN.md §3.3 (frequencies), §3.4 (quorum and voting), §3.5 (minutes),
§1.3 (congress vote on admission or conversion). Frequencies and the late-entry grace are versioned
by effective date and overridable per school (a school's own type definitions carry an
``effective_from`` too); nothing here does I/O.
"""
from __future__ import annotations
from core.errors import N_

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from plugins.meetings.rules.votes import (  # noqa: F401  (re-exported: rules.RESOLUTION_KINDS, …)
    AT_LEAST, FOLLOW_UP, FOUR_FIFTHS, HALF, LEAVE_OUT_KINDS, RESOLUTION_KINDS, TWO_THIRDS, ResolutionKind, Tally,
    has_quorum, meeting_quorate, more_than, passes, vote_error,
)

# -- frequencies and periods ------------------------------------------------------------------
FREQUENCIES: dict[str, str] = {
    "monthly": "每月", "quarterly": "每季度", "half_yearly": "每半年", "yearly": "每年",
}
_MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def period_key(frequency: str, on: date) -> str:
    """The period a day falls in: 2026-03, 2026-Q1, 2026-H1, 2026."""
    if frequency == "monthly":
        return f"{on.year}-{on.month:02d}"
    if frequency == "quarterly":
        return f"{on.year}-Q{(on.month - 1) // 3 + 1}"
    if frequency == "half_yearly":
        return f"{on.year}-H{1 if on.month <= 6 else 2}"
    return str(on.year)


def period_label(key: str) -> str:
    if "-Q" in key:
        year, q = key.split("-Q")
        return f"{year}年第{q}季度"
    if "-H" in key:
        year, h = key.split("-H")
        return f"{year}年{'上' if h == '1' else '下'}半年"
    if "-" in key:
        year, month = key.split("-")
        return f"{year}年{int(month)}月"
    return f"{key}年"


def period_end(frequency: str, on: date) -> date:
    """The last day of the period that ``on`` falls in."""
    months = _MONTHS_PER_PERIOD[frequency]
    first_month = (on.month - 1) // months * months + 1
    last_month = first_month + months - 1
    nxt = date(on.year + (last_month // 12), last_month % 12 + 1, 1)
    return nxt - timedelta(days=1)


# -- meeting types (会议类型) ----------------------------------------------------------------
# Who is expected (应到) at a meeting of a body:
#   congress   支部党员大会: every member on the roll; full members vote, probationary attend without vote
#   committee  支部委员会: the committee members
#   group      党小组: one party group's members
#   all        党课、主题党日、组织生活会: every member on the roll
#   leadership 领导班子民主生活会: the committee (the school's leadership team by reference)
BODIES: dict[str, str] = {
    "congress": "全体党员（正式党员有表决权）", "committee": "支部委员会委员", "group": "党小组成员",
    "all": "全体党员", "leadership": "领导班子成员（支委）",
}
VOTING_BODIES = frozenset({"congress", "committee"})
# Who may chair (主持) or record (记录) a meeting: at a branch congress or a committee meeting, one of
# those who should attend it (a committee meeting is chaired by a committee member); at any other
# meeting, any member who may chair. The schedule form lists and the meeting checks by this one rule.
PRESIDED_FROM_ATTENDEES = frozenset({"congress", "committee"})


def may_preside(body: str, member_id: str, expected_ids) -> bool:
    """Whether ``member_id`` may chair or record a meeting of ``body`` expecting ``expected_ids``."""
    return body not in PRESIDED_FROM_ATTENDEES or str(member_id) in {str(i) for i in expected_ids}


@dataclass(frozen=True)
class MeetingType:
    code: str
    name: str
    frequency: str
    body: str
    effective_from: date
    builtin: bool = True

    @property
    def frequency_label(self) -> str:
        return FREQUENCIES.get(self.frequency, self.frequency)

    @property
    def body_label(self) -> str:
        return BODIES.get(self.body, self.body)


# 中国共产党支部工作条例（试行）, in force 2018-10-28. The party-building topic meeting is the seed
# school's own rule (local); a school may change any frequency from a date of its choosing.
REGULATIONS_2018 = date(2018, 10, 28)
DEFAULT_TYPES: tuple[MeetingType, ...] = (
    MeetingType("congress", "支部党员大会", "quarterly", "congress", REGULATIONS_2018),
    MeetingType("committee", "支部委员会会议", "monthly", "committee", REGULATIONS_2018),
    MeetingType("group", "党小组会", "monthly", "group", REGULATIONS_2018),
    MeetingType("lecture", "党课", "quarterly", "all", REGULATIONS_2018),
    MeetingType("theme_day", "主题党日", "monthly", "all", REGULATIONS_2018),
    MeetingType("org_life", "组织生活会", "yearly", "all", REGULATIONS_2018),
    MeetingType("democratic_life", "领导班子民主生活会", "yearly", "leadership", REGULATIONS_2018),
    MeetingType("topic", "党建专题会议", "half_yearly", "committee", REGULATIONS_2018),
)


def type_versions(school_definitions: list[MeetingType] = ()) -> dict[str, list[MeetingType]]:
    """Every version of every type (defaults, then the school's own), oldest first."""
    versions: dict[str, list[MeetingType]] = {t.code: [t] for t in DEFAULT_TYPES}
    for definition in sorted(school_definitions, key=lambda d: d.effective_from):
        versions.setdefault(definition.code, []).append(definition)
    for code in versions:
        versions[code].sort(key=lambda d: d.effective_from)
    return versions


def type_on(versions: list[MeetingType], on: date) -> MeetingType | None:
    """The version of one type in force on a day (None before its first version)."""
    current = None
    for version in versions:
        if version.effective_from <= on:
            current = version
    return current


def types_on(school_definitions: list[MeetingType], on: date) -> dict[str, MeetingType]:
    out = {}
    for code, versions in type_versions(school_definitions).items():
        current = type_on(versions, on)
        if current is not None and current.frequency != "none":
            out[code] = current
    return out


def type_definition_error(code: str, name: str, frequency: str, body: str) -> str | None:
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,29}", code or ""):
        return N_("类型代码应为 2–30 位小写字母、数字或下划线，以字母开头")
    if not (name or "").strip():
        return N_("请填写类型名称")
    if frequency not in FREQUENCIES and frequency != "none":
        return N_("频次应为 每月、每季度、每半年、每年 或 不作要求")
    if body not in BODIES:
        return N_("参会范围无效")
    return None


# -- late entries ----------------------------------------------------------------------------
LATE_GRACE_DAYS = ((REGULATIONS_2018, 7),)   # (effective from, days) — local, configurable


def grace_days_on(on: date, override: int | None = None) -> int:
    if override is not None:
        return override
    days = LATE_GRACE_DAYS[0][1]
    for since, value in LATE_GRACE_DAYS:
        if since <= on:
            days = value
    return days


def is_late(held_on: date, recorded_on: date, grace_days: int) -> bool:
    """A meeting entered more than ``grace_days`` after the day it describes is a late entry."""
    return (recorded_on - held_on).days > grace_days


# -- compliance (合规) ------------------------------------------------------------------------
@dataclass(frozen=True)
class PeriodStatus:
    key: str
    label: str
    end: date
    held: int
    due: bool          # the period has ended (or is today's and already held)

    @property
    def missing(self) -> bool:
        return self.due and self.held == 0


@dataclass(frozen=True)
class TypeCompliance:
    code: str
    name: str
    frequency: str
    periods: tuple[PeriodStatus, ...]

    @property
    def required(self) -> int:
        return sum(1 for p in self.periods if p.due)

    @property
    def held(self) -> int:
        return sum(1 for p in self.periods if p.due and p.held)

    @property
    def missing(self) -> list[PeriodStatus]:
        return [p for p in self.periods if p.missing]

    @property
    def ratio(self) -> float:
        return 1.0 if self.required == 0 else self.held / self.required


def compliance(versions: dict[str, list[MeetingType]], held: dict[str, list[date]], year: int,
               today: date, since: date | None = None) -> list[TypeCompliance]:
    """Required against held per type for one year, periods named.

    A period is required once it has ended (by ``today``); the current period counts only when a
    meeting was already held in it. Each month follows the type's version in force on its first
    day, so a frequency changed mid-year applies from its effective date. A period that began
    before ``since`` (the school's records in Zhibu start) is not required; a meeting entered for
    it still counts.
    """
    out = []
    for code, type_versions_ in versions.items():
        periods: dict[str, PeriodStatus] = {}
        days = held.get(code, [])
        current = None
        for month in range(1, 13):
            first = date(year, month, 1)
            rule = type_on(type_versions_, first)
            if rule is None or rule.frequency not in FREQUENCIES:
                continue
            key = period_key(rule.frequency, first)
            if key in periods:
                continue
            end = period_end(rule.frequency, first)
            count = sum(1 for d in days if first <= d <= end and period_key(rule.frequency, d) == key)
            if since is not None and first < since and count == 0:
                continue
            current = rule
            periods[key] = PeriodStatus(key, period_label(key), end, count,
                                        due=end < today or (count > 0 and first <= today))
        if current is None or not periods:
            continue
        out.append(TypeCompliance(code, current.name, current.frequency, tuple(periods.values())))
    return out


def compliance_ratio(items: list[TypeCompliance]) -> float:
    required = sum(i.required for i in items)
    return 1.0 if required == 0 else sum(i.held for i in items) / required


def with_frequency(t: MeetingType, frequency: str, effective_from: date) -> MeetingType:
    return replace(t, frequency=frequency, effective_from=effective_from, builtin=False)


def local_day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value
