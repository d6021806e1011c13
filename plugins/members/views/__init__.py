"""Pages and API of the member registry: thin, delegating to services and queries.

The blueprints live in ``common``; each module below adds its routes to them when imported.
"""
from plugins.members.views import accounts, api_routes, organisation, reports, roster, transfers  # noqa: F401
from plugins.members.views.common import api, bp

__all__ = ["bp", "api"]
