"""Read side of 三会一课 (over models.py), plus the school's settings and meeting types. Who is
expected at a meeting, from the member registry, is in ``queries.roster``."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID

from sqlalchemy import and_, extract, or_, select

from core.auth.queries import load_user
from core.kernel import Kernel
from core.pagination import Page, paginate
from core.permissions import COMMITTEE
from plugins.meetings import rules
from plugins.meetings.rules import talks as talk_rules
from plugins.meetings.models import (
    attachments, attendees, history, meetings, profiles, resolutions, talks, type_definitions,
)
from plugins.members import public as members
from core.tenancy import queries as tenant_queries


def settings(k: Kernel, tenant: str) -> dict:
    """The school's settings for this plugin, defaults filled in."""
    return k.settings(tenant, "meetings")


def school_definitions(k: Kernel, tenant: str) -> list[rules.MeetingType]:
    with k.reading() as conn:
        rows = conn.execute(select(type_definitions).where(type_definitions.c.tenant == tenant)
                            .order_by(type_definitions.c.effective_from, type_definitions.c.id)).all()
    return [rules.MeetingType(r.code, r.name, r.frequency, r.body, r.effective_from, builtin=False)
            for r in rows]


def type_versions(k: Kernel, tenant: str) -> dict[str, list[rules.MeetingType]]:
    return rules.type_versions(school_definitions(k, tenant))


def meeting_types(k: Kernel, tenant: str, on: date | None = None) -> dict[str, rules.MeetingType]:
    """The meeting types in force on a day (defaults with the school's changes and own types)."""
    return rules.types_on(school_definitions(k, tenant), on or k.today())


def get_meeting(k: Kernel, tenant: str, meeting_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(meetings).where(meetings.c.tenant == tenant,
                                                   meetings.c.id == meeting_id)).first()


def meeting_query(tenant: str, type: str | None = None, year: int | None = None,
                  status: str | None = None):
    query = select(meetings).where(meetings.c.tenant == tenant)
    if type:
        query = query.where(meetings.c.type_code == type)
    if year:
        query = query.where(meetings.c.held_on >= date(year, 1, 1), meetings.c.held_on <= date(year, 12, 31))
    if status:
        query = query.where(meetings.c.status == status)
    return query.order_by(meetings.c.starts_at.desc(), meetings.c.id)


def list_meetings_page(k: Kernel, tenant: str, page: int = 1, per_page: int = 50, **criteria) -> Page:
    with k.reading() as conn:
        return paginate(conn, meeting_query(tenant, **criteria), page, per_page)


def list_meetings(k: Kernel, tenant: str, type: str | None = None, year: int | None = None,
                  status: str | None = None) -> list:
    with k.reading() as conn:
        return conn.execute(meeting_query(tenant, type, year, status)).all()


def meetings_between(k: Kernel, tenant: str, start: date, end: date) -> list:
    with k.reading() as conn:
        return conn.execute(select(meetings).where(
            meetings.c.tenant == tenant, meetings.c.held_on >= start, meetings.c.held_on <= end)
            .order_by(meetings.c.starts_at)).all()


def list_attendees(k: Kernel, tenant: str, meeting_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(attendees).where(attendees.c.tenant == tenant,
                                                    attendees.c.meeting_id == meeting_id)
                            .order_by(attendees.c.id)).all()


def meeting_history(k: Kernel, tenant: str, meeting_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(history).where(history.c.tenant == tenant,
                                                  history.c.meeting_id == meeting_id)
                            .order_by(history.c.version)).all()


def list_attachments(k: Kernel, tenant: str, meeting_id: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(attachments).where(attachments.c.tenant == tenant,
                                                      attachments.c.meeting_id == meeting_id)
                            .order_by(attachments.c.id)).all()


def get_attachment(k: Kernel, tenant: str, meeting_id: UUID, sha256: str):
    with k.reading() as conn:
        return conn.execute(select(attachments).where(
            attachments.c.tenant == tenant, attachments.c.meeting_id == meeting_id,
            attachments.c.sha256 == sha256)).first()


