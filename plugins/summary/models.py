"""Read model of the summary plugin (summary_*), filtered by tenant first."""
from sqlalchemy import JSON, Column, Date, Index, Integer, String, Table, Uuid

from core.db import UtcDateTime, metadata

summaries = Table(
    "summary_summaries", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("facts", JSON, nullable=False),
    Column("sections", JSON, nullable=False),
    Column("overrides", JSON, nullable=False),
    Column("adopted_on", Date),
    Column("meeting_id", String(40)),
    Column("meetings", JSON, nullable=False, default=list),      # every meeting that adopted a version
    Column("adoptions", Integer, nullable=False, default=0),
    Column("reopened", JSON, nullable=False, default=list),      # [{"on", "reason"}] corrections after adoption
    Column("sends", JSON, nullable=False, default=list),         # [{"adoption", "on", "route", "record_id", …}]
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_summary_summaries_year", "tenant", "year"),
)
