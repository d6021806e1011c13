"""Working days (工作日) on China's official calendar: public holidays and make-up working days.

One rule for every deadline counted in working days (ARCHITECTURE.md §8). A day is a working day
when, in this order:
1. the district's table says so (``core/data/working_calendar.txt``, then the file named by
   ``ZHIBU_WORKING_CALENDAR``; a later line for the same day wins) — for years the package does not
   know yet, or to correct it;
2. the ``chinese-calendar`` package says so, for the years it covers;
3. otherwise it is Monday to Friday (a year nobody has published yet).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import chinese_calendar

SHIPPED_TABLE = Path(__file__).parent / "data" / "working_calendar.txt"
TABLE_ENV = "ZHIBU_WORKING_CALENDAR"
KINDS = ("holiday", "workday")


class CalendarTableError(ValueError):
    pass


@dataclass(frozen=True)
class Table:
    """Days the table names: day → True (a make-up working day) or False (a holiday)."""

    days: dict
    versions: tuple[str, ...] = ()


def parse_table(text: str, source: str = "table") -> Table:
    """Read a table: ``YYYY-MM-DD holiday|workday note`` a line, ``#`` comments, ``version: …``."""
    days, versions = {}, []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("version:"):
            versions.append(line.split(":", 1)[1].strip())
            continue
        parts = line.split(None, 2)
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            raise CalendarTableError(f"{source}:{number}: not a date: {parts[0]!r}") from None
        if len(parts) < 2 or parts[1] not in KINDS:
            raise CalendarTableError(f"{source}:{number}: the kind must be holiday or workday")
        days[day] = parts[1] == "workday"
    return Table(days, tuple(versions))


def _read(path: Path) -> Table:
    return parse_table(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def district_table() -> Table:
    """The shipped table, then the district's own file (read once per process)."""
    tables = [_read(SHIPPED_TABLE)]
    extra = os.environ.get(TABLE_ENV)
    if extra:
        tables.append(_read(Path(extra)))
    days: dict = {}
    for table in tables:
        days.update(table.days)
    return Table(days, tuple(v for t in tables for v in t.versions))


def package_years() -> range:
    """The years the chinese-calendar package knows."""
    known = list(chinese_calendar.constants.holidays) + list(chinese_calendar.constants.workdays)
    return range(min(known).year, max(known).year + 1)


def version() -> str:
    """Which calendar counted: the package's version and the table's (for records and pages)."""
    table = ",".join(district_table().versions) or "-"
    return f"chinese-calendar {chinese_calendar.__version__}; table {table}"


def is_working_day(day: date, table: Table | None = None) -> bool:
    table = district_table() if table is None else table
    if day in table.days:
        return table.days[day]
    if day.year in package_years():
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def add_working_days(start: date, days: int, table: Table | None = None) -> date:
    """The last day of a window of ``days`` working days that starts on ``start`` (a start on a
    day off counts from the next working day)."""
    if days < 1:
        raise ValueError("a window has at least one working day")
    day, counted = start, 0
    while True:
        if is_working_day(day, table):
            counted += 1
            if counted >= days:
                return day
        day += timedelta(days=1)
