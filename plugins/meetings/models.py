"""Read models of 三会一课 (tables meetings_*), each row carrying ``tenant``."""
from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Index, Integer, String, Table, Text, Uuid,
)

from core.db import UtcDateTime, metadata

meetings = Table(
    "meetings_meetings", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("type_code", String(30), nullable=False),
    Column("type_name", String(60), nullable=False),
    Column("body", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("starts_at", DateTime, nullable=False),      # local time (Asia/Shanghai), naive
    Column("ends_at", DateTime),
    Column("held_on", Date, nullable=False),
    Column("place", String(200)),
    Column("chair", String(60)),
    Column("recorder", String(60)),
    Column("agenda", JSON, nullable=False),
    Column("party_group", String(60)),
    Column("counts_as", JSON, nullable=False),
    Column("status", String(20), nullable=False),        # scheduled, held, cancelled
    Column("cancel_reason", String(500)),
    Column("late", Boolean, nullable=False, default=False),
    Column("recorded_on", Date, nullable=False),
    Column("attendance_late", Boolean, nullable=False, default=False),
    Column("attendance_recorded_on", Date),
    Column("expected_count", Integer, nullable=False, default=0),
    Column("entitled", Integer, nullable=False, default=0),
    Column("present", Integer, nullable=False, default=0),
    Column("present_voters", Integer, nullable=False, default=0),
    Column("observers", JSON, nullable=False),
    Column("written", Integer, nullable=False, default=0),
    Column("minutes_status", String(10), nullable=False, default="none"),   # none, draft, final
    Column("minutes", JSON),
    Column("held_version", Integer),                     # version of the attendance event
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_meetings_tenant_start", "tenant", "starts_at"),
    Index("ix_meetings_tenant_type", "tenant", "type_code", "held_on"),
)

# Who is expected (应到) and what they did: one row per expected member.
attendees = Table(
    "meetings_attendees", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", Uuid, nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("name", String(60), nullable=False),
    Column("vote", Boolean, nullable=False),
    Column("status", String(20)),                        # None until recorded: present, absent
    Column("reason", String(500)),
    Column("written_on", Date),
    Column("written_opinion", Text),
    # (tenant, meeting) lists a meeting's attendees; with the member it finds one row to update.
    Index("ix_meetings_attendees_person", "tenant", "meeting_id", "member_id"),
    Index("ix_meetings_attendees_member", "tenant", "member_id"),
)

resolutions = Table(
    "meetings_resolutions", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", Uuid, nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", String(300), nullable=False),
    Column("subject", String(300)),
    Column("entitled", Integer, nullable=False),
    Column("present", Integer, nullable=False),
    Column("written", Integer, nullable=False),
    Column("yes", Integer, nullable=False),
    Column("no", Integer, nullable=False),
    Column("abstain", Integer, nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("follow_up", String(20), nullable=False),
    Column("follow_up_note", String(1000)),
    Column("event_version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_meetings_resolutions_tenant", "tenant", "decided_on"),
)

# Every change of a meeting that people may want to trace: minutes revisions, addenda,
# corrections, cancellations, follow-ups (the visible revision history).
history = Table(
    "meetings_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("data", JSON, nullable=False),
    Column("actor", String(80)),
    Column("reason", String(500)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_meetings_history_meeting", "tenant", "meeting_id", "version"),
)

attachments = Table(
    "meetings_attachments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", Uuid, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("name", String(255), nullable=False),
    Column("content_type", String(120), nullable=False),
    Column("size", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_meetings_attachments_meeting", "tenant", "meeting_id"),
)

type_definitions = Table(
    "meetings_type_definitions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("code", String(30), nullable=False),
    Column("name", String(60), nullable=False),
    Column("frequency", String(20), nullable=False),
    Column("body", String(20), nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_meetings_types_tenant", "tenant", "code"),
)

profiles = Table(
    "meetings_profiles", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("user_id", String(40), nullable=False),
    Column("token_hash", String(64), unique=True),
    Column("version", Integer, nullable=False),
    Index("ix_meetings_profiles_user", "tenant", "user_id"),
)

# Heart-to-heart talks (谈心谈话): ``content`` is read only by the two people and the secretary.
talks = Table(
    "meetings_talks", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("first_id", String(40), nullable=False),
    Column("first_name", String(80), nullable=False),
    Column("second_id", String(40), nullable=False),
    Column("second_name", String(80), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("place", String(200), nullable=False, default=""),
    Column("content", Text, nullable=False),
    Column("recorded_on", Date, nullable=False),
    Column("actor", String(80)),
    Column("version", Integer, nullable=False),
    Index("ix_meetings_talks_tenant", "tenant", "held_on"),
)
