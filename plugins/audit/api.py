"""The audit API (/api/v1/audit/…): history, records, seals, findings, exports, assignments.

Not tenant-scoped: every endpoint checks the caller's scope per school inside.
"""
from __future__ import annotations

from uuid import UUID

from flask import abort
from flask_login import current_user

from core.api import Blueprint, PageSchema
from core.eventstore import DISTRICT
from core.kernel import kernel
from core.permissions import can, requires
from plugins.audit import console, history, queries, rules, seals, services, timetravel
from plugins.audit.schemas import (
    AccessPageSchema, AsOfQuerySchema, AssignmentCreateSchema, AssignmentOutSchema, EventOutSchema,
    ExportQuerySchema, RevealSchema,
    FindingAnswerSchema, FindingCloseSchema, FindingCreateSchema, FindingExtendSchema, FindingOutSchema,
    FindingPageSchema, FindingQuerySchema, FindingReopenSchema, HistoryPageSchema, HistoryQuerySchema,
    RecordOutSchema, RevokeSchema, SealStatusSchema, VerificationOutSchema, VerifyRequestSchema,
)
from plugins.audit.views import (
    export_response, locale, margin, record_access, revealing, scope, seal_key, settings,
)

api = Blueprint("audit_api", __name__, url_prefix="/api/v1/audit",
                description="督查审计：事件史、时间回溯、封存校验、督查发现与整改、导出、督查任务")


def _in_scope(log: str) -> list[str] | None:
    current = scope()
    if not console.may_read(current, log):
        abort(403)
    return current


@api.route("/events")
@api.arguments(HistoryQuerySchema, location="query")
@api.response(200, HistoryPageSchema)
@requires("audit.console")
def api_events(data):
    """事件史（按学校、时间、操作人、事件类型、记录筛选，分页；身份证号与手机号脱敏，
    有权限者可 reveal=true 并填写 reason 显示完整信息，将被记录）"""
    k = kernel()
    current = scope()
    if data.get("school") and not console.may_read(current, data["school"]):
        abort(403)
    reason = revealing(data, data.get("school"))
    c = console.criteria(data, current)
    page = history.list_history(k, c)
    items = history.describe_rows(k, page.items, locale(), reveal=bool(reason))
    if reason:
        record_access("read", sorted({d.row.tenant for d in items} - {DISTRICT}), "查看事件史",
                      {"via": "api", "filters": c.as_args()}, reason)
    return {"items": [d.as_dict() for d in items], "meta": page.meta()}


@api.route("/events/<log>/<int:notification_id>")
@api.arguments(RevealSchema, location="query")
@api.response(200, EventOutSchema)
@requires("audit.console")
def api_event(args, log: str, notification_id: int):
    """一条事件（含存储的内容，不含密码与令牌的散列；身份证号与手机号脱敏，有权限者可 reveal=true
    并填写 reason 显示完整信息；查阅会被记录）"""
    k = kernel()
    _in_scope(log)
    row = history.get_row(k, log, notification_id)
    if row is None:
        abort(404)
    reason = revealing(args, log)
    described = history.describe_rows(k, [row], locale(), reveal=bool(reason))[0]
    record_access("read", [] if log == DISTRICT else [log], f"查看事件 {log}#{notification_id}",
                  {"via": "api", "record": str(row.originator_id)}, reason)
    return described.as_dict(with_payload=True)


