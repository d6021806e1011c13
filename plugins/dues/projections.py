"""Dues events → dues_accounts, dues_bases, dues_reliefs, dues_entries, dues_paid_months, dues_remittances."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import select

from core.projections import Projection, on
from plugins.dues.domain import DuesAccount, Remittance
from plugins.dues.models import accounts, bases, entries, paid_months, reliefs, remittances
from plugins.dues.rules import fen_int, parse_month


def _meta(e) -> dict:
    return getattr(e, "meta", None) or {}


class DuesProjection(Projection):
    name = "dues.ledger"
    tables = (accounts, bases, reliefs, entries, paid_months, remittances)

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

    @on(DuesAccount.ReliefGranted)
    def _relief(self, conn, e, tenant):
        account = self._account(conn, e)
        conn.insert(reliefs,
            tenant=tenant, account_id=e.originator_id, member_id=account.member_id, year=e.year,
            first_month=parse_month(e.first), last_month=parse_month(e.last), kind=e.kind,
            amount_fen=fen_int(e.amount), reason=e.reason, approver=e.approver,
            approved_on=e.approved_on, version=e.originator_version,
            actor=_meta(e).get("actor_name"), at=e.timestamp)

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
