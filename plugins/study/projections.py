"""A school's study sessions → study_sessions and study_credits (rebuilt from the log)."""
from __future__ import annotations

from uuid import UUID

from core.projections import Projection, on
from plugins.study import models as m
from plugins.study.domain import Quiz, RequirementBook, Session, StudyElsewhere


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


def _actor(e) -> str | None:
    return (getattr(e, "meta", None) or {}).get("actor_name")


class StudyMoreProjection(Projection):
    """Study taken where a member away is, quizzes and their answers, and the requirement's versions."""

    name = "study.more"
    tables = (m.elsewhere, m.quizzes, m.quiz_answers, m.requirements)

    @on(StudyElsewhere.Recorded)
    def _elsewhere(self, rows, e, tenant):
        rows.insert(m.elsewhere, id=e.originator_id, tenant=tenant, member_id=UUID(e.member_id),
                    member_name=e.member_name[:60], title=e.title[:200], organiser=e.organiser[:200],
                    held_on=e.held_on, hours_x10=e.hours_x10, category=e.category, proof=e.proof[:500],
                    active=True, recorded_by=_actor(e), version=e.originator_version)

    @on(StudyElsewhere.Withdrawn)
    def _elsewhere_withdrawn(self, rows, e, tenant):
        rows.update(m.elsewhere, {"id": e.originator_id}, active=False, version=e.originator_version)

    @on(Quiz.Set)
    def _quiz(self, rows, e, tenant):
        rows.insert(m.quizzes, id=e.originator_id, tenant=tenant, session_id=UUID(e.session_id), title=e.title[:200],
                    questions=list(e.questions), taken=0, version=e.originator_version)

    @on(Quiz.Revised)
    def _revised(self, rows, e, tenant):
        rows.update(m.quizzes, {"id": e.originator_id}, title=e.title[:200], questions=list(e.questions),
                    version=e.originator_version)

    @on(Quiz.Taken)
    def _taken(self, rows, e, tenant):
        quiz = rows.execute(m.quizzes.select().where(m.quizzes.c.tenant == tenant,
                                                     m.quizzes.c.id == e.originator_id)).first()
        rows.insert(m.quiz_answers, quiz_id=e.originator_id, member_id=UUID(e.member_id), tenant=tenant,
                    name=e.name[:60], answers=list(e.answers), right=e.right, total=len(quiz.questions),
                    at=e.timestamp)
        rows.update(m.quizzes, {"id": e.originator_id}, version=e.originator_version, add={"taken": 1})

    @on(RequirementBook.VersionAdded)
    def _version(self, rows, e, tenant):
        values = dict(regular=e.regular, retiree=e.retiree, note=e.note, recorded_by=_actor(e), at=e.timestamp)
        if e.before is None:
            rows.insert(m.requirements, tenant=tenant, effective_from=e.effective_from, **values)
        else:
            rows.update(m.requirements, {"tenant": tenant, "effective_from": e.effective_from}, **values)


PROJECTIONS = (StudyProjection, StudyMoreProjection)
