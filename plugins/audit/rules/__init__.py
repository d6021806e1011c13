"""Pure rules of district oversight: inspection scope, rectification deadlines (the seals' Merkle
tree maths is in merkle.py).

DOMAIN.md names no national rule for inspections; the rectification period (整改期限) is a local
practice, so it is a versioned table here and a setting (``default_deadline_days``).
"""
from __future__ import annotations

from datetime import date, timedelta

# -- findings (督查发现) and rectification (整改) ---------------------------------------------
FINDING_STATUSES: dict[str, str] = {"open": "待整改", "answered": "已反馈待审核", "closed": "已销号"}

# (effective from, default days to rectify) — local practice, newest last. [local]
RECTIFICATION_DAYS: list[tuple[date, int]] = [(date(2018, 1, 1), 30)]


def default_deadline_days(on: date, table=RECTIFICATION_DAYS) -> int:
    days = table[0][1]
    for since, value in table:
        if on >= since:
            days = value
    return days


def default_deadline(recorded_on: date, days: int | None = None) -> date:
    return recorded_on + timedelta(days=days if days is not None else default_deadline_days(recorded_on))


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    """Overdue: no rectification answered yet and the deadline has passed."""
    return status == "open" and deadline is not None and deadline < today


def finding_state(status: str, deadline: date | None, today: date) -> str:
    """open / overdue / answered / closed, as the district counts them."""
    return "overdue" if is_overdue(status, deadline, today) else status


# -- inspection scope (督查任务) --------------------------------------------------------------
def covers(schools, starts_on: date, ends_on: date, revoked: bool, school: str, day: date) -> bool:
    """An assignment lets its inspector see ``school`` on ``day``: listed, in range, not revoked."""
    return not revoked and school in (schools or ()) and starts_on <= day <= ends_on
