"""Pages and API of the assessment plugin: thin, delegating to services and queries.

The blueprints ``bp`` (school pages), ``district_bp`` (/district/assessment), ``api_bp`` and
``district_api_bp``, and the small helpers the pages (``web.pages``) and the API (``web.api``) share.
"""
from __future__ import annotations

from flask import Blueprint, abort, g, request
from flask_login import current_user

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.commands import page_command
from core.files import send_stored
from core.kernel import kernel
from core.web import tenant_blueprint
from plugins.assessment import queries
from plugins.members import public as members

bp = tenant_blueprint("assessment", __name__)
bp.template_folder = "../templates"
api_bp = tenant_api_blueprint("assessment", __name__, "五好支部考核、民主评议党员、不合格党员处置、自查")
district_bp = Blueprint("assessment_district", __name__, url_prefix="/district/assessment",
                        template_folder="../templates")
district_api_bp = ApiBlueprint("assessment_district_api", __name__, url_prefix="/api/v1/district/assessment",
                            description="区级：五好支部考核指标体系（按年度、分版本）")


def form_data(form) -> dict:
    return {k: v for k, v in form.to_dict().items() if k not in ("csrf_token", "_form")}


def attempt(action, render, redirect_to):
    """Run a page's command (``core.commands.page_command``): done, go to ``redirect_to()``;
    refused, show the page again saying why (422/409)."""
    def run() -> None:
        action()
    return page_command(run, render, next_url=redirect_to)


def found(row):
    if row is None:
        abort(404)
    return row


def school() -> str:
    """The slug of the school in the URL."""
    return g.tenant.slug


def posted_version() -> int | None:
    """The ``expected_version`` a page form posted, if any."""
    value = request.form.get("expected_version")
    return int(value) if value and value.isdigit() else None


def linked_member():
    """The member the signed-in account is linked to here (the registry's account link), or None."""
    k = kernel()
    member_id = members.member_for_user(k, school(), current_user.username)
    return members.get_member(k, school(), member_id) if member_id is not None else None


def my_member():
    """The signed-in account's member here; 403 saying how to get linked when there is none."""
    me = linked_member()
    if me is None:
        abort(403, description=members.NOT_LINKED)
    return me


def my_member_id():
    return my_member().id


def send_evidence(year: int, sha256: str):
    """One supporting file of a school's assessment (pages and API)."""
    k = kernel()
    found(queries.get_assessment(k, school(), year))
    row = found(queries.attachment(k, school(), sha256))
    return send_stored(k, sha256, row.name, row.content_type)


from plugins.assessment.web import api, pages  # noqa: E402,F401  (the routes register on import)
