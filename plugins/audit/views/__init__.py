"""Pages of district oversight: the inspectors' console (/audit/) and a school's findings. Thin.

``bp`` serves /audit/ (district roles, within their scope); ``school_bp`` serves a school's own
findings under /t/<tenant>/audit/. Routes register when their modules are imported here.
"""
from plugins.audit.views.common import (  # noqa: F401  (the blueprints and helpers the API shares)
    bp, export_response, locale, margin, may_reveal, record_access, revealing, school_bp, scope, seal_key, settings,
)
from plugins.audit.views import admin, console, findings  # noqa: E402,F401  (routes register on import)
