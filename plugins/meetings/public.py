"""What other plugins may use of 三会一课. Nothing else of this package is public."""
from __future__ import annotations

from uuid import UUID

from core.kernel import Kernel
from plugins.meetings import queries
from plugins.meetings.domain import Meeting

__all__ = ["MeetingScheduled", "MeetingCancelled", "congress_attendance", "list_meetings", "get_meeting", "list_resolutions", "meeting_types",
           "talk_days"]


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


# Events other plugins may listen to in projections of their own (notices: a meeting's notice goes to
# its attendees). Their fields are part of this module's promise: ``expected`` lists ``member_id`` and
# ``name``; ``title``, ``type_name``, ``starts_at``, ``place``; a cancellation's ``reason``.
MeetingScheduled = Meeting.Scheduled
MeetingCancelled = Meeting.Cancelled
