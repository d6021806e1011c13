"""Rows → what the integrity pages, API and Excel show. Pure: who may see what is decided in web/."""
from __future__ import annotations

from plugins.integrity import rules


def hours(x100: int | None) -> str:
    """Hours kept in hundredths (``hours_x100``), shown without trailing zeros."""
    return f"{(x100 or 0) / 100:g}"


def pair(row, revealed: bool) -> dict:
    """A pair as shown: unless ``revealed``, the helped person's name as initials and the details hidden."""
    data = dict(row._mapping)
    data["hours"] = f"{row.hours_x100 / 100:g}"
    data["revealed"] = revealed
    if not revealed:
        data["helped_name"] = rules.initials(row.helped_name)
        data["helped_details"] = None
    return data
