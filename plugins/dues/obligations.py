"""What each member owes, month by month, and the reports built on it. Pure: plain data in, plain data out.

Obligations are never stored: they follow from the admission month, the recorded bases and
reliefs, and the rule set in force each month, so a month can never be silently skipped.
All sums are ``Decimal`` to the fen (half up, see ``rules.to_fen``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from plugins.dues import rules
from plugins.dues.rules import ZERO, add_months, month_of, month_range


@dataclass(frozen=True)
class BaseEntry:
    starts: date          # first month the base applies to (a year's base starts in January)
    category: str
    base: Decimal


@dataclass(frozen=True)
class Relief:
    first: date
    last: date
    kind: str             # reduce / waive
    amount: Decimal       # the reduced monthly amount (0 when waived)


@dataclass(frozen=True)
class PaidMonth:
    amount: Decimal
    paid_on: date
    receipt_no: str


@dataclass(frozen=True)
class Account:
    """One member's dues as plain data."""

    member_id: object
    name: str
    first_month: date                        # dues are owed from here on
    bases: tuple[BaseEntry, ...] = ()
    reliefs: tuple[Relief, ...] = ()
    paid: dict = field(default_factory=dict)  # month → PaidMonth


@dataclass(frozen=True)
class MonthLine:
    month: date
    due: Decimal | None   # None: no base recorded yet
    paid: PaidMonth | None
    relief: str | None

    @property
    def status(self) -> str:
        if self.paid is not None:
            return "paid"
        if self.due is not None and self.due == 0:
            return "waived"
        return "unpaid" if self.due is not None else "no_base"


STATUS_LABELS = {"paid": "已交", "waived": "免交", "unpaid": "未交", "no_base": "未定基数"}


def base_for(bases, month: date) -> BaseEntry | None:
    """The base in force in ``month``: the latest one starting on or before it."""
    current = None
    for entry in sorted(bases, key=lambda b: b.starts):
        if entry.starts <= month:
            current = entry
    return current


def due_for(account: Account, month: date, rule_sets=rules.RULE_SETS) -> tuple[Decimal | None, str | None]:
    """The amount owed for ``month`` and the relief that applies (if any)."""
    found = lines(account, month, month, rule_sets, from_first=False)
    return (found[0].due, found[0].relief) if found else (None, None)


def lines(account: Account, first: date, last: date, rule_sets=rules.RULE_SETS,
          from_first: bool = True) -> list[MonthLine]:
    """One line per month owed in ``first``..``last`` (from the account's first month on)."""
    bases = sorted(account.bases, key=lambda b: b.starts)
    versions = sorted(rule_sets, key=lambda r: r.effective_from)
    amounts: dict = {}    # (base entry, rule set) → amount: computed once, not per month
    out = []
    for month in month_range(max(first, account.first_month) if from_first else first, last):
        relief = next((r for r in account.reliefs if r.first <= month <= r.last), None)
        if relief is not None:
            due = ZERO if relief.kind == "waive" else rules.to_fen(relief.amount)
        else:
            entry = None
            for candidate in bases:
                if candidate.starts > month:
                    break
                entry = candidate
            version = versions[0]
            for candidate in versions:
                if candidate.effective_from <= month:
                    version = candidate
            key = (entry, version.code)
            due = amounts.get(key)
            if due is None and entry is not None:
                due = amounts[key] = rules.monthly_amount(entry.category, entry.base, month, (version,))
        out.append(MonthLine(month, due, account.paid.get(month), relief.kind if relief else None))
    return out


# -- arrears (欠交) ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Arrears:
    """Money owed under the rules: months with a known amount above zero, unpaid after their period.

    Months without a recorded base owe nothing yet (the amount is unknown): they are ``unbased``,
    a task for the committee (核定党费基数), never arrears.
    """

    account: Account
    months: list[date]     # unpaid months with a known amount whose payment period has ended
    amount: Decimal        # owed for those months
    streak: int            # longest run of consecutive unpaid months
    run: list[date] = field(default_factory=list)   # the months of that run
    run_amount: Decimal = ZERO                       # owed for the run
    unbased: list[date] = field(default_factory=list)  # months owed once a base is recorded

    @property
    def since(self) -> date | None:
        return self.months[0] if self.months else None


def longest_run_months(months: list[date]) -> list[date]:
    """The longest run of consecutive months (the latest when two are as long)."""
    best: list[date] = []
    run: list[date] = []
    for month in sorted(months):
        run = run + [month] if run and rules.months_between(run[-1], month) == 1 else [month]
        if len(run) >= len(best):
            best = list(run)
    return best


def arrears(account: Account, last_due: date, rule_sets=rules.RULE_SETS) -> Arrears:
    """Unpaid months up to ``last_due`` (the last month whose period has ended), across years."""
    found = lines(account, account.first_month, last_due, rule_sets)
    unpaid = [line for line in found if line.status == "unpaid"]
    run = longest_run_months([line.month for line in unpaid])
    owed = {line.month: line.due for line in unpaid}
    return Arrears(account, [line.month for line in unpaid], sum(owed.values(), ZERO), len(run),
                   run, sum((owed[m] for m in run), ZERO),
                   [line.month for line in found if line.status == "no_base"])


def arrears_level(streak: int, policy: rules.Policy) -> str | None:
    if streak >= policy.alert_months:
        return "danger"
    if streak >= policy.warning_months:
        return "warning"
    return None


# -- reports -----------------------------------------------------------------------------------
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


def last_day(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


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
