"""What other plugins may use of care for members. Nothing else of this package is public."""
from __future__ import annotations

from plugins.care.domain import Visit

__all__ = ["VisitRecorded"]

# An event other plugins may listen to in projections of their own (notices: the member visited is
# told). Fields promised: ``member_id``, ``on``, ``by``, ``what`` (the cost and occasion are the
# committee's, not part of what a member is told).
VisitRecorded = Visit.Recorded
