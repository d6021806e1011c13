"""The dues sheet of a period (党费收缴表): a month, or a quarter when the school remits quarterly.
Pure: what each member owes for the period, what is already paid, and earlier months still unpaid.

A period is named "2026-11" (a month) or "2026-Q4" (a quarter).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from plugins.dues import rules
from plugins.dues.rules import ZERO, month_key, obligations

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Period:
    key: str          # "2026-11" or "2026-Q4"
    first: date
    last: date

    @property
    def quarterly(self) -> bool:
        return self.first != self.last

    @property
    def months(self) -> list[date]:
        return rules.month_range(self.first, self.last)

    def shifted(self, n: int) -> "Period":
        """The period ``n`` periods later (earlier when negative)."""
        step = 3 if self.quarterly else 1
        return period_of(rules.add_months(self.first, n * step), self.quarterly)


def period_of(day: date, quarterly: bool) -> Period:
    """The month (or quarter) holding ``day``."""
    month = rules.month_of(day)
    if not quarterly:
        return Period(month_key(month), month, month)
    first = rules.add_months(month, -((month.month - 1) % 3))
    return Period(f"{first.year}-Q{(first.month - 1) // 3 + 1}", first, rules.add_months(first, 2))


def parse_period(text: str) -> Period:
    """"2026-11" → that month; "2026-Q4" → October to December. ValueError otherwise (and for years
    the ledger does not hold)."""
    text = (text or "").strip().upper()
    quarter = _QUARTER.match(text)
    period = period_of(date(int(quarter[1]), int(quarter[2]) * 3, 1), True) if quarter \
        else period_of(rules.parse_month(text), False)
    if not FIRST_YEAR <= period.first.year <= LAST_YEAR:
        raise ValueError(text)
    return period


def earlier_unpaid(account: obligations.Account, months: list[date],
                   rule_sets=rules.RULE_SETS) -> list[date]:
    """Months before the last of ``months`` (from the member's own first month) that owe dues and
    are unpaid, other than ``months`` themselves: paying December with November open names November."""
    if not months:
        return []
    paying = set(months)
    return [line.month for line in obligations.lines(account, account.first_month,
                                                     rules.add_months(max(months), -1), rule_sets)
            if line.status == "unpaid" and line.month not in paying]


@dataclass(frozen=True)
class SheetRow:
    """One member's line of the sheet."""

    account: obligations.Account
    owed_months: list[date]                  # unpaid months of the period with a known amount
    owed: Decimal                            # what those months come to
    paid: Decimal                            # already paid for months of the period
    paid_months: list[date] = field(default_factory=list)
    unbased: list[date] = field(default_factory=list)   # months without a base: no amount yet
    earlier: list[date] = field(default_factory=list)   # earlier months still unpaid

    @property
    def payable(self) -> bool:
        return bool(self.owed_months)

    @property
    def category(self) -> str | None:
        found = [b for b in self.account.bases if b.starts <= max(self.owed_months or [date.max])]
        return max(found, key=lambda b: b.starts).category if found else None

    @property
    def base(self) -> Decimal | None:
        found = [b for b in self.account.bases if b.starts <= max(self.owed_months or [date.max])]
        return max(found, key=lambda b: b.starts).base if found else None


def sheet_rows(accounts: list[obligations.Account], period: Period,
               rule_sets=rules.RULE_SETS) -> list[SheetRow]:
    """A row for every member who owes dues for some month of the period (by name)."""
    out = []
    for account in sorted(accounts, key=lambda a: a.name):
        found = obligations.lines(account, period.first, period.last, rule_sets)
        if not found:
            continue
        owed = [line for line in found if line.status == "unpaid"]
        paid = [line for line in found if line.status == "paid"]
        out.append(SheetRow(
            account=account, owed_months=[line.month for line in owed],
            owed=sum((line.due for line in owed), ZERO),
            paid=sum((line.paid.amount for line in paid), ZERO), paid_months=[line.month for line in paid],
            unbased=[line.month for line in found if line.status == "no_base"],
            earlier=earlier_unpaid(account, [line.month for line in owed], rule_sets) if owed else []))
    return out
