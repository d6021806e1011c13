"""Party-dues commands: load, call the aggregate, save. The only writers of dues."""
from __future__ import annotations

import random
import time
from datetime import date
from uuid import UUID

from core.errors import ConflictError, NotFoundError, check_version
from core.kernel import Kernel
from plugins.dues import queries, rules
from plugins.dues.domain import DuesAccount, DuesError, ReceiptBook, Remittance
from plugins.members.public import get_member

RETRIES = 20


def _member(k: Kernel, tenant: str, member_id: UUID):
    member = get_member(k, tenant, UUID(str(member_id)))
    if member is None:
        raise NotFoundError(str(member_id))
    return member


def _account(k: Kernel, tenant: str, member, expected_version: int | None = None) -> DuesAccount:
    account_id = DuesAccount.create_id(tenant, str(member.id))
    if k.exists(tenant, account_id):
        account = k.get(tenant, account_id, DuesAccount)
        check_version(account, expected_version)
        return account
    if expected_version not in (None, 0):
        raise ConflictError(f"该党员尚无党费账户（版本 0），您提交的是版本 {expected_version}；请刷新后重试")
    return DuesAccount(tenant=tenant, member_id=str(member.id), member_name=member.name)


def record_base(k: Kernel, tenant: str, member_id: UUID, year: int, from_month: int, category: str,
                base, note: str = "", expected_version: int | None = None) -> DuesAccount:
    """Record a member's dues base for a year (from January), or a change from a stated month."""
    member = _member(k, tenant, member_id)
    account = _account(k, tenant, member, expected_version)
    account.record_base(year, from_month, category, base, note)
    k.save(tenant, account)
    return account


def grant_relief(k: Kernel, tenant: str, member_id: UUID, year: int, from_month: int, to_month: int,
                 kind: str, amount, reason: str, approver: str, approved_on: date | None = None,
                 expected_version: int | None = None) -> DuesAccount:
    """Hardship reduction or waiver (困难减免), with reason and approver."""
    member = _member(k, tenant, member_id)
    account = _account(k, tenant, member, expected_version)
    account.grant_relief(year, from_month, to_month, kind, amount, reason, approver,
                         approved_on or k.today())
    k.save(tenant, account)
    return account


def _book(k: Kernel, tenant: str, year: int) -> ReceiptBook:
    book_id = ReceiptBook.create_id(tenant, year)
    return k.get(tenant, book_id, ReceiptBook) if k.exists(tenant, book_id) \
        else ReceiptBook(tenant=tenant, year=year)


def record_payment(k: Kernel, tenant: str, member_id: UUID, months: list[date], method: str,
                   paid_on: date | None = None, payer: str = "", voluntary=0, note: str = "",
                   expected_version: int | None = None) -> tuple[DuesAccount, str]:
    """Record a payment for whole months; returns the account and the receipt number.

    The receipt number comes from the school-year receipt book saved in the same transaction:
    when another process took the same number first, the save conflicts and we try again.
    """
    member = _member(k, tenant, member_id)
    policy = queries.policy(k, tenant)
    today = k.today()
    paid_on = paid_on or today
    months = [rules.month_of(m) if isinstance(m, date) else rules.parse_month(m) for m in months]
    for attempt in range(RETRIES):
        account = _account(k, tenant, member, expected_version)
        book = _book(k, tenant, paid_on.year)
        receipt = book.issue(account.id)
        account.pay(receipt, months, method, paid_on, today, policy, policy.first_month(member.joined_on),
                    payer=payer, voluntary=voluntary, note=note)
        try:
            k.save(tenant, book, account)
            return account, receipt
        except ConflictError:
            if attempt == RETRIES - 1:
                raise
            time.sleep(random.uniform(0.005, 0.05))
    raise ConflictError()  # pragma: no cover - the loop returns or raises


def reverse_payment(k: Kernel, tenant: str, receipt_no: str, reason: str,
                    expected_version: int | None = None) -> DuesAccount:
    """Reverse a payment (冲正) by a new entry with a reason; both stay in the ledger."""
    entry = queries.get_payment(k, tenant, receipt_no)
    if entry is None:
        raise NotFoundError(receipt_no)
    account = k.get(tenant, entry.account_id, DuesAccount)
    check_version(account, expected_version)
    account.reverse(receipt_no, reason, k.today())
    k.save(tenant, account)
    return account


def record_remittance(k: Kernel, tenant: str, period_from: date, period_to: date, amount,
                      remitted_on: date, reference: str, recipient: str = "", note: str = "") -> Remittance:
    """Remit dues to the higher committee; never more than the branch holds."""
    held = queries.ledger(k, tenant)["held"]
    if rules.to_fen(amount) > held:
        raise DuesError(f"上缴金额超过支部结存（¥{held}）", field="amount")
    remittance = Remittance.record(rules.month_of(period_from), rules.month_of(period_to), amount,
                                   remitted_on, k.today(), reference,
                                   recipient or queries.settings(k, tenant).get("higher_committee", ""), note)
    k.save(tenant, remittance)
    return remittance


def cancel_remittance(k: Kernel, tenant: str, remittance_id: UUID, reason: str,
                      expected_version: int | None = None) -> Remittance:
    if not queries.get_remittance(k, tenant, remittance_id):
        raise NotFoundError(str(remittance_id))
    remittance = k.get(tenant, remittance_id, Remittance)
    check_version(remittance, expected_version)
    remittance.cancel(reason)
    k.save(tenant, remittance)
    return remittance
