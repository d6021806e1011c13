"""Pages and API of party dues. The two blueprints are created here; ``pages`` and ``api`` add their
routes to them when imported (below, once the blueprints exist)."""
from core.api import tenant_api_blueprint
from core.web import tenant_blueprint

bp = tenant_blueprint("dues", "plugins.dues")   # templates in plugins/dues/templates
api_bp = tenant_api_blueprint("dues", "plugins.dues",
                              "党费：基数、减免、交纳、冲正、欠交、报表、上缴（金额精确到分，四舍五入）")

from plugins.dues.web import api, pages  # noqa: E402,F401  (their routes join the blueprints above)

__all__ = ["bp", "api_bp"]
