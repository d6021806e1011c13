"""The party member (党员) on a branch's roll. Re-exported by ``plugins.members.domain``."""
from __future__ import annotations

from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from plugins.members import rules
from plugins.members.domain.errors import MemberError, refuse


@keeps_topics("plugins.members.domain")
class Member(Aggregate):
    """One party member on a branch's roll. Nothing is edited in place: every change is an event."""

    snapshot_interval = 50

    @event("Registered")
    def __init__(self, fields: dict, status: str, source: str = "manual", batch: str | None = None):
        self.fields = dict(fields)
        self.status = status
        self.source = source
        self.sanctions: list[dict] = []

    @classmethod
    def register(cls, fields: dict, status: str, source: str = "manual",
                 batch: str | None = None) -> "Member":
        refuse(rules.registration_error(fields, status))
        return cls(fields=fields, status=status, source=source, batch=batch)

    def correct(self, values: dict) -> dict:
        """Record new values of some fields; the event keeps before and after of each."""
        changes = {f: {"before": self.fields.get(f), "after": v}
                   for f, v in values.items() if self.fields.get(f) != v}
        if not changes:
            raise MemberError(N_("没有需要更正的内容"))
        refuse(rules.first_field_error({**self.fields, **values}, among={*changes, "converted_on", "joined_on"}))
        self._correct(changes=changes)
        return changes

    @event("FieldsCorrected")
    def _correct(self, changes: dict) -> None:
        for field, change in changes.items():
            self.fields[field] = change["after"]

    def change_status(self, status: str, effective_on: date, reason: str) -> None:
        refuse(rules.status_change_error(self.status, status, reason))
        self._status(before=self.status, after=status, effective_on=effective_on, reason=reason.strip())

    @event("StatusChanged")
    def _status(self, before: str, after: str, effective_on: date, reason: str) -> None:
        self.status = after

    def convert(self, converted_on: date, reason: str = "按期转正") -> None:
        """Conversion of a probationary member to full member (转正)."""
        refuse(rules.conversion_error(self.status, self.fields.get("joined_on"), converted_on))
        self._convert(converted_on=converted_on, reason=reason)

    @event("Converted")
    def _convert(self, converted_on: date, reason: str) -> None:
        self.status = "full"
        self.fields["converted_on"] = converted_on

    def record_sanction(self, kind: str, start: date, end: date | None, reason: str) -> None:
        """A party discipline sanction (党纪处分) decided for this member."""
        refuse(rules.sanction_error(kind, start, end))
        if not (reason or "").strip():
            raise MemberError(N_("请填写处分决定或事由"), field="reason")
        self._sanction(kind=kind, start=start, end=end, reason=reason.strip())

    @event("Sanctioned")
    def _sanction(self, kind: str, start: date, end: date | None, reason: str) -> None:
        if not hasattr(self, "sanctions"):
            self.sanctions = []
        self.sanctions.append({"kind": kind, "start": start, "end": end, "reason": reason})

    def under_party_probation(self, on: date) -> bool:
        return rules.under_party_probation(getattr(self, "sanctions", []), on)
