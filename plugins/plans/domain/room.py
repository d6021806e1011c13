"""The party members' activity room (党员活动室): its required elements checked, with photos."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.plans.domain.base import PlansError, key_id, require


class ActivityRoom(Aggregate):
    """One school's activity room; each check of an element is kept (the latest one counts)."""

    @event("Opened")
    def __init__(self, key: str, name: str):
        self.name = name
        self.checks: dict[str, dict] = {}   # element → the latest {"on", "present"}

    @staticmethod
    def create_id(key: str, **_):
        return key_id("room", key)

    def check(self, element: str, on: date, present: bool, note: str, photos: list, elements,
              today: date) -> None:
        element = require(element, N_("请选择检查项目"), "element")
        if element not in tuple(elements):
            raise PlansError(N_("「%(element)s」不在活动室检查项目之中", element=element), field="element")
        if on > today:
            raise PlansError(N_("检查日期不能晚于今天"), field="on")
        if not present and not (note or "").strip():
            raise PlansError(N_("缺失或不合要求时请写明情况"), field="note")
        self._checked(element=element, on=on, present=bool(present), note=(note or "").strip(),
                      photos=list(photos or []))

    @event("ElementChecked")
    def _checked(self, element: str, on: date, present: bool, note: str, photos: list) -> None:
        latest = self.checks.get(element)
        if latest is None or on >= latest["on"]:
            self.checks[element] = {"on": on, "present": present}
