"""Commands of study and training hours: record a session, a member's own online course, withdraw a
session, mark a member's evidence. The only writers."""
from __future__ import annotations

from uuid import UUID

from core.errors import N_, NotFoundError, check_version
from core.kernel import Kernel
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.study import rules
from plugins.study.domain import Session, StudyError


def _load(k: Kernel, tenant: str, session_id: UUID, expected_version: int | None) -> Session:
    session = k.get_or_none(tenant, session_id, Session)
    if session is None:
        raise NotFoundError("study session")
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
