"""A school's pages: the district's forms pre-filled from its records (confirm, correct with a reason,
submit), and the annual statistics report (prepare from the roll, check, submit)."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, url_for

from core.commands import page_command
from core.errors import N_
from core.context import set_reason
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.reports import present, queries, rules, services
from plugins.reports.schemas import ReportSubmitSchema, ReportValueSchema, ReportVersionSchema
from plugins.reports.web import apply_value, bp, found, report_of_form, school, statistics_year, this_year, wants_xlsx


@bp.route("/")
@requires("reports.view")
def index():
    k = kernel()
    mine = {r.subject: r for r in queries.list_reports(k, school())}
    forms = [(f, mine.get(str(f.id))) for f in queries.list_forms(k)]
    years = [this_year() - 1, this_year()]
    return render_template("reports/index.html", forms=forms, years=years,
                           stats={y: queries.get_report(k, school(), rules.STATISTICS, str(y)) for y in years},
                           statuses=rules.STATUSES, today=k.today())


def _render_form(form_id: UUID, status: int = 200):
    k = kernel()
    form, report = report_of_form(form_id)
    figure_keys = [f["figure"] for f in form.fields if f.get("figure")]
    already = queries.already_reported(k, school(), figure_keys, form.period, report.id if report else None)
    return render_template("reports/form.html", form=form, report=report,
                           returned=queries.returned_reason(k, school(), report),
                           history=queries.history(k, school(), report.id) if report is not None else [],
                           lines=present.form_lines(report, present.labelled(form.fields, queries.figure_labels(k)),
                                                    already), states=rules.VALUE_STATES,
                           kinds=rules.FIELD_KINDS, statuses=rules.STATUSES), status


@bp.route("/forms/<uuid:form_id>")
@requires("reports.view")
def form(form_id: UUID):
    return _render_form(form_id)


@bp.route("/forms/<uuid:form_id>/open", methods=["POST"])
@requires("reports.edit")
def open_form(form_id: UUID):
    report_of_form(form_id)

    def act():
        services.open_report(kernel(), school(), form_id)
        return url_for("reports.form", form_id=form_id)
    return page_command(act, lambda s: _render_form(form_id, s), success=N_("已按本校记录预填，请逐栏确认或更正。"))


@bp.route("/forms/<uuid:form_id>/values/<key>", methods=["POST"])
@requires("reports.edit")
def form_value(form_id: UUID, key: str):
    _form, report = report_of_form(form_id)
    found(report)

    def act():
        data = form_input(ReportValueSchema())
        if data["action"] == "correct":
            set_reason(data.get("reason") or "")
        apply_value(report.id, key, data)
        return url_for("reports.form", form_id=form_id) + f"#{key}"
    return page_command(act, lambda s: _render_form(form_id, s), success=N_("已保存。"))


@bp.route("/forms/<uuid:form_id>/confirm-all", methods=["POST"])
@requires("reports.edit")
def form_confirm_all(form_id: UUID):
    _form, report = report_of_form(form_id)
    found(report)

    def act():
        data = form_input(ReportVersionSchema())
        services.confirm_all(kernel(), school(), report.id, data.get("expected_version"))
        return url_for("reports.form", form_id=form_id)
    return page_command(act, lambda s: _render_form(form_id, s), success=N_("预填数据已全部确认。"))


@bp.route("/forms/<uuid:form_id>/submit", methods=["POST"])
@requires("reports.edit")
def form_submit(form_id: UUID):
    _form, report = report_of_form(form_id)
    found(report)

    def act():
        data = form_input(ReportSubmitSchema())
        services.submit_report(kernel(), school(), report.id, data.get("explanation"), data.get("expected_version"))
        return url_for("reports.form", form_id=form_id)
    return page_command(act, lambda s: _render_form(form_id, s), success=N_("已报送区里，回执已生成。"))


# -- the annual statistics -------------------------------------------------------------------------
def _render_statistics(year: int, status: int = 200):
    k = kernel()
    report = queries.get_report(k, school(), rules.STATISTICS, str(year))
    live = queries.statistics(k, school(), year)
    shown = report.answers if report is not None and report.status == "submitted" \
        and queries.returned_reason(k, school(), report) is None else live
    return render_template("reports/statistics.html", year=year, report=report, s=shown,
                           returned=queries.returned_reason(k, school(), report),
                           history=queries.history(k, school(), report.id) if report is not None else [],
                           stale=report is not None and report.status != "submitted" and report.answers != live,
                           development=present.DEVELOPMENT, statuses=rules.STATUSES), status


@bp.route("/statistics/<year:year>")
@requires("reports.view")
def statistics(year: int):
    statistics_year(year)
    if wants_xlsx():
        report = queries.get_report(kernel(), school(), rules.STATISTICS, str(year))
        s = report.answers if report is not None else queries.statistics(kernel(), school(), year)
        return xlsx_response(f"{year}年度党员统计报表.xlsx", present.statistics_sheets(s))
    return _render_statistics(year)


@bp.route("/statistics/<year:year>/prepare", methods=["POST"])
@requires("reports.edit")
def statistics_prepare(year: int):
    statistics_year(year)

    def act():
        form_input(ReportVersionSchema())
        services.prepare_statistics(kernel(), school(), year)
        return url_for("reports.statistics", year=year)
    return page_command(act, lambda s: _render_statistics(year, s), success=N_("已按党籍日期生成统计报表草稿。"))


@bp.route("/statistics/<year:year>/submit", methods=["POST"])
@requires("reports.edit")
def statistics_submit(year: int):
    statistics_year(year)
    report = found(queries.get_report(kernel(), school(), rules.STATISTICS, str(year)))

    def act():
        data = form_input(ReportSubmitSchema())
        services.submit_report(kernel(), school(), report.id, data.get("explanation"), data.get("expected_version"))
        return url_for("reports.statistics", year=year)
    return page_command(act, lambda s: _render_statistics(year, s), success=N_("已报送区里，回执已生成。"))
