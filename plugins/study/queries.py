"""Read side of study and training hours: sessions, hours per member (from study_credits and from the
meetings plugin's attendance for sessions that are meetings) and who is behind the yearly requirement."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import select

from core.kernel import Kernel
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.study import models as m, rules


def get_settings(k: Kernel, tenant: str) -> dict:
    return k.settings(tenant, "study")


def _year(year: int):
    return date(year, 1, 1), date(year, 12, 31)


def list_sessions(k: Kernel, tenant: str, year: int, member_id: UUID | None = None) -> list:
    first, last = _year(year)
    query = select(m.sessions).where(m.sessions.c.tenant == tenant, m.sessions.c.held_on >= first,
                                     m.sessions.c.held_on <= last)
    if member_id is not None:
        query = query.where(m.sessions.c.member_id == member_id)
    with k.reading() as conn:
        return conn.execute(query.order_by(m.sessions.c.held_on.desc(), m.sessions.c.id)).all()


def get_session(k: Kernel, tenant: str, session_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(m.sessions).where(m.sessions.c.tenant == tenant,
                                                     m.sessions.c.id == session_id)).first()


def credits(k: Kernel, tenant: str, year: int) -> list[dict]:
    """Every credit of the year: {session_id, member_id (text), name, hours_x10, held_on, kind, title}.
    Listed sessions credit their attendees; online courses the member who entered them (once the
    secretary has not refused the evidence); meeting sessions the members present at that meeting."""
    first, last = _year(year)
    sessions = {r.id: r for r in list_sessions(k, tenant, year) if r.status == "recorded"}
    out = []
    with k.reading() as conn:
        rows = conn.execute(select(m.credits).where(m.credits.c.tenant == tenant, m.credits.c.held_on >= first,
                                                    m.credits.c.held_on <= last)).all()
    for r in rows:
        s = sessions.get(r.session_id)
        if s is not None:
            out.append({"session_id": s.id, "member_id": str(r.member_id), "name": r.name,
                        "hours_x10": r.hours_x10, "held_on": s.held_on, "kind": s.kind, "title": s.title})
    linked = [s for s in sessions.values() if s.meeting_id is not None]
    present = meetings.present_members(k, tenant, [s.meeting_id for s in linked])
    for s in linked:
        for member_id, name in present.get(str(s.meeting_id), {}).items():
            out.append({"session_id": s.id, "member_id": member_id, "name": name, "hours_x10": s.hours_x10,
                        "held_on": s.held_on, "kind": s.kind, "title": s.title})
    for s in sessions.values():
        if s.kind == "online" and s.member_id is not None and s.accepted is not False:
            out.append({"session_id": s.id, "member_id": str(s.member_id), "name": "", "hours_x10": s.hours_x10,
                        "held_on": s.held_on, "kind": s.kind, "title": s.title})
    return out


def list_elsewhere(k: Kernel, tenant: str, year: int, member_id: UUID | None = None,
                   include_withdrawn: bool = False) -> list:
    """Sessions members away took part in where they are (流入地), of the year, latest first."""
    first, last = _year(year)
    t = m.elsewhere
    query = select(t).where(t.c.tenant == tenant, t.c.held_on >= first, t.c.held_on <= last)
    if member_id is not None:
        query = select(t).where(t.c.tenant == tenant, t.c.member_id == member_id, t.c.held_on >= first,
                                t.c.held_on <= last)
    if not include_withdrawn:
        query = query.where(t.c.active.is_(True))
    with k.reading() as conn:
        return conn.execute(query.order_by(t.c.held_on.desc(), t.c.id)).all()


def member_elsewhere(k: Kernel, tenant: str, member_id: UUID) -> list:
    """Every session a member took part in elsewhere (all years, withdrawn ones too), latest first."""
    t = m.elsewhere
    with k.reading() as conn:
        return conn.execute(select(t).where(t.c.tenant == tenant, t.c.member_id == member_id)
                            .order_by(t.c.held_on.desc(), t.c.id)).all()


def elsewhere_hours(k: Kernel, tenant: str, year: int) -> dict[str, int]:
    """Member id (text) → tenths of an hour taken part in elsewhere in ``year``."""
    def load():
        out: dict[str, int] = {}
        for r in list_elsewhere(k, tenant, year):
            out[str(r.member_id)] = out.get(str(r.member_id), 0) + r.hours_x10
        return out
    return k.per_request(("study.elsewhere_hours", tenant, year), load)


def hours_by_member(k: Kernel, tenant: str, year: int) -> dict[str, int]:
    """Member id (text) → tenths of an hour of the year: the branch's sessions and those taken elsewhere."""
    def load():
        out = _sum(credits(k, tenant, year))
        for member_id, tenths in elsewhere_hours(k, tenant, year).items():
            out[member_id] = out.get(member_id, 0) + tenths
        return out
    return k.per_request(("study.hours", tenant, year), load)


