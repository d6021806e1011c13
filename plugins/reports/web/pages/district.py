"""District pages (/district/reports): define a form once, see who submitted, the corrections with their
reasons and the pre-fill rate, aggregate all schools into one Excel; the schools' statistics reports."""
from __future__ import annotations

from uuid import UUID

from flask import abort, render_template, request, url_for
from marshmallow import ValidationError

from core.commands import page_command
from core.errors import N_
from core.context import set_reason
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.reports import present, queries, rules, services
from plugins.reports.schemas import (
    ReportCloseSchema, ReportFieldInSchema, ReportFormPageSchema, ReportReturnPageSchema,
    ReportReturnSchema,
)
from plugins.reports.web import (
    district_bp, form_row, receipts, school_in_scope, schools_shown, this_year, visible, wants_xlsx,
)

ROWS = 8   # blank field rows the define form offers


def _render_index(status: int = 200):
    k = kernel()
    forms = []
    for f in queries.list_forms(k):
        sent = receipts(str(f.id), f.period)
        forms.append((f, len(sent), queries.prefill_rate(sent)))
    return render_template("reports/district/index.html", forms=forms, schools=len(visible()),
                           catalogue=queries.figure_labels(k), kinds=rules.FIELD_KINDS, rows=ROWS,
                           years=list(range(this_year(), this_year() - 4, -1)), percent=rules.percent,
                           today=k.today()), status


@district_bp.route("/")
@requires("reports.district_view")
def index():
    return _render_index()


def _posted_fields() -> list[dict]:
    out, problems = [], {}
    for n in range(1, ROWS + 1):
        label = (request.form.get(f"field-{n}-label") or "").strip()
        if not label:
            continue
        try:
            out.append(ReportFieldInSchema().load({"label": label, "kind": request.form.get(f"field-{n}-kind") or "count",
                                             "figure": request.form.get(f"field-{n}-figure") or None,
                                             "optional": bool(request.form.get(f"field-{n}-optional"))}))
        except ValidationError as exc:
            problems[f"field-{n}-label"] = [f"{m}" for ms in exc.messages.values() for m in ms]
    if problems:
        raise ValidationError(problems)
    return out


@district_bp.route("/forms", methods=["POST"])
@requires("reports.district_admin")
def define():
    def act():
        head = form_input(ReportFormPageSchema())
        fields = _posted_fields()
        form = services.define_form(kernel(), head["title"], head["period"], head["due_on"], fields,
                                    head.get("notes", ""), head.get("repeat_acknowledged", False))
        return url_for("reports_district.form", form_id=form.id)
    return page_command(act, _render_index, success=N_("报表已制发，各校打开即按本校记录预填。"))


def _render_form(form_id: UUID, status: int = 200):
    k = kernel()
    form = form_row(form_id)
    view = present.aggregate(form, receipts(str(form.id), form.period), schools_shown())
    returned = receipts(str(form.id), form.period, returned=True)
    return render_template("reports/district/form.html", form=form, view=view, kinds=rules.FIELD_KINDS,
                           returned=returned, labels=queries.figure_labels(k), percent=rules.percent), status


@district_bp.route("/forms/<uuid:form_id>")
@requires("reports.district_view")
def form(form_id: UUID):
    if wants_xlsx():
        k = kernel()
        row = form_row(form_id)
        view = present.aggregate(row, receipts(str(row.id), row.period), schools_shown())
        return xlsx_response(f"{row.title}（{row.period}）汇总.xlsx", present.aggregate_sheets(row, view))
    return _render_form(form_id)


@district_bp.route("/forms/<uuid:form_id>/close", methods=["POST"])
@requires("reports.district_admin")
def close(form_id: UUID):
    form_row(form_id)

    def act():
        data = form_input(ReportCloseSchema())
        set_reason(data.get("reason") or "")
        services.close_form(kernel(), form_id, data.get("reason"), data.get("expected_version"))
        return url_for("reports_district.form", form_id=form_id)
    return page_command(act, lambda s: _render_form(form_id, s), success=N_("报表已停止收取。"))


@district_bp.route("/statistics/<year:year>")
@requires("reports.district_view")
def statistics(year: int):
    k = kernel()
    view = present.statistics_lines(receipts(rules.STATISTICS, str(year)), schools_shown())
    if wants_xlsx():
        return xlsx_response(f"{year}年度党员统计报表（各校）.xlsx", present.statistics_district_sheets(view))
    return render_template("reports/district/statistics.html", year=year, view=view)


def _render_school_statistics(year: int, school: str, status: int = 200):
    """One school's submitted statistics with its name lists, or the one the district returned (a draft
    is never shown: there is none here), with every submission and return."""
    k = kernel()
    school_in_scope(school)
    row = next((r for r in receipts(rules.STATISTICS, str(year)) if r.school == school), None) \
        or next((r for r in receipts(rules.STATISTICS, str(year), returned=True) if r.school == school), None)
    if row is None:
        abort(404)
    return render_template("reports/district/school_statistics.html", year=year, r=row, s=row.answers,
                           development=present.DEVELOPMENT, history=queries.history(k, school, row.id)), status


@district_bp.route("/statistics/<year:year>/<school>")
@requires("reports.district_view")
def school_statistics(year: int, school: str):
    return _render_school_statistics(year, school)


@district_bp.route("/statistics/<year:year>/<school>/return", methods=["POST"])
@requires("reports.district_admin")
def return_statistics(year: int, school: str):
    _render_school_statistics(year, school)   # 404 when the school has submitted nothing

    def act():
        data = form_input(ReportReturnSchema())
        set_reason(data["reason"])
        services.return_report(kernel(), school, rules.STATISTICS, str(year), data["reason"])
        return url_for("reports_district.school_statistics", year=year, school=school)
    return page_command(act, lambda s: _render_school_statistics(year, school, s),
                        success=N_("已退回学校，学校更正后重新报送。"))


@district_bp.route("/forms/<uuid:form_id>/return", methods=["POST"])
@requires("reports.district_admin")
def return_form(form_id: UUID):
    form = form_row(form_id)

    def act():
        data = form_input(ReportReturnPageSchema())
        set_reason(data["reason"])
        services.return_report(kernel(), data["school"], str(form.id), form.period, data["reason"])
        return url_for("reports_district.form", form_id=form_id)
    return page_command(act, lambda s: _render_form(form_id, s), success=N_("已退回学校，学校更正后重新报送。"))
