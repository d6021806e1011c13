"""Transfers of membership (组织关系转接): letter validity and overdue receipts."""
from __future__ import annotations
from core.errors import N_

import re
from datetime import date

from plugins.members.rules.dates import add_months


DIRECTIONS = {"out": "转出", "in": "转入"}
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def transfer_errors(issued_on: date, valid_until: date, dues_paid_to: str | None,
                    validity_months: int) -> dict:
    errors = {}
    if valid_until < issued_on:
        errors["valid_until"] = N_("有效期不能早于开具日期")
    elif valid_until > add_months(issued_on, validity_months):
        errors["valid_until"] = N_("介绍信有效期最长 %(validity_months)s 个月", validity_months=validity_months)
    if dues_paid_to and not _MONTH.match(dues_paid_to):
        errors["dues_paid_to"] = N_("党费交至应为 年-月，如 2026-10")
    return errors


def transfer_overdue(direction: str, valid_until: date, receipt_returned: bool, today: date) -> bool:
    """An outgoing letter past its validity without the receipt back is overdue."""
    return direction == "out" and not receipt_returned and today > valid_until


def letter_error(direction: str, letter_no: str | None, other_org: str | None, issued_on: date,
                 valid_until: date, dues_paid_to: str | None, validity_months: int) -> tuple[str, str] | None:
    """(field, sentence) when a letter of introduction cannot be issued or registered, else None."""
    if direction not in DIRECTIONS:
        return "direction", N_("转接方向应为转出或转入")
    if not (letter_no or "").strip():
        return "letter_no", N_("请填写介绍信编号")
    if not (other_org or "").strip():
        return "other_org", "请填写" + ("接收" if direction == "out" else "转出") + "党组织"
    errors = transfer_errors(issued_on, valid_until, dues_paid_to, validity_months)
    return next(iter(errors.items()), None)
