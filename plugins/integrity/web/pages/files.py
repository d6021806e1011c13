"""The evidence files of this school's integrity records."""
from __future__ import annotations

from core.permissions import requires
from plugins.integrity.web import bp, send_evidence


# -- evidence files ----------------------------------------------------------------------------------
@bp.route("/files/<sha256>")
@requires("integrity.view")
def file(sha256: str):
    return send_evidence(sha256)
