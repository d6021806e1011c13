"""Party-dues aggregates. Pure domain: eventsourcing.domain, the standard library, rules.

- ``DuesAccount`` (党费账户): one per member; bases by year, hardship reliefs, payments, reversals, dues
  paid elsewhere and their withdrawals.
- ``ReceiptBook`` (收据簿): one per school and year; hands out receipt numbers in order. Saving it
  with the payment makes two concurrent payments collide on the book's version, so a number is
  never given twice (the loser retries). It knows which account each number went to, which is how
  a reversal finds its payment.
- ``DuesFund`` (党费结存): one per school; the money the branch holds, saved with every payment,
  reversal and remittance, so a remittance never exceeds what is held.
- ``Remittance`` (党费上缴): one remittance to the higher committee.

Their stored topics are ``plugins.dues.domain:<class>``: ``DuesFund`` and ``Remittance`` are defined in
``funds`` and keep those topics (``core.aggregates.keeps_topics``). Helpers live beside (``errors``,
``amounts``).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from eventsourcing.domain import Aggregate, event

from core.aggregates import FlatCopy
from core.errors import N_
from core.ids import natural_id
from plugins.dues import rules
from plugins.dues.domain.amounts import checked_elsewhere, obligations_account, payment_amounts
from plugins.dues.domain.errors import DuesError, require
from plugins.dues.rules import month_key, parse_month


class DuesAccount(Aggregate):
    """A member's dues account (党费账户). Nothing is edited: a wrong payment is reversed."""

    snapshot_interval = 50
    class_version = 2

    @staticmethod
    def create_id(tenant: str, member_id: str, **_):
        return natural_id(tenant, "dues.account", member_id)

    @staticmethod
    def upcast_v1_v2(state: dict) -> None:
        """Snapshots taken before dues paid elsewhere were recorded have none."""
        state["elsewhere"] = {}

    @event("Opened")
    def __init__(self, tenant: str, member_id: str, member_name: str):
        self.member_id = member_id
        self.member_name = member_name
        self.bases: list[dict] = []       # {"starts": "YYYY-MM", "category", "base"}
        self.reliefs: list[dict] = []     # {"first", "last", "kind", "amount"}
        self.payments: dict[str, dict] = {}   # receipt no → {"months": {month: amount}, "reversed"}
        self.paid: dict[str, str] = {}    # month → receipt no (payments not reversed), or 外N (paid elsewhere)
        # 外N → {"months", "organisation", "amount", "withdrawn"}: paid where the member is
        self.elsewhere: dict[str, dict] = {}

    def _check_unpaid_from(self, first: date, last: date | None, action: str) -> None:
        for month in sorted(self.paid):
            m = parse_month(month)
            if m >= first and (last is None or m <= last):
                raise DuesError(N_("%(month)s 已交纳（收据 %(paid)s），不能%(action)s；如确需调整，请先冲正该笔交纳"),
                                month=month, paid=self.paid[month], action=action, field="from_month")

    # -- dues base (党费基数) ------------------------------------------------------------------
    def record_base(self, year: int, from_month: int, category: str, base, note: str = "") -> None:
        """The base for ``year`` from ``from_month`` on (1 = the whole year's base)."""
        if not 1 <= int(from_month) <= 12:
            raise DuesError(N_("起始月份应为 1–12"), field="from_month")
        error = rules.base_error(category, base)
        if error:
            raise DuesError(error[1], field=error[0])
        base = rules.to_fen(base)
        starts = date(int(year), int(from_month), 1)
        later = [b for b in self.bases if parse_month(b["starts"]) > starts]
        until = rules.add_months(min(parse_month(b["starts"]) for b in later), -1) if later else None
        self._check_unpaid_from(starts, until, N_("从该月起变更基数"))
        before = next((b for b in self.bases if b["starts"] == month_key(starts)), None)
        if before and before["category"] == category and Decimal(before["base"]) == base:
            raise DuesError(N_("基数与已登记的相同，无需更改"), field="base")
        amount = rules.monthly_amount(category, base, starts)
        self._base(year=int(year), from_month=int(from_month), category=category, base=base,
                   amount=amount, note=(note or "").strip(),
                   before={"category": before["category"], "base": before["base"]} if before else None)

    @event("BaseRecorded")
    def _base(self, year: int, from_month: int, category: str, base: Decimal, amount: Decimal,
              note: str, before: dict | None) -> None:
        starts = month_key(date(year, from_month, 1))
        self.bases = [b for b in self.bases if b["starts"] != starts]
        self.bases.append({"starts": starts, "category": category, "base": str(base)})
        self.bases.sort(key=lambda b: b["starts"])

    # -- hardship relief (困难减免) ---------------------------------------------------------------
    def grant_relief(self, year: int, from_month: int, to_month: int, kind: str, amount,
                     reason: str, approver: str, approved_on: date) -> None:
        """Reduce or waive a member's dues for some months: reason and approver are required."""
        if kind not in rules.RELIEF_KINDS:
            raise DuesError(N_("请选择减交或免交"), field="kind")
        if not (1 <= int(from_month) <= int(to_month) <= 12):
            raise DuesError(N_("减免月份应在同一年内，起始月份不晚于结束月份"), field="to_month")
        reason = require(reason, "reason", "减免须说明原因")
        approver = require(approver, "approver", "减免须填写审批组织或审批人")
        amount = rules.to_fen(0 if kind == "waive" else (amount if amount not in (None, "") else -1))
        if amount < 0:
            raise DuesError(N_("减交须填写减交后的月交纳额"), field="amount")
        first, last = date(int(year), int(from_month), 1), date(int(year), int(to_month), 1)
        self._check_unpaid_from(first, last, N_("再办理减免"))
        self._relief(year=int(year), first=month_key(first), last=month_key(last), kind=kind,
                     amount=amount, reason=reason, approver=approver, approved_on=approved_on)

    @event("ReliefGranted")
    def _relief(self, year: int, first: str, last: str, kind: str, amount: Decimal, reason: str,
                approver: str, approved_on: date) -> None:
        self.reliefs.append({"first": first, "last": last, "kind": kind, "amount": str(amount)})

    # -- payments (交纳) -------------------------------------------------------------------------
    def pay(self, receipt_no: str, months: list[date], method: str, paid_on: date, today: date,
            policy: rules.Policy, first_month: date, payer: str = "", voluntary=0,
            note: str = "", rule_sets=rules.RULE_SETS) -> dict:
        """Record a payment for whole months at their due amounts; returns the month → amount map."""
        if method not in rules.METHODS:
            raise DuesError(N_("请选择交纳方式"), field="method")
        if paid_on > today:
            raise DuesError(N_("交纳日期不能晚于今天"), field="paid_on")
        payer = (payer or "").strip()
        if method == "proxy" and not payer:
            raise DuesError(N_("他人代缴须填写代缴人"), field="payer")
        months = sorted(months)
        error = rules.payment_months_error(months, first_month, today, policy)
        if error:
            raise DuesError(error[1], field=error[0])
        taken = [m for m in months if month_key(m) in self.paid]
        if taken:
            raise DuesError(N_("%(taken)s 已交纳（收据 %(paid)s）"),
                            taken=month_key(taken[0]), paid=self.paid[month_key(taken[0])],
                            field="months")
        account = obligations_account(self.member_id, self.member_name, first_month, self.bases, self.reliefs)
        amounts, voluntary, total = payment_amounts(account, months, voluntary, rule_sets)
        self._paid(receipt_no=receipt_no, months=amounts, total=total, voluntary=voluntary,
                   method=method, payer=payer, paid_on=paid_on, note=(note or "").strip(),
                   late=paid_on < today,
                   backpay_flag=rules.is_backpay_beyond_limit(months, paid_on, policy),
                   prepaid=sum(1 for m in months if m > rules.month_of(paid_on)))
        return amounts

    @event("Paid")
    def _paid(self, receipt_no: str, months: dict, total: Decimal, voluntary: Decimal, method: str,
              payer: str, paid_on: date, note: str, late: bool, backpay_flag: bool, prepaid: int) -> None:
        self.payments[receipt_no] = {"months": dict(months), "total": str(total), "reversed": False}
        for month in months:
            self.paid[month] = receipt_no

    def reverse(self, receipt_no: str, reason: str, reversed_on: date) -> None:
        """Reverse a wrong payment (冲正) with a new entry; the original stays visible."""
        payment = self.payments.get(receipt_no)
        if payment is None:
            raise DuesError(N_("没有这张收据"), field="receipt_no")
        if payment["reversed"]:
            raise DuesError(N_("收据 %(receipt_no)s 已冲正"), receipt_no=receipt_no, field="receipt_no")
        reason = require(reason, "reason", "冲正须说明原因")
        self._reversed(receipt_no=receipt_no, reason=reason, reversed_on=reversed_on,
                       months=sorted(payment["months"]), total=Decimal(payment["total"]))

    @event("Reversed")
    def _reversed(self, receipt_no: str, reason: str, reversed_on: date, months: list,
                  total: Decimal) -> None:
        self.payments[receipt_no]["reversed"] = True
        for month in months:
            if self.paid.get(month) == receipt_no:
                del self.paid[month]


    # -- paid elsewhere (流动党员在流入地党组织交纳) ---------------------------------------------------
    def record_paid_elsewhere(self, months: list[date], organisation: str, amount, proof_no: str,
                              paid_on: date, today: date, first_month: date, proof_file: dict | None = None,
                              note: str = "") -> str:
        """A member away paid these months where they are (流入地党组织) or online: they count as paid
        here; the money is not the branch's (no receipt, fund or collection). Returns the key (外N)."""
        months, organisation, amount, proof_no = checked_elsewhere(
            months, organisation, amount, proof_no, paid_on, today, first_month, self.paid)
        key = f"外{len(getattr(self, 'elsewhere', None) or {}) + 1}"
        self._paid_elsewhere(key=key, months=[month_key(m) for m in months], organisation=organisation,
                             amount=amount, proof_no=proof_no, proof_file=dict(proof_file) if proof_file else None,
                             paid_on=paid_on, note=(note or "").strip())
        return key

    @event("PaidElsewhere")
    def _paid_elsewhere(self, key: str, months: list, organisation: str, amount: Decimal, proof_no: str,
                        proof_file: dict | None, paid_on: date, note: str) -> None:
        self.elsewhere = getattr(self, "elsewhere", None) or {}
        self.elsewhere[key] = {"months": list(months), "organisation": organisation, "amount": str(amount)}
        for month in months:
            self.paid[month] = key

    def withdraw_paid_elsewhere(self, key: str, reason: str) -> None:
        """Withdraw a wrong entry of dues paid elsewhere (撤销) with a new entry: its months are unpaid
        again; the entry stays, marked withdrawn (entries kept before withdrawals existed have no mark)."""
        entry = (getattr(self, "elsewhere", None) or {}).get(key)
        if entry is None:
            raise DuesError(N_("没有这条在外地交纳的记录"), field="key")
        if entry.get("withdrawn"):
            raise DuesError(N_("%(key)s 已撤销"), key=key, field="key")
        reason = require(reason, "reason", N_("撤销须说明原因"))
        self._paid_elsewhere_withdrawn(key=key, reason=reason, months=list(entry["months"]),
                                       amount=Decimal(entry["amount"]))

    @event("PaidElsewhereWithdrawn")
    def _paid_elsewhere_withdrawn(self, key: str, reason: str, months: list, amount: Decimal) -> None:
        self.elsewhere[key] = {**self.elsewhere[key], "withdrawn": True}
        for month in months:
            if self.paid.get(month) == key:
                del self.paid[month]


