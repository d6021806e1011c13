"""District pages (/district/plans): the budget rule's versions (the district adds one from a day) and
the activity room checklist across schools (a page of schools at a time, and Excel)."""
from __future__ import annotations

from flask import render_template, url_for

from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from core.web import int_arg
from plugins.plans import present, queries, services
from plugins.plans.schemas import BudgetRuleSchema
from plugins.plans.web import district_bp, handle


def _render_rules(status: int = 200):
    k = kernel()
    versions = present.budget_rules_out(queries.rule_table(k), queries.list_budget_rules(k), k.today())
    return render_template("plans/district/rules.html", versions=versions, today=k.today()), status


@district_bp.route("/budget-rules")
@requires("plans.district_view")
def budget_rules():
    return _render_rules()


@district_bp.route("/budget-rules", methods=["POST"])
@requires("plans.district_admin")
def budget_rule_add():
    def act():
        d = form_input(BudgetRuleSchema())
        services.add_budget_rule(kernel(), d["effective_from"], d["per_member"], d["minimum"], d["note"])
        return url_for("plans_district.budget_rules")
    return handle(act, N_("已增加党建经费标准版本；各校重新核定预算时按执行日期适用。"), _render_rules)


def room_page(page: int) -> dict:
    """A page of schools with their room checklists."""
    k = kernel()
    found = queries.schools_page(k, page)
    status = queries.room_overview(k, [r.slug for r in found.items], k.today())
    return {"page": found, "schools": [present.room_school_out(r.slug, r.name, status[r.slug]) for r in found.items]}


@district_bp.route("/room")
@requires("plans.district_view")
def room():
    data = room_page(int_arg("page", 1) or 1)
    return render_template("plans/district/room.html", **data)


@district_bp.route("/room.xlsx")
@requires("plans.district_view")
def room_export():
    rows, page = [], 1
    while True:
        data = room_page(page)
        for s in data["schools"]:
            if not s["enabled"]:
                rows.append((s["name"], "", "", "", "未启用本功能"))
            for e in s["elements"]:
                rows.append((s["name"], e["element"], e["last_checked"] or "",
                             "" if e["present"] is None else ("齐全" if e["present"] else "缺失或不合要求"),
                             e["problem"] or ""))
        if not data["page"].has_next:
            break
        page += 1
    return xlsx_response("各校党员活动室检查情况.xlsx",
                         [("活动室检查", ["学校", "检查项目", "最近检查", "结果", "需要注意"], rows)])
