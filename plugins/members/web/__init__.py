"""Pages and API of the member registry: thin, delegating to services and queries.

The blueprints are created here; the modules of ``pages`` and ``api`` add their routes to them when
imported below.
"""
from core.api import tenant_api_blueprint
from core.web import tenant_blueprint

bp = tenant_blueprint("members", "plugins.members")   # templates in plugins/members/templates
api_bp = tenant_api_blueprint("members", "plugins.members",
                              "党员名册：列表、查询、登记、更正、党籍状态、组织架构、关系转接、花名册、统计、导入")

from plugins.members.web import api, pages  # noqa: E402,F401  (their routes register on the blueprints)

__all__ = ["bp", "api_bp"]
