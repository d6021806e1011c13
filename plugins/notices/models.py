"""Tables of notices (notices_*). Notices, recipients and receipts are read models (rebuilt from the
logs); preferences too. The outbox is not: it is the record of what was queued and sent, kept across
rebuilds, and each message's ``key`` makes queueing it twice impossible."""
from sqlalchemy import JSON, Column, Index, Integer, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

notices = Table(
    "notices_notices", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("origin", String(10), nullable=False),        # "school" (the school's log) or "district"
    Column("kind", String(20), nullable=False),
    Column("title", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("endpoint", String(80)),                      # the page it links to, with ``link_values``
    Column("link_values", JSON, nullable=False),
    Column("sender", String(120)),
    Column("source_id", Uuid),                           # the record it is about (a meeting, a task)
    Column("recipients", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_notices_notices_created", "tenant", "created_at"),
    Index("ix_notices_notices_source", "tenant", "source_id"),
    Index("ix_notices_notices_origin", "tenant", "origin"),
)

recipients = Table(
    "notices_recipients", metadata,
    Column("notice_id", Uuid, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("origin", String(10), nullable=False),
    Column("member_id", Uuid),                           # a member (through their linked account) …
    Column("role", String(20)),                          # … or everyone holding a role at the school
    Column("name", String(120)),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_notices_recipients_member", "tenant", "member_id", "created_at"),
    Index("ix_notices_recipients_role", "tenant", "role", "created_at"),
    Index("ix_notices_recipients_notice", "tenant", "notice_id"),
    Index("ix_notices_recipients_origin", "tenant", "origin"),
)

receipts = Table(
    "notices_receipts", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("notice_id", Uuid, primary_key=True),
    Column("username", String(80), primary_key=True),
    Column("member_id", Uuid),
    Column("read_at", UtcDateTime, nullable=False),
    Index("ix_notices_receipts_user", "tenant", "username"),
)

preferences = Table(
    "notices_preferences", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("username", String(80), primary_key=True),
    Column("email", String(200), nullable=False),
    Column("delivery", String(10), nullable=False),
    Column("since", UtcDateTime, nullable=False),        # notices from then on are sent one by one
    Column("version", Integer, nullable=False),
    Index("ix_notices_preferences_delivery", "tenant", "delivery"),
)

owners = Table(
    "notices_owners", metadata,                          # a record that belongs to one member (a dues account)
    Column("tenant", String(40), primary_key=True),
    Column("record_id", Uuid, primary_key=True),
    Column("member_id", Uuid, nullable=False),
)

reminders = Table(
    "notices_reminders", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("day", String(10), nullable=False),
    Index("ix_notices_reminders_day", "tenant", "day"),
)

outbox = Table(
    "notices_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("username", String(80), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("key", String(200), nullable=False, unique=True),   # notice:<id>:<user> or digest:<week>:<user>
    Column("address", String(200), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("queued_at", UtcDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", String(500)),
    Column("last_attempt_at", UtcDateTime),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    Index("ix_notices_outbox_due", "tenant", "sent_at", "next_attempt_at"),
    Index("ix_notices_outbox_user", "tenant", "username", "queued_at"),
)