@api.route("/records/<log>/<uuid:record>")
@api.arguments(AsOfQuerySchema, location="query")
@api.response(200, RecordOutSchema)
@requires("audit.console")
def api_record(args, log: str, record: UUID):
    """一条记录的完整历史；可给出 at（某一时刻的状态）与 compare（两个时刻对比）；身份证号与手机号
    脱敏，有权限者可 reveal=true 并填写 reason 显示完整信息（将被记录）"""
    k = kernel()
    _in_scope(log)
    rows = history.record_rows(k, log, record)
    if not rows:
        abort(404)
    reason = revealing(args, log)
    reveal = bool(reason)
    described = history.describe_rows(k, rows, locale(), reveal=reveal)
    out = {"tenant": log, "record": str(record), "kind": rows[0].event_type.split(".")[0],
           "history": [d.as_dict() for d in described], "as_of": None, "comparison": None}
    if args.get("at") and args.get("compare"):
        c = timetravel.compare(k, log, record, args["at"], args["compare"], reveal)
        out["comparison"] = {
            "first": {"at": c.before.at.isoformat(), "version": c.before.version, "state": c.before.state},
            "second": {"at": c.after.at.isoformat(), "version": c.after.version, "state": c.after.state},
            "changed": [{"field": f, "before": b, "after": a} for f, b, a in c.changed],
            "events": [{"version": e.originator_version, "timestamp": e.timestamp.isoformat(),
                        "actor": (getattr(e, "meta", None) or {}).get("actor_name"),
                        "description": history.describe(k, e, locale())} for e in c.events]}
    elif args.get("at"):
        a = timetravel.record_as_of(k, log, record, args["at"], reveal)
        out["as_of"] = {"at": a.at.isoformat(), "version": a.version, "exists": a.exists, "state": a.state}
    record_access("read", [] if log == DISTRICT else [log], f"查看记录 {record} 的历史",
                  {"via": "api", "record": str(record)}, reason)
    return out


@api.route("/seals")
@api.response(200, SealStatusSchema(many=True))
@requires("audit.console")
def api_seals():
    """各日志的封存状态与最近一次校验"""
    k = kernel()
    logs = console.scope_logs(k, scope())
    return [{"log": log, **status} for log, status in seals.seal_status(k, logs).items()]


@api.route("/seals/verify", methods=["POST"])
@api.arguments(VerifyRequestSchema)
@api.response(200, VerificationOutSchema(many=True))
@requires("audit.console")
def api_verify(data):
    """重新计算封存链并校验（可指定学校）；返回首个不符的通知"""
    k = kernel()
    current = scope()
    if data.get("tenant") and not console.is_log(k, data["tenant"]):
        abort(404)
    if data.get("tenant") and not console.may_read(current, data["tenant"]):
        abort(403)
    logs = [data["tenant"]] if data.get("tenant") else console.scope_logs(k, current)
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
    if data.get("school") and not console.may_read(current, data["school"]):
        abort(403)
    reason = revealing(data, data.get("school"))
    c = console.criteria(data, current)
    prepared = console.prepare_export(k, c, data["format"], seal_key(), settings()["export_row_limit"], locale(),
                                      reveal=bool(reason))
    summary, ext = prepared.summary, prepared.ext
    record_access("export", sorted(summary["seals"]), f"导出事件记录（{ext.upper()}，{summary['rows']} 条）",
                  {"via": "api", "format": ext, "filters": c.as_args(), "rows": summary["rows"],
                   "seals": {log: v["seal_id"] for log, v in summary["seals"].items()}}, reason)
    return export_response(prepared, f"audit-export.{ext}")


# -- findings ---------------------------------------------------------------------------------------
def _finding_out(row) -> dict:
    data = dict(row._mapping)
    data["state"] = rules.finding_state(row.status, row.deadline, kernel().today())
    return data


def _visible_finding(finding_id: UUID, action: str = "audit.findings.view"):
    """A finding the caller may see (district scope, or the caller's own school); else 404/403."""
    row = queries.get_finding(kernel(), finding_id)
    if row is None:
        abort(404)
    if current_user.district_roles:
        _in_scope(row.school)
    elif not can(current_user, action, row.school):
        abort(404 if not current_user.roles_in(row.school) else 403)
    return row


@api.route("/findings")
@api.arguments(FindingQuerySchema, location="query")
@api.response(200, FindingPageSchema)
@requires("audit.api")
def api_findings(args):
    """督查发现列表：区级看其范围内的学校，学校只看本校"""
    k = kernel()
    if current_user.district_roles:
        current = scope()
        schools = current
        if args.get("school"):
            if not console.may_read(current, args["school"]):
                abort(403)
            schools = [args["school"]]
    else:
        schools = sorted(s for s in current_user.school_roles if can(current_user, "audit.findings.view", s))
        if args.get("school"):
            if args["school"] not in schools:
                abort(404)
            schools = [args["school"]]
    page = queries.list_findings_page(k, schools, args.get("state"), k.today(), args["page"], args["per_page"])
    return {"items": [_finding_out(r) for r in page.items], "meta": page.meta()}


