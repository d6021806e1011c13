"""Read models of care for members (tables care_*), one row per record, each with its school."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, Numeric, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

hardship = Table(
    "care_hardship", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(80), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("since", Date, nullable=False),
    Column("situation", Text, nullable=False),
    Column("help_count", Integer, nullable=False, default=0),
    Column("help_cost", Numeric(12, 2), nullable=False, default=0),
    Column("closed_on", Date),
    Column("close_reason", Text),
    Column("version", Integer, nullable=False),
    Index("ix_care_hardship_tenant", "tenant", "closed_on", "since"),
)

help_given = Table(
    "care_help", metadata,
    Column("hardship_id", Uuid, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("on", Date, nullable=False),
    Column("what", Text, nullable=False),
    Column("cost", Numeric(12, 2), nullable=False),
    Column("by", String(80), nullable=False),
    Index("ix_care_help_case", "tenant", "hardship_id", "on"),
)

visits = Table(
    "care_visits", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(80), nullable=False),
    Column("on", Date, nullable=False),
    Column("year", Integer, nullable=False),
    Column("by", String(80), nullable=False),
    Column("what", Text, nullable=False),
    Column("cost", Numeric(12, 2), nullable=False),
    Column("occasion", String(200), nullable=False),
    Column("funds_note", String(500), nullable=False),
    Column("recorded_by", String(80)),
    Column("version", Integer),
    Column("corrections", JSON),                         # [{"before", "cost", "reason"}]
    Index("ix_care_visits_year", "tenant", "year", "on"),
)

away = Table(
    "care_away", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(80), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("place", String(200), nullable=False),
    Column("since", Date, nullable=False),
    Column("keep_in_touch", String(500), nullable=False),
    Column("certificate_no", String(60), nullable=False),
    Column("last_contact", Date, nullable=False),
    Column("contacts", Integer, nullable=False, default=0),
    Column("returned_on", Date),
    Column("version", Integer, nullable=False),
    Index("ix_care_away_tenant", "tenant", "returned_on", "last_contact"),
)

contacts = Table(
    "care_contacts", metadata,
    Column("away_id", Uuid, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("on", Date, nullable=False),
    Column("means", String(20), nullable=False),
    Column("note", Text, nullable=False),
    Column("logged_at", UtcDateTime),
    Index("ix_care_contacts_record", "tenant", "away_id", "on"),
)

# Each member's dates that care reads (from the members plugin's events in the same log): the month of
# admission as a column so a month's political birthdays are one indexed query, the day of conversion
# so a year's 光荣在党50年 list is one indexed query (per school, or across schools for the district).
roll = Table(
    "care_roll", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("name", String(80)),
    Column("status", String(20), nullable=False),
    Column("on_roll", Boolean, nullable=False),
    Column("joined_on", Date),
    Column("joined_month", Integer),          # 1–12, month of joined_on (None: not known)
    Column("converted_on", Date),
    Index("ix_care_roll_birthdays", "tenant", "on_roll", "joined_month"),
    Index("ix_care_roll_medals", "tenant", "status", "converted_on"),
)
