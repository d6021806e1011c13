"""A school's own meeting types and frequency changes (``MeetingTypeSet``). Re-exported by
``plugins.meetings.domain``."""
from __future__ import annotations

from core.errors import N_

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from core.ids import natural_id
from plugins.meetings import rules
from plugins.meetings.domain.meeting_guards import MeetingError


@keeps_topics("plugins.meetings.domain")
class MeetingTypeSet(Aggregate):
    """A school's own meeting types and frequency changes, each from an effective date."""

    @staticmethod
    def create_id(tenant: str, **_) -> UUID:
        return natural_id("meetings", "types", tenant)

    @event("Started")
    def __init__(self, tenant: str):
        self.definitions: list[dict] = []

    def define(self, code: str, name: str, frequency: str, body: str, effective_from: date) -> None:
        error = rules.type_definition_error(code, name, frequency, body)
        if error:
            raise MeetingError(error, field="code" if "代码" in error else "frequency")
        builtin = {t.code: t for t in rules.DEFAULT_TYPES}.get(code)
        if builtin is not None and builtin.body != body:
            raise MeetingError(N_("「%(name)s」的参会范围不能更改"), name=builtin.name, field="body")
        same = [d for d in self.definitions if d["code"] == code and d["effective_from"] == effective_from]
        if same and (same[-1]["name"], same[-1]["frequency"]) == (name.strip(), frequency):
            raise MeetingError(N_("该类型在此日期已有相同的规定"), field="effective_from")
        self._define(code=code, name=name.strip(), frequency=frequency, body=body,
                     effective_from=effective_from)

    @event("TypeDefined")
    def _define(self, code: str, name: str, frequency: str, body: str, effective_from: date) -> None:
        self.definitions.append({"code": code, "name": name, "frequency": frequency, "body": body,
                                 "effective_from": effective_from})
