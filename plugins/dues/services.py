"""Party-dues commands: load, call the aggregate, save. The only writers of dues."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from core.errors import N_, ConflictError, NotFoundError, check_version, refusal_message, row_problems
from core.files import store_file
from core.kernel import Kernel
from core.retrying import retrying
from plugins.dues import queries, rules
from plugins.dues.domain import DuesAccount, DuesError, DuesFund, ReceiptBook, Remittance
from plugins.dues.domain.amounts import extra_over_owed, obligations_account
from plugins.members.public import get_member

RETRIES = 20
PROOF_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
def _fund(k: Kernel, tenant: str) -> DuesFund:
    """The school's dues fund; opened from the school's own log the first time it is needed."""
    try:
        return k.get_remembered(tenant, DuesFund.create_id(tenant), DuesFund)
    except NotFoundError:
        pass
    events, through = k.history(tenant, DuesAccount.Paid, DuesAccount.Reversed, Remittance.Recorded,
                                Remittance.Cancelled)
    sums = {"collected": Decimal(0), "reversed": Decimal(0), "remitted": Decimal(0), "restored": Decimal(0)}
    for e in events:
        if isinstance(e, DuesAccount.Paid):
            sums["collected"] += e.total
        elif isinstance(e, DuesAccount.Reversed):
            sums["reversed"] += e.total
        elif isinstance(e, Remittance.Recorded):
            sums["remitted"] += e.amount
        else:
            sums["restored"] += e.amount
    held = sums["collected"] - sums["reversed"] - sums["remitted"] + sums["restored"]
    return DuesFund(tenant=tenant, held=held,
                    derived_from={"source": "log", "events": len(events), "through": through,
                                  **{name: str(value) for name, value in sums.items()}})


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
        raise ConflictError(N_("该党员尚无党费账户（版本 0），您提交的是版本 %(expected_version)s；请刷新后重试"),
                            expected_version=expected_version)
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


def record_paid_elsewhere(k: Kernel, tenant: str, member_id: UUID, months: list[date], organisation: str,
                          amount, proof_no: str, paid_on: date | None = None,
                          proof_file: tuple[bytes, str] | None = None, note: str = "",
                          expected_version: int | None = None) -> tuple[DuesAccount, str]:
    """Dues a member away paid to the branch where they are (流入地党组织) or online, recorded by the home
    branch's secretary: those months count as paid; the branch's fund and collections are untouched."""
    member = _member(k, tenant, member_id)
    policy = queries.policy(k, tenant)
    today = k.today()
    months = [rules.month_of(m) if isinstance(m, date) else rules.parse_month(m) for m in months]
    account = _account(k, tenant, member, expected_version)
    stored = store_file(k, proof_file[0], proof_file[1], PROOF_TYPES).as_dict() if proof_file else None
    key = account.record_paid_elsewhere(months, organisation, amount, proof_no, paid_on or today, today,
                                        policy.first_month(member.joined_on), stored, note)
    k.save(tenant, account)
    return account, key


def withdraw_paid_elsewhere(k: Kernel, tenant: str, member_id: UUID, key: str, reason: str,
                            expected_version: int | None = None) -> DuesAccount:
    """Withdraw a wrong entry of dues paid elsewhere (撤销) by a new entry with a reason, as a payment is
    reversed: its months are unpaid again; the entry stays, marked withdrawn."""
    account = _account(k, tenant, _member(k, tenant, member_id), expected_version)
    account.withdraw_paid_elsewhere(key, reason)
    k.save(tenant, account)
    return account


def _book(k: Kernel, tenant: str, year: int) -> ReceiptBook:
    try:
        return k.get_remembered(tenant, ReceiptBook.create_id(tenant, year), ReceiptBook)
    except NotFoundError:
        return ReceiptBook(tenant=tenant, year=year)


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

    def attempt() -> tuple[DuesAccount, str]:
        account = _account(k, tenant, member, expected_version)
        book = _book(k, tenant, paid_on.year)
        fund = _fund(k, tenant)
        receipt = book.issue(account.id)
        account.pay(receipt, months, method, paid_on, today, policy, policy.first_month(member.joined_on),
                    payer=payer, voluntary=voluntary, note=note)
        fund.receive(receipt, account.payments[receipt]["total"])
        k.save(tenant, book, fund, account)
        return account, receipt
    return retrying(attempt, RETRIES)


def _account_of_receipt(k: Kernel, tenant: str, receipt_no: str) -> UUID:
    """The account a receipt was issued to, as the school-year receipt book recorded it."""
    parsed = rules.parse_receipt_no(receipt_no)
    if parsed is None or not k.exists(tenant, ReceiptBook.create_id(tenant, parsed[0])):
        raise NotFoundError(receipt_no)
    book = k.get(tenant, ReceiptBook.create_id(tenant, parsed[0]), ReceiptBook)
    if not book.knows_accounts:  # restored from a snapshot older than the map: replay its events
        book = k.replay(tenant, book.id, ReceiptBook)
    try:
        return UUID(book.account_of(parsed[1]))
    except DuesError as exc:
        raise NotFoundError(receipt_no) from exc


def reverse_payment(k: Kernel, tenant: str, receipt_no: str, reason: str,
                    expected_version: int | None = None) -> DuesAccount:
    """Reverse a payment (冲正) by a new entry with a reason; both stay in the ledger, and the money
    leaves the school's dues fund in the same transaction."""
    account_id = _account_of_receipt(k, tenant, receipt_no)

    def attempt() -> DuesAccount:
        account = k.get(tenant, account_id, DuesAccount)
        check_version(account, expected_version)
        fund = _fund(k, tenant)
        account.reverse(receipt_no, reason, k.today())
        fund.pay_back(receipt_no, account.payments[receipt_no]["total"])
        k.save(tenant, fund, account)
        return account
    return retrying(attempt, RETRIES)


