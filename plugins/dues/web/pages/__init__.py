"""Pages of party dues: thin, delegating to services, queries and present. Each module below adds its
routes to ``plugins.dues.web.bp`` when imported."""
from plugins.dues.web.pages import accounts, imports, ledger, reports, sheet  # noqa: F401
