"""Downloading the files of tasks and information reports through the API, under the rules of the
pages: a school its own (drafts too), the district only what a school submitted."""
from __future__ import annotations

from uuid import UUID

from core.permissions import requires
from plugins.tasks.web import api_bp, district_api_bp, school_of, send_answer_file, send_info_photo, tenant


@api_bp.route("/<uuid:task_id>/files/<sha256>")
@api_bp.response(200, description="材料文件本身")
@requires("tasks.view")
def api_task_file(task_id: UUID, sha256: str):
    """下载本校报送或草稿中的材料"""
    return send_answer_file(tenant(), task_id, sha256, submitted_only=False)


@api_bp.route("/info/<uuid:report_id>/photos/<sha256>")
@api_bp.response(200, description="照片文件本身")
@requires("tasks.view")
def api_info_photo(report_id: UUID, sha256: str):
    """下载本校信息的照片"""
    return send_info_photo(tenant(), report_id, sha256, submitted_only=False)


@district_api_bp.route("/<uuid:task_id>/schools/<school>/files/<sha256>")
@district_api_bp.response(200, description="材料文件本身")
@requires("tasks.district_view")
def api_answer_file(task_id: UUID, school: str, sha256: str):
    """下载一所学校已上报的材料（看不到草稿中的）"""
    return send_answer_file(school_of(school), task_id, sha256, submitted_only=True)


@district_api_bp.route("/info/<school>/<uuid:report_id>/photos/<sha256>")
@district_api_bp.response(200, description="照片文件本身")
@requires("tasks.district_view")
def api_district_info_photo(school: str, report_id: UUID, sha256: str):
    """下载一所学校已报送信息的照片"""
    return send_info_photo(school_of(school), report_id, sha256, submitted_only=True)
