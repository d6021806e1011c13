"""What other plugins may use of the plans plugin: the year's activity funds (党建经费) — what is left
of them, and a spending booked from another plugin's record (a care visit) in the same write as that
record. Nothing else of this package is public."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from core.errors import N_
from core.kernel import Kernel
from core.money import from_fen
from plugins.plans import queries, services
from plugins.plans.domain import PlansError

__all__ = ["Balance", "FundsRefused", "book_spending", "remaining_budget"]

FundsRefused = PlansError
"""Raised when a spending cannot be booked (no budget set for the year, over budget where the school
forbids it, the plans plugin not enabled); its message says why and ``field`` is ``amount`` or ``on``."""


@dataclass(frozen=True)
class Balance:
    """The year's activity funds: budget, spent (not withdrawn) and left (negative when over budget)."""

    year: int
    budget: Decimal
    spent: Decimal
    left: Decimal


def remaining_budget(k: Kernel, tenant: str, year: int) -> Balance | None:
    """The year's budget and what is left of it, or None when no budget is set (or plans is off)."""
    if "plans" not in k.enabled_plugins(tenant):
        return None
    row = queries.get_budget(k, tenant, year)
    if row is None:
        return None
    return Balance(year, from_fen(row.amount_fen), from_fen(row.spent_fen), from_fen(row.amount_fen - row.spent_fen))


def book_spending(k: Kernel, tenant: str, on: date, amount, purpose: str, source_kind: str, source_id: UUID,
                  source_title: str = "", reason: str = "", save_with=()) -> str | None:
    """Make the spending of the activity funds booked from one record (``source_kind`` e.g. "care.visit",
    ``source_id`` its id) ``amount`` yuan on ``on``: recorded the first time, corrected (a new event,
    with ``reason``) when the amount changes, withdrawn at zero. The caller's own new or changed
    aggregates (``save_with``) are saved in the same write, so either all are stored or none; a refusal
    (``FundsRefused``) stores nothing. Returns the spending's entry id, or None when there is none."""
    if "plans" not in k.enabled_plugins(tenant):
        raise PlansError(N_("本校未启用「年度计划与经费」模块，不能计入党建经费"), field="amount")
    _funds, entry_id = services.book_for_record(
        k, tenant, on, amount, purpose, {"kind": source_kind, "id": str(source_id), "title": source_title},
        reason, save_with)
    return entry_id
