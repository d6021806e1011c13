"""The API of the annual work plan (年度党建工作计划)."""
from __future__ import annotations

from uuid import UUID

from flask_smorest import abort
from marshmallow import Schema

from core.context import set_reason
from core.fields import Year
from core.kernel import kernel
from core.permissions import requires
from plugins.plans import present, queries, rules, services
from plugins.plans.schemas import (
    AdoptSchema, ItemSchema, PlanCreateSchema, PlanOutSchema, PlanReportSchema, RemoveSchema, ReviewSchema,
)
from plugins.plans.web import api_bp, api_files, found, tenant


class YearQuery(Schema):
    year = Year()


def _plan(year: int) -> dict:
    k = kernel()
    today = k.today()
    view = queries.plan_view(k, tenant(), year, today if today.year == year else rules.half_end(year, 2))
    if view is None:
        abort(404)
    return present.plan_out(view)


def _by_id(plan_id: UUID) -> dict:
    return _plan(found(queries.get_plan_by_id(kernel(), tenant(), plan_id)).year)


@api_bp.route("/plan")
@api_bp.arguments(YearQuery, location="query")
@api_bp.response(200, PlanOutSchema)
@requires("plans.view")
def api_plan(args):
    """一年的党建工作计划及每个事项的进度（关联记录的按记录统计）"""
    return _plan(args.get("year") or kernel().today().year)


@api_bp.route("/plan", methods=["POST"])
@api_bp.arguments(PlanCreateSchema)
@api_bp.response(201, PlanOutSchema)
@requires("plans.edit")
def api_plan_create(data):
    """起草年度党建工作计划"""
    services.draft_plan(kernel(), tenant(), data["year"], data.get("title"))
    return _plan(data["year"])


def _on_plan(plan_id: UUID, command, data) -> dict:
    found(queries.get_plan_by_id(kernel(), tenant(), plan_id))
    version = data.pop("expected_version")
    command(data, version)
    return _by_id(plan_id)


@api_bp.route("/plan/<uuid:plan_id>/items", methods=["POST"])
@api_bp.arguments(ItemSchema)
@api_bp.response(200, PlanOutSchema)
@requires("plans.edit")
def api_item_add(data, plan_id: UUID):
    """增加计划事项（可关联一类记录：某类会议、谈心谈话）"""
    data.pop("reason", None)
    return _on_plan(plan_id, lambda d, v: services.add_item(kernel(), tenant(), plan_id, d, v), data)


@api_bp.route("/plan/<uuid:plan_id>/items/<item_id>", methods=["POST"])
@api_bp.arguments(ItemSchema)
@api_bp.response(200, PlanOutSchema)
@requires("plans.edit")
def api_item_revise(data, plan_id: UUID, item_id: str):
    """修改计划事项（修改前后的值都会保留，可写明理由）"""
    if data.get("reason"):
        set_reason(data["reason"])
    values = {f: data.get(f) for f in ("what", "measure", "target", "owner", "due_on", "link")}
    return _on_plan(plan_id, lambda d, v: services.revise_item(kernel(), tenant(), plan_id, item_id, values, v),
                    data)


@api_bp.route("/plan/<uuid:plan_id>/items/<item_id>/remove", methods=["POST"])
@api_bp.arguments(RemoveSchema)
@api_bp.response(200, PlanOutSchema)
@requires("plans.edit")
def api_item_remove(data, plan_id: UUID, item_id: str):
    """删除计划事项（仅在计划通过之前）"""
    return _on_plan(plan_id, lambda d, v: services.remove_item(kernel(), tenant(), plan_id, item_id, v), data)


@api_bp.route("/plan/<uuid:plan_id>/items/<item_id>/reports", methods=["POST"])
@api_bp.arguments(PlanReportSchema)
@api_bp.response(200, PlanOutSchema)
@requires("plans.edit")
def api_item_report(data, plan_id: UUID, item_id: str):
    """报告未关联记录的事项的完成情况（可附证明材料）"""
    return _on_plan(plan_id, lambda d, v: services.report_progress(
        kernel(), tenant(), plan_id, item_id, d["on"], d["text"], d.get("done"), d.get("complete", False),
        api_files(d, "evidence"), v), data)


@api_bp.route("/plan/<uuid:plan_id>/adopt", methods=["POST"])
@api_bp.arguments(AdoptSchema)
@api_bp.response(200, PlanOutSchema)
@requires("plans.adopt")
def api_plan_adopt(data, plan_id: UUID):
    """登记支委会通过计划（关联会议，可关联决议）"""
    return _on_plan(plan_id, lambda d, v: services.adopt_plan(
        kernel(), tenant(), plan_id, d["meeting_id"], d.get("resolution_id"), v), data)


@api_bp.route("/plan/<uuid:plan_id>/reviews", methods=["POST"])
@api_bp.arguments(ReviewSchema)
@api_bp.response(200, PlanOutSchema)
@requires("plans.edit")
def api_plan_review(data, plan_id: UUID):
    """登记半年一次的党建工作专题会议对计划落实情况的检查"""
    return _on_plan(plan_id, lambda d, v: services.review_plan(
        kernel(), tenant(), plan_id, d["half"], d["meeting_id"], d["summary"], v), data)
