"""Read models of the plans plugin (tables plans_*). Money is whole fen."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, Text, Uuid

from core.db import UtcDateTime, metadata

plans = Table(
    "plans_plans", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("title", String(200), nullable=False),
    Column("status", String(10), nullable=False),             # draft, adopted
    Column("adopted_meeting_id", Uuid),
    Column("adopted_meeting_title", String(300)),
    Column("adopted_on", Date),
    Column("resolution_id", Uuid),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_plans_plans_year", "tenant", "year"),
    Index("ix_plans_plans_adopted_meeting", "tenant", "adopted_meeting_id"),
)

items = Table(
    "plans_items", metadata,
    Column("plan_id", Uuid, primary_key=True),
    Column("item_id", String(10), primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("what", String(300), nullable=False),
    Column("measure", String(300)),
    Column("target", Integer),
    Column("owner", String(80), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("link", String(60)),
    Column("removed", Boolean, nullable=False, default=False),
    Column("complete", Boolean, nullable=False, default=False),
    Column("reports", Integer, nullable=False, default=0),
    Index("ix_plans_items_plan", "tenant", "plan_id", "position"),
)

reports = Table(
    "plans_reports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("plan_id", Uuid, nullable=False),
    Column("item_id", String(10), nullable=False),
    Column("on", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("done", Integer),
    Column("complete", Boolean, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("actor", String(80)),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_plans_reports_item", "tenant", "plan_id", "item_id", "on"),
)

reviews = Table(
    "plans_reviews", metadata,
    Column("plan_id", Uuid, primary_key=True),
    Column("half", Integer, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("meeting_id", Uuid, nullable=False),
    Column("meeting_title", String(300), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("summary", Text, nullable=False),
    Index("ix_plans_reviews_plan", "tenant", "plan_id"),
    Index("ix_plans_reviews_meeting", "tenant", "meeting_id"),
)

budgets = Table(
    "plans_budgets", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("members", Integer, nullable=False),
    Column("per_member_fen", Integer, nullable=False),
    Column("minimum_fen", Integer, nullable=False),
    Column("amount_fen", Integer, nullable=False),
    Column("rule_from", Date, nullable=False),
    Column("spent_fen", Integer, nullable=False, default=0),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_plans_budgets_year", "tenant", "year"),
)

spendings = Table(
    "plans_spendings", metadata,
    Column("fund_id", Uuid, primary_key=True),
    Column("entry_id", String(10), primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("year", Integer, nullable=False),
    Column("on", Date, nullable=False),
    Column("amount_fen", Integer, nullable=False),
    Column("purpose", String(500), nullable=False),
    Column("meeting_id", Uuid),
    Column("meeting_title", String(300)),
    Column("activity", String(300)),
    Column("receipts", JSON, nullable=False),
    Column("withdrawn", Boolean, nullable=False, default=False),
    Column("withdraw_reason", String(500)),
    Column("source_kind", String(40)),                   # booked from another plugin's record (care.visit)
    Column("source_id", Uuid),
    Column("source_title", String(300)),
    Column("corrections", JSON),                         # [{"before_fen", "amount_fen", "reason"}]
    Index("ix_plans_spendings_year", "tenant", "year", "on"),
    Index("ix_plans_spendings_source", "tenant", "source_id"),
    Index("ix_plans_spendings_meeting", "tenant", "meeting_id"),
)

room_checks = Table(
    "plans_room_checks", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("element", String(100), nullable=False),
    Column("on", Date, nullable=False),
    Column("present", Boolean, nullable=False),
    Column("note", Text, nullable=False),
    Column("photos", JSON, nullable=False),
    Column("actor", String(80)),
    Column("recorded_at", UtcDateTime, nullable=False),
    Index("ix_plans_room_checks_element", "tenant", "element", "on"),
)

files = Table(
    "plans_files", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("kind", String(20), nullable=False),            # report, receipt, photo
    Column("name", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Index("ix_plans_files_sha", "tenant", "sha256"),
)

budget_rules = Table(
    "plans_budget_rules", metadata,                          # the district log's rows (tenant "district")
    Column("tenant", String(40), primary_key=True),
    Column("effective_from", Date, primary_key=True),
    Column("per_member_fen", Integer, nullable=False),
    Column("minimum_fen", Integer, nullable=False),
    Column("note", String(500), nullable=False),
    Column("replaced", JSON),                                # the version of the same day it replaced
    Column("actor", String(80)),
    Column("recorded_at", UtcDateTime, nullable=False),
)
