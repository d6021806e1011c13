"""What each member owes, month by month, and what is in arrears. Pure: plain data in, plain data out.

Obligations follow from the admission month, the recorded bases and reliefs, and the rule set in
force each month, so a month can never be silently skipped. The read model (dues_member_months) stores
what ``lines`` gives for each month and is re-priced by the projection whenever an input changes.
All sums are ``Decimal`` to the fen (half up, see ``rules.to_fen``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from plugins.dues import rules
from plugins.dues.rules import ZERO, month_range

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
