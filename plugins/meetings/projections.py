"""Meeting events → meetings_* tables."""
from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from core.projections import Projection, on
from plugins.meetings.domain import AttendeeProfile, Meeting, MeetingTypeSet
from plugins.meetings.rules import LEAVE_OUT_KINDS
from plugins.meetings.models import (
    attachments, attendees, history, meetings, profiles, resolutions, talks, type_definitions,
)
from plugins.meetings.domain import Talk


def _meta(e) -> dict:
    return getattr(e, "meta", None) or {}


def jsonable(value):
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def _person(p: dict | None) -> str | None:
    return p.get("name") if p else None


class MeetingsProjection(Projection):
    name = "meetings.meetings"
    tables = (history, attachments, resolutions, attendees, meetings, type_definitions, profiles)

    def _history(self, conn, e, tenant, kind, data, reason=None):
        meta = _meta(e)
        conn.insert(history,
            tenant=tenant, meeting_id=e.originator_id, version=e.originator_version, kind=kind,
            data=jsonable(data), actor=meta.get("actor_name"), reason=reason or meta.get("reason"),
            at=e.timestamp)

    def _update(self, conn, e, **values):
        conn.update(meetings, {"id": e.originator_id}, version=e.originator_version, updated_at=e.timestamp, **values)

    @on(Meeting.Scheduled)
    def _scheduled(self, conn, e, tenant):
        conn.insert(meetings,
            id=e.originator_id, tenant=tenant, type_code=e.type_code, type_name=e.type_name,
            body=e.body, title=e.title, starts_at=e.starts_at, ends_at=e.ends_at,
            held_on=e.starts_at.date(), place=e.place, chair=_person(e.chair),
            recorder=_person(e.recorder), agenda=list(e.agenda), party_group=e.party_group,
            counts_as=list(e.counts_as), status="scheduled", late=e.late, recorded_on=e.recorded_on,
            expected_count=len(e.expected), entitled=sum(1 for x in e.expected if x.get("vote")),
            observers=[], minutes_status="none", version=e.originator_version,
            created_at=e.timestamp, updated_at=e.timestamp)
        for x in e.expected:
            conn.insert(attendees,
                tenant=tenant, meeting_id=e.originator_id, member_id=UUID(str(x["member_id"])),
                name=x["name"], vote=bool(x.get("vote")))
        self._history(conn, e, tenant, "scheduled",
                      {"title": e.title, "starts_at": e.starts_at, "late": e.late,
                       "recorded_on": e.recorded_on})

    @on(Meeting.DetailsCorrected)
    def _corrected(self, conn, e, tenant):
        values = {}
        for field, change in e.changes.items():
            after = change["after"]
            if field in ("chair", "recorder"):
                after = _person(after)
            values[field] = after
            if field == "starts_at":
                values["held_on"] = after.date()
        self._update(conn, e, **values)
        self._history(conn, e, tenant, "corrected", e.changes)

    @on(Meeting.Cancelled)
    def _cancelled(self, conn, e, tenant):
        self._update(conn, e, status="cancelled", cancel_reason=e.reason)
        self._history(conn, e, tenant, "cancelled", {}, reason=e.reason)

    @on(Meeting.AttendanceRecorded)
    def _attendance(self, conn, e, tenant):
        for entry in e.entries:
            if entry["status"] == "left_out":  # recorded when left out, with its grounds
                continue
            conn.update(attendees, {"tenant": tenant, "meeting_id": e.originator_id,
                                    "member_id": UUID(str(entry["member_id"]))},
                        status=entry["status"], reason=entry.get("reason") or None)
        present = [x for x in e.entries if x["status"] == "present"]
        present_ids = {str(x["member_id"]) for x in present}
        written = conn.execute(attendees.select().where(
            attendees.c.tenant == tenant, attendees.c.meeting_id == e.originator_id,
            attendees.c.written_on.is_not(None))).all()
        self._update(conn, e, status="held", present=len(present),
                     present_voters=sum(1 for x in present if x.get("vote")),
                     observers=list(e.observers), attendance_late=e.late,
                     attendance_recorded_on=e.recorded_on, held_version=e.originator_version,
                     written=sum(1 for w in written if str(w.member_id) not in present_ids))
        self._history(conn, e, tenant, "attendance",
                      {"present": len(present), "absent": sum(1 for x in e.entries if x["status"] == "absent"),
                       "observers": list(e.observers), "late": e.late})

    @on(Meeting.LeftOut)
    def _left_out(self, conn, e, tenant):
        conn.update(attendees, {"tenant": tenant, "meeting_id": e.originator_id, "member_id": UUID(str(e.member_id))},
                    status="left_out", reason=f"{LEAVE_OUT_KINDS.get(e.kind, e.kind)}（{e.consent}）")
        conn.update(meetings, {"id": e.originator_id}, add={"entitled": -1}, version=e.originator_version,
                    updated_at=e.timestamp)
        self._history(conn, e, tenant, "left_out",
                      {"name": e.name, "kind": LEAVE_OUT_KINDS.get(e.kind, e.kind), "consent": e.consent})

    @on(Meeting.WrittenOpinionReceived)
    def _written(self, conn, e, tenant):
        conn.update(attendees, {"tenant": tenant, "meeting_id": e.originator_id, "member_id": UUID(str(e.member_id))},
                    written_on=e.received_on, written_opinion=e.opinion)
        row = conn.execute(attendees.select().where(
            attendees.c.tenant == tenant, attendees.c.meeting_id == e.originator_id,
            attendees.c.member_id == UUID(str(e.member_id)))).first()
        counts = 0 if row is not None and row.status == "present" else 1
        conn.update(meetings, {"id": e.originator_id}, add={"written": counts}, version=e.originator_version,
                    updated_at=e.timestamp)
        self._history(conn, e, tenant, "written_opinion",
                      {"name": e.name, "received_on": e.received_on})

    @on(Meeting.VoteRecorded)
    def _vote(self, conn, e, tenant):
        held_on = conn.execute(meetings.select().where(meetings.c.id == e.originator_id)).first().held_on
        conn.insert(resolutions,
            id=UUID(str(e.resolution_id)), tenant=tenant, meeting_id=e.originator_id,
            decided_on=held_on, kind=e.kind, title=e.title, subject=e.subject or None,
            entitled=e.entitled, present=e.present, written=e.written, yes=e.yes, no=e.no,
            abstain=e.abstain, passed=e.passed, follow_up="pending",
            event_version=e.originator_version, updated_at=e.timestamp)
        self._update(conn, e)
        self._history(conn, e, tenant, "vote",
                      {"title": e.title, "kind": e.kind, "yes": e.yes, "no": e.no,
                       "abstain": e.abstain, "passed": e.passed})

    @on(Meeting.FollowUpUpdated)
    def _follow_up(self, conn, e, tenant):
        conn.update(resolutions, {"id": UUID(str(e.resolution_id))}, follow_up=e.after,
                    follow_up_note=e.note or None, updated_at=e.timestamp)
        self._update(conn, e)
        self._history(conn, e, tenant, "follow_up",
                      {"resolution_id": e.resolution_id, "before": e.before, "after": e.after,
                       "note": e.note})

    @on(Meeting.MinutesDrafted)
    def _drafted(self, conn, e, tenant):
        self._update(conn, e, minutes=jsonable(e.content), minutes_status="draft")
        self._history(conn, e, tenant, "minutes_draft",
                      {"revision": e.revision, "before": e.before, "after": e.content})

    @on(Meeting.MinutesFinalised)
    def _finalised(self, conn, e, tenant):
        self._update(conn, e, minutes_status="final")
        self._history(conn, e, tenant, "minutes_final", {"revision": e.revision})

    @on(Meeting.AddendumAdded)
    def _addendum(self, conn, e, tenant):
        self._update(conn, e)
        self._history(conn, e, tenant, "addendum", {"text": e.text, "author": e.author},
                      reason=e.reason)

    @on(Meeting.AttachmentAdded)
    def _attached(self, conn, e, tenant):
        conn.insert(attachments,
            tenant=tenant, meeting_id=e.originator_id, sha256=e.file["sha256"], name=e.file["name"],
            content_type=e.file["content_type"], size=e.file["size"], kind=e.kind,
            actor=_meta(e).get("actor_name"), at=e.timestamp)
        self._update(conn, e)
        self._history(conn, e, tenant, "attachment", {"name": e.file["name"], "kind": e.kind})

    @on(MeetingTypeSet.TypeDefined)
    def _type(self, conn, e, tenant):
        conn.insert(type_definitions,
            tenant=tenant, code=e.code, name=e.name, frequency=e.frequency, body=e.body,
            effective_from=e.effective_from, actor=_meta(e).get("actor_name"), at=e.timestamp)

    @on(AttendeeProfile.Opened)
    def _profile(self, conn, e, tenant):
        conn.insert(profiles, id=e.originator_id, tenant=tenant, user_id=e.user_id,
                              version=e.originator_version)

    @on(AttendeeProfile.FeedTokenIssued)
    def _issued(self, conn, e, tenant):
        conn.update(profiles, {"id": e.originator_id}, token_hash=e.token_hash, version=e.originator_version)

    @on(AttendeeProfile.FeedTokenRevoked)
    def _revoked(self, conn, e, tenant):
        conn.update(profiles, {"id": e.originator_id}, token_hash=None, version=e.originator_version)


class TalksProjection(Projection):
    """Heart-to-heart talks (谈心谈话) → meetings_talks."""

    name = "meetings.talks"
    tables = (talks,)

    @on(Talk.Recorded)
    def _recorded(self, conn, e, tenant):
        conn.insert(talks,
            id=e.originator_id, tenant=tenant, held_on=e.held_on, first_id=e.first["member_id"],
            first_name=e.first["name"], second_id=e.second["member_id"], second_name=e.second["name"],
            kind=e.kind, place=e.place, content=e.content, recorded_on=e.recorded_on,
            actor=_meta(e).get("actor_name"), version=e.originator_version)
