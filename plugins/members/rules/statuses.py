"""Membership status (党籍状态): the statuses, who is on the roll, the allowed changes."""
from __future__ import annotations
from core.errors import N_

from datetime import date


STATUSES: dict[str, str] = {
    "probationary": "预备党员",
    "full": "正式党员",
    "transferred_out": "已转出",
    "lost_contact": "失联",
    "suspended": "停止党籍",
    "left": "自行脱党",
    "removed": "除名",
    "deceased": "去世",
    "expelled": "开除党籍",
}
# Members counted on the roll of the branch.
ON_ROLL = frozenset({"probationary", "full", "lost_contact", "suspended"})

TRANSITIONS: dict[str, frozenset] = {
    "probationary": frozenset({"full", "removed", "transferred_out", "lost_contact", "deceased"}),
    "full": frozenset({"transferred_out", "lost_contact", "left", "removed", "deceased", "expelled"}),
    "lost_contact": frozenset({"full", "probationary", "suspended", "left", "deceased", "expelled"}),
    "suspended": frozenset({"full", "removed", "left", "deceased", "expelled"}),
    "transferred_out": frozenset({"full", "probationary"}),   # transferred back in
    "left": frozenset(),
    "removed": frozenset(),
    "deceased": frozenset(),
    "expelled": frozenset(),
}


def transition_error(before: str, after: str) -> str | None:
    """A sentence saying why ``before → after`` is refused, or None when allowed."""
    if after not in STATUSES:
        return N_("未知的党籍状态：%(after)s", after=after)
    if after == before:
        return N_("该党员已是「%(status)s」状态", status=STATUSES[after])
    if after not in TRANSITIONS.get(before, frozenset()):
        return N_("不能从「%(before)s」直接变为「%(after)s」", before=STATUSES[before], after=STATUSES[after])
    return None


def status_change_error(before: str, after: str, reason: str | None) -> tuple[str, str] | None:
    """(field, sentence) when a member's status cannot change from ``before`` to ``after``, else None."""
    error = transition_error(before, after)
    if error:
        return "status", error
    if not (reason or "").strip():
        return "reason", N_("党籍状态变更须说明原因")
    if after == "full" and before == "probationary":
        return "status", N_("预备党员转正请使用「转正」")
    return None


def conversion_error(status: str, joined_on: date | None, converted_on: date) -> tuple[str, str] | None:
    """(field, sentence) when a member cannot be converted to full member (转正) on that day, else None."""
    if status != "probationary":
        return "status", N_("只有预备党员可以转正")
    if joined_on and converted_on < joined_on:
        return "converted_on", N_("转正日期不能早于入党日期")
    return None