def list_resolutions(k: Kernel, tenant: str, meeting_id: UUID | None = None,
                     year: int | None = None, follow_up: str | None = None) -> list:
    query = select(resolutions, meetings.c.title.label("meeting_title"),
                   meetings.c.type_name.label("meeting_type")).join(
        meetings, meetings.c.id == resolutions.c.meeting_id).where(resolutions.c.tenant == tenant)
    if meeting_id:
        query = query.where(resolutions.c.meeting_id == meeting_id)
    if year:
        query = query.where(extract("year", resolutions.c.decided_on) == year)
    if follow_up:
        query = query.where(resolutions.c.follow_up == follow_up)
    with k.reading() as conn:
        return conn.execute(query.order_by(resolutions.c.decided_on.desc(), resolutions.c.title)).all()


def get_resolution(k: Kernel, tenant: str, resolution_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(resolutions).where(resolutions.c.tenant == tenant,
                                                      resolutions.c.id == resolution_id)).first()


def held_days(k: Kernel, tenant: str, year: int) -> tuple[dict[str, list[date]], dict[str, list]]:
    """Days of held meetings per type code (a meeting also counts for its ``counts_as`` types),
    and the (id, version) of the attendance event behind each, for evidence links."""
    days: dict[str, list[date]] = {}
    refs: dict[str, list] = {}
    with k.reading() as conn:
        rows = conn.execute(select(meetings.c.id, meetings.c.type_code, meetings.c.counts_as,
                                   meetings.c.held_on, meetings.c.held_version, meetings.c.title)
                            .where(meetings.c.tenant == tenant, meetings.c.status == "held",
                                   meetings.c.held_on >= date(year, 1, 1),
                                   meetings.c.held_on <= date(year, 12, 31))
                            .order_by(meetings.c.held_on)).all()
    for r in rows:
        for code in [r.type_code, *(r.counts_as or [])]:
            days.setdefault(code, []).append(r.held_on)
            refs.setdefault(code, []).append(r)
    return days, refs


def compliance(k: Kernel, tenant: str, year: int, today: date | None = None) -> list[rules.TypeCompliance]:
    """How each meeting type stands against its required frequency (once per request)."""
    today = today or k.today()

    def compute():
        days, _ = held_days(k, tenant, year)
        return rules.compliance(type_versions(k, tenant), days, year, today,
                                tenant_queries.records_from(k, tenant))
    return list(k.per_request(("meetings.compliance", tenant, year, today), compute))


def upcoming_for_member(k: Kernel, tenant: str, member_id: UUID | None, now: datetime,
                        days: int = 30, everyone: bool = False) -> list:
    """Scheduled meetings in the next ``days`` that a member is expected at (or all, for the committee)."""
    query = select(meetings).where(meetings.c.tenant == tenant, meetings.c.status == "scheduled",
                                   meetings.c.starts_at >= now - timedelta(hours=12),
                                   meetings.c.starts_at <= now + timedelta(days=days))
    if not everyone:
        if member_id is None:
            return []
        query = query.where(meetings.c.id.in_(select(attendees.c.meeting_id).where(
            attendees.c.tenant == tenant, attendees.c.member_id == member_id)))
    with k.reading() as conn:
        return conn.execute(query.order_by(meetings.c.starts_at)).all()


def member_meetings(k: Kernel, tenant: str, member_id: UUID, year: int) -> list:
    """The meetings of ``year`` a member was expected at, with their own attendance (status, reason)."""
    query = (select(meetings.c.id, meetings.c.title, meetings.c.type_name, meetings.c.starts_at, meetings.c.held_on,
                    meetings.c.status, attendees.c.status.label("attendance"), attendees.c.reason)
             .join(attendees, and_(attendees.c.meeting_id == meetings.c.id, attendees.c.tenant == tenant))
             .where(meetings.c.tenant == tenant, attendees.c.member_id == member_id,
                    meetings.c.held_on.between(date(year, 1, 1), date(year, 12, 31)))
             .order_by(meetings.c.starts_at.desc()))
    with k.reading() as conn:
        return conn.execute(query).all()


