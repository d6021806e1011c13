"""The reports built on what each member owes: the year, one month, and punctuality. Pure.

All sums are ``Decimal`` to the fen (half up, see ``rules.to_fen``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from plugins.dues import rules
from plugins.dues.rules import ZERO, last_day, month_of, month_range
from plugins.dues.rules.obligations import Account, MonthLine, lines


@dataclass
class MemberYear:
    account: Account
    lines: list[MonthLine]
    due: Decimal = ZERO
    paid: Decimal = ZERO
    unpaid: Decimal = ZERO
    prepaid: Decimal = ZERO
    unpaid_months: int = 0
    waived_months: int = 0
    unknown_months: int = 0
    amounts: list = field(default_factory=list)   # the distinct monthly amounts, in order


@dataclass
class MonthTotal:
    month: date
    due: Decimal = ZERO
    paid: Decimal = ZERO
    unpaid: Decimal = ZERO
    unpaid_members: int = 0
    collected: Decimal = ZERO


@dataclass
class AnnualReport:
    year: int
    as_of: date
    cutoff: date
    members: list[MemberYear]
    months: list[MonthTotal]
    due: Decimal = ZERO
    paid: Decimal = ZERO
    unpaid: Decimal = ZERO
    prepaid: Decimal = ZERO
    collected: Decimal = ZERO

    @property
    def rate(self) -> float | None:
        return float(self.paid / self.due) if self.due else None


def annual_report(accounts: list[Account], year: int, today: date, collections=(),
                  rule_sets=rules.RULE_SETS) -> AnnualReport:
    """Per member and per month of ``year`` as of ``today`` (or 31 December for past years).

    due = owed for the months of the year up to the current month; paid = paid for those months;
    unpaid = due − paid − waived; prepaid = paid by the report date for later months;
    collected = money received in each month (payments by date paid, less reversals by date).
    """
    as_of = min(today, date(year, 12, 31))
    cutoff = month_of(as_of)
    months = {m: MonthTotal(m) for m in month_range(date(year, 1, 1), date(year, 12, 1))}
    report = AnnualReport(year, as_of, cutoff, [], list(months.values()))
    for account in accounts:
        row = MemberYear(account, lines(account, date(year, 1, 1), cutoff, rule_sets))
        for line in row.lines:
            total = months[line.month]
            if line.due is None:
                row.unknown_months += 1
            else:
                row.due += line.due
                total.due += line.due
                if line.due not in row.amounts:
                    row.amounts.append(line.due)
            if line.status == "paid":
                row.paid += line.paid.amount
                total.paid += line.paid.amount
            elif line.status == "waived":
                row.waived_months += 1
            else:
                row.unpaid_months += 1
                total.unpaid_members += 1
                row.unpaid += line.due or ZERO
                total.unpaid += line.due or ZERO
        for month, paid in account.paid.items():
            if month > cutoff and paid.paid_on <= as_of:
                row.prepaid += paid.amount
        report.members.append(row)
        report.due += row.due
        report.paid += row.paid
        report.unpaid += row.unpaid
        report.prepaid += row.prepaid
    for day, amount in collections:
        if day.year == year and day <= as_of:
            months[month_of(day)].collected += amount
            report.collected += amount
    return report


def month_report(accounts: list[Account], month: date, rule_sets=rules.RULE_SETS) -> list[tuple]:
    """(account, line) for one month; line is None when the member owed nothing yet that month."""
    out = []
    for account in accounts:
        found = lines(account, month, month, rule_sets)
        out.append((account, found[0] if found else None))
    return out



@dataclass(frozen=True)
class Punctuality:
    due_months: int
    paid_months: int
    on_time_months: int

    @property
    def ratio(self) -> float:
        return self.on_time_months / self.due_months if self.due_months else 1.0


def punctuality(accounts: list[Account], year: int, today: date, policy: rules.Policy,
                rule_sets=rules.RULE_SETS) -> Punctuality:
    """Member-months of ``year`` whose period has ended, and how many were paid in full on time
    (by the last day of the month, or of the quarter when the branch pays quarterly)."""
    last = min(rules.last_due_month(today, policy.quarterly), date(year, 12, 1))
    due = paid = on_time = 0
    for account in accounts:
        for line in lines(account, date(year, 1, 1), last, rule_sets):
            if line.status == "waived":
                continue
            due += 1
            if line.paid is not None:
                paid += 1
                if line.paid.paid_on <= last_day(rules.period_end(line.month, policy.quarterly)):
                    on_time += 1
    return Punctuality(due, paid, on_time)
