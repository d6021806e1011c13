"""Pure rules of organisational life (组织生活): statements' three sections, rectification deadlines,
committee elections (counted with the meetings plugin's 4/5 rule) and term reminders (换届提醒).
Sources: ../shared/DOMAIN.md §3.3 (民主生活会、组织生活会), §3.1 (terms). Nothing here does I/O."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from core.dates import add_months, months_between
from core.errors import N_

# The meeting types (meetings plugin codes) whose participants prepare statements.
LIFE_TYPES = {"democratic_life": "领导班子民主生活会", "org_life": "组织生活会"}

SECTIONS = {"work": "工作情况", "criticism": "批评和自我批评", "measures": "整改措施"}

STATUSES = {"open": "未开始", "in_progress": "整改中", "closed": "已销号"}


def clean_sections(sections: dict) -> dict:
    return {key: (sections.get(key) or "").strip() for key in SECTIONS}


def missing_sections(sections: dict) -> list[str]:
    """The sections of a statement still empty (a statement is submitted complete, all three)."""
    return [key for key in SECTIONS if not (sections.get(key) or "").strip()]


def is_overdue(deadline: date, status: str, today: date) -> bool:
    """An open rectification item is overdue from the day after its deadline."""
    return status != "closed" and today > deadline


# -- elections (换届选举) -----------------------------------------------------------------------
HALF = Fraction(1, 2)


def _more_than_half(votes: int, of: int) -> bool:
    return votes * HALF.denominator > of * HALF.numerator


def election_error(seats: int, present: int, candidates: list[dict]) -> tuple[str, str] | None:
    """Why an election cannot be recorded as given: (field, message), or None."""
    if seats < 1:
        return "seats", N_("请填写应选委员人数")
    if len(candidates) < seats:
        return "candidates", N_("候选人不能少于应选人数")
    ids = [str(c["member_id"]) for c in candidates]
    if len(set(ids)) != len(ids):
        return "candidates", N_("候选人重复")
    for c in candidates:
        if c["votes"] < 0 or c["votes"] > present:
            return "candidates", N_("%(name)s 的得票数应在 0 到实到人数 %(present)s 之间", name=c["name"],
                                    present=present)
    return None


def elected(seats: int, present: int, candidates: list[dict]) -> list[str]:
    """Who is elected: votes MORE than half of the voters present, most votes first, up to ``seats``;
    candidates tied for the last seat are both left out (a further round decides between them)."""
    passing = sorted((c for c in candidates if _more_than_half(c["votes"], present)),
                     key=lambda c: -c["votes"])
    if len(passing) > seats and passing[seats - 1]["votes"] == passing[seats]["votes"]:
        cut = passing[seats]["votes"]
        passing = [c for c in passing if c["votes"] > cut]
    return [str(c["member_id"]) for c in passing[:seats]]


# -- term reminders (换届提醒) ------------------------------------------------------------------
_ONE_DAY = timedelta(days=1)
REMINDER_MONTHS = (6, 3)      # before the term ends; then monthly once it is overdue


@dataclass(frozen=True)
class TermReminder:
    stage: str                # "6_months", "3_months", "overdue"
    reminded_on: date         # the day this reminder became due
    months_overdue: int = 0   # whole months since the term ended (overdue only)

    @property
    def level(self) -> str:
        return {"6_months": "info", "3_months": "warning"}.get(self.stage, "danger")


def term_reminder(term_end: date | None, today: date) -> TermReminder | None:
    """The reminder due on ``today`` for a term ending on ``term_end``: 6 months before, 3 months
    before, and from the day after the end once a month (each month's reminder on the same day)."""
    if term_end is None:
        return None
    if today > term_end:
        months = max(0, months_between(term_end, today) - 1)
        while add_months(term_end, months + 1) <= today:   # a month's reminder on its day (31st → 30th)
            months += 1
        return TermReminder("overdue", add_months(term_end, months) if months else term_end + _ONE_DAY, months)
    for months in sorted(REMINDER_MONTHS):
        if today >= add_months(term_end, -months):
            return TermReminder(f"{months}_months", add_months(term_end, -months))
    return None


def term_status(term_end: date | None, today: date) -> str:
    """For the district's list: none, current, ending (within 6 months), overdue."""
    reminder = term_reminder(term_end, today)
    if term_end is None:
        return "none"
    return "current" if reminder is None else ("overdue" if reminder.stage == "overdue" else "ending")


TERM_STATUSES = {"none": "未登记任期", "current": "任期内", "ending": "即将届满", "overdue": "已届满未换届"}


# -- dual participation (双重组织生活) -----------------------------------------------------------
def dual_participation(committee: list[dict], attended: dict[str, list[date]]) -> list[dict]:
    """Each committee member with the party-group meetings they attended in the year (``attended``:
    member id → days present at a group meeting)."""
    return [{**seat, "days": sorted(attended.get(str(seat["member_id"]), [])),
             "attended": bool(attended.get(str(seat["member_id"])))} for seat in committee]

