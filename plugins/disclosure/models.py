"""Read models of the disclosure plugin (tables disclosure_*), each filtered by tenant first."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

items = Table(
    "disclosure_items", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("entry_code", String(40), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("source_key", String(200), nullable=False),
    Column("title", String(300), nullable=False),
    Column("event_date", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("columns", JSON, nullable=False),
    Column("rows", JSON, nullable=False),
    Column("period", String(10)),
    Column("audience", String(20), nullable=False),
    Column("form", String(20), nullable=False),
    Column("source_url", String(500)),
    Column("window_from", Date, nullable=False),
    Column("window_until", Date),
    Column("proofs", Integer, nullable=False, default=0),
    Column("objections", Integer, nullable=False, default=0),
    Column("objections_open", Integer, nullable=False, default=0),
    Column("withdrawn", Boolean, nullable=False, default=False),
    Column("withdraw_reason", String(500)),
    Column("version", Integer, nullable=False),
    Column("published_at", UtcDateTime, nullable=False),
    Index("ix_disclosure_items_window", "tenant", "window_from"),
    Index("ix_disclosure_items_source", "tenant", "source_key"),
    Index("ix_disclosure_items_entry", "tenant", "entry_code", "period"),
)

proofs = Table(
    "disclosure_proofs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("item_id", Uuid, nullable=False),
    Column("shown", Text, nullable=False),
    Column("place", String(300), nullable=False),
    Column("on", Date, nullable=False),
    Column("photos", JSON, nullable=False),
    Column("actor", String(80)),
    Index("ix_disclosure_proofs_item", "tenant", "item_id"),
)

objections = Table(
    "disclosure_objections", metadata,
    Column("item_id", Uuid, primary_key=True),
    Column("objection_id", String(10), primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("received_on", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("answered_on", Date),
    Column("answer", Text),
    Index("ix_disclosure_objections_item", "tenant", "item_id"),
)

catalogues = Table(
    "disclosure_catalogues", metadata,
    Column("effective_from", Date, primary_key=True),
    Column("tenant", String(40), nullable=False),     # the district log
    Column("entries", JSON, nullable=False),
    Column("catalogue_version", Integer, nullable=False),
    Column("actor", String(80)),
    Column("revised_at", UtcDateTime, nullable=False),
    Index("ix_disclosure_catalogues_from", "tenant", "effective_from"),
)

files = Table(
    "disclosure_files", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("name", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Index("ix_disclosure_files_sha", "tenant", "sha256"),
)