@api.route("/findings", methods=["POST"])
@api.arguments(FindingCreateSchema)
@api.response(201, FindingOutSchema)
@requires("audit.console")
def api_record_finding(data):
    """记录督查发现（关联具体事件、整改期限）"""
    k = kernel()
    _in_scope(data["school"])
    if data["school"] == DISTRICT or not can(current_user, "audit.findings.record", data["school"]):
        abort(403)
    finding = services.record_finding(k, data["school"], data["title"], data["description"], data["events"],
                                      data.get("deadline"), current_user.username,
                                      settings()["default_deadline_days"])
    return _finding_out(queries.get_finding(k, finding.id))


@api.route("/findings/<uuid:finding_id>")
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_finding(finding_id: UUID):
    """一条督查发现及其整改经过"""
    return _finding_out(_visible_finding(finding_id))


@api.route("/findings/<uuid:finding_id>/answer", methods=["POST"])
@api.arguments(FindingAnswerSchema)
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_answer(data, finding_id: UUID):
    """学校反馈整改情况（证明材料请在页面上传）"""
    row = _visible_finding(finding_id)
    if not can(current_user, "audit.findings.answer", row.school):
        abort(403)
    services.answer_finding(kernel(), finding_id, data["notes"], [], data["expected_version"])
    return _finding_out(queries.get_finding(kernel(), finding_id))


def _district_step(finding_id: UUID):
    row = _visible_finding(finding_id)
    if not current_user.district_roles or not can(current_user, "audit.findings.record", row.school):
        abort(403)
    return row


@api.route("/findings/<uuid:finding_id>/close", methods=["POST"])
@api.arguments(FindingCloseSchema)
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_close(data, finding_id: UUID):
    """整改通过，销号"""
    _district_step(finding_id)
    services.close_finding(kernel(), finding_id, data["note"], data["expected_version"])
    return _finding_out(queries.get_finding(kernel(), finding_id))


@api.route("/findings/<uuid:finding_id>/reopen", methods=["POST"])
@api.arguments(FindingReopenSchema)
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_reopen(data, finding_id: UUID):
    """退回继续整改"""
    _district_step(finding_id)
    services.reopen_finding(kernel(), finding_id, data["reason"], data["expected_version"])
    return _finding_out(queries.get_finding(kernel(), finding_id))


@api.route("/findings/<uuid:finding_id>/extend", methods=["POST"])
@api.arguments(FindingExtendSchema)
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_extend(data, finding_id: UUID):
    """延长整改期限"""
    _district_step(finding_id)
    services.extend_deadline(kernel(), finding_id, data["deadline"], data["reason"], data["expected_version"])
    return _finding_out(queries.get_finding(kernel(), finding_id))


# -- assignments and the access log ---------------------------------------------------------------
@api.route("/assignments")
@api.response(200, AssignmentOutSchema(many=True))
@requires("audit.admin")
def api_assignments():
    """督查任务（督查员、学校、起止日期）"""
    return [dict(r._mapping) for r in queries.list_assignments(kernel())]


@api.route("/assignments", methods=["POST"])
@api.arguments(AssignmentCreateSchema)
@api.response(201, AssignmentOutSchema)
@requires("audit.admin")
def api_create_assignment(data):
    """创建督查任务"""
    k = kernel()
    a = services.create_assignment(k, data["inspector"], data["schools"], data["starts_on"], data["ends_on"],
                                   data["note"])
    return dict(queries.get_assignment(k, a.id)._mapping)


@api.route("/assignments/<uuid:assignment_id>/revoke", methods=["POST"])
@api.arguments(RevokeSchema)
@api.response(200, AssignmentOutSchema)
@requires("audit.admin")
def api_revoke_assignment(data, assignment_id: UUID):
    """撤销督查任务"""
    k = kernel()
    if queries.get_assignment(k, assignment_id) is None:
        abort(404)
    services.revoke_assignment(k, assignment_id, data["reason"], data["expected_version"])
    return dict(queries.get_assignment(k, assignment_id)._mapping)


@api.route("/access")
@api.arguments(PageSchema, location="query")
@api.response(200, AccessPageSchema)
@requires("audit.admin")
def api_access(args):
    """督查员的查阅与导出记录"""
    page = queries.list_access_page(kernel(), args["page"], args["per_page"])
    return {"items": [dict(r._mapping) for r in page.items], "meta": page.meta()}
