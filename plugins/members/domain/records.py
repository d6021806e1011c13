"""Records that something happened to members' data: an Excel import, an export or a reading of
personal data. Re-exported by ``plugins.members.domain``."""
from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics


@keeps_topics("plugins.members.domain")
class ImportBatch(Aggregate):
    """One Excel import: the source file and the members it registered, saved all together."""

    @staticmethod
    def create_id(batch_id: str, **_):
        return UUID(batch_id)

    @event("Imported")
    def __init__(self, batch_id: str, filename: str, sha256: str, member_ids: list, rows: int):
        self.filename = filename
        self.sha256 = sha256
        self.member_ids = list(member_ids)
        self.rows = rows


@keeps_topics("plugins.members.domain")
class PersonalDataExported(Aggregate):
    """An export that carried full ID numbers or phones of many members (个人信息导出记录)."""

    @event("Recorded")
    def __init__(self, member_ids: list, fields: list, purpose: str):
        self.member_ids = list(member_ids)
        self.fields = list(fields)
        self.purpose = purpose


@keeps_topics("plugins.members.domain")
class PersonalDataRead(Aggregate):
    """A record that someone saw a member's full ID number or phone (个人信息查看记录)."""

    @event("Recorded")
    def __init__(self, member_id: str, fields: list, purpose: str):
        self.member_id = member_id
        self.fields = list(fields)
        self.purpose = purpose
