"""The district's API of the plans plugin: the budget rule's versions, the room checklist across schools."""
from __future__ import annotations

from core.kernel import kernel
from core.permissions import requires
from plugins.plans import present, queries, services
from plugins.plans.schemas import BudgetRuleOutSchema, BudgetRuleSchema, PageQuerySchema, RoomPageOutSchema
from plugins.plans.web import district_api_bp
from plugins.plans.web.pages.district import room_page


def _rules() -> list[dict]:
    k = kernel()
    return present.budget_rules_out(queries.rule_table(k), queries.list_budget_rules(k), k.today())


@district_api_bp.route("/budget-rules")
@district_api_bp.response(200, BudgetRuleOutSchema(many=True))
@requires("plans.district_view")
def api_budget_rules():
    """党建经费标准的各个版本（新的在前），标明现行版本"""
    return _rules()


@district_api_bp.route("/budget-rules", methods=["POST"])
@district_api_bp.arguments(BudgetRuleSchema)
@district_api_bp.response(201, BudgetRuleOutSchema(many=True))
@requires("plans.district_admin")
def api_budget_rule_add(data):
    """增加党建经费标准的一个版本（自执行日期起适用；同一执行日期再登记即取代之前的）"""
    services.add_budget_rule(kernel(), data["effective_from"], data["per_member"], data["minimum"], data["note"])
    return _rules()


@district_api_bp.route("/room")
@district_api_bp.arguments(PageQuerySchema, location="query")
@district_api_bp.response(200, RoomPageOutSchema)
@requires("plans.district_view")
def api_room(args):
    """各校党员活动室检查情况（分页，每页 25 所学校）"""
    data = room_page(args["page"])
    page = data["page"]
    return {"page": page.page, "pages": page.pages, "total": page.total, "schools": data["schools"]}
