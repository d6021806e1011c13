"""What other plugins may use of party dues. Nothing else of this package is public."""
from __future__ import annotations

from datetime import date

from core.kernel import Kernel
from plugins.dues import queries

from plugins.dues.domain import DuesAccount

__all__ = ["DuesAccountOpened", "DuesPaid", "collection_days", "remittance_days"]

# Events other plugins may listen to in projections of their own (notices: a member is told their
# payment was recorded). Fields promised: an opening's ``member_id`` and ``member_name`` (the account's
# id is the event's ``originator_id``); a payment's ``receipt_no``, ``months`` (month "YYYY-MM" →
# amount), ``total`` and ``paid_on``.
DuesAccountOpened = DuesAccount.Opened
DuesPaid = DuesAccount.Paid


def collection_days(k: Kernel, tenant: str, year: int) -> list[date]:
    """One day per month of ``year`` in which dues were collected (收缴党费, payments less reversals above
    zero): the month's first payment day, by the day each was made."""
    by_month: dict[tuple[int, int], list] = {}
    for day, amount in queries.collections(k, tenant):
        if day.year == year:
            by_month.setdefault((day.year, day.month), []).append((day, amount))
    return sorted(min(d for d, a in rows if a > 0) for rows in by_month.values()
                  if sum(a for _d, a in rows) > 0)


def remittance_days(k: Kernel, tenant: str, year: int) -> list[date]:
    """The days dues were remitted to the higher committee (上缴党费) in ``year``, one per remittance not
    cancelled."""
    return sorted(r.remitted_on for r in queries.list_remittances(k, tenant, year) if not r.cancelled)
