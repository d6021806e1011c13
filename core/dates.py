"""Dates every plugin counts with, in one place: calendar months and periods, the district's zone
and local day (core.clock), and working days (core.calendar). Pure, no framework."""
from __future__ import annotations

import calendar
from datetime import date

from core.calendar import add_working_days, is_working_day  # noqa: F401  (re-exported: the one place)
from core.clock import LOCAL_TZ, day_end, day_start, local, local_day  # noqa: F401  (re-exported)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's last day: 31 January + 1
    month is 28 or 29 February. The first of a month stays the first."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (a month is complete on the same day of the month;
    negative when ``end`` is earlier): 15 January → 14 March is 1, → 15 March is 2."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def months_apart(a: date, b: date) -> int:
    """How many calendar months ``b``'s month is after ``a``'s (days ignored; negative when before)."""
    return (b.year - a.year) * 12 + (b.month - a.month)


def month_of(day: date) -> date:
    """The first day of ``day``'s month (a month is named by its first day)."""
    return date(day.year, day.month, 1)


def month_key(month: date) -> str:
    """"2026-03"."""
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(text: str) -> date:
    """"2026-03" (or a date in it) → 1 March 2026."""
    year, month = str(text).strip()[:7].split("-")
    return date(int(year), int(month), 1)


def month_range(first: date, last: date) -> list[date]:
    """The months from ``first``'s to ``last``'s, each named by its first day (empty when reversed)."""
    first, last = month_of(first), month_of(last)
    return [add_months(first, i) for i in range(months_apart(first, last) + 1)] if first <= last else []


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def year_end(year: int) -> date:
    return date(year, 12, 31)
