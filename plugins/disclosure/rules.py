"""Pure rules of party-affairs disclosure (党务公开): the catalogue of what a branch discloses, versioned
by date, and when a disclosure is due and overdue. No I/O.

The default catalogue follows the 2017 regulations (《中国共产党党务公开条例（试行）》, approved
2017-12-20): a branch (党支部) discloses to its members, or to everyone, its work and decisions, dues,
development of members, democratic evaluation and the like, in good time, on a board, at a meeting or
online. The days and periods below are **local defaults** (the regulations give none): the district
revises the catalogue from a date of its choosing.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from core.errors import N_

AUDIENCES: dict[str, str] = {"members": N_("党内（党员）"), "everyone": N_("党内外（所有人）")}
TIMINGS: dict[str, str] = {"event": N_("事项发生后限期公开"), "periodic": N_("定期公开")}
PERIODS: dict[str, str] = {"quarter": N_("每季度"), "year": N_("每年")}
FORMS: dict[str, str] = {"board": N_("公开栏"), "meeting": N_("会议"), "online": N_("网络")}
STATUSES: dict[str, str] = {"disclosed": N_("已公开"), "due": N_("待公开"), "overdue": N_("逾期未公开")}
MANUAL = "manual"   # the kind of a disclosure entered by hand


@dataclass(frozen=True)
class Entry:
    """One line of the catalogue: what is disclosed (``content``), to whom, when (``timing`` "event":
    within ``days`` of the event; "periodic": each ``period``, within ``days`` of its end), in what form,
    and which kinds of offered facts (``zhibu_disclosable``) it covers."""
    code: str
    content: str
    audience: str = "members"
    timing: str = "event"
    period: str | None = None
    days: int = 7
    form: str = "board"
    kinds: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {**asdict(self), "kinds": list(self.kinds)}

    @classmethod
    def of(cls, data: dict) -> "Entry":
        return cls(code=data["code"], content=data["content"], audience=data.get("audience", "members"),
                   timing=data.get("timing", "event"), period=data.get("period"), days=int(data.get("days", 7)),
                   form=data.get("form", "board"), kinds=tuple(data.get("kinds") or ()))


DEFAULT_ENTRIES: tuple[Entry, ...] = (
    Entry("dues", "党费收缴、使用和管理情况", "members", "periodic", "year", 30, "board", ("dues.publication",)),
    Entry("development", "发展党员工作情况（发展对象、拟接收预备党员、拟转正公示）", "everyone", "event", None, 1,
          "board", ("development.publicity",)),
    Entry("evaluation", "民主评议党员结果", "members", "event", None, 7, "meeting", ("assessment.evaluation",)),
    Entry("commitments", "党员公开承诺", "everyone", "event", None, 15, "board", ("integrity.commitments",)),
    Entry("decisions", "支部重要决策和集体决定的事项", "members", "event", None, 7, "meeting", ("meetings.decision",)),
    Entry("work", "支部年度工作计划和组织生活开展情况", "members", "periodic", "year", 31, "meeting", ()),
)


@dataclass(frozen=True)
class Catalogue:
    """The catalogue in force from ``effective_from`` (the built-in default, or a district revision)."""
    effective_from: date
    entries: tuple[Entry, ...] = field(default=DEFAULT_ENTRIES)

    def entry(self, code: str) -> Entry | None:
        return next((e for e in self.entries if e.code == code), None)

    def entry_of_kind(self, kind: str) -> Entry | None:
        return next((e for e in self.entries if kind in e.kinds), None)


DEFAULT = Catalogue(date(2017, 12, 20), DEFAULT_ENTRIES)


def catalogue_on(day: date, revisions: list[Catalogue]) -> Catalogue:
    """The catalogue in force on ``day``: the latest revision effective on or before it, else the default."""
    chosen = DEFAULT
    for revision in sorted(revisions, key=lambda r: r.effective_from):
        if revision.effective_from <= day:
            chosen = revision
    return chosen


def check_entries(entries: list[dict]) -> list[str]:
    """Problems of a revised catalogue, one sentence each (empty when it may be saved)."""
    problems, codes = [], set()
    if not entries:
        problems.append(N_("公开目录至少要有一项"))
    for n, e in enumerate(entries, 1):
        if e["code"] in codes:
            problems.append(N_("第 %(n)s 项的代码与前面重复", n=n))
        codes.add(e["code"])
        if e.get("timing") == "periodic" and e.get("period") not in PERIODS:
            problems.append(N_("第 %(n)s 项为定期公开，请选择周期", n=n))
    return problems


# -- periods -------------------------------------------------------------------------------------------
def period_code(day: date, period: str) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if period == "quarter" else str(day.year)


def period_end(code: str) -> date:
    if "-Q" in code:
        year, q = int(code[:4]), int(code[-1])
        return (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(days=1)
    return date(int(code), 12, 31)


def periods_ended(period: str, first: date, last: date) -> list[str]:
    """The codes of the periods that ended from ``first`` to ``last`` (both included), oldest first."""
    out, day = [], first
    while day <= last:
        code = period_code(day, period)
        end = period_end(code)
        if end <= last and code not in out:
            out.append(code)
        day = end + timedelta(days=1)
    return out


# -- due and overdue -----------------------------------------------------------------------------------
def due_by(event_date: date, days: int) -> date:
    """The last day to disclose: ``days`` after the event (a period's last day)."""
    return event_date + timedelta(days=int(days))


def status(event_date: date, days: int, today: date, disclosed: bool) -> str:
    """Disclosed; due from the event up to ``days`` after it; overdue from the day after that."""
    if disclosed:
        return "disclosed"
    return "overdue" if today > due_by(event_date, days) else "due"


def overdue_reason(content: str, title: str, event_date: date, days: int) -> str:
    """Why an obligation is overdue, in one sentence (the alert's text)."""
    return N_("「%(title)s」（%(content)s）应在 %(event)s 后 %(days)s 日内公开（%(by)s 前），尚未公开",
              title=title, content=content, event=event_date.isoformat(), days=days,
              by=due_by(event_date, days).isoformat())


def is_open(window_from: date, window_until: date | None, today: date) -> bool:
    """Whether a disclosure's window is open on ``today``."""
    return window_from <= today and (window_until is None or today <= window_until)
