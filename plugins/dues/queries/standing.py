"""Dues figures from the per-member read model (issue 19): the overview's and the home page's year,
the arrears list, the months without a base. A fixed number of indexed reads whatever the ledger's
age or the school's size: no month is re-priced here (the projection priced them), only which months
count is applied — from each member's first month, for the members on the roll today.

When a school's rows do not reach the month asked for (no dues event for more than a year), the
figures are computed from the ledger as before (``queries``), so they are never wrong, only slower.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from core.kernel import Kernel
from core.tenancy.queries import records_from
from plugins.dues import queries, rules
from plugins.dues.models import entries, member_months, member_status, paid_months, school_months
from plugins.dues.rules import add_months, from_fen, month_of, month_range, obligations, reports, summary
from plugins.members.public import arrivals, names_and_joining


@dataclass(frozen=True)
class Roll:
    """Who owes dues today, from which month, and the months each one's rows cover."""

    people: dict          # member id → (name, first month counted)
    rows: dict            # member id → (first month, last month) of their dues_member_months
    policy: rules.Policy

    def covers(self, month: date) -> bool:
        return all(last >= month for member_id, (_first, last) in self.rows.items() if member_id in self.people)

    def account(self, member_id) -> obligations.Account:
        name, first = self.people[member_id]
        return obligations.Account(member_id=member_id, name=name, first_month=first)

    def before_rows(self, member_id, first: date, last: date) -> list[date]:
        """Months ``first``..``last`` a member on the roll owes before their rows start (no base yet)."""
        known = self.rows.get(member_id)
        if known is not None and known[0] <= first:
            return []                   # the usual case: the rows start at or before the first month
        return month_range(first, last if known is None else min(last, add_months(known[0], -1)))

    def before_span(self, member_id, first: date, last: date) -> tuple[date, date] | None:
        """The first and last of ``before_rows`` (None when there are none), without listing them."""
        known = self.rows.get(member_id)
        end = last if known is None else min(last, add_months(known[0], -1))
        return (first, end) if first <= end else None


def roll(k: Kernel, tenant: str) -> Roll:
    def load():
        pol = queries.policy(k, tenant)
        start, arrived = records_from(k, tenant), arrivals(k, tenant)
        people = {member_id: (name, queries.counted_from(start, pol, joined_on, arrived.get(member_id)))
                  for member_id, name, joined_on in names_and_joining(k, tenant, queries.DUES_STATUSES)}
        with k.reading() as conn:
            rows = {r.member_id: (r.months_from, r.months_to) for r in conn.execute(
                select(member_status.c.member_id, member_status.c.months_from, member_status.c.months_to)
                .where(member_status.c.tenant == tenant))}
        return Roll(people, rows, pol)
    return k.per_request(("dues.roll", tenant), load)


def annual_totals(k: Kernel, tenant: str, year: int, today: date) -> reports.AnnualReport:
    """The school's year as ``queries.annual`` gives it, without the per-member lines (``members`` is
    empty): totals and each month's due, paid, unpaid, unpaid members and money collected."""
    return k.per_request(("dues.annual_totals", tenant, year, today), lambda: _annual_totals(k, tenant, year, today))


