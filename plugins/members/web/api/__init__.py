"""The registry's API (flask-smorest), by topic; each module adds its routes to ``web.api_bp``."""
from plugins.members.web.api import accounts, members, organisation, reports, transfers  # noqa: F401
