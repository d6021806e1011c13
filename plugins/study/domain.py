"""Aggregates of study and training hours (学习教育与学时).

``Session`` (学习记录, the school's log): one study session — its kind, date, hours and who it credits.
A session that is a meeting (党课, 主题党日) names the meeting: its hours go to the members recorded
present at that meeting (read from the meetings plugin's attendance, never from visits or logins).
Other sessions list their attendees; an online course is entered by the member with evidence
(a written reflection or a quiz, marked by the secretary). Corrections are new events.

``StudyElsewhere`` (流入地学习): a member away took part in a session where they are (the branch of the
place they work, or online); the home branch records it and it credits their yearly requirement,
shown apart from the branch's own sessions.

``Quiz`` (学习测验): a short quiz the secretary sets for a session (questions, options, the right
answers); members take it once and see their result. Evidence of study, never hours.

``RequirementBook`` (学时要求): the school's versions of the yearly hour requirement, each in force
from its day, so a change from 2027-01-01 leaves who was behind in 2026 as it was.
"""
from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError
from core.ids import natural_id
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


def _text(value, message: str, field: str, limit: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise StudyError(message, field=field)
    return text[:limit]


class StudyElsewhere(Aggregate):
    """A session a member away took part in where they are (流入地党组织 or online), recorded at home."""

    @staticmethod
    def create_id(**_) -> UUID:
        return uuid4()

    @event("Recorded")
    def __init__(self, member_id: str, member_name: str, title: str, organiser: str, held_on: date,
                 hours_x10: int, category: str, proof: str):
        self.member_id, self.member_name = member_id, member_name
        self.title, self.organiser, self.held_on = title, organiser, held_on
        self.hours_x10, self.category, self.proof = hours_x10, category, proof
        self.status = "recorded"

    @classmethod
    def record(cls, member_id, member_name: str, title: str, organiser: str, held_on: date, hours_x10: int,
               category: str, proof: str, today: date) -> "StudyElsewhere":
        title = _text(title, N_("请填写学习内容"), "title")
        organiser = _text(organiser, N_("请填写组织学习的党组织"), "organiser")
        if category not in rules.ELSEWHERE_CATEGORIES:
            raise StudyError(N_("学习类型无效"), field="category")
        if held_on > today:
            raise StudyError(N_("日期不能晚于今天"), field="held_on")
        if hours_x10 <= 0:
            raise StudyError(N_("学时应大于 0"), field="hours")
        return cls(member_id=str(member_id), member_name=member_name, title=title, organiser=organiser,
                   held_on=held_on, hours_x10=hours_x10, category=category, proof=(proof or "").strip()[:500])

    def withdraw(self, reason: str) -> None:
        if self.status == "withdrawn":
            raise StudyError(N_("该学习记录已撤销"), field="reason")
        self._withdrawn(reason=_text(reason, N_("请说明撤销原因"), "reason", 500))

    @event("Withdrawn")
    def _withdrawn(self, reason: str) -> None:
        self.status = "withdrawn"


class Quiz(Aggregate):
    """A short quiz on one session: questions with options and the right answers (one or several). A
    member takes it once; the result (right answers of all) is evidence, never hours."""

    @staticmethod
    def create_id(**_) -> UUID:
        return uuid4()

    @event("Set")
    def __init__(self, session_id: str, title: str, questions: list):
        self.session_id, self.title, self.questions = session_id, title, [dict(q) for q in questions]
        self.taken: dict[str, dict] = {}     # member id → {"answers", "right"}

    @staticmethod
    def _checked(title: str, questions: list) -> tuple[str, list]:
        title = _text(title, N_("请填写测验名称"), "title")
        problem = rules.quiz_problem(questions)
        if problem:
            raise StudyError(problem[1], field=problem[0])
        return title, [{"text": q["text"].strip(), "options": [o.strip() for o in q["options"]],
                        "answers": sorted(set(int(a) for a in q["answers"]))} for q in questions]

    @classmethod
    def set(cls, session_id, title: str, questions: list) -> "Quiz":
        title, questions = cls._checked(title, questions)
        return cls(session_id=str(session_id), title=title, questions=questions)

    def revise(self, title: str, questions: list) -> None:
        """Change the title and questions, only while nobody has taken the quiz."""
        if self.taken:
            raise StudyError(N_("已有党员完成测验，不能再修改题目"), field="questions")
        title, questions = self._checked(title, questions)
        self._revised(title=title, questions=questions)

    @event("Revised")
    def _revised(self, title: str, questions: list) -> None:
        self.title, self.questions = title, questions

    def take(self, member_id, name: str, answers: list) -> int:
        """A member's answers (for each question the indices of the options chosen); returns how many
        questions are right. Once per member."""
        if str(member_id) in self.taken:
            raise StudyError(N_("您已完成本次测验"), field="answers")
        problem = rules.answers_problem(self.questions, answers)
        if problem:
            raise StudyError(problem[1], field=problem[0])
        answers = [sorted(set(int(a) for a in chosen)) for chosen in answers]
        right = rules.quiz_right(self.questions, answers)
        self._taken(member_id=str(member_id), name=name, answers=answers, right=right)
        return right

    @event("Taken")
    def _taken(self, member_id: str, name: str, answers: list, right: int) -> None:
        self.taken[member_id] = {"answers": answers, "right": right}


class RequirementBook(Aggregate):
    """The school's versions of the yearly hour requirement (学时要求), each in force from its day."""

    @staticmethod
    def create_id(tenant: str, **_) -> UUID:
        return natural_id(tenant, "study.requirements")

    @event("Opened")
    def __init__(self, tenant: str):
        self.versions: dict[str, dict] = {}     # day (ISO) → {"regular", "retiree"}

    def add_version(self, effective_from: date, regular: int, retiree: int, note: str) -> None:
        """A version from ``effective_from``; one on a day already in the book replaces it (kept in
        the event as ``before``)."""
        if not isinstance(effective_from, date):
            raise StudyError(N_("请填写执行日期"), field="effective_from")
        for field, hours in (("regular", regular), ("retiree", retiree)):
            if not 1 <= int(hours) <= 200:
                raise StudyError(N_("学时应为 1–200"), field=field)
        self._version_added(effective_from=effective_from, regular=int(regular), retiree=int(retiree),
                            note=(note or "").strip()[:500], before=self.versions.get(effective_from.isoformat()))

    @event("VersionAdded")
    def _version_added(self, effective_from: date, regular: int, retiree: int, note: str,
                       before: dict | None) -> None:
        self.versions[effective_from.isoformat()] = {"regular": regular, "retiree": retiree}


AGGREGATES = (Session, StudyElsewhere, Quiz, RequirementBook)
