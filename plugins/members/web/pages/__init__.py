"""The registry's pages, by topic; each module adds its routes to ``web.bp`` when imported."""
from plugins.members.web.pages import accounts, organisation, reports, roster, transfers  # noqa: F401
