"""Read side of party dues (over models.py), plus the obligations computed from it."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import case, func, select

from core.kernel import Kernel
from core.pagination import Page, paginate
from plugins.dues import rules
from plugins.dues.models import accounts, bases, entries, paid_months, reliefs, remittances, school_months
from plugins.dues.queries.records import (get_remittance, list_bases, list_remittances,  # noqa: F401 (re-exported)
                                          member_bases, member_elsewhere, member_reliefs)
from plugins.dues.rules import from_fen, obligations, reports, sheet
from plugins.members.public import Arrival, arrivals, list_members
from core.tenancy.queries import records_from

# Members who owe dues: on the roll and not suspended (停止党籍).
DUES_STATUSES = ("probationary", "full", "lost_contact")


def settings(k: Kernel, tenant: str) -> dict:
    return k.settings(tenant, "dues")


def policy(k: Kernel, tenant: str) -> rules.Policy:
    return rules.Policy.from_settings(settings(k, tenant))


def dues_members(k: Kernel, tenant: str) -> list:
    return list_members(k, tenant, statuses=DUES_STATUSES)


def people_by_name(k: Kernel, tenant: str) -> dict[str, list[str]]:
    """A member's name → the ids of the members of that name (late payments are pasted by name)."""
    people: dict[str, list[str]] = {}
    for m in list_members(k, tenant):
        people.setdefault(m.name, []).append(str(m.id))
    return people


def counted_from(start: date | None, pol: rules.Policy, joined_on: date | None,
                 arrival: Arrival | None = None) -> date:
    """The first month a member's dues count in Zhibu: their own start (admission; for a member
    transferred in, the month after the dues paid to the former branch, else the arrival month), the
    ledger's, and the first whole month of the school's records in Zhibu (as for meeting periods, a
    month that began before the school started is not counted)."""
    first = pol.first_month(joined_on)
    if arrival is not None:
        here = (rules.add_months(rules.parse_month(arrival.dues_paid_to), 1) if arrival.dues_paid_to
                else rules.month_of(arrival.on))
        first = max(first, here)
    if start is None:
        return first
    return max(first, start if start.day == 1 else rules.add_months(rules.month_of(start), 1))


def load_accounts(k: Kernel, tenant: str, members: list, pol: rules.Policy) -> list[obligations.Account]:
    """Every member's dues as plain data, in a few queries."""
    by_member_bases, by_member_reliefs, by_member_paid = defaultdict(list), defaultdict(list), defaultdict(dict)
    with k.reading() as conn:
        for r in conn.execute(select(bases.c.member_id, bases.c.starts, bases.c.category, bases.c.base_fen)
                              .where(bases.c.tenant == tenant, bases.c.current.is_(True))):
            by_member_bases[r.member_id].append(obligations.BaseEntry(r.starts, r.category, from_fen(r.base_fen)))
        for r in conn.execute(select(reliefs).where(reliefs.c.tenant == tenant)):
            by_member_reliefs[r.member_id].append(
                obligations.Relief(r.first_month, r.last_month, r.kind, from_fen(r.amount_fen)))
        for r in conn.execute(select(paid_months).where(paid_months.c.tenant == tenant)):
            by_member_paid[r.member_id][r.month] = obligations.PaidMonth(from_fen(r.amount_fen), r.paid_on,
                                                                         r.receipt_no)
    start, arrived = records_from(k, tenant), arrivals(k, tenant)
    return [obligations.Account(member_id=m.id, name=m.name,
                                first_month=counted_from(start, pol, m.joined_on, arrived.get(m.id)),
                                bases=tuple(by_member_bases[m.id]), reliefs=tuple(by_member_reliefs[m.id]),
                                paid=by_member_paid[m.id])
            for m in members]


def school_accounts(k: Kernel, tenant: str) -> tuple[list[obligations.Account], rules.Policy]:
    """Every member's account and the school's policy (once per request: the home page's widget,
    alerts and figures all start from them)."""
    def load():
        pol = policy(k, tenant)
        return load_accounts(k, tenant, dues_members(k, tenant), pol), pol
    accounts_, pol = k.per_request(("dues.accounts", tenant), load)
    return list(accounts_), pol


def member_account(k: Kernel, tenant: str, member) -> obligations.Account:
    return load_accounts(k, tenant, [member], policy(k, tenant))[0]


