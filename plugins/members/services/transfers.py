"""Commands on transfers of membership (组织关系转接): out, in, receipt returned."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, check_version
from core.kernel import Kernel
from core.retrying import retrying
from plugins.members import rules
from plugins.members.domain import Member, MemberError, Transfer
from plugins.members.services.members import check_plausible
from plugins.members.services.register import RETRIES, clean, load, save_members, was
from plugins.members.services.settings import org_rules


_LABELS = {"issued_on": "开具日期", "on": "回执返回日期"}


def transfer_out(k: Kernel, tenant: str, member_id: UUID, letter_no: str, other_org: str,
                 issued_on: date, valid_until: date | None = None, dues_paid_to: str | None = None,
                 expected_version: int | None = None, *, typed: bool = False) -> Transfer:
    """Issue a letter of introduction: the member leaves the roll (已转出) on the issue date.
    ``typed``: typed in now, so the issue date cannot lie in the future."""
    if typed:
        check_plausible(k, {}, dates={"issued_on": issued_on}, labels=_LABELS)
    months = org_rules(k, tenant, issued_on).transfer_validity_months
    valid_until = valid_until or rules.add_months(issued_on, months)

    def attempt() -> Transfer:
        member = load(k, tenant, member_id, expected_version)
        before = was(member)
        transfer = Transfer.issue("out", str(member.id), member.fields.get("name"), letter_no, other_org,
                                  issued_on, valid_until, dues_paid_to, months)
        reason = f"组织关系转出至{other_org.strip()}（{letter_no.strip()}）"
        member.change_status("transferred_out", issued_on, reason)
        save_members(k, tenant, [(member, *before)], transfer, reason=reason)
        return transfer
    return retrying(attempt, RETRIES)


def transfer_in(k: Kernel, tenant: str, letter_no: str, other_org: str, issued_on: date,
                valid_until: date | None = None, dues_paid_to: str | None = None,
                fields: dict | None = None, status: str = "full", member_id: UUID | None = None,
                expected_version: int | None = None, *, typed: bool = False) -> Transfer:
    """Receive a member: a new registration from ``fields``, or the return of a member who had
    transferred out (``member_id``). ``typed``: typed in now, so the issue date cannot lie in the
    future and a new member's fields must be plausible."""
    if typed:
        check_plausible(k, (fields or {}) if member_id is None else {}, dates={"issued_on": issued_on}, labels=_LABELS)
    months = org_rules(k, tenant, issued_on).transfer_validity_months
    valid_until = valid_until or rules.add_months(issued_on, months)
    reason = f"组织关系由{(other_org or '').strip()}转入（{(letter_no or '').strip()}）"
    fields = clean(fields or {})

    def attempt() -> Transfer:
        if member_id is not None:
            member = load(k, tenant, member_id, expected_version)
            if member.status != "transferred_out":
                raise MemberError(N_("只有已转出的党员可以重新转入"), field="member_id")
            before = was(member)
            back = "full" if member.fields.get("converted_on") else "probationary"
            member.change_status(back, issued_on, reason)
        else:
            member, before = Member.register(fields, status=status, source="transfer_in"), (None, False)
        transfer = Transfer.issue("in", str(member.id), member.fields.get("name"), letter_no, other_org,
                                  issued_on, valid_until, dues_paid_to, months)
        save_members(k, tenant, [(member, *before)], transfer)
        return transfer
    return retrying(attempt, RETRIES)


def return_receipt(k: Kernel, tenant: str, transfer_id: UUID, on: date,
                   expected_version: int | None = None, *, typed: bool = False) -> Transfer:
    if typed:
        check_plausible(k, {}, dates={"on": on}, labels=_LABELS)
    transfer = k.get(tenant, transfer_id, Transfer)
    check_version(transfer, expected_version)
    transfer.return_receipt(on)
    k.save(tenant, transfer)
    return transfer
