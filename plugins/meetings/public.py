"""What other plugins may use of 三会一课. Nothing else of this package is public."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import select

from core.kernel import Kernel
from plugins.meetings import models, queries, rules
from plugins.meetings.domain import Meeting

__all__ = ["MeetingScheduled", "MeetingCancelled", "MeetingDetailsCorrected", "congress_attendance", "list_meetings", "get_meeting",
           "list_resolutions", "meeting_types", "talk_days", "present_at", "list_talks", "get_talk",
           "election_quorum_error", "present_members"]


def congress_attendance(k: Kernel, tenant: str, meeting_id: UUID) -> dict | None:
    """Attendance of a branch member congress (支部党员大会), e.g. for an admission vote.

    ``entitled``: full members who should attend; ``present``: full members present;
    ``written_opinions``: absent full members who gave a written opinion before the meeting.
    None when there is no such congress at this school.
    """
    row = queries.get_meeting(k, tenant, meeting_id)
    if row is None or row.body != "congress":
        return None
    return {"held_on": row.held_on, "type": row.type_code, "entitled": row.entitled,
            "present": row.present_voters, "written_opinions": row.written,
            "finalised": row.minutes_status == "final"}


def list_meetings(k: Kernel, tenant: str, type: str | None = None, year: int | None = None) -> list[dict]:
    """Meetings of a school (newest first), as plain dicts."""
    return [{"id": r.id, "type": r.type_code, "type_name": r.type_name, "title": r.title,
             "starts_at": r.starts_at, "held_on": r.held_on, "place": r.place, "status": r.status,
             "late": r.late, "expected": r.expected_count, "entitled": r.entitled,
             "present": r.present, "present_voters": r.present_voters, "written_opinions": r.written,
             "minutes": r.minutes_status, "version": r.version}
            for r in queries.list_meetings(k, tenant, type=type, year=year)]


def get_meeting(k: Kernel, tenant: str, meeting_id: UUID) -> dict | None:
    """One meeting of a school as a plain dict (None when this school has no such meeting)."""
    r = queries.get_meeting(k, tenant, meeting_id)
    if r is None:
        return None
    return {"id": r.id, "type": r.type_code, "type_name": r.type_name, "title": r.title, "held_on": r.held_on,
            "status": r.status}


def list_resolutions(k: Kernel, tenant: str, meeting_id: UUID) -> list[dict]:
    """The resolutions (决议) voted at one meeting, as plain dicts."""
    return [{"id": r.id, "title": r.title, "kind": r.kind, "passed": r.passed, "decided_on": r.decided_on}
            for r in queries.list_resolutions(k, tenant, meeting_id=meeting_id)]


def meeting_types(k: Kernel, tenant: str) -> dict[str, str]:
    """The school's meeting types in force today: code → Chinese name."""
    return {code: t.name for code, t in queries.meeting_types(k, tenant).items()}


def talk_days(k: Kernel, tenant: str, year: int) -> list:
    """The days heart-to-heart talks (谈心谈话) were held in a year, one per talk."""
    return [r.held_on for r in queries.list_talks(k, tenant, year=year)]


def present_at(k: Kernel, tenant: str, type: str, year: int) -> dict[str, list]:
    """Member id (text) → the days they were present at a meeting of ``type`` held in ``year``
    (e.g. committee members at party-group meetings: 双重组织生活)."""
    attendees, meetings = models.attendees, models.meetings
    query = (select(attendees.c.member_id, meetings.c.held_on)
             .join(meetings, (meetings.c.id == attendees.c.meeting_id) & (meetings.c.tenant == attendees.c.tenant))
             .where(meetings.c.tenant == tenant, meetings.c.type_code == type,
                    meetings.c.held_on >= date(year, 1, 1), meetings.c.held_on <= date(year, 12, 31),
                    meetings.c.status == "held", attendees.c.status == "present"))
    out: dict[str, list] = {}
    with k.reading() as conn:
        for member_id, held_on in conn.execute(query).all():
            out.setdefault(str(member_id), []).append(held_on)
    return out


def _talk(r) -> dict:
    """A talk's who, with whom and when (never its content, which only the two and the secretary read)."""
    return {"id": r.id, "held_on": r.held_on, "first_id": r.first_id, "first_name": r.first_name,
            "second_id": r.second_id, "second_name": r.second_name}


def list_talks(k: Kernel, tenant: str, year: int) -> list[dict]:
    """The heart-to-heart talks (谈心谈话) of a year, newest first: who, with whom, when."""
    return [_talk(r) for r in queries.list_talks(k, tenant, year=year)]


def get_talk(k: Kernel, tenant: str, talk_id: UUID) -> dict | None:
    r = queries.get_talk(k, tenant, talk_id)
    return _talk(r) if r is not None else None


def election_quorum_error(entitled: int, present: int) -> str | None:
    """Why a branch congress cannot hold an election (选举: more than 4/5 of the voters present), or None."""
    return rules.vote_error(rules.RESOLUTION_KINDS["election"], "congress",
                            rules.Tally(entitled=entitled, present=present, written=0, yes=0, no=0, abstain=0))


def present_members(k: Kernel, tenant: str, meeting_ids: list) -> dict[str, dict[str, str]]:
    """Meeting id (text) → {member id (text) → name} of the members recorded present at each of these
    meetings that was held (study hours are credited from this attendance)."""
    if not meeting_ids:
        return {}
    attendees, meetings = models.attendees, models.meetings
    query = (select(attendees.c.meeting_id, attendees.c.member_id, attendees.c.name)
             .join(meetings, (meetings.c.id == attendees.c.meeting_id) & (meetings.c.tenant == attendees.c.tenant))
             .where(attendees.c.tenant == tenant, attendees.c.meeting_id.in_(list(meeting_ids)),
                    meetings.c.status == "held", attendees.c.status == "present"))
    out: dict[str, dict[str, str]] = {}
    with k.reading() as conn:
        for meeting_id, member_id, name in conn.execute(query).all():
            out.setdefault(str(meeting_id), {})[str(member_id)] = name
    return out


# Events other plugins may listen to in projections of their own (notices: a meeting's notice goes to
# its attendees). Their fields are part of this module's promise: ``expected`` lists ``member_id`` and
# ``name``; ``title``, ``type_name``, ``starts_at``, ``place``; a cancellation's ``reason``; a correction's
# ``changes``: field (``title``, ``starts_at``, ``ends_at``, ``place``, ``agenda``) → ``{"before", "after"}``,
# and its ``upcoming``: True when the meeting was still to come (not held, its start later than the
# correction), False when it was a held or past meeting's record corrected, None when stored before
# that was recorded.
MeetingScheduled = Meeting.Scheduled
MeetingCancelled = Meeting.Cancelled
MeetingDetailsCorrected = Meeting.DetailsCorrected
