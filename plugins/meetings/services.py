"""Meeting commands: load, call the aggregate, save. The only writers of meetings."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import date, datetime
from uuid import UUID

from core import context
from core.clock import local
from core.errors import N_, check_version, refusal_message, row_problems
from core.files import CONTENT_TYPES, DEFAULT_TYPES, FileRef, store_file
from core.kernel import Kernel
from plugins.meetings import queries
from plugins.meetings.queries import roster
from plugins.meetings.domain import AttendeeProfile, Meeting, MeetingError, MeetingTypeSet
from plugins.meetings.domain import Talk
from plugins.members import public as members

ATTACHMENT_KINDS = {"sign_in": "签到表", "photo": "照片", "slides": "课件/讲稿", "other": "其他"}


def _load(k: Kernel, tenant: str, meeting_id: UUID, expected_version: int | None = None) -> Meeting:
    meeting = k.get(tenant, meeting_id, Meeting)
    check_version(meeting, expected_version)
    return meeting


def _person(k: Kernel, tenant: str, member_id: UUID | None, field: str) -> dict | None:
    if member_id is None:
        return None
    m = members.get_member(k, tenant, member_id)
    if m is None:
        raise MeetingError(N_("没有这名党员"), field=field)
    return {"member_id": str(m.id), "name": m.name}


def schedule_meeting(k: Kernel, tenant: str, type_code: str, title: str, starts_at: datetime,
                     place: str, ends_at: datetime | None = None, chair_id: UUID | None = None,
                     recorder_id: UUID | None = None, agenda: list[str] = (),
                     party_group: str | None = None, counts_as: list[str] = ()) -> Meeting:
    """Notice of a meeting; the expected attendees follow from its type. A meeting entered after
    the day it describes (beyond the school's grace days) is marked as a late entry."""
    day = starts_at.date()
    types = queries.meeting_types(k, tenant, day)
    meeting_type = types.get(type_code)
    if meeting_type is None:
        raise MeetingError(N_("未知或在该日期尚未施行的会议类型"), field="type")
    unknown = [c for c in counts_as if c not in types]
    if unknown:
        raise MeetingError(N_("「同时计为」中有未知的会议类型"), field="counts_as")
    expected = roster.expected_attendees(k, tenant, meeting_type.body, day, party_group)
    grace = queries.settings(k, tenant)["late_grace_days"]
    meeting = Meeting.schedule(
        meeting_type, title, starts_at, ends_at, place, _person(k, tenant, chair_id, "chair_id"),
        _person(k, tenant, recorder_id, "recorder_id"), list(agenda), expected, k.today(), grace,
        party_group=party_group if meeting_type.body == "group" else None, counts_as=list(counts_as))
    k.save(tenant, meeting)
    return meeting


def correct_meeting(k: Kernel, tenant: str, meeting_id: UUID, values: dict,
                    expected_version: int | None = None) -> Meeting:
    meeting = _load(k, tenant, meeting_id, expected_version)
    meeting.correct_details({f: v for f, v in values.items()
                             if f in ("title", "starts_at", "ends_at", "place", "agenda")},
                            local(k.now()).replace(tzinfo=None))   # meetings keep local wall-clock times
    k.save(tenant, meeting)
    return meeting


def cancel_meeting(k: Kernel, tenant: str, meeting_id: UUID, reason: str,
                   expected_version: int | None = None) -> Meeting:
    meeting = _load(k, tenant, meeting_id, expected_version)
    meeting.cancel(reason)
    k.save(tenant, meeting)
    return meeting


def record_attendance(k: Kernel, tenant: str, meeting_id: UUID, entries: dict, observers: list[str] = (),
                      expected_version: int | None = None) -> Meeting:
    """``entries``: member id → {"status": "present"|"absent", "reason": str}."""
    meeting = _load(k, tenant, meeting_id, expected_version)
    grace = queries.settings(k, tenant)["late_grace_days"]
    meeting.record_attendance({str(m): e for m, e in entries.items()}, list(observers), k.today(), grace)
    k.save(tenant, meeting)
    return meeting


def leave_out(k: Kernel, tenant: str, meeting_id: UUID, member_id: UUID, kind: str, consent: str,
              expected_version: int | None = None) -> Meeting:
    """Leave a full member out of a congress's "should attend" count (上级同意、大会决定)."""
    meeting = _load(k, tenant, meeting_id, expected_version)
    meeting.leave_out(str(member_id), kind, consent)
    k.save(tenant, meeting)
    return meeting


def receive_written_opinion(k: Kernel, tenant: str, meeting_id: UUID, member_id: UUID, received_on: date,
                            opinion: str, expected_version: int | None = None) -> Meeting:
    meeting = _load(k, tenant, meeting_id, expected_version)
    if received_on > k.today():
        raise MeetingError(N_("收到日期不能晚于今天"), field="received_on")
    meeting.receive_written_opinion(str(member_id), received_on, opinion)
    k.save(tenant, meeting)
    return meeting


def record_vote(k: Kernel, tenant: str, meeting_id: UUID, kind: str, title: str, yes: int, no: int,
                abstain: int = 0, subject: str = "", expected_version: int | None = None) -> UUID:
    """Record a vote (表决); refused without quorum. Returns the resolution's id."""
    meeting = _load(k, tenant, meeting_id, expected_version)
    resolution_id = uuid.uuid4()
    basis = queries.settings(k, tenant)["committee_majority_basis"]
    meeting.record_vote(str(resolution_id), kind, title, subject, yes, no, abstain, basis)
    k.save(tenant, meeting)
    return resolution_id


def update_follow_up(k: Kernel, tenant: str, resolution_id: UUID, status: str, note: str = "",
                     expected_version: int | None = None, meeting_id: UUID | None = None) -> Meeting:
    """Follow-up of a resolution in the decisions register (落实情况)."""
    if meeting_id is None:
        row = queries.get_resolution(k, tenant, resolution_id)
        if row is None:
            raise MeetingError(N_("没有这项决议"), field="resolution_id")
        meeting_id = row.meeting_id
    meeting = _load(k, tenant, meeting_id, expected_version)
    meeting.update_follow_up(str(resolution_id), status, note)
    k.save(tenant, meeting)
    return meeting


def draft_minutes(k: Kernel, tenant: str, meeting_id: UUID, content: dict,
                  expected_version: int | None = None) -> Meeting:
    meeting = _load(k, tenant, meeting_id, expected_version)
    meeting.draft_minutes(content)
    k.save(tenant, meeting)
    return meeting


def finalise_minutes(k: Kernel, tenant: str, meeting_id: UUID,
                     expected_version: int | None = None) -> Meeting:
    meeting = _load(k, tenant, meeting_id, expected_version)
    meeting.finalise_minutes()
    k.save(tenant, meeting)
    return meeting


def add_addendum(k: Kernel, tenant: str, meeting_id: UUID, text: str, reason: str,
                 expected_version: int | None = None) -> Meeting:
    """A correction to finalised minutes, by the acting user, with a reason (附记)."""
    meeting = _load(k, tenant, meeting_id, expected_version)
    meeting.add_addendum(text, reason, context.current().actor_name)
    k.save(tenant, meeting)
    return meeting


def attach_file(k: Kernel, tenant: str, meeting_id: UUID, data: bytes, filename: str,
                kind: str = "other") -> FileRef:
    """Store an upload by content hash (type allow-list and size limit from the school's settings)."""
    if kind not in ATTACHMENT_KINDS:
        raise MeetingError(N_("附件类别无效"), field="kind")
    meeting = _load(k, tenant, meeting_id)
    meeting.check_open()
    conf = queries.settings(k, tenant)
    ref = store_file(k, data, filename, allowed=allowed_types(conf["allowed_types"]),
                     max_bytes=conf["max_upload_mb"] * 1024 * 1024)
    meeting.attach(ref.as_dict(), kind)
    k.save(tenant, meeting)
    return ref


def record_talk(k: Kernel, tenant: str, held_on: date, first_id: UUID, second_id: UUID, content: str,
                place: str = "") -> Talk:
    """Record a heart-to-heart talk (谈心谈话) between two members; its kind follows from who sat
    on the branch committee on the day."""
    first = _person(k, tenant, first_id, "first_id")
    second = _person(k, tenant, second_id, "second_id")
    seats = {str(s.member_id) for s in roster.committee(k, tenant, held_on)}
    talk = Talk.record(held_on, first, second, first["member_id"] in seats, second["member_id"] in seats,
                       place, content, k.today())
    k.save(tenant, talk)
    return talk


def allowed_types(spec: str) -> dict[str, str]:
    out = {}
    for ext in (spec or "").replace("，", ",").split(","):
        ext = ext.strip().lower()
        if ext:
            ext = ext if ext.startswith(".") else "." + ext
            out[ext] = CONTENT_TYPES.get(ext, "application/octet-stream")
    return out or dict(DEFAULT_TYPES)


def define_type(k: Kernel, tenant: str, code: str, name: str, frequency: str, body: str,
                effective_from: date) -> MeetingTypeSet:
    """Add a school's own meeting type, or change a type's name or frequency from a date."""
    type_set_id = MeetingTypeSet.create_id(tenant)
    type_set = k.get(tenant, type_set_id, MeetingTypeSet) if k.exists(tenant, type_set_id) \
        else MeetingTypeSet(tenant=tenant)
    type_set.define(code, name, frequency, body, effective_from)
    k.save(tenant, type_set)
    return type_set


def _profile(k: Kernel, tenant: str, user_id: str) -> AttendeeProfile:
    profile_id = AttendeeProfile.create_id(tenant, user_id)
    if k.exists(tenant, profile_id):
        return k.get(tenant, profile_id, AttendeeProfile)
    return AttendeeProfile(tenant=tenant, user_id=user_id)


def hash_feed_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_feed_token(k: Kernel, tenant: str, user_id: str) -> str:
    """A new secret calendar-feed token (only its hash is stored); replaces the old one."""
    token = secrets.token_urlsafe(32)
    profile = _profile(k, tenant, str(user_id))
    profile.issue_feed_token(hash_feed_token(token))
    k.save(tenant, profile)
    return token


def revoke_feed_token(k: Kernel, tenant: str, user_id: str) -> None:
    profile = _profile(k, tenant, str(user_id))
    profile.revoke_feed_token()
    k.save(tenant, profile)


def record_held_meetings(k: Kernel, tenant: str, rows: list[dict], save: bool = True) -> list[Meeting]:
    """Enter meetings held before today (补录), all or none: each is scheduled and its attendance
    recorded at once, marked late with both dates (the day held and the day recorded).

    ``rows``: {"held_on", "starts" (time), "type", "title", "place", "party_group", "absent":
    {member id: reason}}; everyone else expected is present. With ``save=False`` the rows are only
    checked (the preview). Errors name the row: "第 3 行：…".
    """
    today, built, errors = k.today(), [], {}
    for number, row in enumerate(rows, start=1):
        label = row.get("number", number)
        try:
            if row["held_on"] >= today:
                raise MeetingError(N_("补录的会议日期须早于今天；今天及以后的会议请发会议通知"), field="held_on")
            meeting_type = queries.meeting_types(k, tenant, row["held_on"]).get(row["type"])
            if meeting_type is None:
                raise MeetingError(N_("未知或在该日期尚未施行的会议类型"), field="type")
            group = row.get("party_group") if meeting_type.body == "group" else None
            expected = roster.expected_attendees(k, tenant, meeting_type.body, row["held_on"], group)
            # grace 0: an entry made after the day it describes is a late entry, whatever the grace
            meeting = Meeting.schedule(meeting_type, row["title"], datetime.combine(row["held_on"], row["starts"]),
                                       None, row["place"], None, None, [], expected, today, 0, party_group=group)
            absent = {str(m): r for m, r in (row.get("absent") or {}).items()}
            meeting.record_attendance({e["member_id"]: ({"status": "absent", "reason": absent[e["member_id"]]}
                                                        if e["member_id"] in absent else {"status": "present"})
                                       for e in expected} | {m: {"status": "absent", "reason": r}
                                                             for m, r in absent.items()}, [], today, 0)
            built.append(meeting)
        except MeetingError as exc:
            errors[label] = refusal_message(exc)
    if errors:
        raise MeetingError(row_problems(errors), field="rows")
    if save and built:
        k.save(tenant, *built)
    return built
