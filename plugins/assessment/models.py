"""Read models of the assessment plugin (tables assessment_*)."""
from sqlalchemy import (
    JSON, Boolean, Column, Date, Float, Index, Integer, String, Table, Text, Uuid,
)

from core.db import UtcDateTime, metadata

# District log: indicator sets by year (tenant = "district").
sets = Table(
    "assessment_sets", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("criteria", JSON, nullable=False),
    Column("grade_bands", JSON, nullable=False),
    Column("based_on", String(200)),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

set_history = Table(
    "assessment_set_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_assessment_set_history_year", "year", "version"),   # a district table: its rows are the district's
)

assessments = Table(
    "assessment_assessments", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("set_version", Integer, nullable=False),
    Column("title", String(200), nullable=False),
    Column("criteria", JSON, nullable=False),
    Column("grade_bands", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("self_scores", JSON, nullable=False),
    Column("scores", JSON, nullable=False),
    Column("self_comment", Text),
    Column("self_total", Float),
    Column("by_criterion", JSON),
    Column("total", Float),
    Column("grade", String(20)),
    Column("publications", Integer, nullable=False, default=0),
    Column("published_at", UtcDateTime),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_assessment_assessments_tenant_year", "tenant", "year", unique=True),
    Index("ix_assessment_assessments_year", "year", "tenant"),   # every school's of a year (district)
)

# One row per event of an assessment, an evaluation round or a handling track: the visible history.
history = Table(
    "assessment_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("aggregate_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("actor", String(80)),
    Column("reason", String(500)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_assessment_history_agg", "tenant", "aggregate_id", "version"),
)

attachments = Table(
    "assessment_attachments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("assessment_id", Uuid, nullable=False),
    Column("item", String(40)),
    Column("sha256", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("content_type", String(120)),
    Column("size", Integer),
    Column("note", String(500)),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_assessment_attachments", "tenant", "assessment_id"),
)

comments = Table(
    "assessment_comments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("assessment_id", Uuid, nullable=False),
    Column("text", Text, nullable=False),
    Column("actor", String(80)),
    Column("role", String(120)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_assessment_comments_assessment", "tenant", "assessment_id"),
)

rounds = Table(
    "assessment_rounds", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("cap_numerator", Integer, nullable=False),
    Column("cap_denominator", Integer, nullable=False),
    Column("full_count", Integer, nullable=False),
    Column("probationary_count", Integer, nullable=False),
    Column("ballots", Integer, nullable=False, default=0),   # how many voted (never who voted what)
    Column("counts", JSON),
    Column("published_on", Date),
    Column("version", Integer, nullable=False),
    Index("ix_assessment_rounds_tenant_year", "tenant", "year", unique=True),
    Index("ix_assessment_rounds_year", "year", "tenant"),   # every school's round of a year (district)
)

round_members = Table(
    "assessment_round_members", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("round_id", Uuid, primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("name", String(60), nullable=False),
    Column("status", String(20), nullable=False),
    Column("self_text", Text),
    Column("rating", JSON),          # democratic rating: grade → votes received (totals only)
    Column("grade", String(20)),
    Column("note", String(500)),
)

tracks = Table(
    "assessment_tracks", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(60), nullable=False),
    Column("year", Integer, nullable=False),
    Column("measure", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("facts", Text),
    Column("reason", Text),
    Column("proposed_on", Date, nullable=False),
    Column("deadline", Date),
    Column("pre_reviewed_on", Date),
    Column("vote", JSON),
    Column("approved_on", Date),
    Column("approver", String(200)),
    Column("document", String(200)),
    Column("outcome", String(20)),
    Column("concluded_on", Date),
    Column("version", Integer, nullable=False),
    Index("ix_assessment_tracks_tenant", "tenant", "year"),
)

self_checks = Table(
    "assessment_self_checks", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("period", String(4), nullable=False),
    Column("subject", String(40), nullable=False),   # a member id, or "branch"
    Column("subject_name", String(60), nullable=False),
    Column("text", Text, nullable=False),
    Column("recorded_on", Date, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_assessment_self_checks", "tenant", "year", "period"),
)

# NOT a projection: the anonymous counters of a round's open ballot (see domain.BallotBox). Rows hold
# totals only (no voter, no time, no row per ballot) and are deleted when the ballot closes.
ballot_pool = Table(
    "assessment_ballot_pool", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("round_id", Uuid, primary_key=True),
    Column("candidate", String(40), primary_key=True),
    Column("grade", String(20), primary_key=True),
    Column("votes", Integer, nullable=False),
)
