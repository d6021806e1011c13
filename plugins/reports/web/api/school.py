"""A school's API: the district's forms, its reports pre-filled from the record, confirm / correct /
enter a field, submit; the annual statistics report."""
from __future__ import annotations

from uuid import UUID

from core.kernel import kernel
from core.permissions import requires
from plugins.reports import queries, rules, services
from plugins.reports.schemas import ReportFormOutSchema, ReportOutSchema, ReportSubmitSchema, ReportValueSchema, ReportVersionSchema
from plugins.reports.web import api_bp, apply_value, found, report_of_form, school, statistics_year


@api_bp.route("/forms")
@api_bp.response(200, ReportFormOutSchema(many=True))
@requires("reports.view")
def api_forms():
    """区里制发的报表"""
    return [dict(f._mapping) for f in queries.list_forms(kernel())]


@api_bp.route("/forms/<uuid:form_id>/report")
@api_bp.response(200, ReportOutSchema)
@requires("reports.view")
def api_form_report(form_id: UUID):
    """本校对该报表的填报（未打开时 404）"""
    _form, report = report_of_form(form_id)
    return found(report)


@api_bp.route("/forms/<uuid:form_id>/report", methods=["POST"])
@api_bp.response(201, ReportOutSchema)
@requires("reports.edit")
def api_open(form_id: UUID):
    """打开报表：绑定数据项的栏目按本校记录自动预填"""
    report_of_form(form_id)
    report = services.open_report(kernel(), school(), form_id)
    return found(queries.get_report_by_id(kernel(), school(), report.id))


@api_bp.route("/forms/<uuid:form_id>/report/values/<key>", methods=["POST"])
@api_bp.arguments(ReportValueSchema)
@api_bp.response(200, ReportOutSchema)
@requires("reports.edit")
def api_value(data, form_id: UUID, key: str):
    """确认预填数据、说明原因后更正，或填写未绑定的栏目"""
    _form, report = report_of_form(form_id)
    apply_value(found(report).id, key, data)
    return queries.get_report_by_id(kernel(), school(), report.id)


@api_bp.route("/forms/<uuid:form_id>/report/submit", methods=["POST"])
@api_bp.arguments(ReportSubmitSchema)
@api_bp.response(200, ReportOutSchema)
@requires("reports.edit")
def api_submit(data, form_id: UUID):
    """报送区里（生成回执）"""
    _form, report = report_of_form(form_id)
    services.submit_report(kernel(), school(), found(report).id, data.get("explanation"), data.get("expected_version"))
    return queries.get_report_by_id(kernel(), school(), report.id)


@api_bp.route("/statistics/<year:year>")
@api_bp.response(200, ReportOutSchema)
@requires("reports.view")
def api_statistics(year: int):
    """本校该年度党员统计报表（未生成时 404）"""
    statistics_year(year)
    return found(queries.get_report(kernel(), school(), rules.STATISTICS, str(year)))


@api_bp.route("/statistics/<year:year>", methods=["POST"])
@api_bp.arguments(ReportVersionSchema)
@api_bp.response(200, ReportOutSchema)
@requires("reports.edit")
def api_prepare_statistics(data, year: int):
    """按党籍日期生成（或重新生成）统计报表草稿"""
    statistics_year(year)
    services.prepare_statistics(kernel(), school(), year)
    return queries.get_report(kernel(), school(), rules.STATISTICS, str(year))


@api_bp.route("/statistics/<year:year>/submit", methods=["POST"])
@api_bp.arguments(ReportSubmitSchema)
@api_bp.response(200, ReportOutSchema)
@requires("reports.edit")
def api_submit_statistics(data, year: int):
    """报送统计报表（校验未通过须附情况说明）"""
    statistics_year(year)
    report = found(queries.get_report(kernel(), school(), rules.STATISTICS, str(year)))
    services.submit_report(kernel(), school(), report.id, data.get("explanation"), data.get("expected_version"))
    return queries.get_report(kernel(), school(), rules.STATISTICS, str(year))
