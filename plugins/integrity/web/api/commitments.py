"""The API of public commitments (公开承诺): letters, items, progress, evaluation, publication."""
from __future__ import annotations

from uuid import UUID


from core.kernel import kernel
from core.permissions import requires
from plugins.integrity import queries, services
from plugins.integrity.schemas import (
    CommitmentCreateSchema, CommitmentOutSchema, CommitmentPageSchema, ItemConcludeSchema, EvaluateSchema,
    CommitmentItemSchema, ProgressSchema, SendBackSchema, VersionSchema, YearQuerySchema,
)
from plugins.integrity.web import api_bp, evidence_files, found, query_year, tenant


# -- commitments -------------------------------------------------------------------------------------
def _commitment(commitment_id: UUID) -> dict:
    k = kernel()
    row = found(queries.get_commitment(k, tenant(), commitment_id))
    return {**row._mapping, "items": [dict(i._mapping) for i in queries.list_items(k, tenant(), commitment_id)],
            "progress": [dict(p._mapping) for p in queries.list_progress(k, tenant(), commitment_id)]}


@api_bp.route("/commitments")
@api_bp.arguments(YearQuerySchema, location="query")
@api_bp.response(200, CommitmentPageSchema)
@requires("integrity.view")
def api_commitments(args):
    """承诺书列表（按年度，分页）"""
    page = queries.list_commitments_page(kernel(), tenant(), query_year(args), args.get("status"), args["page"],
                                         args["per_page"])
    return {"items": [dict(r._mapping) for r in page.items], "meta": page.meta()}


@api_bp.route("/commitments", methods=["POST"])
@api_bp.arguments(CommitmentCreateSchema)
@api_bp.response(201, CommitmentOutSchema)
@requires("integrity.edit")
def api_commitment_create(data):
    """建立党员（或支部）的年度承诺书"""
    letter = services.write_commitment(kernel(), tenant(), data["year"], data["owner_kind"], data.get("member_id"))
    return _commitment(letter.id)


@api_bp.route("/commitments/<uuid:commitment_id>")
@api_bp.response(200, CommitmentOutSchema)
@requires("integrity.view")
def api_commitment(commitment_id: UUID):
    """承诺书详情：承诺事项、审核状态、践诺进展、评诺结果"""
    return _commitment(commitment_id)




def _on_commitment(commitment_id: UUID, command, data) -> dict:
    found(queries.get_commitment(kernel(), tenant(), commitment_id))
    version = data.pop("expected_version")
    command(data, version)
    return _commitment(commitment_id)


@api_bp.route("/commitments/<uuid:commitment_id>/items", methods=["POST"])
@api_bp.arguments(CommitmentItemSchema)
@api_bp.response(201, CommitmentOutSchema)
@requires("integrity.edit")
def api_item_add(data, commitment_id: UUID):
    """提交承诺事项（学习、工作、自律、服务），待支部审核"""
    return _on_commitment(commitment_id, lambda d, v: services.add_commitment_item(
        kernel(), tenant(), commitment_id, d["area"], d["content"], d["measure"], d["deadline"], v), data)


@api_bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/accept", methods=["POST"])
@api_bp.arguments(VersionSchema)
@api_bp.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_item_accept(data, commitment_id: UUID, item_id: str):
    """审核通过承诺事项"""
    return _on_commitment(commitment_id, lambda d, v: services.accept_item(
        kernel(), tenant(), commitment_id, item_id, v), data)


@api_bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/send-back", methods=["POST"])
@api_bp.arguments(SendBackSchema)
@api_bp.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_item_send_back(data, commitment_id: UUID, item_id: str):
    """退回承诺事项（须说明理由）"""
    return _on_commitment(commitment_id, lambda d, v: services.send_back_item(
        kernel(), tenant(), commitment_id, item_id, d["reason"], v), data)


@api_bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/revise", methods=["POST"])
@api_bp.arguments(CommitmentItemSchema)
@api_bp.response(200, CommitmentOutSchema)
@requires("integrity.edit")
def api_item_revise(data, commitment_id: UUID, item_id: str):
    """修改被退回的承诺事项并重新提交"""
    return _on_commitment(commitment_id, lambda d, v: services.revise_item(
        kernel(), tenant(), commitment_id, item_id, d["area"], d["content"], d["measure"], d["deadline"], v), data)


@api_bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/progress", methods=["POST"])
@api_bp.arguments(ProgressSchema)
@api_bp.response(201, CommitmentOutSchema)
@requires("integrity.edit")
def api_item_progress(data, commitment_id: UUID, item_id: str):
    """记录践诺进展（超过时限的进展会被标记）"""
    return _on_commitment(commitment_id, lambda d, v: services.log_progress(
        kernel(), tenant(), commitment_id, item_id, d["on"], d["text"], evidence_files(d), v), data)


@api_bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/conclude", methods=["POST"])
@api_bp.arguments(ItemConcludeSchema)
@api_bp.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_item_conclude(data, commitment_id: UUID, item_id: str):
    """评定承诺事项兑现情况（未兑现且未说明原因的会被标记）"""
    return _on_commitment(commitment_id, lambda d, v: services.conclude_item(
        kernel(), tenant(), commitment_id, item_id, d["outcome"], d.get("cause"), v), data)


@api_bp.route("/commitments/<uuid:commitment_id>/evaluate", methods=["POST"])
@api_bp.arguments(EvaluateSchema)
@api_bp.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_commitment_evaluate(data, commitment_id: UUID):
    """年终评诺：个人自评、党员互评、群众评议加权计算"""
    return _on_commitment(commitment_id, lambda d, v: services.evaluate_commitment(
        kernel(), tenant(), commitment_id, d.get("self_score"), d["member_scores"], d["public_scores"], v), data)


@api_bp.route("/commitments/<uuid:commitment_id>/publish", methods=["POST"])
@api_bp.arguments(VersionSchema)
@api_bp.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_commitment_publish(data, commitment_id: UUID):
    """公布评诺结果"""
    return _on_commitment(commitment_id, lambda d, v: services.publish_result(kernel(), tenant(), commitment_id, v),
                          data)
