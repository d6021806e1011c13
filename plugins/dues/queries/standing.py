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

from sqlalchemy import and_, case, func, or_, select

from core.kernel import Kernel
from core.tenancy.queries import records_from
from plugins.dues import queries, rules
from plugins.dues.models import entries, member_months, member_status, paid_months, roll as dues_roll, school_months
from plugins.dues.rules import add_months, from_fen, month_of, month_range, obligations, reports


@dataclass(frozen=True)
class Roll:
    """Who owes dues today, from which month, and the months each one's rows cover."""

    people: dict          # member id → (name, first month counted)
    rows: dict            # member id → (first month, last month) of their dues_member_months
    policy: rules.Policy

    def account(self, member_id) -> obligations.Account:
        name, first = self.people[member_id]
        return obligations.Account(member_id=member_id, name=name, first_month=first)

    def before_rows(self, member_id, first: date, last: date) -> list[date]:
        """Months ``first``..``last`` a member on the roll owes before their rows start (no base yet)."""
        known = self.rows.get(member_id)
        if known is not None and known[0] <= first:
            return []                   # the usual case: the rows start at or before the first month
        return month_range(first, last if known is None else min(last, add_months(known[0], -1)))


def floor(k: Kernel, tenant: str) -> tuple[rules.Policy, date]:
    """The school's policy and the month no member's dues count before: the ledger's start, and the
    first whole month of the school's records (``queries.counted_from``'s part that is the school's)."""
    def load():
        pol, start = queries.policy(k, tenant), records_from(k, tenant)
        if start is None:
            return pol, pol.ledger_start
        return pol, max(pol.ledger_start, start if start.day == 1 else add_months(month_of(start), 1))
    return k.per_request(("dues.floor", tenant), load)


def first_counted(least: date, joined_month: date | None, arrived_month: date | None) -> date:
    """A member's first month counted: their own (admission, arrival) within the school's floor."""
    return max(m for m in (least, joined_month, arrived_month) if m is not None)


def _counted(least: date, month):
    """SQL: ``month`` is on or after the member's first counted month (a row of ``dues_roll``)."""
    r = dues_roll.c
    return and_(r.owes.is_(True), month >= least, or_(r.joined_month.is_(None), month >= r.joined_month),
                or_(r.arrived_month.is_(None), month >= r.arrived_month))


def _owing(tenant: str):
    """dues_roll's rows of the members who owe dues, with their rows' range (outer: none yet)."""
    r, s = dues_roll.c, member_status.c
    return (dues_roll.outerjoin(member_status, and_(s.tenant == r.tenant, s.member_id == r.member_id)),
            and_(r.tenant == tenant, r.owes.is_(True)))


def roll(k: Kernel, tenant: str) -> Roll:
    """Every member who owes dues (by name) and their rows' range: for the months-without-a-base list."""
    def load():
        pol, least = floor(k, tenant)
        joined, where = _owing(tenant)
        r, s = dues_roll.c, member_status.c
        people, rows = {}, {}
        with k.reading() as conn:
            for row in conn.execute(select(r.member_id, r.name, r.joined_month, r.arrived_month, s.months_from,
                                           s.months_to).select_from(joined).where(where)
                                    .order_by(r.name, r.member_id)):
                people[row.member_id] = (row.name, first_counted(least, row.joined_month, row.arrived_month))
                if row.months_from is not None:
                    rows[row.member_id] = (row.months_from, row.months_to)
        return Roll(people, rows, pol)
    return k.per_request(("dues.roll", tenant), load)


def covers(k: Kernel, tenant: str, month: date) -> bool:
    """Whether the rows of every member who owes dues reach ``month`` (else the ledger answers)."""
    def load():
        joined, where = _owing(tenant)
        with k.reading() as conn:
            return conn.scalar(select(func.min(member_status.c.months_to)).select_from(joined).where(where))
    last = k.per_request(("dues.rows_to", tenant), load)
    return last is None or last >= month


