"""Template filters: money to the fen, dates and times in the district's time zone."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from core.clock import LOCAL_TZ
from core.money import yuan  # noqa: F401  (the money filter)


def local_datetime(value) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo:
        value = value.astimezone(LOCAL_TZ)
    return value.strftime("%Y-%m-%d %H:%M")


def local_date(value) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        return value[:10]
    if isinstance(value, datetime):
        value = value.astimezone(LOCAL_TZ).date() if value.tzinfo else value.date()
    return value.isoformat() if isinstance(value, date) else str(value)


def percent(value, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{float(value) * 100:.{digits}f}%"


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(yuan=yuan, dt=local_datetime, d=local_date, pct=percent)
