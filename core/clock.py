"""One clock for display. Instants are stored as UTC; every page, export and API answer shows them in
the deployment's zone, every time typed in is read in it, and the day an instant falls on is its day
there (reports bucket by it). One setting: ``ZHIBU_TIMEZONE`` (default Asia/Shanghai).

Naive datetimes are wall-clock times on the local calendar (a meeting's start), never instants.
"""
from __future__ import annotations

import os
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo(os.environ.get("ZHIBU_TIMEZONE") or "Asia/Shanghai")


def local(value: datetime) -> datetime:
    """The moment in the local zone (a naive value is already local wall-clock time)."""
    return value.astimezone(LOCAL_TZ) if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)


def local_day(value: datetime | date) -> date:
    """The local calendar day of an instant (a date is its own day)."""
    return local(value).date() if isinstance(value, datetime) else value


def from_local(value: datetime) -> datetime:
    """A time as typed in (naive, local) as an aware UTC instant; an aware value keeps its offset."""
    return local(value).astimezone(timezone.utc)


def day_start(day: date) -> datetime:
    """The first instant of a local day."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


def day_end(day: date) -> datetime:
    """The last instant of a local day."""
    return datetime.combine(day, time.max, tzinfo=LOCAL_TZ)
