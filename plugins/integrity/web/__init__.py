"""Pages (``bp``) and API (``api_bp``) of integrity building: the blueprints, and the helpers the pages
(``web.pages``) and the API (``web.api``) share: who may see what, presenting rows, form handling."""
from __future__ import annotations

from typing import Callable

from flask import abort, g, request
from flask_login import current_user
from marshmallow import ValidationError

from core.api import tenant_api_blueprint
from core.commands import page_command
from core.files import send_stored
from core.kernel import kernel
from core.permissions import can, require_object
from core.web import tenant_blueprint
from plugins.integrity import present, queries, services
from plugins.members import public as members

bp = tenant_blueprint("integrity", "plugins.integrity")
api_bp = tenant_api_blueprint("integrity", "plugins.integrity",
                              "廉洁与承诺：公开承诺、岗位、结对帮扶、志愿服务、廉政教育、师德考核")


def tenant() -> str:
    return g.tenant.slug


def year_arg() -> int:
    year = request.args.get("year", type=int)
    return year if year and 2000 <= year <= 2100 else kernel().today().year


def may(action: str) -> bool:
    return can(current_user, f"integrity.{action}", tenant())


def my_member_id():
    """The member the signed-in account is linked to at this school (the member registry's account
    link), or None; asked once per request (kept in the request, which ``g`` may outlive)."""
    key = "zhibu.integrity.member_id"
    if key not in request.environ:
        linked = current_user.is_authenticated and bool(current_user.roles_in(tenant()))
        request.environ[key] = members.member_for_user(kernel(), tenant(), current_user.username) \
            if linked else None
    return request.environ[key]


def is_paired_member(pair) -> bool:
    """Whether the signed-in account is the paired member's own (linked) account."""
    return pair.member_id is not None and my_member_id() == pair.member_id


def may_see_helped(pair) -> bool:
    """The secretary, the discipline committee member and the paired member's own account."""
    return may("sensitive") or is_paired_member(pair)


def may_log_visit(pair) -> bool:
    return may("edit") or is_paired_member(pair)


def present_pair(row) -> dict:
    """A pair as the current user may see it: the helped person's name as initials, details hidden."""
    return present.pair(row, may_see_helped(row))


def roster() -> list:
    return members.list_members(kernel(), tenant())


def teachers() -> list:
    return [mv for mv in roster() if mv.category == "teacher"]


def found(row):
    if row is None:
        abort(404)
    return row


def form_data() -> dict:
    data = {}
    for key in request.form:
        values = [v for v in request.form.getlist(key)]
        data[key] = values if key.endswith("_ids") or len(values) > 1 else values[0]
    data.pop("csrf_token", None)
    data.pop("_form", None)
    return data


def uploads() -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in request.files.getlist("evidence") if f and f.filename]


def load(schema_cls, data: dict) -> dict:
    """Load a form with a schema; a refusal keeps each message by its field's name, so that the page
    shows it beside that field (``ui.field_error``) and names the field by its label."""
    return schema_cls().load(data)


def handle(action: Callable[[], str | None], success: str, render: Callable[[int], object]):
    """Run a page command (``core.commands.page_command``): go where it says with a success message,
    or show the page again saying why (422/409, 404 for a missing record)."""
    return page_command(action, render, success=success)


def query_year(args) -> int:
    """The year an API query asks for, this year when it names none."""
    return args.get("year") or kernel().today().year


def evidence_files(data: dict) -> list[dict]:
    """Files sent as base64 in the JSON, stored like page uploads (type allow-list, size limit)."""
    return services.store_evidence(kernel(), [(f["content"], f["name"]) for f in data.get("evidence", ())])


def send_evidence(sha256: str):
    """An evidence file of this school (pages and API); a visit's files only to who may see the helped."""
    k = kernel()
    refs = queries.find_file(k, tenant(), sha256)
    if not refs:
        abort(404)
    if all(r.kind == "visit" for r in refs):
        pairs_rows = [queries.get_pair(k, tenant(), r.owner_id) for r in refs]
        require_object(any(p is not None and may_see_helped(p) for p in pairs_rows))
    return send_stored(k, sha256, refs[0].name, refs[0].content_type)


from plugins.integrity.web import api, pages  # noqa: E402,F401  (the routes register on import)
