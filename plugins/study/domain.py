"""Aggregates of study and training hours (学习教育与学时).

``Session`` (学习记录, the school's log): one study session — its kind, date, hours and who it credits.
A session that is a meeting (党课, 主题党日) names the meeting: its hours go to the members recorded
present at that meeting (read from the meetings plugin's attendance, never from visits or logins).
Other sessions list their attendees; an online course is entered by the member with evidence
(a written reflection or a quiz, marked by the secretary). Corrections are new events.
"""
from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError
from plugins.study import rules


class StudyError(DomainError):
    pass


class Session(Aggregate):
    """One study session and whom it credits."""

    @staticmethod
    def create_id(**_) -> UUID:
        return uuid4()

    @event("Recorded")
    def __init__(self, tenant: str, kind: str, title: str, held_on: date, hours_x10: int,
                 meeting_id: str | None, attendees: list, member_id: str | None, evidence: str,
                 quiz: list | None = None):
        self.kind, self.title, self.held_on, self.hours_x10 = kind, title, held_on, hours_x10
        self.meeting_id, self.attendees, self.member_id = meeting_id, list(attendees), member_id
        self.evidence = evidence
        self.quiz = list(quiz or [])
        self.status = "recorded"
        self.mark = None

    @classmethod
    def record(cls, tenant: str, kind: str, title: str, held_on: date, hours_x10: int, meeting_id=None,
               attendees=(), member_id=None, evidence: str = "", quiz=()) -> "Session":
        problem = rules.session_problem(kind, meeting_id, list(attendees), member_id)
        if problem:
            raise StudyError(problem[1], field=problem[0])
        if hours_x10 <= 0:
            raise StudyError(N_("学时应大于 0"), field="hours")
        return cls(tenant=tenant, kind=kind, title=title, held_on=held_on, hours_x10=hours_x10,
                   meeting_id=str(meeting_id) if meeting_id else None,
                   attendees=[dict(a) for a in attendees], member_id=str(member_id) if member_id else None,
                   evidence=evidence, quiz=[{"question": q["question"], "answer": q["answer"]} for q in quiz])

    def withdraw(self, reason: str) -> None:
        if self.status == "withdrawn":
            raise StudyError(N_("该学习记录已撤销"), field="reason")
        if not reason.strip():
            raise StudyError(N_("请说明撤销原因"), field="reason")
        self._withdrawn(reason=reason)

    @event("Withdrawn")
    def _withdrawn(self, reason: str) -> None:
        self.status = "withdrawn"

    def mark_evidence(self, accepted: bool, comment: str) -> None:
        """The secretary marks a member's reflection or quiz answers (never scored by clicks)."""
        if self.kind != "online":
            raise StudyError(N_("只有本人填报的网络学习需要审阅"), field="accepted")
        if self.status == "withdrawn":
            raise StudyError(N_("该学习记录已撤销"), field="accepted")
        self._marked(accepted=accepted, comment=comment)

    @event("EvidenceMarked")
    def _marked(self, accepted: bool, comment: str) -> None:
        self.mark = {"accepted": accepted, "comment": comment}


AGGREGATES = (Session,)
