"""What other plugins may use of integrity building. Nothing else of this package is public."""
from __future__ import annotations

from uuid import UUID

from core.kernel import Kernel
from plugins.integrity import queries

__all__ = ["ethics_veto", "volunteer_hours"]


def ethics_veto(k: Kernel, tenant: str, member_id: UUID, year: int) -> bool:
    """Whether the member's ethics assessment of ``year`` carries the one-vote veto (一票否决)."""
    row = queries.ethics_of(k, tenant, UUID(str(member_id)), year)
    return bool(row and row.veto)


def volunteer_hours(k: Kernel, tenant: str, year: int) -> dict[UUID, float]:
    """Volunteer hours per member in ``year``."""
    return {r.member_id: r.hours_x100 / 100 for r in queries.volunteer_hours_by_member(k, tenant, year)}
