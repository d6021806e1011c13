"""Read models of the archive (tables archive_*), each row carrying ``tenant``."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, Uuid

from core.db import UtcDateTime, metadata

documents = Table(
    "archive_documents", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("category", String(40), nullable=False),
    Column("title", String(300), nullable=False),
    Column("number", String(100), nullable=False, default=""),
    Column("issued_on", Date, nullable=False),
    Column("issuer", String(200), nullable=False, default=""),
    Column("retention", String(20), nullable=False),
    Column("origin", String(20), nullable=False),          # upper, own, generated
    Column("note", String(1000), nullable=False, default=""),
    Column("sha256", String(64), nullable=False),
    Column("name", String(255), nullable=False),
    Column("content_type", String(120), nullable=False),
    Column("size", Integer, nullable=False),
    Column("paper_code", String(60)),                      # generated: which paper, about what
    Column("paper_subject", String(60)),
    Column("sources", JSON),                               # [[kind, id], …] the records it was made from
    Column("as_of", Integer),                              # the log position they were read at
    Column("withdrawn", Boolean, nullable=False, default=False),
    Column("withdraw_reason", String(500)),
    Column("filed_by", String(80)),
    Column("filed_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    # (tenant, year, category, issued_on): a year's list and its directory index by category and date.
    Index("ix_archive_documents_year", "tenant", "year", "category", "issued_on"),
    Index("ix_archive_documents_file", "tenant", "sha256"),
)

# Each time a year's directory index was printed or exported (the district's view of the archive).
index_outputs = Table(
    "archive_index_outputs", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("form", String(10), nullable=False),          # print, xlsx, zip
    Column("documents", Integer, nullable=False),
    Column("by", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_archive_index_outputs_year", "tenant", "year", "at"),
)
