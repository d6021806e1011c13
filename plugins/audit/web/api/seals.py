"""The audit API's seals and exports: each log's seal state, a verification on demand, the filtered
history as a file."""
from __future__ import annotations

from flask import abort

from core.kernel import kernel
from core.permissions import require_object, requires
from plugins.audit.queries import scope as scopes
from plugins.audit.schemas import ExportQuerySchema, SealStatusSchema, VerificationOutSchema, VerifyRequestSchema
from plugins.audit.services import exports, seals
from plugins.audit.web import api_bp as api
from plugins.audit.web.common import (
    export_response, locale, margin, record_access, revealing, scope, seal_key, settings,
)


@api.route("/seals")
@api.response(200, SealStatusSchema(many=True))
@requires("audit.console")
def api_seals():
    """各日志的封存状态与最近一次校验"""
    k = kernel()
    logs = scopes.scope_logs(k, scope())
    return [{"log": log, **status} for log, status in seals.seal_status(k, logs).items()]


@api.route("/seals/verify", methods=["POST"])
@api.arguments(VerifyRequestSchema)
@api.response(200, VerificationOutSchema(many=True))
@requires("audit.console")
def api_verify(data):
    """重新计算封存链并校验（可指定学校）；返回首个不符的通知"""
    k = kernel()
    current = scope()
    if data.get("tenant") and not scopes.is_log(k, data["tenant"]):
        abort(404)
    require_object(not data.get("tenant") or scopes.may_read(current, data["tenant"]))
    logs = [data["tenant"]] if data.get("tenant") else scopes.scope_logs(k, current)
    return [v.as_dict() for v in seals.verify_all(k, seal_key(), logs, margin=margin())]


@api.route("/exports")
@api.arguments(ExportQuerySchema, location="query")
@api.response(200, description="导出文件本身（csv、jsonl 或 xlsx，附件下载）")
@requires("audit.console")
def api_export(data):
    """导出筛选后的事件史（csv、jsonl、xlsx），附所依据的封存校验；身份证号与手机号脱敏，有权限者可
    reveal=true 并填写 reason 导出完整信息；导出会被记录"""
    k = kernel()
    current = scope()
    require_object(not data.get("school") or scopes.may_read(current, data["school"]))
    reason = revealing(data, data.get("school"))
    c = scopes.criteria(data, current)
    prepared = exports.prepare_export(k, c, data["format"], seal_key(), settings()["export_row_limit"], locale(),
                                      reveal=bool(reason))
    summary, ext = prepared.summary, prepared.ext
    record_access("export", sorted(summary["seals"]), f"导出事件记录（{ext.upper()}，{summary['rows']} 条）",
                  {"via": "api", "format": ext, "filters": c.as_args(), "rows": summary["rows"],
                   "seals": {log: v["seal_id"] for log, v in summary["seals"].items()}}, reason)
    return export_response(prepared, f"audit-export.{ext}")
