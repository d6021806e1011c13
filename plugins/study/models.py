"""Tables of study and training hours (study_*): sessions and the hours each credits to whom
(sessions that are meetings credit from the meetings plugin's attendance at read time)."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

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

# Sessions a member away took part in where they are (流入地), recorded by the home branch: they credit
# the member's yearly requirement and are shown apart from the branch's own sessions.
elsewhere = Table(
    "study_elsewhere", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(60), nullable=False),
    Column("title", String(200), nullable=False),
    Column("organiser", String(200), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("hours_x10", Integer, nullable=False),
    Column("category", String(20), nullable=False),
    Column("proof", String(500), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("recorded_by", String(80)),
    Column("version", Integer, nullable=False),
    Index("ix_study_elsewhere_held", "tenant", "held_on"),
    Index("ix_study_elsewhere_member", "tenant", "member_id", "held_on"),
)

# Quizzes set on sessions (evidence, never hours) and each member's answers.
quizzes = Table(
    "study_quizzes", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("session_id", Uuid, nullable=False),
    Column("title", String(200), nullable=False),
    Column("questions", JSON, nullable=False),         # [{text, options, answers}]
    Column("taken", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_study_quizzes_session", "tenant", "session_id"),
)

quiz_answers = Table(
    "study_quiz_answers", metadata,
    Column("quiz_id", Uuid, primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("name", String(60), nullable=False),
    Column("answers", JSON, nullable=False),           # [[option index, …] per question]
    Column("right", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_study_quiz_answers_quiz", "tenant", "quiz_id"),
    Index("ix_study_quiz_answers_member", "tenant", "member_id"),
)

# The school's versions of the yearly hour requirement (RequirementBook), each in force from its day.
requirements = Table(
    "study_requirements", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("effective_from", Date, primary_key=True),
    Column("regular", Integer, nullable=False),
    Column("retiree", Integer, nullable=False),
    Column("note", Text, nullable=False),
    Column("recorded_by", String(80)),
    Column("at", UtcDateTime, nullable=False),
)
