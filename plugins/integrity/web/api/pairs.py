"""The API of pairs (结对帮扶) and their visit logs."""
from __future__ import annotations

from uuid import UUID


from core.kernel import kernel
from core.permissions import require_object, requires
from plugins.integrity import queries, services
from plugins.integrity.present import hours
from plugins.integrity.schemas import (
    ClosePairSchema, PairOutSchema, PairSchema, PlanSchema, VisitOutSchema, VisitSchema,
)
from plugins.integrity.web import (
    api_bp, evidence_files, found, may_log_visit, may_see_helped, present_pair, tenant,
)


# -- pairs -------------------------------------------------------------------------------------------
def _pair(pair_id: UUID) -> dict:
    return present_pair(found(queries.get_pair(kernel(), tenant(), pair_id)))


@api_bp.route("/pairs")
@api_bp.response(200, PairOutSchema(many=True))
@requires("integrity.view")
def api_pairs():
    """结对帮扶列表（帮扶对象的姓名仅书记、纪检委员和结对党员可见，其他人看到缩写）"""
    return [present_pair(p) for p in queries.list_pairs(kernel(), tenant())]


@api_bp.route("/pairs", methods=["POST"])
@api_bp.arguments(PairSchema)
@api_bp.response(201, PairOutSchema)
@requires("integrity.edit")
def api_pair_create(data):
    """建立结对帮扶（党员↔个人/家庭，或支部↔单位）"""
    pair = services.form_pair(kernel(), tenant(), data["kind"], data["helped_kind"], data["helped_name"],
                              data["goals"], data.get("member_id"), data.get("helped_details", ""),
                              data.get("started_on"), data.get("partner_name"))
    return _pair(pair.id)


@api_bp.route("/pairs/<uuid:pair_id>")
@api_bp.response(200, PairOutSchema)
@requires("integrity.view")
def api_pair(pair_id: UUID):
    """结对帮扶详情"""
    return _pair(pair_id)


def _on_pair(pair_id: UUID, command, data, allowed=None) -> dict:
    row = found(queries.get_pair(kernel(), tenant(), pair_id))
    require_object(allowed is None or allowed(row))
    version = data.pop("expected_version")
    command(data, version)
    return _pair(pair_id)


@api_bp.route("/pairs/<uuid:pair_id>/visits")
@api_bp.response(200, VisitOutSchema(many=True))
@requires("integrity.view")
def api_pair_visits(pair_id: UUID):
    """帮扶记录（日期、内容、时长、证明材料）"""
    row = found(queries.get_pair(kernel(), tenant(), pair_id))
    return [{**v._mapping, "hours": hours(v.hours_x100),
             "evidence": v.evidence if may_see_helped(row) else []}
            for v in queries.list_visits(kernel(), tenant(), pair_id)]


@api_bp.route("/pairs/<uuid:pair_id>/visits", methods=["POST"])
@api_bp.arguments(VisitSchema)
@api_bp.response(201, PairOutSchema)
@requires("integrity.view")
def api_pair_visit(data, pair_id: UUID):
    """记录一次帮扶（已结束的结对不能再记录）"""
    return _on_pair(pair_id, lambda d, v: services.log_visit(kernel(), tenant(), pair_id, d["on"], d["what"],
                                                             d["hours"], evidence_files(d), v), data, allowed=may_log_visit)


@api_bp.route("/pairs/<uuid:pair_id>/plan", methods=["POST"])
@api_bp.arguments(PlanSchema)
@api_bp.response(200, PairOutSchema)
@requires("integrity.edit")
def api_pair_plan(data, pair_id: UUID):
    """修改帮扶计划（目标）"""
    return _on_pair(pair_id, lambda d, v: services.revise_pair_plan(kernel(), tenant(), pair_id, d["goals"], v), data)


@api_bp.route("/pairs/<uuid:pair_id>/close", methods=["POST"])
@api_bp.arguments(ClosePairSchema)
@api_bp.response(200, PairOutSchema)
@requires("integrity.edit")
def api_pair_close(data, pair_id: UUID):
    """结束结对帮扶（成效与总结）"""
    return _on_pair(pair_id, lambda d, v: services.close_pair(kernel(), tenant(), pair_id, d["outcome"],
                                                              d["summary"], d.get("on"), v), data)
