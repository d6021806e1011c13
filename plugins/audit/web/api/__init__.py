"""The audit API (/api/v1/audit/…): history, records, seals, findings, exports, assignments.

Not tenant-scoped: every endpoint checks the caller's scope per school inside. The blueprint
(``api_bp``) is created in ``web/__init__.py``; the modules below add their routes to it.
"""
from plugins.audit.web.api import admin, events, findings, seals  # noqa: F401  (routes register on import)
