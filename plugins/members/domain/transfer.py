"""A transfer of membership (组织关系转接). Re-exported by ``plugins.members.domain``."""
from __future__ import annotations

from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from plugins.members import rules
from plugins.members.domain.errors import MemberError, refuse


@keeps_topics("plugins.members.domain")
class Transfer(Aggregate):
    """A transfer of membership (组织关系转接), out of this branch or into it."""

    @event("Issued")
    def __init__(self, direction: str, member_id: str, member_name: str, letter_no: str,
                 other_org: str, issued_on: date, valid_until: date, dues_paid_to: str | None,
                 note: str = ""):
        self.direction = direction
        self.member_id = member_id
        self.member_name = member_name
        self.letter_no = letter_no
        self.other_org = other_org
        self.issued_on = issued_on
        self.valid_until = valid_until
        self.dues_paid_to = dues_paid_to
        self.receipt_returned_on: date | None = None

    @classmethod
    def issue(cls, direction: str, member_id: str, member_name: str, letter_no: str, other_org: str,
              issued_on: date, valid_until: date, dues_paid_to: str | None, validity_months: int,
              note: str = "") -> "Transfer":
        refuse(rules.letter_error(direction, letter_no, other_org, issued_on, valid_until, dues_paid_to,
                                  validity_months))
        return cls(direction=direction, member_id=member_id, member_name=member_name,
                   letter_no=letter_no.strip(), other_org=other_org.strip(), issued_on=issued_on,
                   valid_until=valid_until, dues_paid_to=dues_paid_to or None, note=note)

    def return_receipt(self, on: date) -> None:
        if self.receipt_returned_on is not None:
            raise MemberError(N_("回执已登记"), field="receipt")
        if on < self.issued_on:
            raise MemberError(N_("回执日期不能早于介绍信开具日期"), field="on")
        self._receipt(on=on)

    @event("ReceiptReturned")
    def _receipt(self, on: date) -> None:
        self.receipt_returned_on = on