def own_requirements(k: Kernel, tenant: str) -> tuple[rules.Requirement, ...]:
    """The school's versions of the yearly requirement (RequirementBook), oldest first."""
    def load():
        t = m.requirements
        with k.reading() as conn:
            return tuple(rules.Requirement(r.effective_from, r.regular, r.retiree) for r in conn.execute(
                select(t).where(t.c.tenant == tenant).order_by(t.c.effective_from)))
    return k.per_request(("study.requirements", tenant), load)


def list_requirements(k: Kernel, tenant: str) -> list:
    t = m.requirements
    with k.reading() as conn:
        return conn.execute(select(t).where(t.c.tenant == tenant).order_by(t.c.effective_from.desc())).all()


def required_hours(k: Kernel, tenant: str, category: str | None, year: int) -> int:
    return rules.required_hours(category, year, get_settings(k, tenant), own=own_requirements(k, tenant))


def list_quizzes(k: Kernel, tenant: str, session_id: UUID | None = None, session_ids=None) -> list:
    t = m.quizzes
    query = select(t).where(t.c.tenant == tenant)
    if session_id is not None:
        query = query.where(t.c.session_id == session_id)
    if session_ids is not None:
        query = query.where(t.c.session_id.in_(list(session_ids)))
    with k.reading() as conn:
        return conn.execute(query.order_by(t.c.title, t.c.id)).all()


def get_quiz(k: Kernel, tenant: str, quiz_id: UUID):
    t = m.quizzes
    with k.reading() as conn:
        return conn.execute(select(t).where(t.c.tenant == tenant, t.c.id == quiz_id)).first()


def quiz_answers(k: Kernel, tenant: str, quiz_id: UUID, member_id: UUID | None = None) -> list:
    """Who took a quiz and their answers (one member's when ``member_id`` is given), by name."""
    t = m.quiz_answers
    query = select(t).where(t.c.tenant == tenant, t.c.quiz_id == quiz_id)
    if member_id is not None:
        query = query.where(t.c.member_id == member_id)
    with k.reading() as conn:
        return conn.execute(query.order_by(t.c.name, t.c.member_id)).all()


def _sum(rows: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in rows:
        out[c["member_id"]] = out.get(c["member_id"], 0) + c["hours_x10"]
    return out


@dataclass(frozen=True)
class Standing:
    member_id: UUID
    name: str
    category: str | None
    hours_x10: int
    required: int
    reason: str | None          # why the member is behind, once the alert month has come
    elsewhere_x10: int = 0      # of ``hours_x10``, taken part in where the member is away (流入地)

    @property
    def met(self) -> bool:
        return self.hours_x10 >= self.required * 10


def standing(k: Kernel, tenant: str, year: int, today: date) -> list[Standing]:
    """Each member on the roll: hours of the year, the requirement, and why they are behind."""
    settings = get_settings(k, tenant)
    own = own_requirements(k, tenant)
    hours = hours_by_member(k, tenant, year)
    away = elsewhere_hours(k, tenant, year)
    month = 12 if year < today.year else (today.month if year == today.year else 0)
    out = []
    for mv in members.list_members(k, tenant):
        required = rules.required_hours(mv.category, year, settings, own=own)
        done = hours.get(str(mv.id), 0)
        out.append(Standing(mv.id, mv.name, mv.category, done, required,
                            rules.behind_reason(done, required, month, settings["alert_month"]),
                            away.get(str(mv.id), 0)))
    return sorted(out, key=lambda s: (s.met, s.hours_x10 - s.required * 10, s.name))


def quizzes_taken_by(k: Kernel, tenant: str, member_id: UUID) -> set:
    """The ids of the quizzes a member has taken."""
    t = m.quiz_answers
    with k.reading() as conn:
        return set(conn.scalars(select(t.c.quiz_id).where(t.c.tenant == tenant, t.c.member_id == member_id)))
