"""Commands of care for members and members away: the only writers (the school's log)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from core.errors import N_, NotFoundError, check_version
from core.kernel import Kernel
from plugins.care import queries, rules
from plugins.care.domain import AwayRecord, CareError, HardshipCase, Visit
from plugins.members import public as members
from plugins.plans import public as funds


def hardship_kinds(k: Kernel, tenant: str) -> list[str]:
    """The school's list of hardship kinds (settings), or the default list."""
    text = k.settings(tenant, "care")["hardship_kinds"]
    kinds = [part.strip() for part in text.replace(",", "、").replace("，", "、").split("、") if part.strip()]
    return kinds or list(rules.HARDSHIP_KINDS)


def _member(k: Kernel, tenant: str, member_id: UUID):
    member = members.get_member(k, tenant, member_id)
    if member is None or member.status not in members.ON_ROLL:
        raise CareError(N_("本支部没有这名党员"), field="member_id")
    return member


def _get(k: Kernel, tenant: str, item_id: UUID, cls, expected_version: int | None):
    record = k.get_or_none(tenant, item_id, cls)
    if record is None:
        raise NotFoundError(N_("没有这条记录"))
    check_version(record, expected_version)
    return record


def open_hardship(k: Kernel, tenant: str, member_id: UUID, kind: str, since: date, situation: str = "") -> HardshipCase:
    member = _member(k, tenant, member_id)
    case = HardshipCase.open(member.id, member.name, kind, since, situation, hardship_kinds(k, tenant), k.today())
    k.save(tenant, case)
    return case


def give_help(k: Kernel, tenant: str, hardship_id: UUID, what: str, on: date, cost, by: str,
              expected_version: int | None = None) -> HardshipCase:
    case = _get(k, tenant, hardship_id, HardshipCase, expected_version)
    case.give_help(what, on, cost, by, k.today())
    k.save(tenant, case)
    return case


def close_hardship(k: Kernel, tenant: str, hardship_id: UUID, on: date, reason: str,
                   expected_version: int | None = None) -> HardshipCase:
    case = _get(k, tenant, hardship_id, HardshipCase, expected_version)
    case.close(on, reason, k.today())
    k.save(tenant, case)
    return case


def _save_visit(k: Kernel, tenant: str, visit: Visit, reason: str = "") -> None:
    """Save the visit, its cost booked against the year's activity funds in the same write when the
    school keeps them in Zhibu (plans); a refusal there (no budget, over budget where forbidden) stores
    nothing and is the visit's refusal. Without plans the visit is saved alone, unless the school
    requires visits' costs to be booked (settings ``funds_required``)."""
    if "plans" not in k.enabled_plugins(tenant):
        if Decimal(visit.cost) > 0 and k.settings(tenant, "care").get("funds_required"):
            raise CareError(N_("本校要求慰问费用计入党组织活动经费，但未启用「年度计划与经费」模块"), field="cost")
        k.save(tenant, visit)
        return
    try:
        funds.book_spending(k, tenant, visit.on, Decimal(visit.cost), N_("走访慰问"), "care.visit", visit.id,
                            # no name: every member may read the funds' statement; the link back to
                            # the visit (committee only) names the member
                            f"走访慰问（{visit.on.isoformat()}）", reason=reason, save_with=(visit,))
    except funds.FundsRefused as refused:
        raise CareError(refused.template, field="on" if refused.field == "on" else "cost", **refused.params) from None


def record_visit(k: Kernel, tenant: str, member_id: UUID, on: date, by: str, what: str, cost=0,
                 occasion: str = "", funds_note: str = "") -> Visit:
    member = _member(k, tenant, member_id)
    visit = Visit.record(member.id, member.name, on, by, what, cost, occasion, funds_note, k.today())
    _save_visit(k, tenant, visit)
    return visit


def correct_visit_cost(k: Kernel, tenant: str, visit_id: UUID, cost, reason: str,
                       expected_version: int | None = None) -> Visit:
    """A visit's cost corrected with a reason; its booking in the activity funds is corrected with it
    (a new event there too), or withdrawn when the cost becomes zero."""
    visit = _get(k, tenant, visit_id, Visit, expected_version)
    visit.correct_cost(cost, reason)
    _save_visit(k, tenant, visit, reason=reason)
    return visit


def register_away(k: Kernel, tenant: str, member_id: UUID, kind: str, place: str, since: date,
                  keep_in_touch: str, certificate_no: str = "") -> AwayRecord:
    member = _member(k, tenant, member_id)
    if any(r.member_id == member.id for r in queries.list_away(k, tenant)):
        raise CareError(N_("该党员已登记为外出党员，尚未返回"), field="member_id")
    record = AwayRecord.register(member.id, member.name, kind, place, since, keep_in_touch, certificate_no, k.today())
    k.save(tenant, record)
    return record


def log_contact(k: Kernel, tenant: str, away_id: UUID, on: date, means: str, note: str = "",
                expected_version: int | None = None) -> AwayRecord:
    record = _get(k, tenant, away_id, AwayRecord, expected_version)
    record.log_contact(on, means, note, k.today())
    k.save(tenant, record)
    return record


def mark_returned(k: Kernel, tenant: str, away_id: UUID, on: date, note: str = "",
                  expected_version: int | None = None) -> AwayRecord:
    record = _get(k, tenant, away_id, AwayRecord, expected_version)
    record.mark_returned(on, note, k.today())
    k.save(tenant, record)
    return record
