"""The party member (党员) aggregate. Pure domain: eventsourcing.domain, the standard library, rules."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import DomainError
from plugins.members import rules


class MemberError(DomainError):
    pass


class Member(Aggregate):
    """One party member on a branch's roll. Nothing is edited in place: every change is an event."""

    snapshot_interval = 50

    @event("Registered")
    def __init__(self, fields: dict, status: str, source: str = "manual", batch: str | None = None):
        self.fields = dict(fields)
        self.status = status
        self.source = source

    @classmethod
    def register(cls, fields: dict, status: str, source: str = "manual",
                 batch: str | None = None) -> "Member":
        if status not in ("probationary", "full"):
            raise MemberError("新登记的党员只能是预备党员或正式党员", field="status")
        missing = [f for f in rules.REQUIRED_FIELDS if not fields.get(f)]
        if missing:
            raise MemberError("请填写：" + "、".join(rules.FIELD_LABELS[f] for f in missing),
                              field=missing[0])
        if status == "full" and not fields.get("converted_on"):
            raise MemberError("正式党员须填写转正日期", field="converted_on")
        cls.check_fields(fields)
        return cls(fields=fields, status=status, source=source, batch=batch)

    @staticmethod
    def check_fields(fields: dict) -> None:
        errors = rules.field_errors(fields)
        if errors:
            field, message = next(iter(errors.items()))
            raise MemberError(f"{rules.FIELD_LABELS.get(field, field)}：{message}", field=field)

    def correct(self, values: dict) -> dict:
        """Record new values of some fields; the event keeps before and after of each."""
        changes = {f: {"before": self.fields.get(f), "after": v}
                   for f, v in values.items() if self.fields.get(f) != v}
        if not changes:
            raise MemberError("没有需要更正的内容")
        merged = {**self.fields, **values}
        errors = rules.field_errors(merged)
        errors = {f: m for f, m in errors.items() if f in changes or f in ("converted_on", "joined_on")}
        if errors:
            field, message = next(iter(errors.items()))
            raise MemberError(f"{rules.FIELD_LABELS.get(field, field)}：{message}", field=field)
        self._correct(changes=changes)
        return changes

    @event("FieldsCorrected")
    def _correct(self, changes: dict) -> None:
        for field, change in changes.items():
            self.fields[field] = change["after"]

    def change_status(self, status: str, effective_on: date, reason: str) -> None:
        error = rules.transition_error(self.status, status)
        if error:
            raise MemberError(error, field="status")
        if not (reason or "").strip():
            raise MemberError("党籍状态变更须说明原因", field="reason")
        if status == "full" and self.status == "probationary":
            raise MemberError("预备党员转正请使用「转正」", field="status")
        self._status(before=self.status, after=status, effective_on=effective_on, reason=reason.strip())

    @event("StatusChanged")
    def _status(self, before: str, after: str, effective_on: date, reason: str) -> None:
        self.status = after

    def convert(self, converted_on: date, reason: str = "按期转正") -> None:
        """Conversion of a probationary member to full member (转正)."""
        if self.status != "probationary":
            raise MemberError("只有预备党员可以转正", field="status")
        joined = self.fields.get("joined_on")
        if joined and converted_on < joined:
            raise MemberError("转正日期不能早于入党日期", field="converted_on")
        self._convert(converted_on=converted_on, reason=reason)

    @event("Converted")
    def _convert(self, converted_on: date, reason: str) -> None:
        self.status = "full"
        self.fields["converted_on"] = converted_on


class PersonalDataRead(Aggregate):
    """A record that someone saw a member's full ID number or phone (个人信息查看记录)."""

    @event("Recorded")
    def __init__(self, member_id: str, fields: list, purpose: str):
        self.member_id = member_id
        self.fields = list(fields)
        self.purpose = purpose
