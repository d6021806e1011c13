"""Activity funds (党建经费): a year's budget by the rule in force, and the spending of it, each
spending linked to the activity it paid for, with receipts, or booked from another plugin's record
(a care visit, 慰问) and then corrected only through that record. Amounts are whole fen."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.plans import rules
from plugins.plans.domain.base import PlansError, key_id, require


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


class FundsYear(Aggregate):
    """One school's activity funds for one year; spendings are "e1", "e2", …; nothing is edited in
    place: a wrong spending is withdrawn with a reason and recorded again."""

    @event("BudgetSet")
    def __init__(self, key: str, year: int, members: int, per_member_fen: int, minimum_fen: int,
                 amount_fen: int, rule_from: date):
        self.year = year
        self.budget = {"members": members, "per_member_fen": per_member_fen, "minimum_fen": minimum_fen,
                       "amount_fen": amount_fen, "rule_from": rule_from}
        self.spendings: dict[str, dict] = {}
        self.next_entry = 1

    @staticmethod
    def create_id(key: str, **_):
        return key_id("funds", key)

    def reset_budget(self, members: int, per_member_fen: int, minimum_fen: int, amount_fen: int,
                     rule_from: date) -> None:
        """The budget computed again (members changed, or the rule); before and after are kept."""
        after = {"members": members, "per_member_fen": per_member_fen, "minimum_fen": minimum_fen,
                 "amount_fen": amount_fen, "rule_from": rule_from}
        if after == self.budget:
            raise PlansError(N_("预算没有变化"), field="year")
        self._budget_reset(before=dict(self.budget), after=after)

    @event("BudgetReset")
    def _budget_reset(self, before: dict, after: dict) -> None:
        self.budget = dict(after)

    def spent_fen(self) -> int:
        return sum(s["amount_fen"] for s in self.spendings.values() if not s["withdrawn"])

    def left_fen(self) -> int:
        return self.budget["amount_fen"] - self.spent_fen()

    def check_within_budget(self, more_fen: int, overspend: str) -> None:
        """Over budget (超支) means the year's spendings not withdrawn, with this one, above the budget
        set; a school whose rule forbids it (settings ``overspend``) is refused."""
        if overspend == "forbid" and more_fen > 0 and self.spent_fen() + more_fen > self.budget["amount_fen"]:
            raise PlansError(N_("超出 %(year)s 年度党建经费预算：余额 %(left)s 元，本笔 %(amount)s 元",
                                year=self.year, left=_yuan(self.left_fen()), amount=_yuan(more_fen)),
                             field="amount")

    def entry_of(self, source_id: str) -> str | None:
        """The spending (not withdrawn) booked from another plugin's record, if any."""
        return next((entry_id for entry_id, s in self.spendings.items()
                     if not s["withdrawn"] and (s.get("source") or {}).get("id") == source_id), None)

    def _check_day(self, on: date, amount_fen: int, today: date) -> None:
        if on.year != self.year:
            raise PlansError(N_("支出日期应在 %(year)s 年内", year=self.year), field="on")
        if on > today:
            raise PlansError(N_("支出日期不能晚于今天"), field="on")
        if amount_fen <= 0:
            raise PlansError(N_("金额应大于零"), field="amount")

    def record_spending(self, on: date, amount_fen: int, purpose: str, meeting_id: str | None,
                        meeting_title: str | None, activity: str | None, receipts: list, today: date,
                        overspend: str = "allow") -> str:
        self._check_day(on, amount_fen, today)
        self.check_within_budget(int(amount_fen), overspend)
        if not meeting_id and not (activity or "").strip():
            raise PlansError(N_("请选择支出用于的会议或写明活动"), field="activity")
        entry_id = f"e{self.next_entry}"
        self._spent(entry_id=entry_id, on=on, amount_fen=int(amount_fen),
                    purpose=require(purpose, N_("请填写支出事由"), "purpose"), meeting_id=meeting_id,
                    meeting_title=meeting_title, activity=(activity or "").strip() or None,
                    receipts=list(receipts or []))
        return entry_id

    @event("SpendingRecorded")
    def _spent(self, entry_id: str, on: date, amount_fen: int, purpose: str, meeting_id: str | None,
               meeting_title: str | None, activity: str | None, receipts: list) -> None:
        self.spendings[entry_id] = {"on": on, "amount_fen": amount_fen, "withdrawn": False}
        self.next_entry += 1

    def book_spending(self, on: date, amount_fen: int, purpose: str, source: dict, today: date,
                      overspend: str = "allow") -> str:
        """A spending booked from another plugin's record (``source``: its kind, id and title, e.g. a
        care visit), in the same save as that record."""
        self._check_day(on, amount_fen, today)
        if self.entry_of(source["id"]) is not None:
            raise PlansError(N_("这条记录已计入党建经费"), field="amount")
        self.check_within_budget(int(amount_fen), overspend)
        entry_id = f"e{self.next_entry}"
        self._booked(entry_id=entry_id, on=on, amount_fen=int(amount_fen),
                     purpose=require(purpose, N_("请填写支出事由"), "purpose"),
                     source={"kind": source["kind"], "id": str(source["id"]), "title": source.get("title") or ""})
        return entry_id

    @event("SpendingBooked")
    def _booked(self, entry_id: str, on: date, amount_fen: int, purpose: str, source: dict) -> None:
        self.spendings[entry_id] = {"on": on, "amount_fen": amount_fen, "withdrawn": False, "source": dict(source)}
        self.next_entry += 1

    def correct_spending(self, entry_id: str, amount_fen: int, reason: str, overspend: str = "allow") -> None:
        """A spending's amount corrected (before and after kept), e.g. when the visit it paid for is."""
        entry = self.spendings.get(entry_id)
        if entry is None or entry["withdrawn"]:
            raise PlansError(N_("没有这笔支出"), field="entry_id")
        if amount_fen <= 0:
            raise PlansError(N_("金额应大于零"), field="amount")
        if amount_fen == entry["amount_fen"]:
            raise PlansError(N_("金额没有变化"), field="amount")
        self.check_within_budget(int(amount_fen) - entry["amount_fen"], overspend)
        self._corrected(entry_id=entry_id, before_fen=entry["amount_fen"], amount_fen=int(amount_fen),
                        reason=require(reason, N_("请说明更正原因"), "reason"))

    @event("SpendingCorrected")
    def _corrected(self, entry_id: str, before_fen: int, amount_fen: int, reason: str) -> None:
        self.spendings[entry_id]["amount_fen"] = amount_fen

    def withdraw_spending(self, entry_id: str, reason: str) -> None:
        """A spending recorded on the funds page withdrawn with a reason. One booked from another
        plugin's record is that record's cost: it is corrected there (``withdraw_booking``), so that the
        two never disagree."""
        entry = self.spendings.get(entry_id)
        if entry is None or entry["withdrawn"]:
            raise PlansError(N_("没有这笔支出"), field="entry_id")
        self.check_not_booked(entry)
        self._withdrawn(entry_id=entry_id, reason=require(reason, N_("请说明撤销原因"), "reason"))

    @staticmethod
    def check_not_booked(entry: dict) -> None:
        source = entry.get("source")
        if source:
            kind, place = rules.booked_from(source.get("kind"))
            raise PlansError(N_("这笔支出由%(kind)s「%(title)s」登记，不能在经费页撤销；请到「%(place)s」更正%(kind)s"
                                "的费用，这笔支出随之更正（更正为零即撤销）",
                                kind=kind, title=source.get("title") or kind, place=place), field="entry_id")

    def withdraw_booking(self, entry_id: str, reason: str) -> None:
        """A booked spending withdrawn because its record's cost was corrected to zero (same save)."""
        entry = self.spendings.get(entry_id)
        if entry is None or entry["withdrawn"] or not entry.get("source"):
            raise PlansError(N_("没有这笔支出"), field="entry_id")
        self._withdrawn(entry_id=entry_id, reason=require(reason, N_("请说明撤销原因"), "reason"))

    @event("SpendingWithdrawn")
    def _withdrawn(self, entry_id: str, reason: str) -> None:
        self.spendings[entry_id]["withdrawn"] = True
