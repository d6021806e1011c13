"""Pages of activity funds (党建经费): the year's budget, spendings with receipts, the statement."""
from __future__ import annotations

from flask import render_template, url_for

from core.context import set_reason
from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from core.record_links import record_links
from plugins.meetings import public as meetings
from plugins.plans import present, queries, rules, services
from plugins.plans.schemas import BudgetSchema, SpendingSchema, WithdrawSchema
from plugins.plans.web import bp, handle, tenant, uploads, year_arg


def _render_funds(year: int, status: int = 200):
    k, t = kernel(), tenant()
    budget = queries.get_budget(k, t, year)
    effective, rule = rules.budget_rule(k.today(), queries.get_settings(k, t), queries.rule_table(k))
    held = [m for m in meetings.list_meetings(k, t, year=year) if m["status"] == "held"]
    spendings = queries.list_spendings(k, t, year)
    # a spending booked from another plugin's record links back to it (zhibu_record_links)
    sources = {f"{r.source_kind}:{r.source_id}": record_links(k, t, "plans.spending", f"{r.source_kind}:{r.source_id}")
               for r in spendings if r.source_id is not None}
    return render_template("plans/funds.html", year=year, today=k.today(), budget=budget, sources=sources,
                           booked_from=rules.booked_from,
                           s=present.statement(year, budget, spendings),
                           rule=rule, rule_from=effective, meetings=held), status


@bp.route("/funds")
@requires("plans.view")
def funds():
    return _render_funds(year_arg())


@bp.route("/funds/budget", methods=["POST"])
@requires("plans.edit")
def budget_set():
    year = year_arg()

    def act():
        d = form_input(BudgetSchema())
        services.set_budget(kernel(), tenant(), year, d.get("expected_version"))
        return url_for("plans.funds", year=year)
    return handle(act, N_("已按标准核定经费预算。"), lambda s: _render_funds(year, s))


@bp.route("/funds/spendings", methods=["POST"])
@requires("plans.edit")
def spending_new():
    year = year_arg()

    def act():
        d = form_input(SpendingSchema())
        receipts = services.store_files(kernel(), uploads("receipts"))
        services.record_spending(kernel(), tenant(), year, d["on"], d["amount"], d["purpose"], d.get("meeting_id"),
                                 d.get("activity"), receipts, d.get("expected_version"))
        return url_for("plans.funds", year=year)
    return handle(act, N_("已登记经费支出。"), lambda s: _render_funds(year, s))


@bp.route("/funds/spendings/<entry_id>/withdraw", methods=["POST"])
@requires("plans.edit")
def spending_withdraw(entry_id: str):
    year = year_arg()

    def act():
        d = form_input(WithdrawSchema())
        set_reason(d["reason"])
        services.withdraw_spending(kernel(), tenant(), year, entry_id, d["reason"], d["expected_version"])
        return url_for("plans.funds", year=year)
    return handle(act, N_("已撤销这笔支出。"), lambda s: _render_funds(year, s))


@bp.route("/funds/export.xlsx")
@requires("plans.view")
def funds_export():
    k, t, year = kernel(), tenant(), year_arg()
    budget = queries.get_budget(k, t, year)
    s = present.statement(year, budget, queries.list_spendings(k, t, year))
    summary = [("年度", year), ("党员人数", s["members"] if budget else ""),
               ("每名党员（元）", s["per_member"] or ""), ("每支部不少于（元）", s["minimum"] or ""),
               ("预算（元）", s["budget"] if budget else ""), ("已支出（元）", s["spent"]),
               ("结余（元）", s["left"] if budget else "")]
    rows = [(r["entry_id"], r["on"], r["amount"], r["purpose"], r["meeting_title"] or r["activity"] or "",
             len(r["receipts"]), "已撤销：" + (r["withdraw_reason"] or "") if r["withdrawn"] else "")
            for r in s["spendings"]]
    return xlsx_response(f"党建经费-{year}.xlsx", [
        ("收支情况", ["项目", "数值"], summary),
        ("支出明细", ["编号", "日期", "金额（元）", "事由", "用于", "票据（份）", "备注"], rows)])
