"""Pages and API of the member registry: thin, delegating to services and queries.

The blueprints are created here; the modules of ``pages`` and ``api`` add their routes to them when
imported below.
"""
from flask import has_request_context, url_for

from core.api import tenant_api_blueprint
from core.web import tenant_blueprint

bp = tenant_blueprint("members", "plugins.members")   # templates in plugins/members/templates
api_bp = tenant_api_blueprint("members", "plugins.members",
                              "党员名册：列表、查询、登记、更正、党籍状态、组织架构、关系转接、花名册、统计、导入")



def link(endpoint: str | None, tenant: str) -> str | None:
    """A link for an alert, when there is a request to build it in (not in the worker)."""
    return url_for(endpoint, tenant=tenant) if endpoint and has_request_context() else None


from plugins.members.web import api, pages  # noqa: E402,F401  (their routes register on the blueprints)

__all__ = ["bp", "api_bp", "link"]