def annual_totals(k: Kernel, tenant: str, year: int, today: date) -> reports.AnnualReport:
    """The school's year as ``queries.annual`` gives it, without the per-member lines (``members`` is
    empty): totals and each month's due, paid, unpaid, unpaid members and money collected."""
    return k.kept(tenant, ("dues.annual_totals", year, today), lambda: _annual_totals(k, tenant, year, today))


def _sums(columns):
    """(due, paid, unpaid, unpaid members) summed over month rows, as ``summary.totals`` counts a row:
    unpaid when not paid and not waived (a month without a base is unpaid with an unknown amount)."""
    due, paid = columns.due_fen, columns.paid_fen
    unpaid = and_(paid.is_(None), or_(due.is_(None), due != 0))
    return (func.sum(func.coalesce(due, 0)), func.sum(func.coalesce(paid, 0)),
            func.sum(case((unpaid, func.coalesce(due, 0)), else_=0)), func.sum(case((unpaid, 1), else_=0)))


def _annual_totals(k: Kernel, tenant: str, year: int, today: date) -> reports.AnnualReport:
    pol, least = floor(k, tenant)
    as_of = min(today, date(year, 12, 31))
    cutoff, january = month_of(as_of), date(year, 1, 1)
    if not covers(k, tenant, cutoff):
        return queries.annual(k, tenant, year, today)
    months = {m: reports.MonthTotal(m) for m in month_range(january, date(year, 12, 1))}
    report = reports.AnnualReport(year, as_of, cutoff, [], list(months.values()))
    fen = {m: [0, 0, 0, 0] for m in months}
    r, mm = dues_roll.c, member_months.c
    with k.reading() as conn:
        for row in conn.execute(select(school_months).where(school_months.c.tenant == tenant,
                                                            school_months.c.month.between(january, cutoff))):
            fen[row.month] = [row.due_fen, row.paid_fen, row.unpaid_fen, row.unpaid_members]
            if row.month < cutoff:
                months[row.month].collected = from_fen(row.collected_fen)
        months[cutoff].collected = from_fen(conn.scalar(
            select(func.coalesce(func.sum(entries.c.amount_fen), 0))
            .where(entries.c.tenant == tenant, entries.c.dated.between(cutoff, as_of))))
        # the months of members not counted (off the roll, or before their first month) are taken out
        for month, *out in conn.execute(
                select(mm.month, *_sums(mm)).select_from(member_months.outerjoin(
                    dues_roll, and_(r.tenant == mm.tenant, r.member_id == mm.member_id)))
                .where(mm.tenant == tenant, mm.month.between(january, cutoff),
                       or_(r.member_id.is_(None), ~_counted(least, mm.month)))
                .group_by(mm.month)):
            fen[month] = [a - (b or 0) for a, b in zip(fen[month], out)]
        prepaid = conn.scalar(select(func.coalesce(func.sum(paid_months.c.amount_fen), 0)).select_from(
            paid_months.join(dues_roll, and_(r.tenant == paid_months.c.tenant, r.member_id == paid_months.c.member_id)))
            .where(paid_months.c.tenant == tenant, paid_months.c.month > cutoff, paid_months.c.paid_on <= as_of,
                   r.owes.is_(True)))
        # a month without a base before a member's rows start: unpaid, amount unknown; the members
        # counted by (own first months, first row) — a handful of groups, whatever the school's size
        joined, where = _owing(tenant)
        groups = conn.execute(select(r.joined_month, r.arrived_month, member_status.c.months_from, func.count())
                              .select_from(joined).where(where)
                              .group_by(r.joined_month, r.arrived_month, member_status.c.months_from)).all()
    starting, ending = [0] * 13, [0] * 13
    for joined_month, arrived_month, rows_from, count in groups:
        first = max(first_counted(least, joined_month, arrived_month), january)
        last = cutoff if rows_from is None else min(cutoff, add_months(rows_from, -1))
        if first <= last:
            starting[first.month - 1] += count
            ending[last.month - 1] += count
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
    report.prepaid = from_fen(prepaid)
    return report


