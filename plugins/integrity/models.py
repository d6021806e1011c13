"""Read models of integrity building (tables integrity_*). Hours are kept as hundredths (exact sums)."""
from sqlalchemy import (
    JSON, Boolean, Column, Date, Index, Integer, String, Table, Text, Uuid,
)

from core.db import UtcDateTime, metadata

commitments = Table(
    "integrity_commitments", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("owner_kind", String(10), nullable=False),
    Column("member_id", Uuid),
    Column("owner_name", String(80), nullable=False),
    Column("status", String(20), nullable=False),
    Column("items_total", Integer, nullable=False, default=0),
    Column("items_accepted", Integer, nullable=False, default=0),
    Column("items_pending", Integer, nullable=False, default=0),
    Column("items_returned", Integer, nullable=False, default=0),
    Column("items_fulfilled", Integer, nullable=False, default=0),
    Column("missed_without_cause", Integer, nullable=False, default=0),
    Column("evaluation", JSON),
    Column("total", String(10)),
    Column("rating", String(20)),
    Column("published_on", Date),
    Column("published_version", Integer),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_integrity_commitments_year", "tenant", "year"),
)

commitment_items = Table(
    "integrity_commitment_items", metadata,
    Column("commitment_id", Uuid, primary_key=True),
    Column("item_id", String(10), primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("owner_name", String(80), nullable=False),
    Column("area", String(20), nullable=False),
    Column("content", Text, nullable=False),
    Column("measure", Text, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("return_reason", String(500)),
    Column("outcome", String(20)),
    Column("cause", String(500)),
    Column("missed_without_cause", Boolean, nullable=False, default=False),
    Column("progress_count", Integer, nullable=False, default=0),
    Column("after_deadline_count", Integer, nullable=False, default=0),
    Column("last_progress_on", Date),
    Index("ix_integrity_items_tenant", "tenant", "year", "status"),
)

progress = Table(
    "integrity_progress", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("commitment_id", Uuid, nullable=False),
    Column("item_id", String(10), nullable=False),
    Column("version", Integer, nullable=False),
    Column("on", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("after_deadline", Boolean, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("actor", String(80)),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_integrity_progress_item", "tenant", "commitment_id", "item_id"),
)

posts = Table(
    "integrity_posts", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("name", String(100), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("duties", Text, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date),
    Column("holders", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False),
    Index("ix_integrity_posts_tenant", "tenant"),
)

post_holders = Table(
    "integrity_post_holders", metadata,
    Column("post_id", Uuid, primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_name", String(60), nullable=False),
    Column("assigned_on", Date, nullable=False),
    Column("released_on", Date),
    Index("ix_integrity_post_holders_tenant", "tenant", "post_id"),
)

post_assessments = Table(
    "integrity_post_assessments", metadata,
    Column("post_id", Uuid, primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("period", String(40), primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("grade", String(20), nullable=False),
    Column("comment", Text),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_integrity_post_assessments_tenant", "tenant", "post_id"),
)

pairs = Table(
    "integrity_pairs", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("member_id", Uuid),
    Column("member_name", String(80), nullable=False),
    Column("helped_kind", String(20), nullable=False),
    Column("helped_name", String(80), nullable=False),
    Column("helped_details", Text),
    Column("started_on", Date, nullable=False),
    Column("goals", JSON, nullable=False),
    Column("closed_on", Date),
    Column("outcome", String(20)),
    Column("summary", Text),
    Column("visits", Integer, nullable=False, default=0),
    Column("hours_x100", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False),
    Index("ix_integrity_pairs_tenant", "tenant"),
)

pair_visits = Table(
    "integrity_pair_visits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("pair_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("on", Date, nullable=False),
    Column("what", Text, nullable=False),
    Column("hours_x100", Integer, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("late", Boolean, nullable=False),
    Index("ix_integrity_visits_pair", "tenant", "pair_id"),
)

volunteer = Table(
    "integrity_volunteer", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("on", Date, nullable=False),
    Column("place", String(200), nullable=False),
    Column("participants", JSON, nullable=False),
    Column("hours_x100", Integer, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_integrity_volunteer_tenant", "tenant", "on"),
)

volunteer_hours = Table(
    "integrity_volunteer_hours", metadata,
    Column("activity_id", Uuid, primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_name", String(60), nullable=False),
    Column("on", Date, nullable=False),
    Column("hours_x100", Integer, nullable=False),
    Index("ix_integrity_vhours_tenant", "tenant", "on"),
)

education = Table(
    "integrity_education", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("on", Date, nullable=False),
    Column("speaker", String(80)),
    Column("content", Text),
    Column("attendees", JSON, nullable=False),
    Column("absentees", JSON, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_integrity_education_tenant", "tenant", "on"),
)

agreements = Table(
    "integrity_agreements", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(60), nullable=False),
    Column("post", String(100), nullable=False),
    Column("duties", Text, nullable=False),
    Column("counterpart", String(80), nullable=False),
    Column("signed_on", Date, nullable=False),
    Index("ix_integrity_agreements_year", "tenant", "year"),
)

inspections = Table(
    "integrity_inspections", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("period", String(10), nullable=False),
    Column("owner_kind", String(10), nullable=False),
    Column("member_id", Uuid),
    Column("owner_name", String(80), nullable=False),
    Column("content", Text, nullable=False),
    Column("problems", Text),
    Column("measures", Text),
    Column("filed_on", Date, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_integrity_inspections_period", "tenant", "period"),
)

ethics = Table(
    "integrity_ethics", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(60), nullable=False),
    Column("grade", String(20), nullable=False),
    Column("veto", Boolean, nullable=False),
    Column("veto_reason", String(500)),
    Column("assessed_on", Date, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_integrity_ethics_member", "tenant", "member_id", "year"),
)

pledges = Table(
    "integrity_pledges", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("term", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(60), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("signed_on", Date, nullable=False),
    Index("ix_integrity_pledges_term", "tenant", "term"),
)

# Uploaded evidence referred to by this school's records (downloads are checked against it).
files = Table(
    "integrity_files", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("owner_id", Uuid, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("content_type", String(120), nullable=False),
    Column("size", Integer, nullable=False),
)