def account_version(k: Kernel, tenant: str, member_id: UUID) -> int:
    with k.reading() as conn:
        return conn.scalar(select(accounts.c.version).where(accounts.c.tenant == tenant,
                                                            accounts.c.member_id == member_id)) or 0


def earlier_unpaid(k: Kernel, tenant: str, member, months: list[date]) -> list[date]:
    """Months before the last of ``months`` that the member owes and has not paid (a warning)."""
    return sheet.earlier_unpaid(member_account(k, tenant, member), [rules.month_of(m) for m in months])


# -- the dues sheet of a period (党费收缴表) -------------------------------------------------------------
def default_period(k: Kernel, tenant: str, today: date) -> sheet.Period:
    """This month, or this quarter when the school remits quarterly (its remit_period setting)."""
    return sheet.period_of(today, settings(k, tenant).get("remit_period", "quarterly") == "quarterly")


def dues_sheet(k: Kernel, tenant: str, period: sheet.Period) -> list[sheet.SheetRow]:
    """Every member who owes dues for some month of ``period``: owed, paid, earlier months unpaid."""
    accts, _pol = school_accounts(k, tenant)
    return sheet.sheet_rows(accts, period)


def payments_by_receipt(k: Kernel, tenant: str, first: str, last: str) -> list:
    """The payments whose receipts run from ``first`` to ``last`` (one save of a sheet: one year's book)."""
    a, b = rules.parse_receipt_no(first), rules.parse_receipt_no(last)
    if a is None or b is None or a[0] != b[0]:
        return []
    return [r for r in reversed(list_entries(k, tenant, year=None))
            if r.kind == "payment" and (p := rules.parse_receipt_no(r.receipt_no)) and p[0] == a[0]
            and a[1] <= p[1] <= b[1]]


def payments_for_period(k: Kernel, tenant: str, period: sheet.Period) -> list:
    """The payments (not reversed) that paid some month of ``period``, in receipt order."""
    keys = {rules.month_key(m) for m in period.months}
    return [r for r in reversed(list_entries(k, tenant))
            if r.kind == "payment" and not r.reversed and keys & set(r.months)]


# -- arrears and reports -------------------------------------------------------------------------
def arrears_from_ledger(k: Kernel, tenant: str, today: date) -> list[tuple[obligations.Arrears, str | None]]:
    """Members with unpaid months whose period has ended, longest run first, with their level, from
    every member's whole ledger (``standing.arrears`` reads the same from the per-member rows)."""
    def compute():
        accts, pol = school_accounts(k, tenant)
        last = rules.last_due_month(today, pol.quarterly)
        found = [a for a in (obligations.arrears(a, last) for a in accts) if a.months]
        found.sort(key=lambda a: (-a.streak, -len(a.months), a.account.name))
        return [(a, obligations.arrears_level(a.streak, pol)) for a in found]
    return list(k.per_request(("dues.arrears_from_ledger", tenant, today), compute))


def missing_bases_from_ledger(k: Kernel, tenant: str, today: date) -> list[tuple[obligations.Account, list[date]]]:
    """Members owing dues for months with no base recorded (up to this month): a task, not arrears."""
    accts, _pol = school_accounts(k, tenant)
    month = rules.month_of(today)
    out = []
    for account in accts:
        months = [line.month for line in obligations.lines(account, account.first_month, month)
                  if line.status == "no_base"]
        if months:
            out.append((account, months))
    return sorted(out, key=lambda am: am[0].name)


def collections(k: Kernel, tenant: str) -> list[tuple[date, object]]:
    """Money in: (date, amount) of every payment, and of every reversal as a negative amount."""
    with k.reading() as conn:
        return [(r.dated, from_fen(r.amount_fen))
                for r in conn.execute(select(entries.c.dated, entries.c.amount_fen)
                                      .where(entries.c.tenant == tenant))]


def collected_in(k: Kernel, tenant: str, month: date) -> Decimal:
    """Money in during ``month``: payments less reversals, by the date each was made."""
    return sum((amount for day, amount in collections(k, tenant) if rules.month_of(day) == month), rules.ZERO)


def annual(k: Kernel, tenant: str, year: int, today: date) -> reports.AnnualReport:
    accts, _pol = school_accounts(k, tenant)
    return reports.annual_report(accts, year, today, collections(k, tenant))


