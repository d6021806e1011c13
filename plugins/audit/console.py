"""What the console's pages and API share: the user's scope, criteria, exports (no Flask here)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from core.clock import LOCAL_TZ
from core.eventstore import DISTRICT
from core.excel import csv_bytes, workbook
from core.kernel import Kernel
from plugins.audit import history, queries, seals
from plugins.audit import proofs as proofs_module
from plugins.audit.history import Criteria

EXPORT_COLUMNS = ["学校", "通知序号", "时间", "操作人", "角色", "事件类型", "记录编号", "版本", "说明",
                  "变更（前→后）", "原因", "已封存", "封存检查点", "封存校验"]


def scope_for(k: Kernel, user) -> list[str] | None:
    """The logs a user may read in the console: None = every log (district administrator)."""
    roles = set(getattr(user, "district_roles", ()))
    if "district_admin" in roles:
        return None
    if "inspector" in roles:
        return queries.inspector_schools(k, user.username, k.today())
    return []


def may_read(scope: list[str] | None, log: str) -> bool:
    return scope is None or log in scope


def is_log(k: Kernel, log: str) -> bool:
    """Whether ``log`` names an existing log (the district's or a school's): anything else would open an
    empty store."""
    return log == DISTRICT or log in k.tenant_slugs()


def scope_logs(k: Kernel, scope: list[str] | None) -> list[str]:
    return [DISTRICT, *k.tenant_slugs()] if scope is None else list(scope)


def local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


def criteria(data: dict, scope: list[str] | None) -> Criteria:
    """Criteria from validated query arguments (HistoryQuerySchema); dates are Beijing days."""
    since = until = None
    if data.get("month"):
        year, month = (int(p) for p in data["month"].split("-"))
        since = local_start(date(year, month, 1))
        until = local_start(date(year + month // 12, month % 12 + 1, 1))
    if data.get("since"):
        since = local_start(data["since"])
    if data.get("until"):
        until = local_start(data["until"] + timedelta(days=1))
    return Criteria(schools=scope, school=data.get("school"), since=since, until=until,
                    actor=data.get("actor"), event_type=data.get("event_type"), record=data.get("record"),
                    page=data.get("page", 1), per_page=data.get("per_page", 50))


# -- exports ------------------------------------------------------------------------------------
def export(k: Kernel, c: Criteria, fmt: str, key: bytes, limit: int, locale: str = "zh_CN",
           reveal: bool = False):
    """The filtered history (up to ``limit`` rows) with the seal each log was verified against.

    Returns (bytes, mimetype, extension, summary). Each log in the export is verified now. No secret
    is exported; ID numbers and phones are masked unless ``reveal``.
    """
    rows = []
    for row in history.iter_history(k, c):
        rows.append(row)
        if len(rows) >= limit:
            break
    described = history.describe_rows(k, rows, locale, reveal)
    logs = sorted({r.tenant for r in rows})
    for log in logs:   # a checkpoint over everything exported, so that every row carries a proof
        try:
            seals.seal_log(k, log, key)
        except seals.SealError:
            pass  # the verification below says what is wrong
    checks = {log: seals.verify_log(k, log, key) for log in logs}
    records = [_record(d, checks[d.row.tenant]) for d in described]
    summary = {"rows": len(records), "truncated": len(rows) >= limit,
               "filters": c.as_args(), "seals": {log: v.as_dict() for log, v in checks.items()}}
    if fmt == "jsonl":
        return _jsonl(k, summary, records, checks, key), "application/x-ndjson", "jsonl", summary
    table = [[r["tenant"], r["notification_id"], datetime.fromisoformat(r["timestamp"]), r["actor"], r["role"], r["event_type"],
              r["record"], r["version"], r["description"], _changes_text(r["changes"]), r["reason"],
              "是" if r["sealed"] else "否", r["seal_id"], "通过" if r["seal_ok"] else "未通过"] for r in records]
    if fmt == "xlsx":
        seal_rows = [[log, "通过" if v.ok else "未通过", v.seal_id, v.sealed_at, v.sealed_through, v.checked,
                      v.pending, v.first_bad_id, v.problem or ""] for log, v in checks.items()]
        body = workbook([("事件记录", EXPORT_COLUMNS, table),
                         ("封存校验", ["日志", "结果", "检查点", "封存时间", "封存至", "已核对", "未封存", "首个不符", "问题"],
                          seal_rows)])
        return body, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", summary
    return csv_bytes(EXPORT_COLUMNS, table), "text/csv", "csv", summary


def _jsonl(k: Kernel, summary: dict, records: list[dict], checks: dict, key) -> bytes:
    """The export with each log's checkpoint, an inclusion proof per event and the file's signature."""
    checkpoints, proofs = {}, {}
    for log, v in checks.items():
        wanted = {r["notification_id"] for r in records if r["tenant"] == log}
        cp, proofs[log] = proofs_module.checkpoint_and_proofs(k, log, v.seal_id if v.ok else None, wanted)
        if cp:
            checkpoints[log] = cp
    lines = [{"type": "export", **summary, "checkpoints": checkpoints}]
    lines += [{"type": "event", **r, "proof": proofs[r["tenant"]].get(r["notification_id"])} for r in records]
    return proofs_module.signed_jsonl(lines, key)


def _record(d, check: seals.Verification) -> dict:
    data = d.as_export()
    data["sealed"] = d.row.notification_id <= check.sealed_through
    data["seal_id"] = check.seal_id
    data["seal_ok"] = check.ok
    return data


def _changes_text(changes: list[dict]) -> str:
    return "；".join(f"{c['field']}: {c['before']} → {c['after']}" if c["field"] else f"{c['before']} → {c['after']}"
                    for c in changes)