def _annual_totals(k: Kernel, tenant: str, year: int, today: date) -> reports.AnnualReport:
    r = roll(k, tenant)
    as_of = min(today, date(year, 12, 31))
    cutoff, january = month_of(as_of), date(year, 1, 1)
    if not r.covers(cutoff):
        return queries.annual(k, tenant, year, today)
    months = {m: reports.MonthTotal(m) for m in month_range(january, date(year, 12, 1))}
    report = reports.AnnualReport(year, as_of, cutoff, [], list(months.values()))
    fen = {m: [0, 0, 0, 0] for m in months}
    # rows of members not counted (off the roll, or before their first month) are taken out
    left = {}
    for member_id, (first, last) in r.rows.items():
        if first > cutoff or last < january:
            continue
        person = r.people.get(member_id)
        if person is None or person[1] > max(first, january):
            left[member_id] = None if person is None else person[1]
    with k.reading() as conn:
        for row in conn.execute(select(school_months).where(school_months.c.tenant == tenant,
                                                            school_months.c.month.between(january, cutoff))):
            fen[row.month] = [row.due_fen, row.paid_fen, row.unpaid_fen, row.unpaid_members]
            if row.month < cutoff:
                months[row.month].collected = from_fen(row.collected_fen)
        months[cutoff].collected = from_fen(conn.scalar(
            select(func.coalesce(func.sum(entries.c.amount_fen), 0))
            .where(entries.c.tenant == tenant, entries.c.dated.between(cutoff, as_of))))
        if left:
            for row in conn.execute(select(member_months).where(
                    member_months.c.tenant == tenant, member_months.c.member_id.in_(list(left)),
                    member_months.c.month.between(january, cutoff))):
                counted_from = left[row.member_id]
                if counted_from is None or row.month < counted_from:
                    out = summary.totals((row.due_fen, row.paid_fen, row.paid_on, row.relief))
                    fen[row.month] = [a - b for a, b in zip(fen[row.month], out)]
        prepaid = conn.execute(select(paid_months.c.member_id, func.sum(paid_months.c.amount_fen))
                               .where(paid_months.c.tenant == tenant, paid_months.c.month > cutoff,
                                      paid_months.c.paid_on <= as_of)
                               .group_by(paid_months.c.member_id)).all()
    # a month without a base: unpaid, amount unknown (each member's months counted as one span of the year)
    starting, ending = [0] * 13, [0] * 13
    for member_id, (_name, first) in r.people.items():
        span = r.before_span(member_id, max(first, january), cutoff)
        if span is not None:
            starting[span[0].month - 1] += 1
            ending[span[1].month - 1] += 1
    running = 0
    for n, month in enumerate(months):
        running += starting[n]
        fen[month][3] += running
        running -= ending[n]
    for month, (due, paid, unpaid, unpaid_members) in fen.items():
        total = months[month]
        total.due, total.paid, total.unpaid = from_fen(due), from_fen(paid), from_fen(unpaid)
        total.unpaid_members = unpaid_members
        report.due += total.due
        report.paid += total.paid
        report.unpaid += total.unpaid
        report.collected += total.collected
    report.prepaid = from_fen(sum(amount for member_id, amount in prepaid if member_id in r.people))
    return report


def arrears(k: Kernel, tenant: str, today: date) -> list[tuple[obligations.Arrears, str | None]]:
    """``queries.arrears_from_ledger`` from the rows: members with unpaid months whose period has
    ended, longest run first, with their level."""
    def compute():
        r = roll(k, tenant)
        last = rules.last_due_month(today, r.policy.quarterly)
        if not r.covers(last):
            return queries.arrears_from_ledger(k, tenant, today)
        unpaid, unbased = _open_months(k, tenant, last, with_due=True)
        found = []
        for member_id in unpaid:
            if member_id not in r.people:
                continue
            first = r.people[member_id][1]
            owed = {m: due for m, due in unpaid[member_id] if m >= first}
            if not owed:
                continue
            run = obligations.longest_run_months(list(owed))
            found.append(obligations.Arrears(
                r.account(member_id), sorted(owed), from_fen(sum(owed.values())), len(run), run,
                from_fen(sum(owed[m] for m in run)),
                sorted(r.before_rows(member_id, first, last)
                       + [m for m in unbased.get(member_id, ()) if m >= first])))
        order = {member_id: n for n, member_id in enumerate(r.people)}
        found.sort(key=lambda a: (-a.streak, -len(a.months), a.account.name, order[a.account.member_id]))
        return [(a, obligations.arrears_level(a.streak, r.policy)) for a in found]
    return list(k.per_request(("dues.arrears", tenant, today), compute))


def missing_bases(k: Kernel, tenant: str, today: date) -> list[tuple[obligations.Account, list[date]]]:
    """Members owing dues for months with no base recorded (up to this month), by name."""
    r, month = roll(k, tenant), month_of(today)
    if not r.covers(month):
        return queries.missing_bases_from_ledger(k, tenant, today)
    _unpaid, unbased = _open_months(k, tenant, month, with_due=False)
    out = []
    for member_id, (_name, first) in r.people.items():
        months = sorted(r.before_rows(member_id, first, month) + [m for m in unbased.get(member_id, ()) if m >= first])
        if months:
            out.append((r.account(member_id), months))
    return sorted(out, key=lambda am: am[0].name)


def _open_months(k: Kernel, tenant: str, last: date, with_due: bool) -> tuple[dict, dict]:
    """Member id → [(month, due fen)] unpaid with a known amount, and → [month] without a base, to ``last``."""
    unpaid, unbased = {}, {}
    unknown = member_months.c.due_fen.is_(None)
    with k.reading() as conn:
        for row in conn.execute(select(member_months.c.member_id, member_months.c.month, member_months.c.due_fen)
                                .where(member_months.c.tenant == tenant, member_months.c.month <= last,
                                       member_months.c.paid_fen.is_(None),
                                       or_(unknown, member_months.c.due_fen > 0) if with_due else unknown)
                                .order_by(member_months.c.member_id, member_months.c.month)):
            if row.due_fen is None:
                unbased.setdefault(row.member_id, []).append(row.month)
            else:
                unpaid.setdefault(row.member_id, []).append((row.month, row.due_fen))
    return unpaid, unbased
