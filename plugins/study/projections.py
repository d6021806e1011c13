"""A school's study sessions → study_sessions and study_credits (rebuilt from the log)."""
from __future__ import annotations

from uuid import UUID

from core.projections import Projection, on
from plugins.study import models as m
from plugins.study.domain import Session


class StudyProjection(Projection):
    name = "study.sessions"
    tables = (m.sessions, m.credits)

    @on(Session.Recorded)
    def _recorded(self, rows, e, tenant):
        rows.insert(m.sessions, id=e.originator_id, tenant=tenant, kind=e.kind, title=e.title[:200],
                    held_on=e.held_on, hours_x10=e.hours_x10,
                    meeting_id=UUID(e.meeting_id) if e.meeting_id else None,
                    member_id=UUID(e.member_id) if e.member_id else None, evidence=e.evidence,
                    quiz=list(getattr(e, "quiz", None) or []),
                    status="recorded", accepted=None, comment=None, version=e.originator_version)
        for a in e.attendees:
            rows.insert(m.credits, session_id=e.originator_id, member_id=UUID(str(a["member_id"])), tenant=tenant,
                        name=a.get("name") or "", held_on=e.held_on, hours_x10=e.hours_x10, active=True)

    @on(Session.Withdrawn)
    def _withdrawn(self, rows, e, tenant):
        rows.update(m.sessions, {"id": e.originator_id}, status="withdrawn", version=e.originator_version)
        rows.delete(m.credits, tenant=tenant, session_id=e.originator_id)

    @on(Session.EvidenceMarked)
    def _marked(self, rows, e, tenant):
        rows.update(m.sessions, {"id": e.originator_id}, accepted=e.accepted, comment=e.comment,
                    version=e.originator_version)


PROJECTIONS = (StudyProjection,)
