"""Dues events → dues_accounts, dues_bases, dues_reliefs, dues_entries, dues_paid_months, dues_remittances,
and the per-member read model of obligations (dues_member_months, dues_member_status, dues_school_months);
the members plugin's events in the same log → dues_roll (who owes dues, from which month)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import select

from core.projections import Projection, on
from plugins.dues.domain import DuesAccount, Remittance
from plugins.dues.models import (accounts, bases, elsewhere, entries, member_months, member_status, paid_months,
                                 reliefs, remittances, roll, school_months)
from plugins.dues.queries import DUES_STATUSES
from plugins.dues.rules import add_months, fen_int, from_fen, month_of, obligations, parse_month, summary
from plugins.members.public import Member, Transfer


def _meta(e) -> dict:
    return getattr(e, "meta", None) or {}


PAID_BY = {  # what a payment, a reversal or a withdrawal makes of its months' paid columns
    DuesAccount.Paid: lambda e: {parse_month(m): (fen_int(a), e.paid_on) for m, a in e.months.items()},
    DuesAccount.Reversed: lambda e: {parse_month(m): (None, None) for m in e.months},
    DuesAccount.PaidElsewhereWithdrawn: lambda e: {parse_month(m): (None, None) for m in e.months},
}


def split_fen(total_fen: int, n: int) -> list[int]:
    """``total_fen`` shared over ``n`` months in whole fen, the remainder on the first months."""
    share, left = divmod(int(total_fen), n)
    return [share + (1 if i < left else 0) for i in range(n)]


class DuesProjection(Projection):
    name = "dues.ledger"
    tables = (accounts, bases, reliefs, entries, paid_months, remittances, member_months, member_status,
              school_months, elsewhere)

    def _account(self, conn, e):
        row = conn.execute(select(accounts.c.member_id, accounts.c.member_name)
                           .where(accounts.c.id == e.originator_id)).first()
        conn.update(accounts, {"id": e.originator_id}, version=e.originator_version)
        return row

    @on(DuesAccount.Opened)
    def _opened(self, conn, e, tenant):
        conn.insert(accounts, id=e.originator_id, tenant=tenant,
                              member_id=UUID(str(e.member_id)),
                              member_name=e.member_name, version=e.originator_version)

    @on(DuesAccount.BaseRecorded)
    def _base(self, conn, e, tenant):
        account = self._account(conn, e)
        starts = date(e.year, e.from_month, 1)
        conn.update(bases, {"tenant": tenant, "member_id": account.member_id, "starts": starts,
                            "account_id": e.originator_id}, current=False)
        conn.insert(bases,
            tenant=tenant, account_id=e.originator_id, member_id=account.member_id, year=e.year,
            from_month=e.from_month, starts=starts, category=e.category, base_fen=fen_int(e.base),
            amount_fen=fen_int(e.amount), note=e.note, before=e.before, current=True,
            version=e.originator_version, actor=_meta(e).get("actor_name"),
            reason=_meta(e).get("reason"), at=e.timestamp)
        self._refresh(conn, tenant, account.member_id, e.timestamp)

    @on(DuesAccount.ReliefGranted)
    def _relief(self, conn, e, tenant):
        account = self._account(conn, e)
        conn.insert(reliefs,
            tenant=tenant, account_id=e.originator_id, member_id=account.member_id, year=e.year,
            first_month=parse_month(e.first), last_month=parse_month(e.last), kind=e.kind,
            amount_fen=fen_int(e.amount), reason=e.reason, approver=e.approver,
            approved_on=e.approved_on, version=e.originator_version,
            actor=_meta(e).get("actor_name"), at=e.timestamp)
        self._refresh(conn, tenant, account.member_id, e.timestamp)

    @on(DuesAccount.Paid)
    def _paid(self, conn, e, tenant):
        account = self._account(conn, e)
        conn.insert(entries,
            tenant=tenant, kind="payment", receipt_no=e.receipt_no, account_id=e.originator_id,
            member_id=account.member_id, member_name=account.member_name, months=sorted(e.months),
            amount_fen=fen_int(e.total), voluntary_fen=fen_int(e.voluntary), method=e.method,
            payer=e.payer or None, dated=e.paid_on, collector=_meta(e).get("actor_name"), note=e.note,
            late=e.late, backpay_flag=e.backpay_flag, prepaid_months=e.prepaid, reversed=False,
            version=e.originator_version, at=e.timestamp)
        for month, amount in e.months.items():
            conn.insert(paid_months,
                tenant=tenant, member_id=account.member_id, month=parse_month(month),
                amount_fen=fen_int(amount), paid_on=e.paid_on, receipt_no=e.receipt_no)
        self._add_to_school(conn, tenant, {month_of(e.paid_on): {"collected_fen": fen_int(e.total)}})
        self._repay(conn, tenant, account.member_id, PAID_BY[type(e)](e), e.timestamp)

    @on(DuesAccount.Reversed)
    def _reversed(self, conn, e, tenant):
        account = self._account(conn, e)
        conn.update(entries, {"tenant": tenant, "kind": "payment", "receipt_no": e.receipt_no}, reversed=True)
        conn.insert(entries,
            tenant=tenant, kind="reversal", receipt_no=e.receipt_no, account_id=e.originator_id,
            member_id=account.member_id, member_name=account.member_name, months=list(e.months),
            amount_fen=-fen_int(e.total), voluntary_fen=0, dated=e.reversed_on,
            collector=_meta(e).get("actor_name"), reason=e.reason, reversed=False,
            version=e.originator_version, at=e.timestamp)
        conn.delete(paid_months, tenant=tenant, member_id=account.member_id, receipt_no=e.receipt_no)
        self._add_to_school(conn, tenant, {month_of(e.reversed_on): {"collected_fen": -fen_int(e.total)}})
        self._repay(conn, tenant, account.member_id, PAID_BY[type(e)](e), e.timestamp)

    @on(DuesAccount.PaidElsewhere)
    def _paid_elsewhere(self, conn, e, tenant):
        """Paid where the member is: the months are paid (receipt 外N), the branch collected nothing."""
        account = self._account(conn, e)
        conn.insert(elsewhere,
            tenant=tenant, member_id=account.member_id, key=e.key, account_id=e.originator_id,
            member_name=account.member_name, months=list(e.months), organisation=e.organisation[:200],
            amount_fen=fen_int(e.amount), proof_no=e.proof_no[:100], proof_file=e.proof_file,
            paid_on=e.paid_on, note=e.note[:500], actor=_meta(e).get("actor_name"), at=e.timestamp, withdrawn=False)
        months = sorted(e.months)
        shares = split_fen(fen_int(e.amount), len(months))
        paid = {}
        for month, share in zip(months, shares):
            conn.insert(paid_months, tenant=tenant, member_id=account.member_id, month=parse_month(month),
                        amount_fen=share, paid_on=e.paid_on, receipt_no=e.key)
            paid[parse_month(month)] = (share, e.paid_on)
        self._repay(conn, tenant, account.member_id, paid, e.timestamp)

    @on(DuesAccount.PaidElsewhereWithdrawn)
    def _elsewhere_withdrawn(self, conn, e, tenant):
        """A wrong entry withdrawn (撤销): the row stays, marked; its months are unpaid again."""
        account = self._account(conn, e)
        conn.update(elsewhere, {"tenant": tenant, "member_id": account.member_id, "key": e.key}, withdrawn=True,
                    withdrawn_reason=e.reason, withdrawn_by=_meta(e).get("actor_name"), withdrawn_at=e.timestamp)
        conn.delete(paid_months, tenant=tenant, member_id=account.member_id, receipt_no=e.key)
        self._repay(conn, tenant, account.member_id, PAID_BY[type(e)](e), e.timestamp)

    @on(Remittance.Recorded)
    def _remitted(self, conn, e, tenant):
        conn.insert(remittances,
            id=e.originator_id, tenant=tenant, period_from=parse_month(e.period_from),
            period_to=parse_month(e.period_to), amount_fen=fen_int(e.amount), remitted_on=e.remitted_on,
            reference=e.reference, recipient=e.recipient, note=e.note, cancelled=False,
            actor=_meta(e).get("actor_name"), version=e.originator_version, at=e.timestamp)

    @on(Remittance.Cancelled)
    def _cancelled(self, conn, e, tenant):
        conn.update(remittances, {"id": e.originator_id}, cancelled=True, cancel_reason=e.reason,
                    version=e.originator_version)

    # -- the per-member read model (dues_member_months, dues_member_status, dues_school_months) ----------
    def _refresh(self, conn, tenant: str, member_id, at) -> None:
        """Re-price one member's months from their bases, reliefs and paid months (just written), and
        carry the difference into the school's monthly totals. Only changed rows are written."""
        where = dict(tenant=tenant, member_id=member_id)
        found_bases = [obligations.BaseEntry(r.starts, r.category, from_fen(r.base_fen)) for r in conn.execute(
            select(bases.c.starts, bases.c.category, bases.c.base_fen).where(
                bases.c.tenant == tenant, bases.c.member_id == member_id, bases.c.current.is_(True)))]
        found_reliefs = [obligations.Relief(r.first_month, r.last_month, r.kind, from_fen(r.amount_fen))
                         for r in conn.execute(select(reliefs).where(reliefs.c.tenant == tenant,
                                                                     reliefs.c.member_id == member_id))]
        paid = {r.month: obligations.PaidMonth(from_fen(r.amount_fen), r.paid_on, r.receipt_no)
                for r in conn.execute(select(paid_months).where(paid_months.c.tenant == tenant,
                                                                paid_months.c.member_id == member_id))}
        old = {r.month: (r.due_fen, r.paid_fen, r.paid_on, r.relief) for r in conn.execute(
            select(member_months).where(member_months.c.tenant == tenant, member_months.c.member_id == member_id))}
        known = [b.starts for b in found_bases] + [r.first for r in found_reliefs] + list(paid)
        new = {}
        if known:
            latest = max([*known, *(r.last for r in found_reliefs), date(at.year, 1, 1)])
            horizon = date(latest.year + 1, 12, 1)
            account = obligations.Account(member_id, "", min(known), tuple(found_bases), tuple(found_reliefs), paid)
            new = {line.month: summary.row_of(line) for line in obligations.lines(account, min(known), horizon)}
            status = conn.execute(select(member_status.c.months_from).where(
                member_status.c.tenant == tenant, member_status.c.member_id == member_id)).first()
            if status is None:
                conn.insert(member_status, **where, months_from=min(known), months_to=horizon)
            else:
                conn.update(member_status, where, months_from=min(known), months_to=horizon)
        elif old:
            conn.delete(member_status, **where)
        self._write(conn, tenant, member_id, old, new)

    def _repay(self, conn, tenant: str, member_id, paid: dict, at) -> None:
        """A payment or a reversal changes only the paid columns of its months (month → (fen, day),
        (None, None) when reversed): those rows are updated in place (the member is re-priced in full
        when a month lies outside their rows)."""
        old = {r.month: (r.due_fen, r.paid_fen, r.paid_on, r.relief) for r in conn.execute(
            select(member_months).where(member_months.c.tenant == tenant, member_months.c.member_id == member_id,
                                        member_months.c.month.in_(list(paid))))}
        if len(old) < len(paid):
            return self._refresh(conn, tenant, member_id, at)
        self._write(conn, tenant, member_id, old, {m: (row[0], *paid[m], row[3]) for m, row in old.items()})

    def _write(self, conn, tenant: str, member_id, old: dict, new: dict) -> None:
        """Write the months that changed and carry the difference into the school's monthly totals."""
        where = dict(tenant=tenant, member_id=member_id)
        deltas = {}
        for month in sorted(old.keys() | new.keys()):
            before, after = old.get(month), new.get(month)
            if before == after:
                continue
            if after is None:
                conn.delete(member_months, **where, month=month)
            elif before is None:
                conn.insert(member_months, **where, month=month, due_fen=after[0], paid_fen=after[1],
                            paid_on=after[2], relief=after[3])
            else:
                conn.update(member_months, {**where, "month": month}, due_fen=after[0], paid_fen=after[1],
                            paid_on=after[2], relief=after[3])
            delta = summary.delta(before, after)
            if any(delta):
                deltas[month] = dict(zip(("due_fen", "paid_fen", "unpaid_fen", "unpaid_members"), delta))
        if deltas:
            self._add_to_school(conn, tenant, deltas)

    @staticmethod
    def _add_to_school(conn, tenant: str, deltas: dict) -> None:
        """Add amounts to the school's months (month → {column: amount}), creating the months missing."""
        present = set(conn.scalars(select(school_months.c.month).where(
            school_months.c.tenant == tenant, school_months.c.month.in_(list(deltas)))))
        for month, amounts in deltas.items():
            if month in present:
                conn.update(school_months, {"tenant": tenant, "month": month}, add=amounts)
            else:
                conn.insert(school_months, tenant=tenant, month=month,
                            **{c: amounts.get(c, 0) for c in ("due_fen", "paid_fen", "unpaid_fen", "unpaid_members",
                                                              "collected_fen")})


