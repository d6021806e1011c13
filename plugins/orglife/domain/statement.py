"""A participant's statement (个人发言材料) for a democratic or organisational life meeting: drafted,
revised, then submitted before the meeting; after that it is final."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.orglife import rules
from plugins.orglife.domain.base import OrglifeError, statement_id


class Statement(Aggregate):
    """One participant's statement: work (工作情况), criticism and self-criticism (批评和自我批评),
    rectification measures (整改措施)."""

    @staticmethod
    def create_id(tenant: str, meeting_id, member_id, **_):
        return statement_id(tenant, meeting_id, member_id)

    @event("Drafted")
    def __init__(self, tenant: str, meeting_id: str, member_id: str, author: str, sections: dict):
        self.meeting_id, self.member_id, self.author = meeting_id, member_id, author
        self.sections = dict(sections)
        self.submitted_on: date | None = None

    @classmethod
    def draft(cls, tenant: str, meeting_id, member_id, author: str, sections: dict) -> "Statement":
        return cls(tenant=tenant, meeting_id=str(meeting_id), member_id=str(member_id), author=author,
                   sections=rules.clean_sections(sections))

    def revise(self, sections: dict) -> None:
        self.check_open()
        sections = rules.clean_sections(sections)
        if sections == self.sections:
            raise OrglifeError(N_("发言材料没有变化"), field="work")
        self._revise(before=dict(self.sections), sections=sections)

    @event("Revised")
    def _revise(self, before: dict, sections: dict) -> None:
        self.sections = dict(sections)

    def submit(self, on: date, held_on: date | None) -> None:
        self.check_open()
        missing = rules.missing_sections(self.sections)
        if missing:
            raise OrglifeError(N_("发言材料须写完整：请填写「%(section)s」"),
                               section=rules.SECTIONS[missing[0]], field=missing[0])
        if held_on is not None and on > held_on:
            raise OrglifeError(N_("发言材料须在会前提交"), field="work")
        self._submit(on=on)

    @event("Submitted")
    def _submit(self, on: date) -> None:
        self.submitted_on = on

    def check_open(self) -> None:
        if self.submitted_on is not None:
            raise OrglifeError(N_("发言材料已提交，不能再修改"), field="work")
