"""What the plans plugin hands to shared pages: navigation, the home widget, alerts and district
figures. Read-only; plugin.py delegates here."""
from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from uuid import UUID

from core.errors import N_
from core.kernel import Kernel
from core.money import from_fen, yuan
from core.plugins import ReportPeriod, SummaryFact, summary_facts_from
from core.plugins import Alert, Figure, NavItem, RecordLink, ReportFigure, Widget
from core.tenancy.queries import records_from
from plugins.plans import queries, rules


def nav_items() -> list[NavItem]:
    return [NavItem(label="年度工作计划", endpoint="plans.plan", order=45),
            NavItem(label="党建经费", endpoint="plans.funds", order=46),
            NavItem(label="党员活动室", endpoint="plans.room", order=47)]


def district_nav_items() -> list[NavItem]:
    return [NavItem(label="党建经费与活动室", endpoint="plans_district.room", order=46)]


def _summary(k: Kernel, tenant: str, today: date) -> dict:
    def compute():
        view = queries.plan_view(k, tenant, today.year, today)
        budget = queries.get_budget(k, tenant, today.year)
        room = queries.room_status(k, tenant, today)
        return {"view": view, "budget": budget, "room": room}
    return k.per_request(("plans.summary", tenant, today), compute)


def home_widgets(k: Kernel, tenant: str, today: date) -> list[Widget]:
    s = _summary(k, tenant, today)
    view, budget = s["view"], s["budget"]
    context = {"year": today.year, "has_plan": view is not None,
               "adopted": bool(view and view["plan"].status == "adopted"),
               "total": len(view["items"]) if view else 0,
               "done": view["counts"].get("done", 0) if view else 0,
               "late": view["counts"].get("late", 0) if view else 0,
               "left": yuan(from_fen(budget.amount_fen - budget.spent_fen)) if budget else None,
               "room_problems": sum(1 for r in s["room"] if r["problem"])}
    return [Widget(title="年度计划与经费", template="plans/widgets/summary.html", context=context, order=45)]


def _adopt_deadline(year: int, settings: dict) -> date:
    month = int(settings["adopt_by_month"])
    return date(year, month, calendar.monthrange(year, month)[1])


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    out: list[Alert] = []
    settings = queries.get_settings(k, tenant)
    start = records_from(k, tenant) or today
    s = _summary(k, tenant, today)
    view = s["view"]
    deadline = _adopt_deadline(today.year, settings)
    values = {"tenant": tenant, "year": today.year}
    if today > deadline and start <= deadline and (view is None or view["plan"].status != "adopted"):
        out.append(Alert("warning", N_("%(year)s 年度党建工作计划尚未经支委会通过（应在 %(deadline)s 前通过）",
                                       year=today.year, deadline=deadline.isoformat()),
                         source="plans", due=deadline, action="plans.edit", endpoint="plans.plan", values=values))
    for row in (view["items"] if view else []):
        item, progress = row["item"], row["progress"]
        if progress.status == "late" and item.due_on >= start:
            out.append(Alert("danger", rules.late_reason(item.what, item.due_on, progress), source="plans",
                             due=item.due_on, action="plans.edit", endpoint="plans.plan", values=values))
    first_half = rules.half_end(today.year, 1)
    if view and view["plan"].status == "adopted" and today > first_half and start <= first_half \
            and not any(r.half == 1 for r in view["reviews"]):
        out.append(Alert("warning", N_("上半年的党建工作专题会议尚未检查 %(year)s 年度计划的落实情况（应在 %(end)s 后"
                                       "召开并在计划中登记）", year=today.year, end=first_half.isoformat()),
                         source="plans", due=first_half, action="plans.edit", endpoint="plans.plan", values=values))
    budget = s["budget"]
    if budget is not None and budget.spent_fen > budget.amount_fen:
        out.append(Alert("warning", N_("%(year)s 年党建经费支出 %(spent)s，超过预算 %(budget)s",
                                       year=today.year, spent=yuan(from_fen(budget.spent_fen)),
                                       budget=yuan(from_fen(budget.amount_fen))),
                         source="plans", action="plans.edit", endpoint="plans.funds", values=values))
    unchecked = [r["element"] for r in s["room"] if r["problem"] and (r["latest"] is None or r["latest"].on.year < today.year)]
    missing = [r["element"] for r in s["room"] if r["problem"] and r["latest"] is not None
               and r["latest"].on.year == today.year]
    if unchecked:
        out.append(Alert("warning", N_("党员活动室有 %(n)s 项今年尚未检查：%(names)s（每年至少检查一次）",
                                       n=len(unchecked), names="、".join(unchecked)),
                         source="plans", due=date(today.year, 12, 31), action="plans.edit", endpoint="plans.room",
                         values={"tenant": tenant}))
    if missing:
        out.append(Alert("danger", N_("党员活动室有 %(n)s 项最近一次检查时缺失或不合要求：%(names)s",
                                      n=len(missing), names="、".join(missing)),
                         source="plans", action="plans.edit", endpoint="plans.room", values={"tenant": tenant}))
    return out


