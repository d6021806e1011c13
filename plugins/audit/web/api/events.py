"""The audit API's event history: the filtered history, one event, one record's history and its
state in time."""
from __future__ import annotations

from uuid import UUID

from flask import abort

from core.eventstore import DISTRICT
from core.kernel import kernel
from core.permissions import require_object, requires
from plugins.audit.queries import history, scope as scopes, timetravel
from plugins.audit.schemas import (
    AsOfQuerySchema, EventOutSchema, HistoryPageSchema, HistoryQuerySchema, RecordOutSchema, RevealSchema,
)
from plugins.audit.web import api_bp as api
from plugins.audit.web.common import in_scope, locale, record_access, revealing, scope


@api.route("/events")
@api.arguments(HistoryQuerySchema, location="query")
@api.response(200, HistoryPageSchema)
@requires("audit.console")
def api_events(data):
    """事件史（按学校、时间、操作人、事件类型、记录筛选，分页；身份证号与手机号脱敏，
    有权限者可 reveal=true 并填写 reason 显示完整信息，将被记录）"""
    k = kernel()
    current = scope()
    require_object(not data.get("school") or scopes.may_read(current, data["school"]))
    reason = revealing(data, data.get("school"))
    c = scopes.criteria(data, current)
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
    in_scope(log)
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
    in_scope(log)
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
