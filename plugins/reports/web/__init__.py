"""Pages and API of reporting up. The blueprints: ``bp`` (a school's pages, /t/<tenant>/reports),
``district_bp`` (/district/reports), ``api_bp`` and ``district_api_bp``; and the helpers the pages
(``web.pages``) and the API (``web.api``) share."""
from __future__ import annotations

from uuid import UUID

from flask import Blueprint, abort, g, request

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.kernel import kernel
from core.web import tenant_blueprint
from plugins.reports import present, queries, rules, services

bp = tenant_blueprint("reports", __name__)
bp.template_folder = "../templates"
district_bp = Blueprint("reports_district", __name__, url_prefix="/district/reports", template_folder="../templates")
api_bp = tenant_api_blueprint("reports", __name__, "报表报送：区里制发的报表（系统预填、学校确认或更正后报送）、党员统计报表")
district_api_bp = ApiBlueprint("reports_district_api", __name__, url_prefix="/api/v1/district/reports",
                               description="区级：制发报表、查看各校报送情况（只见已报送的，不见草稿）")


def school() -> str:
    return g.tenant.slug


def found(row):
    if row is None:
        abort(404)
    return row


def form_row(form_id: UUID):
    return found(queries.get_form(kernel(), form_id))


def report_of_form(form_id: UUID):
    """The school's report of a form (None when not opened yet)."""
    form = form_row(form_id)
    return form, queries.get_report(kernel(), school(), str(form.id), form.period)


def report_row(rid: UUID):
    return found(queries.get_report_by_id(kernel(), school(), rid))


def this_year() -> int:
    return kernel().today().year


def statistics_year(year: int) -> int:
    """A year the statistics can be asked for (404 otherwise)."""
    if not 1950 <= year <= this_year():
        abort(404)
    return year


def apply_value(rid: UUID, key: str, data: dict):
    """Confirm, correct or enter one field of a report (pages and API)."""
    k, version = kernel(), data.get("expected_version")
    if data["action"] == "confirm":
        return services.confirm_value(k, school(), rid, key, version)
    if data["action"] == "correct":
        return services.correct_value(k, school(), rid, key, data.get("value"), data.get("reason"), version)
    return services.enter_value(k, school(), rid, key, data.get("value"), version)


def wants_xlsx() -> bool:
    return request.args.get("format") == "xlsx"


__all__ = ["api_bp", "bp", "district_api_bp", "district_bp", "present", "rules"]

from plugins.reports.web import api, pages  # noqa: E402,F401  (the routes register on import)
