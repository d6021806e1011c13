"""Shared pieces of the reporting aggregates."""
from __future__ import annotations

import uuid

from core.errors import DomainError
from core.ids import natural_id


class ReportsError(DomainError):
    pass


def report_id(tenant: str, subject: str, period: str) -> uuid.UUID:
    """A school's one report of a subject (a form's id, or ``statistics``) for a period."""
    return natural_id("reports", "report", tenant, subject, period)


def receipt_id(tenant: str, subject: str, period: str) -> uuid.UUID:
    """The district's receipt of that report."""
    return natural_id("reports", "receipt", tenant, subject, period)


def review_id(tenant: str, subject: str, period: str) -> uuid.UUID:
    """The district's review (returns) of a school's report."""
    return natural_id("reports", "review", tenant, subject, period)
