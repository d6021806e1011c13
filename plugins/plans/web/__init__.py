"""Pages (``bp``) and API (``api_bp``) of the plans plugin, and what they share."""
from __future__ import annotations

from typing import Callable

from flask import Blueprint, abort, g, request
from flask_login import current_user

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.commands import page_command
from core.files import send_stored
from core.kernel import kernel
from core.permissions import can
from core.web import tenant_blueprint
from plugins.plans import queries, services

bp = tenant_blueprint("plans", "plugins.plans")
api_bp = tenant_api_blueprint("plans", "plugins.plans",
                              "年度计划与经费：年度党建工作计划及其落实、党建活动经费、党员活动室")
district_bp = Blueprint("plans_district", __name__, url_prefix="/district/plans", template_folder="../templates")
district_api_bp = ApiBlueprint("plans_district_api", __name__, url_prefix="/api/v1/district/plans",
                               description="区级：党建经费标准（分版本）、各校党员活动室检查情况")


def tenant() -> str:
    return g.tenant.slug


def year_arg() -> int:
    year = request.args.get("year", type=int)
    return year if year and 2000 <= year <= 2100 else kernel().today().year


def may(action: str) -> bool:
    return can(current_user, f"plans.{action}", tenant())


def found(row):
    if row is None:
        abort(404)
    return row


def uploads(name: str) -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in request.files.getlist(name) if f and f.filename]


def api_files(data: dict, name: str) -> list[dict]:
    """Files sent as base64 in the JSON, stored like page uploads (type allow-list, size limit)."""
    return services.store_files(kernel(), [(f["content"], f["name"]) for f in data.get(name, ())])


def handle(action: Callable[[], str | None], success: str, render: Callable[[int], object]):
    return page_command(action, render, success=success)


def send_file(sha256: str):
    """A file attached to this school's plan reports, spendings or room checks."""
    row = queries.find_file(kernel(), tenant(), sha256)
    if row is None:
        abort(404)
    return send_stored(kernel(), sha256, row.name, row.content_type)


from plugins.plans.web import api, pages  # noqa: E402,F401  (the routes register on import)
