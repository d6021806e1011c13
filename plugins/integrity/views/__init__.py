"""Pages (``bp``) and API (``api``) of integrity building: thin, delegating to services and queries."""
from core.api import tenant_api_blueprint
from core.web import tenant_blueprint

bp = tenant_blueprint("integrity", "plugins.integrity")
api = tenant_api_blueprint("integrity", "plugins.integrity",
                           "廉洁与承诺：公开承诺、岗位、结对帮扶、志愿服务、廉政教育、师德考核")

from plugins.integrity.views import api_routes, pages  # noqa: E402,F401  (routes register on import)
