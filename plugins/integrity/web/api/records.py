"""The API of volunteer service, integrity education, responsibility agreements and self-inspections."""
from __future__ import annotations

from core.kernel import kernel
from core.permissions import requires
from plugins.integrity import queries, services
from plugins.integrity.present import hours
from plugins.integrity.schemas import (
    AgreementOutSchema, AgreementSchema, EducationOutSchema, EducationSchema, InspectionOutSchema,
    InspectionSchema, VolunteerOutSchema, VolunteerSchema, YearQuerySchema,
)
from plugins.integrity.web import api_bp, query_year, tenant


# -- volunteer service, education, responsibility ------------------------------------------------------
def _volunteer(row) -> dict:
    return {**row._mapping, "hours": hours(row.hours_x100)}


@api_bp.route("/volunteer")
@api_bp.arguments(YearQuerySchema, location="query")
@api_bp.response(200, VolunteerOutSchema(many=True))
@requires("integrity.view")
def api_volunteer(args):
    """志愿服务活动（按年度）"""
    page = queries.list_volunteer_page(kernel(), tenant(), query_year(args), args["page"], args["per_page"])
    return [_volunteer(r) for r in page.items]


@api_bp.route("/volunteer", methods=["POST"])
@api_bp.arguments(VolunteerSchema)
@api_bp.response(201, VolunteerOutSchema)
@requires("integrity.edit")
def api_volunteer_create(data):
    """登记志愿服务活动（参加党员及各自时长）"""
    activity = services.record_volunteer(kernel(), tenant(), data["title"], data["on"], data["place"],
                                         data["participants"])
    return _volunteer(queries.get_volunteer(kernel(), tenant(), activity.id))


@api_bp.route("/education")
@api_bp.arguments(YearQuerySchema, location="query")
@api_bp.response(200, EducationOutSchema(many=True))
@requires("integrity.view")
def api_education(args):
    """廉政教育活动及出勤（按年度）"""
    return [dict(r._mapping) for r in
            queries.list_education_page(kernel(), tenant(), query_year(args), args["page"], args["per_page"]).items]


@api_bp.route("/education", methods=["POST"])
@api_bp.arguments(EducationSchema)
@api_bp.response(201, EducationOutSchema)
@requires("integrity.edit")
def api_education_create(data):
    """登记廉政教育活动（警示教育、党纪学习、廉政党课）"""
    session = services.record_education(kernel(), tenant(), data["kind"], data["title"], data["on"],
                                        data["attendee_ids"], data["absentee_ids"], data.get("speaker", ""),
                                        data.get("content", ""))
    return dict(queries.get_education(kernel(), tenant(), session.id)._mapping)


@api_bp.route("/agreements")
@api_bp.arguments(YearQuerySchema, location="query")
@api_bp.response(200, AgreementOutSchema(many=True))
@requires("integrity.view")
def api_agreements(args):
    """党风廉政建设责任书（按年度）"""
    return [dict(r._mapping) for r in queries.list_agreements(kernel(), tenant(), query_year(args))]


@api_bp.route("/agreements", methods=["POST"])
@api_bp.arguments(AgreementSchema)
@api_bp.response(201, AgreementOutSchema)
@requires("integrity.edit")
def api_agreement_create(data):
    """登记责任书签订（一岗双责）"""
    agreement = services.sign_agreement(kernel(), tenant(), data["year"], data["member_id"], data["post"],
                                        data["duties"], data["counterpart"], data.get("signed_on"))
    return next(dict(r._mapping) for r in queries.list_agreements(kernel(), tenant(), data["year"])
                if r.id == agreement.id)


@api_bp.route("/inspections")
@api_bp.arguments(YearQuerySchema, location="query")
@api_bp.response(200, InspectionOutSchema(many=True))
@requires("integrity.view")
def api_inspections(args):
    """廉政自查报告（半年、年度）"""
    return [dict(r._mapping) for r in queries.list_inspections(kernel(), tenant(), query_year(args))]


@api_bp.route("/inspections", methods=["POST"])
@api_bp.arguments(InspectionSchema)
@api_bp.response(201, InspectionOutSchema)
@requires("integrity.edit")
def api_inspection_create(data):
    """提交廉政自查报告"""
    report = services.file_inspection(kernel(), tenant(), data["kind"], data["year"], data["content"],
                                      data.get("half"), data["owner_kind"], data.get("member_id"),
                                      data.get("problems", ""), data.get("measures", ""))
    return dict(queries.get_inspection(kernel(), tenant(), report.id)._mapping)
