"""Aggregates of care for members (党内关怀) and members away (流动党员), in the school's log.

- ``HardshipCase`` (困难党员): a member's kind of hardship since a day, the help given, closed with a reason.
- ``Visit`` (慰问): who was visited, when, by whom, what was given and its cost.
- ``AwayRecord`` (流动党员 / 出国（境）党员): where a member is, since when, how they keep in touch, the
  activity certificate (流动党员活动证) number, the contacts logged, their return.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError
from plugins.care import rules


class CareError(DomainError):
    pass


def _required(value, message: str, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise CareError(message, field=field)
    return text


def _not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise CareError(N_("日期不能晚于今天"), field=field)


def _cost(cost) -> Decimal:
    cost = Decimal(cost or 0)
    if cost < 0:
        raise CareError(N_("金额不能为负数"), field="cost")
    return cost


class HardshipCase(Aggregate):
    """困难党员: opened with the kind of hardship, help recorded as given, closed with a reason."""

    @event("Opened")
    def __init__(self, member_id: UUID, member_name: str, kind: str, since: date, situation: str):
        self.member_id = member_id
        self.member_name = member_name
        self.kind = kind
        self.since = since
        self.situation = situation
        self.help: list[dict] = []
        self.closed_on: date | None = None

    @classmethod
    def open(cls, member_id: UUID, member_name: str, kind: str, since: date, situation: str,
             kinds, today: date) -> "HardshipCase":
        if kind not in kinds:
            raise CareError(N_("困难类型应为：%(kinds)s"), kinds="、".join(kinds), field="kind")
        _not_future(since, today, "since")
        return cls(member_id=member_id, member_name=member_name, kind=kind, since=since,
                   situation=(situation or "").strip())

    def give_help(self, what: str, on: date, cost, by: str, today: date) -> None:
        if self.closed_on is not None:
            raise CareError(N_("该困难党员帮扶已结束"), field="what")
        what = _required(what, N_("请填写帮扶内容"), "what")
        by = _required(by, N_("请填写帮扶人"), "by")
        _not_future(on, today, "on")
        if on < self.since:
            raise CareError(N_("帮扶日期不能早于困难开始日期"), field="on")
        self._helped(what=what, on=on, cost=str(_cost(cost)), by=by)

    @event("Helped")
    def _helped(self, what: str, on: date, cost: str, by: str) -> None:
        self.help.append({"what": what, "on": on, "cost": cost, "by": by})

    def close(self, on: date, reason: str, today: date) -> None:
        if self.closed_on is not None:
            raise CareError(N_("该困难党员帮扶已结束"), field="reason")
        reason = _required(reason, N_("请填写结束帮扶的原因"), "reason")
        _not_future(on, today, "on")
        if on < self.since:
            raise CareError(N_("结束日期不能早于困难开始日期"), field="on")
        self._closed(on=on, reason=reason)

    @event("Closed")
    def _closed(self, on: date, reason: str) -> None:
        self.closed_on = on


class Visit(Aggregate):
    """慰问: a visit or greeting. Its cost is booked against the year's activity funds (党组织活动经费)
    when the school keeps them in Zhibu (plans.public), in the same write; ``funds_note`` says where it
    was booked otherwise. A wrong cost is corrected with a reason (before and after kept)."""

    @event("Recorded")
    def __init__(self, member_id: UUID, member_name: str, on: date, by: str, what: str, cost: str,
                 occasion: str, funds_note: str):
        self.member_id = member_id
        self.member_name = member_name
        self.on = on
        self.by = by
        self.what = what
        self.cost = cost
        self.occasion = occasion
        self.funds_note = funds_note

    @classmethod
    def record(cls, member_id: UUID, member_name: str, on: date, by: str, what: str, cost, occasion: str,
               funds_note: str, today: date) -> "Visit":
        _not_future(on, today, "on")
        return cls(member_id=member_id, member_name=member_name, on=on,
                   by=_required(by, N_("请填写慰问人"), "by"), what=_required(what, N_("请填写慰问内容"), "what"),
                   cost=str(_cost(cost)), occasion=(occasion or "").strip(), funds_note=(funds_note or "").strip())

    def correct_cost(self, cost, reason: str) -> None:
        cost = _cost(cost)
        if cost == Decimal(self.cost):
            raise CareError(N_("金额没有变化"), field="cost")
        self._cost_corrected(before=self.cost, cost=str(cost),
                             reason=_required(reason, N_("请说明更正原因"), "reason"))

    @event("CostCorrected")
    def _cost_corrected(self, before: str, cost: str, reason: str) -> None:
        self.cost = cost


class AwayRecord(Aggregate):
    """A member away (流动党员 or abroad): registered, contacts logged, returned."""

    @event("Registered")
    def __init__(self, member_id: UUID, member_name: str, kind: str, place: str, since: date,
                 keep_in_touch: str, certificate_no: str):
        self.member_id = member_id
        self.member_name = member_name
        self.kind = kind
        self.place = place
        self.since = since
        self.keep_in_touch = keep_in_touch
        self.certificate_no = certificate_no
        self.last_contact = since
        self.returned_on: date | None = None

    @classmethod
    def register(cls, member_id: UUID, member_name: str, kind: str, place: str, since: date,
                 keep_in_touch: str, certificate_no: str, today: date) -> "AwayRecord":
        if kind not in rules.AWAY_KINDS:
            raise CareError(N_("类型应为 流动党员 或 出国（境）党员"), field="kind")
        _not_future(since, today, "since")
        return cls(member_id=member_id, member_name=member_name, kind=kind,
                   place=_required(place, N_("请填写外出地点"), "place"), since=since,
                   keep_in_touch=_required(keep_in_touch, N_("请填写联系方式"), "keep_in_touch"),
                   certificate_no=(certificate_no or "").strip())

    def log_contact(self, on: date, means: str, note: str, today: date) -> None:
        if self.returned_on is not None:
            raise CareError(N_("该党员已返回，不再记录联系"), field="on")
        if means not in rules.CONTACT_MEANS:
            raise CareError(N_("联系方式应为：%(means)s"), means="、".join(rules.CONTACT_MEANS.values()),
                            field="means")
        _not_future(on, today, "on")
        if on < self.since:
            raise CareError(N_("联系日期不能早于外出日期"), field="on")
        self._contacted(on=on, means=means, note=(note or "").strip())

    @event("Contacted")
    def _contacted(self, on: date, means: str, note: str) -> None:
        self.last_contact = max(self.last_contact, on)

    def mark_returned(self, on: date, note: str, today: date) -> None:
        if self.returned_on is not None:
            raise CareError(N_("该党员已返回"), field="on")
        _not_future(on, today, "on")
        if on < self.since:
            raise CareError(N_("返回日期不能早于外出日期"), field="on")
        self._returned(on=on, note=(note or "").strip())

    @event("Returned")
    def _returned(self, on: date, note: str) -> None:
        self.returned_on = on


AGGREGATES = (HardshipCase, Visit, AwayRecord)
