"""Pages and API of 三会一课: the two blueprints, created here; ``web.pages`` and ``web.api`` add
their routes to them when imported (below). Views are thin, delegating to services and queries."""
from core.api import tenant_api_blueprint
from core.web import tenant_blueprint

bp = tenant_blueprint("meetings", "plugins.meetings")   # templates in plugins/meetings/templates
api_bp = tenant_api_blueprint("meetings", "plugins.meetings",
                              "三会一课：会议、出席、书面意见、表决与决议、会议记录、合规")

from plugins.meetings.web import api, pages  # noqa: E402,F401  (registers their routes on bp and api_bp)

__all__ = ["bp", "api_bp"]
