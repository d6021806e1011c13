"""Read models of the member registry (tables members_*)."""
from sqlalchemy import JSON, Column, Date, Index, Integer, String, Table, Uuid

from core.db import UtcDateTime, metadata

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
    Column("registered_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_members_tenant_status", "tenant", "status"),
    Index("ix_members_tenant_name", "tenant", "name"),
    Index("ix_members_tenant_idnumber", "tenant", "id_number"),
    Index("ix_members_idnumber", "id_number"),  # a person on one roll in the district: the claim opens here
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
    Column("at", UtcDateTime, nullable=False),
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
    Column("at", UtcDateTime, nullable=False),
    Index("ix_members_reads_member", "tenant", "member_id"),
)

# Party discipline sanctions (党纪处分) of members.
sanctions = Table(
    "members_sanctions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date),
    Column("reason", String(500)),
    Index("ix_members_sanctions_member", "tenant", "member_id"),
)

# Additions to and removals from the roll, with the date they take effect (statistics).
movements = Table(
    "members_movements", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("effective_on", Date, nullable=False),
    Index("ix_members_movements_on", "tenant", "effective_on"),
)

# Every change of a member's status with the day it took effect in the world and when it was
# recorded: the rolls "as of" a day are folded from these (rules.standing_on), never from recording time.
status_changes = Table(
    "members_status_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("before", String(20), nullable=False),
    Column("after", String(20), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_members_status_changes_on", "tenant", "effective_on"),
)

organisation = Table(
    "members_organisation", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("term_start", Date),
    Column("term_end", Date),
)

# Committee seats of every term: a seat ends when vacated or when the next term starts.
seats = Table(
    "members_seats", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("name", String(60), nullable=False),
    Column("post", String(20), nullable=False),
    Column("term_start", Date, nullable=False),
    Column("term_end", Date, nullable=False),
    Column("since", Date, nullable=False),
    Column("ended_on", Date),
    Column("end_reason", String(500)),
    Index("ix_members_seats_term", "tenant", "term_start"),
)

groups = Table(
    "members_groups", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("name", String(60), primary_key=True),
    Column("leader_id", Uuid),
    Column("leader_name", String(60)),
)

transfers = Table(
    "members_transfers", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("direction", String(4), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(60), nullable=False),
    Column("letter_no", String(60), nullable=False),
    Column("other_org", String(200), nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("valid_until", Date, nullable=False),
    Column("dues_paid_to", String(7)),
    Column("receipt_returned_on", Date),
    Column("version", Integer, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_members_transfers_tenant", "tenant", "issued_on"),
)

imports = Table(
    "members_imports", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_members_imports_tenant", "tenant", "at"),
)

# Which member a login account is at this school (账号关联): one row per linked account.
accounts = Table(
    "members_accounts", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("username", String(80), primary_key=True),
    Column("member_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("linked_at", UtcDateTime, nullable=False),
    Index("ix_members_accounts_member", "tenant", "member_id"),
)
