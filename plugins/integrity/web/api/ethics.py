"""The API of teacher ethics assessments (师德考核)."""
from __future__ import annotations

from uuid import UUID


from core import context
from core.kernel import kernel
from core.permissions import requires
from plugins.integrity import queries, services
from plugins.integrity.schemas import EthicsCorrectSchema, EthicsOutSchema, EthicsSchema, YearQuerySchema
from plugins.integrity.web import api_bp, found, query_year, tenant


# -- ethics ------------------------------------------------------------------------------------------
@api_bp.route("/ethics")
@api_bp.arguments(YearQuerySchema, location="query")
@api_bp.response(200, EthicsOutSchema(many=True))
@requires("integrity.ethics")
def api_ethics(args):
    """师德考核结果（按年度；含一票否决）"""
    return [dict(r._mapping) for r in queries.list_ethics(kernel(), tenant(), query_year(args))]


@api_bp.route("/ethics", methods=["POST"])
@api_bp.arguments(EthicsSchema)
@api_bp.response(201, EthicsOutSchema)
@requires("integrity.ethics_edit")
def api_ethics_create(data):
    """登记教师党员年度师德考核"""
    assessment = services.assess_ethics(kernel(), tenant(), data["year"], data["member_id"], data["grade"],
                                        data["violation"], data.get("veto_reason"))
    return dict(queries.get_ethics(kernel(), tenant(), assessment.id)._mapping)


@api_bp.route("/ethics/<uuid:assessment_id>", methods=["PATCH"])
@api_bp.arguments(EthicsCorrectSchema)
@api_bp.response(200, EthicsOutSchema)
@requires("integrity.ethics_edit")
def api_ethics_correct(data, assessment_id: UUID):
    """更正师德考核结果（须说明原因；版本不符返回 409）"""
    found(queries.get_ethics(kernel(), tenant(), assessment_id))
    context.set_reason(data["reason"])
    services.correct_ethics(kernel(), tenant(), assessment_id, data["grade"], data["violation"],
                            data.get("veto_reason"), data["expected_version"])
    return dict(queries.get_ethics(kernel(), tenant(), assessment_id)._mapping)
