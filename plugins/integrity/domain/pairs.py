"""Pair-up assistance (结对帮扶): a member or the branch paired with a person, family or organisation."""
from __future__ import annotations
from core.errors import N_

from datetime import date
from decimal import Decimal, InvalidOperation

from eventsourcing.domain import Aggregate, event

from plugins.integrity import rules
from plugins.integrity.domain.base import IntegrityRuleError, require


class Pair(Aggregate):
    """One pairing with its plan (goals), a log of visits and help, and its closure.

    The helped person's name and details are personal data: pages show them only to the secretary,
    the discipline committee member and the paired member's own account (the account the member
    registry links to ``member_id``).
    """

    @event("Formed")
    def __init__(self, kind: str, member_id: str | None, member_name: str, helped_kind: str, helped_name: str, helped_details: str, started_on: date, goals: list):
        self.kind = kind
        self.member_id = member_id
        self.member_name = member_name
        self.helped_kind = helped_kind
        self.helped_name = helped_name
        self.helped_details = helped_details
        self.started_on = started_on
        self.goals = list(goals)
        self.visits: list[dict] = []
        self.closed_on: date | None = None

    @classmethod
    def form(cls, kind: str, member_id: str | None, member_name: str, helped_kind: str, helped_name: str,
             helped_details: str, started_on: date, goals: list) -> "Pair":
        if kind not in rules.PAIR_KINDS:
            raise IntegrityRuleError(N_("结对方式应为 党员结对 或 支部结对"), field="kind")
        if kind == "member" and not member_id:
            raise IntegrityRuleError(N_("党员结对须选择结对党员"), field="member_id")
        if helped_kind not in rules.HELPED_KINDS:
            raise IntegrityRuleError(N_("请选择帮扶对象类型"), field="helped_kind")
        goals = [g.strip() for g in goals or [] if g and g.strip()]
        if not goals:
            raise IntegrityRuleError(N_("帮扶计划至少要有一项目标"), field="goals")
        return cls(kind=kind, member_id=str(member_id) if member_id else None,
                   member_name=require(member_name, "请填写结对党员或支部", "member_name"),
                   helped_kind=helped_kind,
                   helped_name=require(helped_name, "请填写帮扶对象", "helped_name"),
                   helped_details=(helped_details or "").strip(), started_on=started_on, goals=goals)

    def _open(self) -> None:
        if self.closed_on:
            raise IntegrityRuleError(N_("结对帮扶已结束，不能再记录"), field="pair")

    def set_plan(self, goals: list) -> None:
        self._open()
        goals = [g.strip() for g in goals or [] if g and g.strip()]
        if not goals:
            raise IntegrityRuleError(N_("帮扶计划至少要有一项目标"), field="goals")
        if goals == self.goals:
            raise IntegrityRuleError(N_("帮扶计划没有变化"), field="goals")
        self._plan(before=list(self.goals), after=goals)

    @event("PlanRevised")
    def _plan(self, before: list, after: list) -> None:
        self.goals = list(after)

    def log_visit(self, on: date, what: str, hours, evidence: list, recorded_on: date, grace_days: int) -> dict:
        self._open()
        if on > recorded_on:
            raise IntegrityRuleError(N_("帮扶日期不能晚于今天"), field="on")
        if on < self.started_on:
            raise IntegrityRuleError(N_("帮扶日期不能早于结对日期"), field="on")
        try:
            hours = Decimal(str(hours))
        except InvalidOperation as exc:
            raise IntegrityRuleError(N_("时长应为数字（小时）"), field="hours") from exc
        if not Decimal("0") < hours <= Decimal("24"):
            raise IntegrityRuleError(N_("时长应大于 0 且不超过 24 小时"), field="hours")
        entry = {"on": on, "what": require(what, "请填写帮扶内容", "what"), "hours": str(hours),
                 "evidence": list(evidence or []), "late": rules.is_late_entry(on, recorded_on, grace_days),
                 "recorded_on": recorded_on}
        self._visited(**entry)
        return entry

    @event("VisitLogged")
    def _visited(self, on: date, what: str, hours: str, evidence: list, late: bool, recorded_on: date) -> None:
        self.visits.append({"on": on, "what": what, "hours": hours, "evidence": evidence, "late": late})

    def close(self, on: date, outcome: str, summary: str) -> None:
        self._open()
        if outcome not in rules.PAIR_OUTCOMES:
            raise IntegrityRuleError(N_("请选择帮扶成效"), field="outcome")
        if on < self.started_on:
            raise IntegrityRuleError(N_("结束日期不能早于结对日期"), field="on")
        self._closed(on=on, outcome=outcome, summary=require(summary, "结束结对须填写帮扶总结", "summary"))

    @event("Closed")
    def _closed(self, on: date, outcome: str, summary: str) -> None:
        self.closed_on = on
