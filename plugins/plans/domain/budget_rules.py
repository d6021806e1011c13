"""The district's versioned budget rule for activity funds (党建经费标准): each version an amount per
member and a minimum per branch, in force from its day until the next version. Amounts are whole fen."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.plans.domain.base import PlansError, key_id, require

MAX_FEN = 10_000_000_00   # ten million yuan: far above any branch's yearly budget


class BudgetRuleBook(Aggregate):
    """The district's one book of budget rule versions (district log); nothing is edited in place: a
    wrong version is replaced by a new one from the same day, which keeps the one it replaces."""

    @event("Opened")
    def __init__(self, key: str):
        self.versions: dict[str, dict] = {}   # ISO day → amounts

    @staticmethod
    def create_id(key: str, **_):
        return key_id("budget-rules", key)

    def add_version(self, effective_from: date, per_member_fen: int, minimum_fen: int, note: str) -> None:
        """A version from ``effective_from`` (a day already in the book is replaced: before is kept); budgets
        already set keep their figures until computed again."""
        if not isinstance(effective_from, date):
            raise PlansError(N_("请填写执行日期"), field="effective_from")
        for value, field in ((per_member_fen, "per_member"), (minimum_fen, "minimum")):
            if not 0 <= int(value) <= MAX_FEN:
                raise PlansError(N_("金额应在 0 至 1000 万元之间"), field=field)
        if per_member_fen == 0 and minimum_fen == 0:
            raise PlansError(N_("每名党员标准与每支部最低额不能都为零"), field="per_member")
        before = self.versions.get(effective_from.isoformat())
        self._version_added(effective_from=effective_from, per_member_fen=int(per_member_fen),
                            minimum_fen=int(minimum_fen), note=require(note, N_("请填写依据或说明"), "note"),
                            before=before)

    @event("VersionAdded")
    def _version_added(self, effective_from: date, per_member_fen: int, minimum_fen: int, note: str,
                       before: dict | None) -> None:
        self.versions[effective_from.isoformat()] = {"per_member_fen": per_member_fen, "minimum_fen": minimum_fen}
