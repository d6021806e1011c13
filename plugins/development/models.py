"""Read models of member development (tables development_*)."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

cases = Table(
    "development_cases", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("name", String(60), nullable=False),
    Column("gender", String(10)),
    Column("birth_date", Date),
    Column("id_number", String(18)),
    Column("category", String(20)),
    Column("job_post", String(60)),
    Column("applied_on", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("next_step", Integer),                 # None when the case is closed
    Column("dates", JSON, nullable=False),        # step number → ISO date of the steps done
    Column("last_assessment_on", Date),
    Column("activist_on", Date),
    Column("target_on", Date),
    Column("joined_on", Date),
    Column("probation_end", Date),
    Column("extensions", Integer, nullable=False, default=0),
    Column("converted_on", Date),
    Column("on_time", Boolean),
    Column("decision_needed", Boolean, nullable=False, default=False),  # a failed conversion vote/approval
    Column("member_id", Uuid),
    Column("closed_on", Date),
    Column("close_reason", String(500)),
    Column("late_steps", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False),
    Column("opened_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_development_cases_tenant_status", "tenant", "status"),
)

# One row per step or assessment recorded (and per failed vote or refused approval).
steps = Table(
    "development_steps", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("case_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),        # the event's version in the case
    Column("step", Integer, nullable=False),
    Column("kind", String(20), nullable=False),        # step, assessment
    Column("happened_on", Date, nullable=False),
    Column("recorded_on", Date, nullable=False),
    Column("due", Date),
    Column("actor", String(120)),
    Column("notes", Text),
    Column("records", JSON, nullable=False),
    Column("data", JSON, nullable=False),
    Column("passed", Boolean, nullable=False, default=True),
    Column("late", Boolean, nullable=False, default=False),
    Column("late_reason", String(500)),
    Column("special_reason", String(500)),
    Column("rule_set", String(40)),
    Column("recorded_by", String(80)),
    Column("superseded", Boolean, nullable=False, default=False),  # undone by a probation extension
    Index("ix_development_steps_case", "tenant", "case_id", "step"),
)

# Everything that happened to a case, in words, with before/after of corrections.
history = Table(
    "development_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("case_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("text", String(1000), nullable=False),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_development_history_case", "tenant", "case_id", "version"),
)

documents = Table(
    "development_documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("case_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("code", String(40), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("name", String(255), nullable=False),
    Column("content_type", String(120)),
    Column("size", Integer),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_development_documents_case", "tenant", "case_id"),
)

publicity = Table(
    "development_publicity", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("case_id", Uuid, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("working_days", Integer, nullable=False),
    Column("objections", JSON, nullable=False),   # [{received_on, text, resolution}]
    Column("superseded", Boolean, nullable=False, default=False),
    Index("ix_development_publicity_case", "tenant", "case_id"),
)