def record_remittance(k: Kernel, tenant: str, period_from: date, period_to: date, amount,
                      remitted_on: date, reference: str, recipient: str = "", note: str = "") -> Remittance:
    """Remit dues to the higher committee; never more than the branch holds (the school's dues fund,
    saved with the remittance: two remittances at once cannot both spend the same money)."""
    recipient = recipient or queries.settings(k, tenant).get("higher_committee", "")

    def attempt() -> Remittance:
        fund = _fund(k, tenant)
        fund.check_can_remit(rules.to_fen(amount))
        remittance = Remittance.record(rules.month_of(period_from), rules.month_of(period_to), amount,
                                       remitted_on, k.today(), reference, recipient, note)
        fund.remit(remittance.id, remittance.amount)
        k.save(tenant, fund, remittance)
        return remittance
    return retrying(attempt, RETRIES)


def cancel_remittance(k: Kernel, tenant: str, remittance_id: UUID, reason: str,
                      expected_version: int | None = None) -> Remittance:
    """Cancel a remittance (冲正): the money comes back into the school's dues fund."""
    def attempt() -> Remittance:
        remittance = k.get(tenant, remittance_id, Remittance)
        check_version(remittance, expected_version)
        fund = _fund(k, tenant)
        remittance.cancel(reason)
        fund.restore(remittance.id, remittance.amount)
        k.save(tenant, fund, remittance)
        return remittance
    return retrying(attempt, RETRIES)