def arrears(k: Kernel, tenant: str, today: date) -> list[tuple[obligations.Arrears, str | None]]:
    """``queries.arrears_from_ledger`` from the rows: members with unpaid months whose period has
    ended, longest run first, with their level. Reads the open months of the members who owe dues
    (joined to ``dues_roll``): the work follows the members in arrears, not the roll."""
    def compute():
        pol, least = floor(k, tenant)
        last = rules.last_due_month(today, pol.quarterly)
        if not covers(k, tenant, last):
            return queries.arrears_from_ledger(k, tenant, today)
        unpaid, unbased, people = _open_months(k, tenant, least, last, with_due=True)
        found = []
        for member_id, owed in unpaid.items():
            name, first, rows_from = people[member_id]
            run = obligations.longest_run_months(list(owed))
            account = obligations.Account(member_id=member_id, name=name, first_month=first)
            before = [] if rows_from is not None and rows_from <= first else \
                month_range(first, last if rows_from is None else min(last, add_months(rows_from, -1)))
            found.append(obligations.Arrears(
                account, sorted(owed), from_fen(sum(owed.values())), len(run), run,
                from_fen(sum(owed[m] for m in run)), sorted(before + unbased.get(member_id, []))))
        found.sort(key=lambda a: (-a.streak, -len(a.months), a.account.name, str(a.account.member_id)))
        return [(a, obligations.arrears_level(a.streak, pol)) for a in found]
    return list(k.kept(tenant, ("dues.arrears", today), compute))


def missing_bases(k: Kernel, tenant: str, today: date) -> list[tuple[obligations.Account, list[date]]]:
    """Members owing dues for months with no base recorded (up to this month), by name."""
    month = month_of(today)
    if not covers(k, tenant, month):
        return queries.missing_bases_from_ledger(k, tenant, today)
    r = roll(k, tenant)
    _unpaid, unbased, _people = _open_months(k, tenant, floor(k, tenant)[1], month, with_due=False)
    out = []
    for member_id, (_name, first) in r.people.items():
        months = sorted(r.before_rows(member_id, first, month) + unbased.get(member_id, []))
        if months:
            out.append((r.account(member_id), months))
    return sorted(out, key=lambda am: am[0].name)


def _open_months(k: Kernel, tenant: str, least: date, last: date, with_due: bool) -> tuple[dict, dict, dict]:
    """Of the members who owe dues, from their first counted month to ``last``: member id → {month:
    due fen} unpaid with a known amount, → [month] without a base, and → (name, first month counted,
    first month of their rows) of the members found."""
    unpaid, unbased, people = {}, {}, {}
    mm, r = member_months.c, dues_roll.c
    unknown = mm.due_fen.is_(None)
    query = (select(mm.member_id, mm.month, mm.due_fen, r.name, r.joined_month, r.arrived_month,
                    member_status.c.months_from)
             .select_from(member_months.join(dues_roll, and_(r.tenant == mm.tenant, r.member_id == mm.member_id))
                          .join(member_status, and_(member_status.c.tenant == mm.tenant,
                                                    member_status.c.member_id == mm.member_id)))
             .where(mm.tenant == tenant, mm.month <= last, mm.paid_fen.is_(None),
                    or_(unknown, mm.due_fen > 0) if with_due else unknown, _counted(least, mm.month))
             .order_by(mm.member_id, mm.month))
    with k.reading() as conn:
        for row in conn.execute(query):
            if row.member_id not in people:
                people[row.member_id] = (row.name, first_counted(least, row.joined_month, row.arrived_month),
                                         row.months_from)
            if row.due_fen is None:
                unbased.setdefault(row.member_id, []).append(row.month)
            else:
                unpaid.setdefault(row.member_id, {})[row.month] = row.due_fen
    return unpaid, unbased, people
