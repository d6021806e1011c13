"""Party discipline sanctions (党纪处分)."""
from __future__ import annotations
from core.errors import N_

from datetime import date

from plugins.members.rules.dates import add_months


SANCTIONS = ("警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍")
PARTY_PROBATION = "留党察看"


def sanction_error(kind: str, start: date, end: date | None) -> tuple[str, str] | None:
    """(field, sentence) when a sanction cannot be recorded, else None."""
    if kind not in SANCTIONS:
        return "kind", f"未知的处分种类：{kind}；应为 " + "、".join(SANCTIONS)
    if kind == PARTY_PROBATION:
        if end is None:
            return "end", N_("留党察看须填写察看期满日期")
        if end <= start or end > add_months(start, 24):
            return "end", N_("留党察看期为一年或两年")
    elif end is not None and end < start:
        return "end", N_("结束日期不能早于开始日期")
    return None


def under_party_probation(sanctions: list[dict], on: date) -> bool:
    """Whether one of the sanctions is a 留党察看 in force on ``on`` (rights not yet restored)."""
    return any(s["kind"] == PARTY_PROBATION and not s.get("revoked")
               and s["start"] <= on <= s["end"] for s in sanctions)
