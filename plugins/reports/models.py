"""Read models of reporting up (tables reports_*): the district's forms (tenant "district") and returns
(tenant = the school), a school's reports, their values and what it submitted (tenant = the school)."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

forms = Table(
    "reports_forms", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),        # always "district"
    Column("title", String(200), nullable=False),
    Column("period", String(10), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("fields", JSON, nullable=False),
    Column("repeats", JSON, nullable=False),
    Column("closed", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False),
    Column("defined_at", UtcDateTime, nullable=False),
    Index("ix_reports_forms_period", "tenant", "closed", "period"),
)

# What schools submitted, one row per submission (round) of a report, projected from the school's own
# ``Report.Submitted`` (one event: nothing half-written); the district reads these, never a draft.
submissions = Table(
    "reports_submissions", metadata,
    Column("report_id", Uuid, primary_key=True),
    Column("round", Integer, primary_key=True),
    Column("tenant", String(40), nullable=False),        # the school
    Column("subject", String(40), nullable=False),       # a form's id, or "statistics"
    Column("title", String(200), nullable=False),
    Column("period", String(10), nullable=False),
    Column("receipt_no", String(80), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("checks", JSON, nullable=False),
    Column("explanation", Text),
    Column("field_count", Integer, nullable=False),
    Column("prefilled", Integer, nullable=False),
    Column("corrected", Integer, nullable=False),
    Column("submitted_on", Date, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Index("ix_reports_submissions_subject", "tenant", "subject", "period"),
)

# The district's returns of a submission (退回), with the reason the school reads (district log).
returns = Table(
    "reports_returns", metadata,
    Column("report_id", Uuid, primary_key=True),
    Column("round", Integer, primary_key=True),
    Column("tenant", String(40), nullable=False),        # the school
    Column("subject", String(40), nullable=False),
    Column("period", String(10), nullable=False),
    Column("reason", Text, nullable=False),
    Column("returned_by", String(80)),
    Column("returned_at", UtcDateTime, nullable=False),
    Index("ix_reports_returns_subject", "tenant", "subject", "period"),
    Index("ix_reports_returns_report", "tenant", "report_id"),
)

reports = Table(
    "reports_reports", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("subject", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("period", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("answers", JSON, nullable=False),
    Column("receipt_no", String(80)),
    Column("round", Integer, nullable=False, default=0),        # submissions so far
    Column("submitted_on", Date),
    Column("explanation", Text),
    Column("version", Integer, nullable=False),
    Column("opened_at", UtcDateTime, nullable=False),
    Index("ix_reports_reports_subject", "tenant", "subject", "period"),
)

# One line per field of a school's report: what was pre-filled, what was sent, and, once submitted,
# which figure of which period it reported (the "already reported" look-up).
values = Table(
    "reports_values", metadata,
    Column("report_id", Uuid, primary_key=True),
    Column("field_key", String(40), primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("period", String(10), nullable=False),
    Column("label", String(100), nullable=False),
    Column("figure", String(80)),
    Column("value", String(2000)),
    Column("prefilled", String(2000)),
    Column("state", String(20), nullable=False),
    Column("reason", Text),
    Column("submitted_on", Date),
    Index("ix_reports_values_figure", "tenant", "figure", "period"),
)