class DuesRollProjection(Projection):
    """Each member's own first month and whether they owe dues today, kept from the members plugin's
    events (``queries.counted_from`` without the school's floor, which is applied when reading): the
    dues pages count and sum over the roll in SQL instead of reading the roster into Python."""

    name = "dues.roll"
    tables = (roll,)

    def _set(self, conn, tenant: str, member_id, **values) -> None:
        where = {"tenant": tenant, "member_id": member_id}
        if conn.execute(select(roll.c.member_id).where(roll.c.tenant == tenant,
                                                       roll.c.member_id == member_id)).first() is None:
            conn.insert(roll, **where, **{"owes": False, **values})
        else:
            conn.update(roll, where, **values)

    @on(Member.Registered)
    def _registered(self, conn, e, tenant):
        joined = e.fields.get("joined_on")
        self._set(conn, tenant, e.originator_id, name=e.fields.get("name"),
                  joined_month=month_of(joined) if joined else None, owes=e.status in DUES_STATUSES)

    @on(Member.FieldsCorrected)
    def _corrected(self, conn, e, tenant):
        values = {}
        if "name" in e.changes:
            values["name"] = e.changes["name"]["after"]
        if "joined_on" in e.changes:
            joined = e.changes["joined_on"]["after"]
            values["joined_month"] = month_of(joined) if joined else None
        if values:
            self._set(conn, tenant, e.originator_id, **values)

    @on(Member.StatusChanged)
    def _status(self, conn, e, tenant):
        self._set(conn, tenant, e.originator_id, owes=e.after in DUES_STATUSES)

    @on(Member.Converted)
    def _converted(self, conn, e, tenant):
        self._set(conn, tenant, e.originator_id, owes="full" in DUES_STATUSES)

    @on(Transfer.Issued)
    def _arrived(self, conn, e, tenant):
        """The latest transfer in counts (by its letter's day, then the lowest letter number)."""
        if e.direction != "in":
            return
        member_id = UUID(str(e.member_id))
        held = conn.execute(select(roll.c.arrival_on, roll.c.arrival_letter).where(
            roll.c.tenant == tenant, roll.c.member_id == member_id)).first()
        if held is not None and held.arrival_on is not None and not (
                e.issued_on > held.arrival_on or (e.issued_on == held.arrival_on and e.letter_no < held.arrival_letter)):
            return
        first = add_months(parse_month(e.dues_paid_to), 1) if e.dues_paid_to else month_of(e.issued_on)
        self._set(conn, tenant, member_id, arrived_month=first, arrival_on=e.issued_on, arrival_letter=e.letter_no)

