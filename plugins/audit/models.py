"""Read models and integrity records of the audit plugin (tables audit_*).

``audit_events`` is the audit index (a projection of every log); the assignment, finding and
access tables are projections of the district log. ``audit_leaves``, ``audit_checkpoints`` and
``audit_verifications`` (with ``audit_seal_generation``) are not projections: they are the seal record
kept beside the logs (a rebuild never touches them); checkpoints are signed with a key no database
holds. (Tables ``audit_chain`` and ``audit_seals`` of the HMAC seals before issue 16 are no longer read.)
"""
from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, Date, Index, Integer, String, Table, Text, UniqueConstraint, Uuid,
)

from core.db import UtcDateTime, metadata

# One row per stored event of every log: enough to filter and page without reading the logs.
events = Table(
    "audit_events", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("notification_id", Integer, primary_key=True, autoincrement=False),
    Column("originator_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("topic", String(200), nullable=False),
    Column("event_type", String(120), nullable=False),   # "Member.Registered"
    Column("actor", String(80)),                         # the actor's name (username)
    Column("actor_id", String(80)),
    Column("role", String(120)),
    Column("source", String(20)),
    Column("reason", String(500)),
    Column("correlation_id", String(64)),
    Column("timestamp", UtcDateTime, nullable=False),
    # On a record's first row (version 1) only: what its first event calls it (a member's name, a
    # meeting's title), or the year it concerns; the console names records from these, not by decoding.
    Column("record_name", String(200)),
    Column("record_year", Integer),
    # Each filter's index ends with the console's order (newest first), so a page is an index range.
    Index("ix_audit_events_tenant_time", "tenant", "timestamp", "notification_id"),
    Index("ix_audit_events_time", "timestamp", "notification_id"),
    Index("ix_audit_events_actor_time", "actor", "timestamp", "notification_id"),
    Index("ix_audit_events_type_time", "event_type", "timestamp", "notification_id"),
    Index("ix_audit_events_record", "originator_id", "version"),
)

# Inspection assignments (督查任务): who may inspect which schools, when.
assignments = Table(
    "audit_assignments", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),        # always "district"
    Column("inspector", String(80), nullable=False),
    Column("schools", JSON, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("note", String(500)),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False),
    Column("created_by", String(80)),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_audit_assignments_inspector", "inspector"),
    Index("ix_audit_assignments_tenant_starts", "tenant", "starts_on", "inspector"),   # the list, a page at a time
)

# Findings (督查发现) and their rectification (整改).
findings = Table(
    "audit_findings", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),        # always "district"
    Column("school", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("events", JSON, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("status", String(20), nullable=False),        # open, answered, closed
    Column("inspector", String(80)),
    Column("answers", JSON, nullable=False),
    Column("closing_note", Text),
    Column("version", Integer, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_audit_findings_school", "school", "status"),
    # The district's lists and counts, a page at a time: by deadline, by state, by school.
    Index("ix_audit_findings_tenant_deadline", "tenant", "deadline", "recorded_at"),
    Index("ix_audit_findings_tenant_status", "tenant", "status", "deadline"),
    Index("ix_audit_findings_tenant_school", "tenant", "school", "status", "deadline"),
)

# Who read or exported what in the console (the auditors are audited).
access = Table(
    "audit_access", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),        # always "district"
    Column("kind", String(20), nullable=False),          # export, read
    Column("actor", String(80)),
    Column("role", String(120)),
    Column("schools", JSON, nullable=False),
    Column("subject", String(300), nullable=False),
    Column("details", JSON, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_audit_access_at", "at"),
)

# The transparency logs (plugins/audit/rules/merkle.py): one leaf hash per stored event of each log, recorded
# when the event is written (so an edit before the next checkpoint is still caught).
leaves = Table(
    "audit_leaves", metadata,
    Column("log", String(40), primary_key=True),
    Column("notification_id", BigInteger, primary_key=True, autoincrement=False),
    Column("hash", String(64), nullable=False),
)

# Signed checkpoints (Ed25519): the tree head of a log at a size. Copies live in the district log
# (school checkpoints) and in files under ZHIBU_CHECKPOINT_DIR (the district's).
checkpoints = Table(
    "audit_checkpoints", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("log", String(40), nullable=False),
    Column("size", Integer, nullable=False),
    Column("last_notification_id", BigInteger, nullable=False),
    Column("root", String(64), nullable=False),
    Column("signed_at", String(40), nullable=False),   # as signed (aware UTC isoformat)
    Column("public_key", String(64), nullable=False),
    Column("signature", String(128), nullable=False),
    UniqueConstraint("log", "size", name="uq_audit_checkpoints_log_size"),
)

# The latest verification of each log (what the console shows).
verifications = Table(
    "audit_verifications", metadata,
    Column("log", String(40), primary_key=True),
    Column("ok", Boolean, nullable=False),
    Column("checked", Integer, nullable=False),
    Column("sealed_through", Integer, nullable=False),
    Column("pending", Integer, nullable=False),
    Column("first_bad_id", Integer),
    Column("problem", String(500)),
    Column("seal_id", Integer),
    Column("verified_at", UtcDateTime, nullable=False),
)

# One row (id 1), its generation moved on in the transaction that records a fact the console's seal summary
# shows: a log's first checkpoint (sealed or not) and every verification (consistent or broken, and why).
# Each process keeps the summary while this row stays where it was (plugins/audit/queries/seal_status.py).
seal_generation = Table(
    "audit_seal_generation", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("generation", BigInteger, nullable=False),
)
