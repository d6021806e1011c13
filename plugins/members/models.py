"""Read models of the member registry (tables members_*)."""
from sqlalchemy import JSON, Column, Date, DateTime, Index, Integer, String, Table, Uuid

from core.db import metadata

members = Table(
    "members_members", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("name", String(60), nullable=False),
    Column("gender", String(10)),
    Column("ethnicity", String(20)),
    Column("birth_date", Date),
    Column("id_number", String(18)),
    Column("education", String(20)),
    Column("category", String(20)),
    Column("job_post", String(60)),
    Column("title", String(60)),
    Column("phone", String(20)),
    Column("party_group", String(60)),
    Column("applied_on", Date),
    Column("joined_on", Date),
    Column("converted_on", Date),
    Column("party_age_correction", Integer, nullable=False, default=0),
    Column("status", String(20), nullable=False),
    Column("status_since", Date),
    Column("source", String(20)),
    Column("version", Integer, nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_members_tenant_status", "tenant", "status"),
    Index("ix_members_tenant_name", "tenant", "name"),
    Index("ix_members_tenant_idnumber", "tenant", "id_number"),
)

# One row per change of a member: what changed, before and after, who and why.
history = Table(
    "members_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("changes", JSON, nullable=False),
    Column("actor", String(80)),
    Column("reason", String(500)),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_members_history_member", "tenant", "member_id", "version"),
)

personal_reads = Table(
    "members_personal_reads", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("purpose", String(200)),
    Column("actor", String(80)),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_members_reads_member", "tenant", "member_id"),
)
