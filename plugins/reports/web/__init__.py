"""Pages and API of reporting up. The blueprints: ``bp`` (a school's pages, /t/<tenant>/reports),
``district_bp`` (/district/reports), ``api_bp`` and ``district_api_bp``; and the helpers the pages
(``web.pages``) and the API (``web.api``) share."""
from __future__ import annotations

from uuid import UUID

from flask import Blueprint, abort, g, request
from flask_login import current_user

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.kernel import kernel
from core.permissions import require, schools_visible
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


def visible() -> list[str]:
    """The schools the district's pages show this user: every school, or an inspector's assignment."""
    return schools_visible(current_user, "reports.district_view", list(kernel().tenant_slugs()))


def receipts(subject: str, period: str | None, returned: bool = False) -> list:
    """The schools' submissions this user may read on the district's side (never a draft)."""
    return queries.list_receipts(kernel(), subject, period, returned, schools=visible())


def schools_shown() -> list:
    shown = set(visible())
    return [s for s in queries.schools(kernel()) if s.slug in shown]


def school_in_scope(slug: str) -> str:
    """A school named in a district URL: 403 outside the user's scope (an inspector's assignment)."""
    require("reports.district_view", slug)
    return slug


def wants_xlsx() -> bool:
    return request.args.get("format") == "xlsx"


__all__ = ["api_bp", "bp", "district_api_bp", "district_bp", "present", "rules"]

from plugins.reports.web import api, pages  # noqa: E402,F401  (the routes register on import)
