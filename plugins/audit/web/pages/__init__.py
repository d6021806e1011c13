"""Pages of district oversight: the inspectors' console (/audit/) and a school's findings. Thin.

``bp`` serves /audit/ (district roles, within their scope); ``school_bp`` serves a school's own
findings under /t/<tenant>/audit/ (both created in ``web/__init__.py``). Routes register when their
modules are imported here.
"""
from plugins.audit.web.pages import admin, console, findings  # noqa: F401  (routes register on import)