def record_links(k: Kernel, tenant: str, record: str, record_id) -> list[RecordLink]:
    """On a meeting's page: the plan adopted at it, the plan it reviewed (and which half), the activity
    funds spent on it. On a record that a spending was booked from (a care visit): that it was, with
    what is left of the year's funds."""
    if record == "care.visit":
        return _booked_links(k, tenant, record_id)
    if record != "meetings.meeting":
        return []
    refs = queries.meeting_refs(k, tenant, record_id)
    out = [RecordLink(N_("通过《%(title)s》", title=r.title), "plans.plan", {"tenant": tenant, "year": r.year}, 1)
           for r in refs["adopted"]]
    out += [RecordLink(N_("%(half)s检查《%(title)s》落实情况", half=rules.HALVES[r.half], title=r.title), "plans.plan",
                       {"tenant": tenant, "year": r.year}, 2) for r in refs["reviewed"]]
    out += [RecordLink(N_("党建经费支出 %(amount)s", amount=yuan(from_fen(r.amount_fen))), "plans.funds",
                       {"tenant": tenant, "year": r.year}, 3) for r in refs["spent"]]
    return out


def _booked_links(k: Kernel, tenant: str, record_id) -> list[RecordLink]:
    try:
        spending = queries.spending_of_source(k, tenant, UUID(str(record_id)))
    except ValueError:
        return []
    if spending is None:
        return []
    budget = queries.get_budget(k, tenant, spending.year)
    left = from_fen(budget.amount_fen - budget.spent_fen) if budget else Decimal(0)
    return [RecordLink(N_("已计入党组织活动经费（余额 %(left)s）", left=yuan(left)), "plans.funds",
                       {"tenant": tenant, "year": spending.year}, 1)]


def district_figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    s = _summary(k, tenant, today)
    view, budget = s["view"], s["budget"]
    plan_word = ("已通过" if view and view["plan"].status == "adopted" else "草拟中" if view else "未制定")
    done = view["counts"].get("done", 0) if view else 0
    late = view["counts"].get("late", 0) if view else 0
    spent = round(100 * budget.spent_fen / budget.amount_fen, 1) if budget and budget.amount_fen else None
    return [Figure("plans.plan", "年度计划", plan_word, "", status="ok" if plan_word == "已通过" else "warning",
                   order=45),
            Figure("plans.items_done", "计划事项已完成", done, "项", order=46),
            Figure("plans.items_late", "计划事项逾期", late, "项", status="danger" if late else "ok", order=47),
            Figure("plans.funds_spent", "党建经费执行率", spent if spent is not None else "—", "%", order=48),
            Figure("plans.room_problems", "活动室待检查项目", sum(1 for r in s["room"] if r["problem"]), "项",
                   order=49)]


def report_figures(k: Kernel, tenant: str, period) -> list[ReportFigure]:
    """Activity funds (党建活动经费): the year's budget, and what was spent during the period (by the
    day it was spent). A year without a budget set answers 0."""
    budget = queries.get_budget(k, tenant, period.last.year)
    spent = sum(r.amount_fen for r in queries.list_spendings(k, tenant, period.last.year)
                if period.first <= r.on <= period.last)
    return [ReportFigure("plans.funds.budget", N_("党建活动经费预算（年度）"), from_fen(budget.amount_fen if budget else 0), "元", 70),
            ReportFigure("plans.funds.spent", N_("党建活动经费支出（期内）"), from_fen(spent), "元", 71)]


SUMMARY_SENTENCES = {
    "plans.funds.spent": ("mechanism", "全年使用党建活动经费{value}{unit}。"),
}


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """The year's figures for the work summary (年度党建工作总结), each with its sentence and source."""
    values = {"tenant": tenant, "year": year} if "plans.plan" in ("plans.plan", "dues.publication") else {"tenant": tenant}
    return summary_facts_from(report_figures(k, tenant, ReportPeriod.parse(str(year))), SUMMARY_SENTENCES,
                              "plans.plan", values)
