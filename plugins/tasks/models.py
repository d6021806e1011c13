"""Read models of district tasks and information reporting (tables tasks_*).

District-log projections: ``tasks_tasks`` (tenant "district"), ``tasks_assignments`` (one row per
task and school, tenant = the school: what the district sent and decided), ``tasks_info_reviews``
(tenant = the school). School-log projections: ``tasks_responses`` (only what the school submitted,
never its draft), ``tasks_drafts`` and ``tasks_progress`` (the school's own pages only), ``tasks_info``
(a school's reports; the district reads only those submitted)."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, Numeric, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

tasks = Table(
    "tasks_tasks", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),          # always "district"
    Column("kind", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("content", Text, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("schools", JSON, nullable=False),
    Column("returns", JSON, nullable=False),
    Column("titles", JSON, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("issued_by", String(80)),
    Column("reminders", Integer, nullable=False, default=0),
    Column("state", String(20), nullable=False, default="open"),   # open / closed / cancelled
    Column("state_reason", String(500)),
    Column("state_on", Date),
    Column("changes", JSON, nullable=False, default=list),       # [{kind, on, reason, before, after, school}]
    Column("version", Integer, nullable=False),
    Index("ix_tasks_tasks_deadline", "tenant", "deadline"),
    Index("ix_tasks_tasks_state", "tenant", "state", "deadline"),
)

assignments = Table(
    "tasks_assignments", metadata,
    Column("task_id", Uuid, primary_key=True),
    Column("tenant", String(40), primary_key=True),       # the school
    Column("kind", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("deadline", Date, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("reminded_on", Date),
    Column("reminder_note", String(500)),
    Column("reminders", Integer, nullable=False, default=0),
    Column("decision", String(20)),                        # accepted / returned, of ``decision_round``
    Column("decision_round", Integer),
    Column("decision_note", String(500)),
    Column("decided_at", UtcDateTime),
    Column("state", String(20), nullable=False, default="open"),   # the task's: open / closed / cancelled
    Column("state_reason", String(500)),
    Column("extended_reason", String(500)),                      # why the deadline was moved, if it was
    Index("ix_tasks_assignments_school", "tenant", "deadline"),
    Index("ix_tasks_assignments_task", "task_id", "tenant"),
)

responses = Table(
    "tasks_responses", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("task_id", Uuid, primary_key=True),
    Column("id", Uuid, nullable=False),
    Column("owner", String(80)),
    Column("progress", Integer, nullable=False, default=0),
    Column("last_progress", Text),
    Column("opened_at", UtcDateTime, nullable=False),
    Column("round", Integer, nullable=False, default=0),
    # what was submitted last (never a draft)
    Column("text", Text),
    Column("files", JSON),
    Column("fields", JSON),
    Column("lines", JSON),
    Column("copies", Integer),
    Column("amount", Numeric(12, 2)),
    Column("submitted_on", Date),
    Column("submitted_at", UtcDateTime),
    Column("late", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False),
    Index("ix_tasks_responses_id", "tenant", "id"),
)

drafts = Table(
    "tasks_drafts", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("task_id", Uuid, primary_key=True),
    Column("text", Text),
    Column("files", JSON),
    Column("fields", JSON),
    Column("lines", JSON),
    Column("saved_at", UtcDateTime, nullable=False),
)

progress = Table(
    "tasks_progress", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("task_id", Uuid, nullable=False),
    Column("on", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("actor", String(80)),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_tasks_progress_task", "tenant", "task_id"),
)

info = Table(
    "tasks_info", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("photos", JSON, nullable=False),
    Column("round", Integer, nullable=False, default=0),
    Column("submitted_on", Date),
    Column("year", Integer),                               # of the first submission
    Column("created_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_tasks_info_year", "tenant", "year"),
    Index("ix_tasks_info_created", "tenant", "created_at"),
)

info_reviews = Table(
    "tasks_info_reviews", metadata,
    Column("report_id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),         # the school
    Column("id", Uuid, nullable=False),                   # the review aggregate
    Column("round", Integer, nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("reason", String(500)),
    Column("published", Boolean, nullable=False, default=False),
    Column("decided_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_tasks_info_reviews_school", "tenant", "report_id"),
)
