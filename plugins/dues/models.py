"""Read models of party dues (tables dues_*). Money is stored in whole fen (integers)."""
from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, Date, Index, Integer, String, Table, UniqueConstraint, Uuid,
)

from core.db import UtcDateTime, metadata

accounts = Table(
    "dues_accounts", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(60)),
    Column("version", Integer, nullable=False),
    UniqueConstraint("tenant", "member_id", name="uq_dues_accounts_member"),
)

# One row per recorded base (a change from a month is a new row; a correction keeps "before").
bases = Table(
    "dues_bases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("account_id", Uuid, nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("year", Integer, nullable=False),
    Column("from_month", Integer, nullable=False),
    Column("starts", Date, nullable=False),
    Column("category", String(20), nullable=False),
    Column("base_fen", BigInteger, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("note", String(500)),
    Column("before", JSON),
    Column("current", Boolean, nullable=False, default=True),
    Column("version", Integer, nullable=False),
    Column("actor", String(80)),
    Column("reason", String(500)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_dues_bases_member", "tenant", "member_id", "starts"),
)

reliefs = Table(
    "dues_reliefs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("account_id", Uuid, nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("year", Integer, nullable=False),
    Column("first_month", Date, nullable=False),
    Column("last_month", Date, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("reason", String(500), nullable=False),
    Column("approver", String(120), nullable=False),
    Column("approved_on", Date),
    Column("version", Integer, nullable=False),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_dues_reliefs_member", "tenant", "member_id"),
)

# The ledger (党费交纳登记表): every payment and every reversal is its own row.
entries = Table(
    "dues_entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant", String(40), nullable=False),
    Column("kind", String(10), nullable=False),          # payment / reversal
    Column("receipt_no", String(20), nullable=False),
    Column("account_id", Uuid, nullable=False),
    Column("member_id", Uuid, nullable=False),
    Column("member_name", String(60)),
    Column("months", JSON, nullable=False),              # ["2026-01", …]
    Column("amount_fen", BigInteger, nullable=False),    # negative for a reversal
    Column("voluntary_fen", BigInteger, nullable=False, default=0),
    Column("method", String(10)),
    Column("payer", String(60)),
    Column("dated", Date, nullable=False),               # date paid, or date reversed
    Column("collector", String(80)),
    Column("note", String(500)),
    Column("reason", String(500)),
    Column("late", Boolean, nullable=False, default=False),
    Column("backpay_flag", Boolean, nullable=False, default=False),
    Column("prepaid_months", Integer, nullable=False, default=0),
    Column("reversed", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    UniqueConstraint("tenant", "kind", "receipt_no", name="uq_dues_entries_receipt"),
    Index("ix_dues_entries_dated", "tenant", "dated"),
    Index("ix_dues_entries_member", "tenant", "member_id"),
)

# Months currently paid (a reversal removes its months; the ledger keeps the history).
paid_months = Table(
    "dues_paid_months", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("month", Date, primary_key=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("paid_on", Date, nullable=False),
    Column("receipt_no", String(20), nullable=False),
)

remittances = Table(
    "dues_remittances", metadata,
    Column("id", Uuid, primary_key=True),
    Column("tenant", String(40), nullable=False),
    Column("period_from", Date, nullable=False),
    Column("period_to", Date, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("remitted_on", Date, nullable=False),
    Column("reference", String(120), nullable=False),
    Column("recipient", String(120)),
    Column("note", String(500)),
    Column("cancelled", Boolean, nullable=False, default=False),
    Column("cancel_reason", String(500)),
    Column("actor", String(80)),
    Column("version", Integer, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_dues_remittances_tenant", "tenant", "remitted_on"),
)

# The per-member read model of obligations (issue 19): each month a member's account prices, from the
# first month it knows anything (a base, a relief or a payment) to a horizon (December of the year after
# the last thing it knows or the last event's year). Which months count (the member's first month, being
# on the roll) is applied when reading: those depend on the roster and the school's settings.
member_months = Table(
    "dues_member_months", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("month", Date, primary_key=True),
    Column("due_fen", BigInteger),                       # None: no base recorded for this month yet
    Column("paid_fen", BigInteger),                      # None: not paid
    Column("paid_on", Date),
    Column("relief", String(10)),
    Index("ix_dues_member_months_month", "tenant", "month"),
)

# The range each member's months cover (one row per account that knows anything).
member_status = Table(
    "dues_member_status", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("months_from", Date, nullable=False),
    Column("months_to", Date, nullable=False),
)

# Each school's monthly totals over every member's months (before the reading's corrections), and the
# money received in the month (payments by the day paid, less reversals by the day reversed).
school_months = Table(
    "dues_school_months", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("due_fen", BigInteger, nullable=False, default=0),
    Column("paid_fen", BigInteger, nullable=False, default=0),
    Column("unpaid_fen", BigInteger, nullable=False, default=0),
    Column("unpaid_members", Integer, nullable=False, default=0),
    Column("collected_fen", BigInteger, nullable=False, default=0),
)

# Who owes dues, from the members plugin's events in the same log (issue 19): each member's own first month
# (the month of admission, or for a member transferred in the month after the dues paid to the former
# branch, else the arrival month) and whether they are on the roll with a status that owes dues. The
# school's floor (the ledger's start, the first whole month of its records) is applied when reading.
roll = Table(
    "dues_roll", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("name", String(60)),
    Column("joined_month", Date),                        # month of admission (None: not known)
    Column("arrived_month", Date),                       # first month owed here after a transfer in
    Column("arrival_on", Date),                          # the latest transfer in (its letter's day and number)
    Column("arrival_letter", String(60)),
    Column("owes", Boolean, nullable=False),             # on the roll with a status that owes dues
    Index("ix_dues_roll_owes", "tenant", "owes", "name"),
)

# Dues a member away paid where they are (流入地党组织, or online), recorded by the home branch: their
# months count as paid (dues_paid_months, receipt_no 外N); the money is not the branch's (no dues_entries
# row, nothing in its collections, fund or remittances).
elsewhere = Table(
    "dues_elsewhere", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("member_id", Uuid, primary_key=True),
    Column("key", String(20), primary_key=True),         # 外N, the account's Nth entry
    Column("account_id", Uuid, nullable=False),
    Column("member_name", String(60)),
    Column("months", JSON, nullable=False),              # ["2026-01", …]
    Column("organisation", String(200), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("proof_no", String(100), nullable=False),
    Column("proof_file", JSON),                          # the stored file (core.files.FileRef), if any
    Column("paid_on", Date, nullable=False),
    Column("note", String(500), nullable=False),
    Column("actor", String(80)),
    Column("at", UtcDateTime, nullable=False),
    Column("withdrawn", Boolean, nullable=False, default=False),   # 撤销: a new event, the row stays
    Column("withdrawn_reason", String(500)),
    Column("withdrawn_by", String(80)),
    Column("withdrawn_at", UtcDateTime),
)