class ReceiptBook(FlatCopy, Aggregate):
    """The receipt numbers of one school and year (党费收据编号), handed out in order.

    Version 2 keeps which account each number went to. A snapshot taken by version 1 does not
    have that map: it is restored with ``accounts = None`` (``knows_accounts`` is false) and the
    service rebuilds such a book from its events, which always had the account.
    """

    snapshot_interval = 100
    flat_containers = ("accounts",)
    class_version = 2

    @staticmethod
    def create_id(tenant: str, year: int, **_):
        return natural_id(tenant, "dues.receipts", year)

    @staticmethod
    def upcast_v1_v2(state: dict) -> None:
        state["accounts"] = None

    @event("Opened")
    def __init__(self, tenant: str, year: int):
        self.year = year
        self.last = 0
        self.accounts: dict | None = {}   # number (as text) → account id

    def issue(self, account_id) -> str:
        self._issued(year=self.year, number=self.last + 1, account_id=str(account_id))
        return rules.receipt_no(self.year, self.last)

    @event("Issued")
    def _issued(self, year: int, number: int, account_id: str) -> None:
        self.last = number
        if self.accounts is not None:
            self.accounts[str(number)] = account_id

    @property
    def knows_accounts(self) -> bool:
        return self.accounts is not None

    def account_of(self, number: int) -> str:
        """The account that receipt ``number`` of this book was issued to."""
        account_id = (self.accounts or {}).get(str(number))
        if account_id is None:
            raise DuesError(N_("%(year)s 年没有第 %(number)s 号收据"), year=self.year, number=number, field="receipt_no")
        return account_id


# the branch's money (党费结存, 上缴) lives beside, under this module's topics
from plugins.dues.domain.funds import DuesFund, Remittance  # noqa: E402

__all__ = ["DuesAccount", "DuesError", "DuesFund", "ReceiptBook", "Remittance"]
