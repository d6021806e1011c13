"""Tables of study and training hours (study_*): sessions and the hours each credits to whom
(sessions that are meetings credit from the meetings plugin's attendance at read time)."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, Text, Uuid

from core.db import metadata

sessions = Table(
    "study_sessions", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("hours_x10", Integer, nullable=False),
    Column("meeting_id", Uuid),
    Column("member_id", Uuid),                        # an online course entered by the member
    Column("evidence", Text, nullable=False),
    Column("quiz", JSON, nullable=False),            # [{question, answer}]: the member's answers
    Column("status", String(20), nullable=False),
    Column("accepted", Boolean),                      # the secretary's mark of the evidence (online)
    Column("comment", Text),
    Column("version", Integer, nullable=False),
    Index("ix_study_sessions_held", "tenant", "held_on"),
)

credits = Table(
    "study_credits", metadata,
    Column("session_id", Uuid, primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("name", String(60), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("hours_x10", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Index("ix_study_credits_held", "tenant", "held_on"),
    Index("ix_study_credits_member", "tenant", "member_id", "held_on"),
)
