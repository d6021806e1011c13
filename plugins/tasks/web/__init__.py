"""Pages and API of district tasks and information reporting. The blueprints are created here:
``bp`` (/t/<tenant>/tasks, a school's side), ``district_bp`` (/district/tasks, the district's side),
``api_bp`` and ``district_api_bp``; and the helpers the pages and the API share."""
from __future__ import annotations

from flask import Blueprint, abort, g, request
from flask_login import current_user

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.files import send_stored
from core.kernel import kernel
from core.permissions import require, schools_visible
from core.web import int_arg, tenant_blueprint, text_arg
from plugins.tasks import queries, rules, services

bp = tenant_blueprint("tasks", "plugins.tasks")
api_bp = tenant_api_blueprint("tasks", "plugins.tasks", "上级任务：签收、负责人、进展、上报；信息报送")
district_bp = Blueprint("tasks_district", "plugins.tasks", url_prefix="/district/tasks", template_folder="templates")
district_api_bp = ApiBlueprint("tasks_district_api", "plugins.tasks", url_prefix="/api/v1/district/tasks",
                               description="区级：下发任务、实时进度、催办、通过或退回；信息报送审核与统计")

TEMPLATE_WORDS = {"KINDS": rules.KINDS, "STATUSES": rules.STATUSES, "FIELD_TYPES": rules.FIELD_TYPES,
                  "INFO_KINDS": rules.INFO_KINDS, "INFO_STATUSES": rules.INFO_STATUSES,
                  "TASK_STATES": rules.TASK_STATES, "SORTS": rules.SORTS}


def tenant() -> str:
    return g.tenant.slug


def found(row):
    if row is None:
        abort(404)
    return row


def school_of(slug: str) -> str:
    """A school named in a district URL: 404 when there is none, 403 when outside the user's scope (an
    inspector reads only the schools of their assignment)."""
    if slug not in kernel().tenant_slugs():
        abort(404)
    require("tasks.district_view", slug)
    return slug


def visible_slugs() -> list[str]:
    """The schools the district's pages show this user: every school, or an inspector's assignment."""
    return schools_visible(current_user, "tasks.district_view", list(kernel().tenant_slugs()))


def visible_standings(standings: list) -> list:
    shown = set(visible_slugs())
    return [s for s in standings if s.school in shown]


def uploads(name: str) -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in request.files.getlist(name) if f and f.filename]


def api_files(items: list | None, photos: bool = False) -> list[dict] | None:
    """Files sent as base64 in the JSON, stored like page uploads (type allow-list, size limit)."""
    if items is None:
        return None
    return services.store_files(kernel(), [(f["content"], f["name"]) for f in items], photos)


def chosen(name: str, allowed) -> str | None:
    """A filter or order from the query string, when it is one of ``allowed`` (else None)."""
    value = text_arg(name, 20)
    return value if value in allowed else None


def listing_args() -> dict:
    """?status= ?sort= ?page= of a list of standings (a hand-typed bad value is ignored)."""
    return {"status": chosen("status", [*rules.STATUSES, "late"]), "sort": chosen("sort", rules.SORTS),
            "page": int_arg("page", 1)}


def send_answer_file(school: str, task_id, sha256: str, submitted_only: bool):
    """A file of a school's answer to a task: the district only of what was submitted, the school
    also of its draft (pages and API, the same rule)."""
    ref = queries.find_file(kernel(), school, task_id, sha256, submitted_only=submitted_only)
    if ref is None:
        abort(404)
    return send_stored(kernel(), sha256, ref["name"], ref["content_type"])


def send_info_photo(school: str, report_id, sha256: str, submitted_only: bool):
    """A photo of an information report: the district only of a submitted one."""
    row = found(queries.get_info(kernel(), school, report_id, submitted_only=submitted_only))
    ref = next((p for p in row.photos if p["sha256"] == sha256), None)
    if ref is None:
        abort(404)
    return send_stored(kernel(), sha256, ref["name"], ref["content_type"])


def task_dict(row) -> dict:
    return dict(row._mapping)


def answer_dict(school: str, row) -> dict:
    return {"school": school, **row._mapping}


def task_table(task_id) -> dict:
    """The district's live table of one task (API and Excel)."""
    k = kernel()
    task = found(queries.get_task(k, task_id))
    standings = visible_standings(queries.task_table(k, task_id, k.today()))
    return {"task": task_dict(task), "counts": queries.counts(standings), "schools": [s._asdict() for s in standings]}


from plugins.tasks.web import api, pages  # noqa: E402,F401  (the routes register on import)
