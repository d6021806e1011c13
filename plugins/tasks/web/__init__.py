"""Pages and API of district tasks and information reporting. The blueprints are created here:
``bp`` (/t/<tenant>/tasks, a school's side), ``district_bp`` (/district/tasks, the district's side),
``api_bp`` and ``district_api_bp``; and the helpers the pages and the API share."""
from __future__ import annotations

from flask import Blueprint, abort, g, request

from core.api import Blueprint as ApiBlueprint
from core.api import tenant_api_blueprint
from core.kernel import kernel
from core.web import tenant_blueprint
from plugins.tasks import queries, rules, services

bp = tenant_blueprint("tasks", "plugins.tasks")
api_bp = tenant_api_blueprint("tasks", "plugins.tasks", "上级任务：签收、负责人、进展、上报；信息报送")
district_bp = Blueprint("tasks_district", "plugins.tasks", url_prefix="/district/tasks", template_folder="templates")
district_api_bp = ApiBlueprint("tasks_district_api", "plugins.tasks", url_prefix="/api/v1/district/tasks",
                               description="区级：下发任务、实时进度、催办、通过或退回；信息报送审核与统计")

TEMPLATE_WORDS = {"KINDS": rules.KINDS, "STATUSES": rules.STATUSES, "FIELD_TYPES": rules.FIELD_TYPES,
                  "INFO_KINDS": rules.INFO_KINDS, "INFO_STATUSES": rules.INFO_STATUSES,
                  "TASK_STATES": rules.TASK_STATES}


def tenant() -> str:
    return g.tenant.slug


def found(row):
    if row is None:
        abort(404)
    return row


def school_of(slug: str) -> str:
    """A school named in a district URL: 404 when there is none."""
    if slug not in kernel().tenant_slugs():
        abort(404)
    return slug


def uploads(name: str) -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in request.files.getlist(name) if f and f.filename]


def api_files(items: list | None, photos: bool = False) -> list[dict] | None:
    """Files sent as base64 in the JSON, stored like page uploads (type allow-list, size limit)."""
    if items is None:
        return None
    return services.store_files(kernel(), [(f["content"], f["name"]) for f in items], photos)


def task_dict(row) -> dict:
    return dict(row._mapping)


def answer_dict(school: str, row) -> dict:
    return {"school": school, **row._mapping}


def task_table(task_id) -> dict:
    """The district's live table of one task (API and Excel)."""
    k = kernel()
    task = found(queries.get_task(k, task_id))
    standings = queries.task_table(k, task_id, k.today())
    return {"task": task_dict(task), "counts": queries.counts(standings), "schools": [s._asdict() for s in standings]}


from plugins.tasks.web import api, pages  # noqa: E402,F401  (the routes register on import)
