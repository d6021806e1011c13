"""What other plugins may use of the assessment plugin. Nothing else of this package is public."""
from __future__ import annotations

from uuid import UUID

from core.kernel import Kernel
from plugins.assessment import queries
from plugins.assessment.rules import GRADES

__all__ = ["GRADES", "evaluation_grade"]


def evaluation_grade(k: Kernel, tenant: str, member_id: UUID, year: int) -> str | None:
    """A member's published democratic-evaluation grade of a year (``excellent`` … ``unqualified``)."""
    round_row = queries.get_round(k, tenant, year)
    if round_row is None or round_row.status != "published":
        return None
    row = queries.round_member(k, tenant, year, member_id)
    return row.grade if row else None
