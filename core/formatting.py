"""Template filters: money to the fen, dates and times in the district's time zone, figures by their unit."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask import Flask

from core.clock import LOCAL_TZ
from core.messages import translated
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


COUNTED = ("名", "人", "项", "次", "对", "个", "份", "笔", "所")   # units of things counted one by one
MONEY = ("元", "¥")


def figure_number(value, unit: str = "") -> str:
    """A figure's value as a page shows it beside ``unit``: counts as integers ("28" of "28名"),
    money to the fen, percentages to one decimal, other measures without a trailing ".0"."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return "—" if value is None else str(value)
    if unit in COUNTED:
        return f"{value:.0f}"
    if unit in MONEY:
        return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"
    if unit == "%":
        return f"{float(value):.1f}"
    return f"{float(value):g}" if isinstance(value, (float, Decimal)) else str(value)


def register_filters(app: Flask) -> None:
    # ``words``: a plugin's own Chinese words (a module's title, a setting's label) in the reader's
    # language; unlike _() in a template, a "%" in them is text, not a placeholder.
    app.jinja_env.filters.update(yuan=yuan, dt=local_datetime, d=local_date, pct=percent, figure=figure_number,
                                 words=translated)
