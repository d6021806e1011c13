"""The district's API: define forms, the schools' submitted reports (never their drafts)."""
from __future__ import annotations

from uuid import UUID

from flask import abort

from core.kernel import kernel
from core.permissions import requires
from plugins.reports import queries, rules, services
from plugins.reports.schemas import (
    ReceiptOutSchema, ReportCloseSchema, ReportFormDefineSchema, ReportFormOutSchema, ReportReturnSchema,
)
from plugins.reports.web import district_api_bp, form_row, receipts


def _form_out(row) -> dict:
    sent = receipts(str(row.id), row.period)
    return {**row._mapping, "submitted": len(sent), "prefill_rate": queries.prefill_rate(sent)}


@district_api_bp.route("/forms")
@district_api_bp.response(200, ReportFormOutSchema(many=True))
@requires("reports.district_view")
def api_forms():
    """制发的报表，含已报送学校数与预填率"""
    return [_form_out(f) for f in queries.list_forms(kernel())]


@district_api_bp.route("/forms", methods=["POST"])
@district_api_bp.arguments(ReportFormDefineSchema)
@district_api_bp.response(201, ReportFormOutSchema)
@requires("reports.district_admin")
def api_define(data):
    """制发报表（同一期间已收取过的数据须 repeat_acknowledged 确认）"""
    form = services.define_form(kernel(), data["title"], data["period"], data["due_on"], data["fields"],
                                data.get("notes", ""), data.get("repeat_acknowledged", False))
    return _form_out(form_row(form.id))


@district_api_bp.route("/forms/<uuid:form_id>")
@district_api_bp.response(200, ReportFormOutSchema)
@requires("reports.district_view")
def api_form(form_id: UUID):
    """一张报表"""
    return _form_out(form_row(form_id))


@district_api_bp.route("/forms/<uuid:form_id>/close", methods=["POST"])
@district_api_bp.arguments(ReportCloseSchema)
@district_api_bp.response(200, ReportFormOutSchema)
@requires("reports.district_admin")
def api_close(data, form_id: UUID):
    """停止收取"""
    form_row(form_id)
    services.close_form(kernel(), form_id, data.get("reason"), data.get("expected_version"))
    return _form_out(form_row(form_id))


@district_api_bp.route("/forms/<uuid:form_id>/receipts")
@district_api_bp.response(200, ReceiptOutSchema(many=True))
@requires("reports.district_view")
def api_receipts(form_id: UUID):
    """各校已报送的填报（含更正及原因）"""
    row = form_row(form_id)
    return receipts(str(row.id), row.period)


@district_api_bp.route("/statistics/<year:year>/receipts")
@district_api_bp.response(200, ReceiptOutSchema(many=True))
@requires("reports.district_view")
def api_statistics(year: int):
    """各校已报送的该年度党员统计报表"""
    if not 1950 <= year <= 2100:
        abort(404)
    return receipts(rules.STATISTICS, str(year))


def _returned(subject: str, period: str, school: str) -> dict:
    return next(r for r in receipts(subject, period, returned=True) if r.school == school)


@district_api_bp.route("/forms/<uuid:form_id>/receipts/<school>/return", methods=["POST"])
@district_api_bp.arguments(ReportReturnSchema)
@district_api_bp.response(200, ReceiptOutSchema)
@requires("reports.district_admin")
def api_return_form(data, form_id: UUID, school: str):
    """退回一所学校已报送的报表（须说明理由，学校更正后重新报送）"""
    row = form_row(form_id)
    services.return_report(kernel(), school, str(row.id), row.period, data["reason"])
    return _returned(str(row.id), row.period, school)


@district_api_bp.route("/statistics/<year:year>/receipts/<school>/return", methods=["POST"])
@district_api_bp.arguments(ReportReturnSchema)
@district_api_bp.response(200, ReceiptOutSchema)
@requires("reports.district_admin")
def api_return_statistics(data, year: int, school: str):
    """退回一所学校已报送的党员统计报表（须说明理由，学校更正后重新报送）"""
    services.return_report(kernel(), school, rules.STATISTICS, str(year), data["reason"])
    return _returned(rules.STATISTICS, str(year), school)