def record_late_payments(k: Kernel, tenant: str, rows: list[dict], save: bool = True) -> list[tuple[UUID, str]]:
    """Enter payments made before today (补录), all or none; each is marked late with the day paid
    and the day recorded (the event's time). ``rows``: {"member_id", "months", "paid_on", "method",
    "payer", "note"}. With ``save=False`` the rows are only checked (the preview). Returns
    (member id, receipt number) per row; errors name the row: "第 3 行：…"."""
    policy, today = queries.policy(k, tenant), k.today()

    def attempt() -> list[tuple[UUID, str]]:
        books: dict[int, ReceiptBook] = {}
        accounts: dict[str, DuesAccount] = {}
        fund, out, errors = _fund(k, tenant), [], {}
        for number, row in enumerate(rows, start=1):
            try:
                if row["paid_on"] >= today:
                    raise DuesError(N_("补录的交纳日期须早于今天；今天的交纳请在党员页面登记"), field="paid_on")
                member = _member(k, tenant, row["member_id"])
                account = accounts.get(str(member.id)) or _account(k, tenant, member)
                book = books.get(row["paid_on"].year) or _book(k, tenant, row["paid_on"].year)
                receipt = book.issue(account.id)
                months = [rules.month_of(m) if isinstance(m, date) else rules.parse_month(m) for m in row["months"]]
                account.pay(receipt, months, row["method"], row["paid_on"],
                            today, policy, policy.first_month(member.joined_on), payer=row.get("payer", ""),
                            note=row.get("note", ""))
                fund.receive(receipt, account.payments[receipt]["total"])
                accounts[str(member.id)], books[row["paid_on"].year] = account, book
                out.append((member.id, receipt))
            except (DuesError, NotFoundError) as exc:
                errors[row.get('number', number)] = refusal_message(exc, N_("没有这名党员"))
        if errors:
            raise DuesError(row_problems(errors), field="rows")
        if save and out:
            k.save(tenant, *books.values(), fund, *accounts.values())
        return out
    return retrying(attempt, RETRIES)


class SheetError(DuesError):
    """Rows of a dues sheet (or an import) that cannot be saved: ``rows`` maps each row's key to why."""

    def __init__(self, rows: dict[str, str]):
        super().__init__(N_("有 %(n)s 行不能登记，本次未写入任何数据。", n=len(rows)), field="rows", problems=rows)
        self.rows = rows


def record_sheet(k: Kernel, tenant: str, rows: list[dict], method: str, paid_on: date | None = None,
                 note: str = "", save: bool = True) -> list[tuple[UUID, str]]:
    """Record the payments of a dues sheet or an import in one transaction: all rows or none, one
    receipt each. ``rows``: {"key", "member_id", "months", "amount", "paid_on" (optional)}; ``months``
    are the months the sheet showed unpaid. A month paid meanwhile by someone else (a stale sheet)
    is a ``ConflictError`` naming who; a row the rules refuse (an amount below what is owed) is a
    ``SheetError`` naming the row. With ``save=False`` the rows are only checked (a preview).
    Returns (member id, receipt number) in row order."""
    policy, today = queries.policy(k, tenant), k.today()

    def attempt() -> list[tuple[UUID, str]]:
        books: dict[int, ReceiptBook] = {}
        accounts: dict[str, DuesAccount] = {}
        fund, out, errors, stale = _fund(k, tenant), [], {}, []
        for row in rows:
            key, day = str(row["key"]), row.get("paid_on") or paid_on or today
            try:
                member = _member(k, tenant, row["member_id"])
                account = accounts.get(str(member.id)) or _account(k, tenant, member)
                months = sorted(rules.month_of(m) if isinstance(m, date) else rules.parse_month(m)
                                for m in row["months"])
                taken = [rules.month_key(m) for m in months if rules.month_key(m) in account.paid]
                if taken:
                    stale.append(f"{member.name}（{'、'.join(taken)}）")
                    continue
                first = policy.first_month(member.joined_on)
                extra = extra_over_owed(obligations_account(account.member_id, member.name, first, account.bases,
                                                            account.reliefs), months, row["amount"], rules.RULE_SETS)
                book = books.get(day.year) or _book(k, tenant, day.year)
                receipt = book.issue(account.id)
                account.pay(receipt, months, method, day, today, policy, first, voluntary=extra, note=note)
                fund.receive(receipt, account.payments[receipt]["total"])
                accounts[str(member.id)], books[day.year] = account, book
                out.append((member.id, receipt))
            except NotFoundError:
                errors[key] = N_("没有这名党员")
            except DuesError as exc:
                errors[key] = refusal_message(exc)
        if stale:
            raise ConflictError(N_("您打开本表后，以下党员的这些月份已由他人登记交纳：%(paid)s。本次未写入任何数据，"
                                   "请刷新后重试。"), paid="；".join(stale))
        if errors:
            raise SheetError(errors)
        if save and out:
            k.save(tenant, *books.values(), fund, *accounts.values())
        return out
    return retrying(attempt, RETRIES)