def monthly(k: Kernel, tenant: str, month: date) -> list[tuple]:
    """Today's members and those who were on the roll (owing dues) on some day of ``month`` but
    have left since; a line only for a member on the roll that month by the dates in the world:
    one who transferred out in June owes May and June, not July, and one received in April owes
    nothing here in March."""
    on_roll = {m.id: m for day in (month, rules.last_day(month))
               for m in list_members(k, tenant, statuses=DUES_STATUSES, on=day)}
    people = {m.id: m for m in dues_members(k, tenant)}
    people.update({i: m for i, m in on_roll.items() if i not in people})
    rows = reports.month_report(load_accounts(k, tenant, list(people.values()), policy(k, tenant)), month)
    return [(account, line if account.member_id in on_roll else None) for account, line in rows]


def ledger(k: Kernel, tenant: str, year: int | None = None) -> dict:
    """Collected (payments less reversals) and remitted, for a year or in all; held is always in all.
    Two statements (the year's sums and the sums in all together), kept while the records are the same."""
    return dict(k.kept(tenant, ("dues.ledger", year), lambda: _ledger(k, tenant, year)))


def _ledger(k: Kernel, tenant: str, year: int | None) -> dict:
    first, last = (date(year, 1, 1), date(year, 12, 31)) if year else (date.min, date.max)

    def sums(column, day, *where):
        in_year = func.sum(case((day.between(first, last), column), else_=0))
        row = conn.execute(select(func.coalesce(func.sum(column), 0), func.coalesce(in_year, 0)).where(*where)).one()
        return from_fen(row[0]), from_fen(row[1])

    # money received is read from the school's monthly totals (a row a month, not a row a payment)
    with k.reading() as conn:
        collected_all, collected = sums(school_months.c.collected_fen, school_months.c.month,
                                        school_months.c.tenant == tenant)
        remitted_all, remitted = sums(remittances.c.amount_fen, remittances.c.remitted_on,
                                      remittances.c.tenant == tenant, remittances.c.cancelled.is_(False))
    if not year:
        return {"collected": collected_all, "remitted": remitted_all, "held": collected_all - remitted_all}
    return {"collected": collected, "remitted": remitted, "held": collected_all - remitted_all}


# -- records ---------------------------------------------------------------------------------------
def entry_query(tenant: str, year: int | None = None, member_id: UUID | None = None):
    query = select(entries).where(entries.c.tenant == tenant)
    if year:
        query = query.where(entries.c.dated.between(date(year, 1, 1), date(year, 12, 31)))
    if member_id:
        query = query.where(entries.c.member_id == member_id)
    return query.order_by(entries.c.dated.desc(), entries.c.id.desc())


def list_entries_page(k: Kernel, tenant: str, page: int = 1, per_page: int = 50, **criteria) -> Page:
    with k.reading() as conn:
        return paginate(conn, entry_query(tenant, **criteria), page, per_page)


def list_entries(k: Kernel, tenant: str, **criteria) -> list:
    with k.reading() as conn:
        return conn.execute(entry_query(tenant, **criteria)).all()


def get_payment(k: Kernel, tenant: str, receipt_no: str):
    with k.reading() as conn:
        return conn.execute(select(entries).where(entries.c.tenant == tenant, entries.c.kind == "payment",
                                                  entries.c.receipt_no == receipt_no)).first()


def recent_payments(k: Kernel, tenant: str, limit: int = 100) -> list:
    """The school's latest payments (newest first), for a receipt picker."""
    with k.reading() as conn:
        return conn.execute(entry_query(tenant).where(entries.c.kind == "payment").limit(limit)).all()


def get_reversal(k: Kernel, tenant: str, receipt_no: str):
    with k.reading() as conn:
        return conn.execute(select(entries).where(entries.c.tenant == tenant, entries.c.kind == "reversal",
                                                  entries.c.receipt_no == receipt_no)).first()


def payment_events(k: Kernel, tenant: str, year: int) -> list:
    """(account id, version) of the payment events of a year, for evidence links."""
    with k.reading() as conn:
        return conn.execute(select(entries.c.account_id, entries.c.version, entries.c.receipt_no)
                            .where(entries.c.tenant == tenant, entries.c.kind == "payment",
                                   entries.c.reversed.is_(False),
                                   entries.c.dated.between(date(year, 1, 1), date(year, 12, 31)))
                            .order_by(entries.c.id)).all()
