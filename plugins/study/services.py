"""Commands of study and training hours: record a session, a member's own online course, withdraw a
session, mark a member's evidence. The only writers."""
from __future__ import annotations

from uuid import UUID

from core.errors import N_, ConflictError, NotFoundError, check_version
from core.retrying import retrying
from core.kernel import Kernel
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.study import rules
from plugins.study.domain import Quiz, RequirementBook, Session, StudyElsewhere, StudyError


def _load(k: Kernel, tenant: str, session_id: UUID, expected_version: int | None, cls=Session):
    session = k.get_or_none(tenant, session_id, cls)
    if session is None:
        raise NotFoundError(N_("没有这次学习活动"))
    check_version(session, expected_version)
    return session


def _hours(hours) -> int:
    return int(round(float(hours) * 10))


def record_session(k: Kernel, tenant: str, data: dict) -> Session:
    """A session the branch held (党课, group study, 主题党日, training, integrity education)."""
    kind = data["kind"]
    meeting_id = data.get("meeting_id")
    if meeting_id is not None:
        if kind not in rules.MEETING_KINDS:
            raise StudyError(N_("只有党课和主题党日学习可以关联会议"), field="meeting_id")
        meeting = meetings.get_meeting(k, tenant, meeting_id)
        if meeting is None or meeting["type"] != rules.MEETING_KINDS[kind]:
            raise StudyError(N_("没有这次%(kind)s会议", kind=rules.KINDS[kind]), field="meeting_id")
    attendees = []
    for member_id in data.get("attendees") or []:
        mv = members.get_member(k, tenant, member_id)
        if mv is None:
            raise StudyError(N_("没有这名党员"), field="attendees")
        attendees.append({"member_id": str(mv.id), "name": mv.name})
    if kind == "online":
        raise StudyError(N_("网络学习须由党员本人填报"), field="kind")
    session = Session.record(tenant, kind, data["title"], data["held_on"], _hours(data["hours"]),
                             meeting_id=meeting_id, attendees=attendees, evidence=data.get("evidence") or "")
    k.save(tenant, session)
    return session


def enter_course(k: Kernel, tenant: str, member_id: UUID | None, data: dict) -> Session:
    """A member's own online course, with evidence (a written reflection or quiz answers)."""
    if member_id is None:
        raise StudyError(N_("您的账号没有关联党员，不能填报学时"), field="title")
    if not (data.get("evidence") or "").strip() and not data.get("quiz"):
        raise StudyError(N_("请填写学习心得或测验答案作为佐证"), field="evidence")
    session = Session.record(tenant, "online", data["title"], data["held_on"], _hours(data["hours"]),
                             member_id=member_id, evidence=data.get("evidence") or "", quiz=data.get("quiz") or [])
    k.save(tenant, session)
    return session


def withdraw_session(k: Kernel, tenant: str, session_id: UUID, reason: str,
                     expected_version: int | None = None) -> Session:
    session = _load(k, tenant, session_id, expected_version)
    session.withdraw(reason)
    k.save(tenant, session)
    return session


def mark_evidence(k: Kernel, tenant: str, session_id: UUID, accepted: bool, comment: str = "",
                  expected_version: int | None = None) -> Session:
    session = _load(k, tenant, session_id, expected_version)
    session.mark_evidence(accepted, comment)
    k.save(tenant, session)
    return session


def record_elsewhere(k: Kernel, tenant: str, data: dict) -> StudyElsewhere:
    """A session a member away took part in where they are (流入地党组织 or online): credits their
    yearly requirement. ``data``: member_id, title, organiser, held_on, hours, category, proof."""
    mv = members.get_member(k, tenant, data["member_id"])
    if mv is None or mv.status not in members.ON_ROLL:
        raise StudyError(N_("没有这名党员"), field="member_id")
    record = StudyElsewhere.record(mv.id, mv.name, data["title"], data["organiser"], data["held_on"],
                                   _hours(data["hours"]), data["category"], data.get("proof") or "", k.today())
    k.save(tenant, record)
    return record


def withdraw_elsewhere(k: Kernel, tenant: str, record_id: UUID, reason: str,
                       expected_version: int | None = None) -> StudyElsewhere:
    record = _load(k, tenant, record_id, expected_version, StudyElsewhere)
    record.withdraw(reason)
    k.save(tenant, record)
    return record


def set_quiz(k: Kernel, tenant: str, session_id: UUID, title: str, questions: list) -> Quiz:
    """A short quiz on a session the branch holds (not withdrawn): evidence, never hours."""
    session = k.get_or_none(tenant, session_id, Session)
    if session is None:
        raise NotFoundError(N_("没有这次学习活动"))
    if session.status == "withdrawn":
        raise StudyError(N_("该学习记录已撤销"), field="title")
    quiz = Quiz.set(session.id, title, questions)
    k.save(tenant, quiz)
    return quiz


def revise_quiz(k: Kernel, tenant: str, quiz_id: UUID, title: str, questions: list,
                expected_version: int | None = None) -> Quiz:
    """Change a quiz's title and questions, before anyone has taken it."""
    quiz = _load(k, tenant, quiz_id, expected_version, Quiz)
    quiz.revise(title, questions)
    k.save(tenant, quiz)
    return quiz


def take_quiz(k: Kernel, tenant: str, quiz_id: UUID, member_id: UUID | None, answers: list) -> tuple[Quiz, int]:
    """A member's answers to a quiz (once); returns the quiz and how many are right. Members taking it
    at the same moment each get their turn (the save is retried), none is refused as stale."""
    if member_id is None:
        raise StudyError(N_("您的账号没有关联党员，不能参加测验"), field="answers")
    mv = members.get_member(k, tenant, member_id)
    if mv is None:
        raise StudyError(N_("没有这名党员"), field="answers")

    def attempt():
        quiz = _load(k, tenant, quiz_id, None, Quiz)
        right = quiz.take(mv.id, mv.name, answers)
        k.save(tenant, quiz)
        return quiz, right
    return retrying(attempt, 20)


def add_requirement(k: Kernel, tenant: str, effective_from, regular: int, retiree: int, note: str = "",
                    expected_version: int | None = None) -> RequirementBook:
    """A version of the yearly hour requirement in force from ``effective_from``."""
    book_id = RequirementBook.create_id(tenant)
    book = k.get_or_none(tenant, book_id, RequirementBook)
    if book is None:
        if expected_version not in (None, 0):
            raise ConflictError(N_("记录已更新到版本 %(current)s，您提交的是版本 %(expected)s；请刷新后重试"),
                                current=0, expected=expected_version)
        book = RequirementBook(tenant=tenant)
    else:
        check_version(book, expected_version)
    book.add_version(effective_from, regular, retiree, note)
    k.save(tenant, book)
    return book


def requirements_version(k: Kernel, tenant: str) -> int:
    book = k.get_or_none(tenant, RequirementBook.create_id(tenant), RequirementBook)
    return book.version if book is not None else 0
