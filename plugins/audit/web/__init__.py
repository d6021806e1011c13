"""Pages and API of the audit. The blueprints are created here: ``bp`` (/audit/, the inspectors'
console), ``school_bp`` (/t/<tenant>/audit/, a school's findings) and ``api_bp`` (/api/v1/audit/, not
tenant-scoped: every endpoint checks the caller's scope per school inside). ``pages`` and ``api`` add
their routes when imported (below, once the blueprints exist)."""
from pathlib import Path

from flask import Blueprint

from core.api import Blueprint as ApiBlueprint

TEMPLATES = str(Path(__file__).resolve().parent.parent / "templates")
bp = Blueprint("audit", "plugins.audit.web", url_prefix="/audit", template_folder=TEMPLATES)
school_bp = Blueprint("audit_school", "plugins.audit.web", url_prefix="/t/<tenant>/audit", template_folder=TEMPLATES)
api_bp = ApiBlueprint("audit_api", "plugins.audit.web.api", url_prefix="/api/v1/audit",
                      description="督查审计：事件史、时间回溯、封存校验、督查发现与整改、导出、督查任务")

from plugins.audit.web import api, common, pages  # noqa: E402,F401  (their routes join the blueprints above)

# The console's one-off costs paid when the app starts (core.app runs the registered warm-ups).
bp.record_once(lambda state: state.app.extensions.setdefault("zhibu.warm_ups", []).append(pages.console.warm_up))

__all__ = ["api_bp", "bp", "school_bp"]