def meetings_for_feed(k: Kernel, tenant: str, member_id: UUID | None, everyone: bool, since: date) -> list:
    query = select(meetings).where(meetings.c.tenant == tenant, meetings.c.held_on >= since)
    if not everyone:
        if member_id is None:
            return []
        query = query.where(meetings.c.id.in_(select(attendees.c.meeting_id).where(
            attendees.c.tenant == tenant, attendees.c.member_id == member_id)))
    with k.reading() as conn:
        return conn.execute(query.order_by(meetings.c.starts_at)).all()


def _active_user(k: Kernel, user_id: str):
    try:
        uid = UUID(user_id)
    except ValueError:
        return None
    with k.reading() as conn:
        user = load_user(conn, uid)
    return user if user is not None and user.active else None


def feed_meetings(k: Kernel, tenant: str, profile) -> list:
    """A calendar feed's meetings, from 90 days ago on: those of the member the account is linked to,
    or every meeting for committee members; nothing for an account that is inactive or no longer of
    this school."""
    user = _active_user(k, profile.user_id)
    roles = user.roles_in(tenant) if user is not None else set()
    everyone = bool(roles & COMMITTEE)
    member_id = members.member_for_user(k, tenant, user.username) if roles else None
    return meetings_for_feed(k, tenant, member_id, everyone, k.today() - timedelta(days=90))


def get_profile(k: Kernel, tenant: str, user_id: str):
    with k.reading() as conn:
        return conn.execute(select(profiles).where(profiles.c.tenant == tenant,
                                                   profiles.c.user_id == user_id)).first()


def profile_by_token_hash(k: Kernel, tenant: str, token_hash: str):
    with k.reading() as conn:
        return conn.execute(select(profiles).where(profiles.c.tenant == tenant,
                                                   profiles.c.token_hash == token_hash)).first()


def type_definition_rows(k: Kernel, tenant: str) -> list:
    with k.reading() as conn:
        return conn.execute(select(type_definitions).where(type_definitions.c.tenant == tenant)
                            .order_by(type_definitions.c.code, type_definitions.c.effective_from)).all()


# -- heart-to-heart talks (谈心谈话) ---------------------------------------------------------------
def list_talks(k: Kernel, tenant: str, year: int | None = None, member_id: UUID | str | None = None) -> list:
    """Talks of a year (or all), newest first; with ``member_id``, those the member took part in."""
    query = select(talks).where(talks.c.tenant == tenant)
    if year is not None:
        query = query.where(talks.c.held_on >= date(year, 1, 1), talks.c.held_on <= date(year, 12, 31))
    if member_id is not None:
        query = query.where(or_(talks.c.first_id == str(member_id), talks.c.second_id == str(member_id)))
    with k.reading() as conn:
        return conn.execute(query.order_by(talks.c.held_on.desc(), talks.c.first_name)).all()


def get_talk(k: Kernel, tenant: str, talk_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(talks).where(talks.c.tenant == tenant, talks.c.id == talk_id)).first()


def talk_compliance(k: Kernel, tenant: str, year: int) -> talk_rules.TalkCompliance:
    """Who on the roll (full and probationary members, at the end of ``year`` or today, by the dates
    in the world) has had no talk recorded in ``year``, each counted from their own start on this
    roll (transfer in or joining, ``members.public``) and the school's records start."""
    on = min(k.today(), date(year, 12, 31))
    roll = members.list_members(k, tenant, statuses=("full", "probationary"), on=on)
    arrived = members.arrivals(k, tenant)
    starts = {str(m.id): talk_rules.start_of(m.joined_on, arrived[m.id].on if m.id in arrived else None)
              for m in roll}
    held = [(t.held_on, {t.first_id, t.second_id}) for t in list_talks(k, tenant, year)]
    return talk_rules.compliance(year, {str(m.id): m.name for m in roll}, held, starts,
                                 tenant_queries.records_from(k, tenant), settings(k, tenant)["talk_min_months"])
