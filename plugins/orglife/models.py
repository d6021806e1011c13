"""Read models of organisational life (tables orglife_*), each row a school's (``tenant``)."""
from sqlalchemy import JSON, Column, Date, Index, Integer, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

# One participant's statement for one life meeting; read only by the committee and its author.
statements = Table(
    "orglife_statements", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", String(40), nullable=False),
    Column("member_id", String(40), nullable=False),
    Column("author", String(80), nullable=False),
    Column("sections", JSON, nullable=False),
    Column("status", String(20), nullable=False),          # draft, submitted
    Column("submitted_on", Date),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_orglife_statements_meeting", "tenant", "meeting_id", "member_id"),
    Index("ix_orglife_statements_member", "tenant", "member_id"),
)

records = Table(
    "orglife_records", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", String(40), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("title", String(200), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("talks", JSON, nullable=False),
    Column("criticisms", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_orglife_records_meeting", "tenant", "meeting_id"),
)

rectifications = Table(
    "orglife_rectifications", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", String(40), nullable=False),
    Column("meeting_title", String(200), nullable=False),
    Column("item", Text, nullable=False),
    Column("owner", String(80), nullable=False),
    Column("deadline", Date, nullable=False),
    Column("status", String(20), nullable=False),          # open, in_progress, closed
    Column("progress", JSON, nullable=False),
    Column("closed_on", Date),
    Column("evidence", JSON),
    Column("late", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False),
    Index("ix_orglife_rectifications_status", "tenant", "status", "deadline"),
    Index("ix_orglife_rectifications_meeting", "tenant", "meeting_id"),
)

elections = Table(
    "orglife_elections", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", String(40), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("entitled", Integer, nullable=False),
    Column("present", Integer, nullable=False),
    Column("seats", Integer, nullable=False),
    Column("candidates", JSON, nullable=False),
    Column("elected", JSON, nullable=False),
    Column("term_start", Date),
    Column("term_end", Date),
    Column("posts", JSON),
    Column("version", Integer, nullable=False),
    Index("ix_orglife_elections_held", "tenant", "held_on"),
)
