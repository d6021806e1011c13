"""The dues money a branch holds (``DuesFund``, 党费结存) and what it remits (``Remittance``, 党费上缴).
Defined here, stored under the topics of ``plugins.dues.domain`` (``core.aggregates.keeps_topics``)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from eventsourcing.domain import Aggregate, event

from core.aggregates import FlatCopy, keeps_topics
from core.errors import N_
from core.ids import natural_id
from plugins.dues import rules
from plugins.dues.domain.errors import DuesError, require
from plugins.dues.rules import month_key


@keeps_topics("plugins.dues.domain")
class DuesFund(FlatCopy, Aggregate):
    """The dues money a branch holds (党费结存): collected, less reversed, less remitted.

    Schools took payments before it existed: it is opened from the school's own log, with the
    figures it was derived from.
    """

    snapshot_interval = 100

    @staticmethod
    def create_id(tenant: str, **_):
        return natural_id(tenant, "dues.fund")

    @event("Opened")
    def __init__(self, tenant: str, held: Decimal, derived_from: dict):
        self.held = Decimal(held)

    def receive(self, receipt_no: str, amount) -> None:
        self._received(receipt_no=receipt_no, amount=Decimal(amount))

    @event("PaymentReceived")
    def _received(self, receipt_no: str, amount: Decimal) -> None:
        self.held += amount

    def pay_back(self, receipt_no: str, amount) -> None:
        """A reversed payment leaves the fund (a reversal is never refused for want of money)."""
        self._paid_back(receipt_no=receipt_no, amount=Decimal(amount))

    @event("PaymentReversed")
    def _paid_back(self, receipt_no: str, amount: Decimal) -> None:
        self.held -= amount

    def check_can_remit(self, amount) -> None:
        if Decimal(amount) > self.held:
            raise DuesError(N_("上缴金额 ¥%(amount)s 超过支部结存（¥%(held)s），不能上缴"),
                            amount=amount, held=self.held, field="amount")

    def remit(self, remittance_id, amount) -> None:
        self.check_can_remit(amount)
        self._remitted(remittance_id=str(remittance_id), amount=Decimal(amount))

    @event("Remitted")
    def _remitted(self, remittance_id: str, amount: Decimal) -> None:
        self.held -= amount

    def restore(self, remittance_id, amount) -> None:
        """A cancelled remittance (冲正) comes back into the fund."""
        self._restored(remittance_id=str(remittance_id), amount=Decimal(amount))

    @event("RemittanceCancelled")
    def _restored(self, remittance_id: str, amount: Decimal) -> None:
        self.held += amount


@keeps_topics("plugins.dues.domain")
class Remittance(Aggregate):
    """Dues remitted to the higher party committee (上缴党费)."""

    @event("Recorded")
    def __init__(self, period_from: str, period_to: str, amount: Decimal, remitted_on: date,
                 reference: str, recipient: str, note: str):
        self.amount = amount
        self.cancelled = False

    @classmethod
    def record(cls, period_from: date, period_to: date, amount, remitted_on: date, today: date,
               reference: str, recipient: str, note: str = "") -> "Remittance":
        if period_to < period_from:
            raise DuesError(N_("所属期间的结束月份不能早于起始月份"), field="period_to")
        if remitted_on > today:
            raise DuesError(N_("上缴日期不能晚于今天"), field="remitted_on")
        amount = rules.to_fen(amount)
        if amount <= 0:
            raise DuesError(N_("上缴金额应大于零"), field="amount")
        reference = require(reference, "reference", "请填写上缴凭证号（转账流水号或收据号）")
        return cls(period_from=month_key(period_from), period_to=month_key(period_to), amount=amount,
                   remitted_on=remitted_on, reference=reference, recipient=(recipient or "").strip(),
                   note=(note or "").strip())

    def cancel(self, reason: str) -> None:
        if self.cancelled:
            raise DuesError(N_("该上缴记录已冲正"), field="reason")
        self._cancelled(reason=require(reason, "reason", "冲正须说明原因"), amount=self.amount)

    @event("Cancelled")
    def _cancelled(self, reason: str, amount: Decimal) -> None:
        self.cancelled = True
