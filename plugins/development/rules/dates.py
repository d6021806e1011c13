"""Dates of member development: ISO dates typed in, calendar months, ages, working days."""
from __future__ import annotations

import re
from datetime import date

from core import calendar as calendar_days
from core.dates import add_months  # noqa: F401  (the rules count months with the core's)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value) -> date | None:
    if isinstance(value, date):
        return value
    if not value or not _DATE.match(str(value)):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def add_working_days(start: date, days: int) -> date:
    """The last day of a window of ``days`` working days that starts on ``start``: the official
    calendar of public holidays and make-up working days (``core.calendar``)."""
    return calendar_days.add_working_days(start, days)
