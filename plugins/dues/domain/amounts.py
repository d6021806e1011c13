"""What a payment for some months comes to: a dues account's recorded bases and reliefs as plain
data for the rules, and the amount each month owes."""
from __future__ import annotations
from core.errors import N_

from datetime import date
from decimal import Decimal

from plugins.dues.domain.errors import DuesError, require
from plugins.dues import rules
from plugins.dues.rules import month_key, obligations, parse_month


def obligations_account(member_id, name: str, first_month: date, bases: list[dict],
                        reliefs: list[dict]) -> obligations.Account:
    """An account's state (bases and reliefs as the events recorded them) as ``obligations.Account``."""
    return obligations.Account(
        member_id=member_id, name=name, first_month=first_month,
        bases=tuple(obligations.BaseEntry(parse_month(b["starts"]), b["category"], Decimal(b["base"]))
                    for b in bases),
        reliefs=tuple(obligations.Relief(parse_month(r["first"]), parse_month(r["last"]), r["kind"],
                                         Decimal(r["amount"])) for r in reliefs))


def payment_amounts(account: obligations.Account, months: list[date], voluntary,
                    rule_sets) -> tuple[dict[str, Decimal], Decimal, Decimal]:
    """(month "YYYY-MM" → the amount it owes, the voluntary extra, the total); refused for a month
    without a base or waived, and for a negative extra."""
    amounts = {}
    for month in months:
        due, _relief = obligations.due_for(account, month, rule_sets)
        if due is None:
            raise DuesError(N_("%(month)s 尚未登记党费基数，请先登记"), month=month_key(month), field="months")
        if due == 0:
            raise DuesError(N_("%(month)s 已批准免交，无需交纳"), month=month_key(month), field="months")
        amounts[month_key(month)] = due
    voluntary = rules.to_fen(voluntary or 0)
    if voluntary < 0:
        raise DuesError(N_("自愿多交金额不能为负数"), field="voluntary")
    return amounts, voluntary, sum(amounts.values(), rules.ZERO) + voluntary


def extra_over_owed(account: obligations.Account, months: list[date], amount, rule_sets) -> Decimal:
    """What a member handed over beyond the dues of ``months`` (a voluntary extra); refused when it is
    less than they owe: dues are paid monthly and in full (DOMAIN §2.2)."""
    owed = payment_amounts(account, months, 0, rule_sets)[2]
    try:
        amount = rules.to_fen(amount)
        if not amount.is_finite():
            raise ValueError(amount)
    except Exception as exc:  # noqa: BLE001 - any unreadable amount is the same user error
        raise DuesError(N_("金额应为数字（元，最多两位小数）"), field="amount") from exc
    if amount < owed:
        raise DuesError(N_("金额 ¥%(amount)s 少于应交 ¥%(owed)s：党费按月足额交纳"), amount=amount, owed=owed, field="amount")
    return amount - owed


def checked_elsewhere(months: list, organisation: str, amount, proof_no: str, paid_on, today, first_month,
                      paid: dict) -> tuple[list, str, Decimal, str]:
    """Dues paid elsewhere (流入地党组织) as recorded: its months (sorted), organisation, amount and proof
    number; refused when a month is missing, before the first month owed or already paid (``paid``:
    month → receipt), the day is after today, or the organisation, proof or amount is missing."""
    if not months:
        raise DuesError(N_("请选择在外地交纳的月份"), field="months")
    months = sorted(set(months))
    if paid_on > today:
        raise DuesError(N_("交纳日期不能晚于今天"), field="paid_on")
    if months[0] < first_month:
        raise DuesError(N_("%(month)s 早于应交起始月份 %(first)s"), month=month_key(months[0]),
                        first=month_key(first_month), field="months")
    taken = [m for m in months if month_key(m) in paid]
    if taken:
        raise DuesError(N_("%(taken)s 已交纳（收据 %(paid)s）"), taken=month_key(taken[0]),
                        paid=paid[month_key(taken[0])], field="months")
    organisation = require(organisation, "organisation", "请填写收取党费的党组织")
    proof_no = require(proof_no, "proof_no", "请填写收据或凭证号")
    amount = rules.to_fen(amount if amount not in (None, "") else -1)
    if amount <= 0:
        raise DuesError(N_("金额应大于零"), field="amount")
    return months, organisation, amount, proof_no
