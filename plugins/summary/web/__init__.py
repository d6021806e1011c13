"""Pages and API of the year's work summary: ``bp`` (/t/<tenant>/summary) and ``api_bp``."""
from __future__ import annotations

from flask import abort, g

from core.api import tenant_api_blueprint
from core.kernel import kernel
from core.web import tenant_blueprint
from plugins.summary import present, queries

bp = tenant_blueprint("summary", __name__)
bp.template_folder = "../templates"
api_bp = tenant_api_blueprint("summary", __name__, "年度党建工作总结：由记录起草、书记修改、支委会通过")


def tenant() -> str:
    return g.tenant.slug


def summary_view(year: int) -> dict:
    row = queries.get_summary(kernel(), tenant(), year)
    if row is None:
        abort(404)
    return present.summary_out(row)


from plugins.summary.web import api, pages  # noqa: E402,F401  (the routes register on import)
