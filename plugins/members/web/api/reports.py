"""The registry's API: the roll as of a day or a moment, statistics, and the Excel import."""
from __future__ import annotations

from flask import g
from marshmallow import Schema, fields

from core.api import FileUploadSchema, abort_json
from core.fields import Instant
from core.kernel import kernel
from core.permissions import requires
from plugins.members import queries, services
from plugins.members.schemas import (
    ImportOutSchema, ImportQuerySchema, MemberOutSchema, RosterQuerySchema, StatisticsOutSchema, YearQuerySchema,
)
from plugins.members.web import api_bp
from plugins.members.web.common import present_member


class RosterOutSchema(Schema):
    axis = fields.String(metadata={"description": "world：按党籍日期；recorded：按录入时间（系统当时的记录）"})
    on = fields.Date(allow_none=True)
    at = Instant(naive_is_local=True, allow_none=True)  # the query's moment; without a zone it is Beijing time
    items = fields.List(fields.Nested(MemberOutSchema))


def _import_refusal(preview) -> tuple[str, dict]:
    """Why an import was refused: the file's errors, and each faulty row's errors by row number."""
    if not preview.has_errors:
        return "文件中没有可导入的数据行", {"files": {"file": ["文件中没有可导入的数据行"]}}
    errors: dict = {"rows": {str(r.number): r.errors for r in preview.rows if r.errors}}
    if preview.file_errors:
        errors["files"] = {"file": preview.file_errors}
    return f"有 {preview.error_count} 处错误，未导入任何数据；请修改后重新上传", errors


@api_bp.route("/roster")
@api_bp.arguments(RosterQuerySchema, location="query")
@api_bp.response(200, RosterOutSchema)
@requires("members.view")
def api_roster_as_of(args):
    """某日的党员名册：on=日期 按党籍日期（当天谁在册、当天的党籍状态）；at=时刻 按录入时间（系统当时的记录）"""
    if args.get("on"):
        rows = queries.roster_on(kernel(), g.tenant.slug, args["on"])
        return {"axis": "world", "on": args["on"], "at": None,
                "items": [present_member(r, today=args["on"]) for r in rows]}
    at = args["at"]
    rows = queries.roster_as_of(kernel(), g.tenant.slug, at)
    return {"axis": "recorded", "on": None, "at": at, "items": [present_member(r) for r in rows]}


@api_bp.route("/statistics")
@api_bp.arguments(YearQuerySchema, location="query")
@api_bp.response(200, StatisticsOutSchema)
@requires("members.view")
def api_statistics(args):
    """年度（或某日）党员统计，按党籍日期：按性别、民族、学历、年龄段、人员类别、党籍状态；本年增减"""
    s = queries.statistics(kernel(), g.tenant.slug, args["year"] or kernel().today().year, on=args.get("on"))
    return {k: (dict(v) if isinstance(v, list) else v) for k, v in s.items()}


@api_bp.route("/import", methods=["POST"])
@api_bp.arguments(ImportQuerySchema, location="query")
@api_bp.arguments(FileUploadSchema, location="files")
@api_bp.response(200, ImportOutSchema)
@requires("members.import")
def api_import(args, files):
    """从 Excel 导入党员（全部成功或全部不导入；dry_run=true 只预览每行错误）"""
    upload = files["file"]
    data = upload.read()
    k = kernel()
    preview = services.preview_import(k, g.tenant.slug, data)
    out = {"imported": False, "batch_id": None, "filename": upload.filename,
           "rows": [{"row": r.number, "name": r.name, "errors": r.errors} for r in preview.rows],
           "file_errors": preview.file_errors, "error_count": preview.error_count}
    if args["dry_run"]:
        return out
    if preview.has_errors or not preview.rows:
        abort_json(422, *_import_refusal(preview))
    batch = services.import_members(k, g.tenant.slug, data, upload.filename or "import.xlsx")
    return {**out, "imported": True, "batch_id": batch.id}
