"""Downloading evidence files through the API."""
from __future__ import annotations

from core.permissions import requires
from plugins.integrity.web import api_bp, send_evidence


@api_bp.route("/files/<sha256>")
@api_bp.response(200, description="证明材料文件本身")
@requires("integrity.view")
def api_file(sha256: str):
    """下载证明材料（帮扶记录的材料只给能看到被帮扶人的人）"""
    return send_evidence(sha256)
