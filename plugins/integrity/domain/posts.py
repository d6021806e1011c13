"""Posts with duties and pioneer posts (设岗定责, 党员先锋岗): define, assign, assess holders."""
from __future__ import annotations
from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from plugins.integrity import rules
from plugins.integrity.domain.base import IntegrityRuleError, changes_of, require


class Post(Aggregate):
    """A post given to members without office, or a pioneer post where members show their identity."""

    @event("Defined")
    def __init__(self, name: str, kind: str, duties: str, starts_on: date, ends_on: date | None):
        self.name = name
        self.kind = kind
        self.duties = duties
        self.starts_on = starts_on
        self.ends_on = ends_on
        self.holders: dict[str, dict] = {}       # member id → {name, assigned_on, released_on}
        self.assessments: dict[str, dict] = {}   # "<member id>/<period>" → {grade, comment}

    @classmethod
    def define(cls, name: str, kind: str, duties: str, starts_on: date, ends_on: date | None = None) -> "Post":
        if kind not in rules.POST_KINDS:
            raise IntegrityRuleError(N_("岗位类型应为 设岗定责 或 党员先锋岗"), field="kind")
        cls._check_period(starts_on, ends_on)
        return cls(name=require(name, "请填写岗位名称", "name"), kind=kind,
                   duties=require(duties, "请填写岗位职责", "duties"), starts_on=starts_on, ends_on=ends_on)

    @staticmethod
    def _check_period(starts_on: date, ends_on: date | None) -> None:
        if not isinstance(starts_on, date):
            raise IntegrityRuleError(N_("请填写设岗日期"), field="starts_on")
        if ends_on is not None and ends_on < starts_on:
            raise IntegrityRuleError(N_("岗位结束日期不能早于开始日期"), field="ends_on")

    def revise(self, values: dict) -> dict:
        current = {"name": self.name, "duties": self.duties, "starts_on": self.starts_on, "ends_on": self.ends_on}
        changes = changes_of(current, values)
        if not changes:
            raise IntegrityRuleError(N_("没有需要修改的内容"))
        merged = {**current, **values}
        require(merged["name"], "请填写岗位名称", "name")
        require(merged["duties"], "请填写岗位职责", "duties")
        self._check_period(merged["starts_on"], merged["ends_on"])
        self._revised(changes=changes)
        return changes

    @event("Revised")
    def _revised(self, changes: dict) -> None:
        for name, change in changes.items():
            setattr(self, name, change["after"])

    def current_holders(self) -> dict[str, dict]:
        return {m: h for m, h in self.holders.items() if not h.get("released_on")}

    def assign(self, member_id: str, member_name: str, on: date) -> None:
        member_id = str(member_id)
        if member_id in self.current_holders():
            raise IntegrityRuleError(N_("%(member_name)s 已在此岗位"), member_name=member_name, field="member_id")
        if self.ends_on and on > self.ends_on:
            raise IntegrityRuleError(N_("岗位已到期，不能再安排人员"), field="on")
        self._assigned(member_id=member_id, member_name=member_name, on=on)

    @event("HolderAssigned")
    def _assigned(self, member_id: str, member_name: str, on: date) -> None:
        self.holders[member_id] = {"name": member_name, "assigned_on": on, "released_on": None}

    def release(self, member_id: str, on: date, reason: str) -> None:
        member_id = str(member_id)
        holder = self.current_holders().get(member_id)
        if holder is None:
            raise IntegrityRuleError(N_("该党员不在此岗位"), field="member_id")
        if on < holder["assigned_on"]:
            raise IntegrityRuleError(N_("离岗日期不能早于上岗日期"), field="on")
        self._released(member_id=member_id, on=on, reason=require(reason, "请说明离岗原因", "reason"))

    @event("HolderReleased")
    def _released(self, member_id: str, on: date, reason: str) -> None:
        self.holders[member_id]["released_on"] = on

    def assess(self, member_id: str, period: str, grade: str, comment: str, grades) -> None:
        """Periodic assessment of a post holder (岗位履职评议); a repeat records before and after."""
        member_id = str(member_id)
        if member_id not in self.holders:
            raise IntegrityRuleError(N_("只能评议在此岗位上的党员"), field="member_id")
        if grade not in tuple(grades):
            raise IntegrityRuleError(N_("评议等次应为 %(grades)s 之一"), grades='、'.join(grades), field="grade")
        period = require(period, "请填写评议期间，例如 2026年上半年", "period")
        before = self.assessments.get(f"{member_id}/{period}")
        self._assessed(member_id=member_id, period=period, grade=grade, comment=(comment or "").strip(),
                       before=before)

    @event("HolderAssessed")
    def _assessed(self, member_id: str, period: str, grade: str, comment: str, before: dict | None) -> None:
        self.assessments[f"{member_id}/{period}"] = {"grade": grade, "comment": comment}
