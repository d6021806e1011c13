"""An export's rows as they are shown: the columns of its CSV file and workbook, and the JSONL record of
an event with the seal it was verified against (pure: described rows and verifications in, cells out)."""
from __future__ import annotations

EXPORT_COLUMNS = ["学校", "通知序号", "时间", "操作人", "角色", "事件类型", "记录编号", "版本", "说明",
                  "变更（前→后）", "原因", "已封存", "封存检查点", "封存校验"]
SEAL_COLUMNS = ["日志", "结果", "检查点", "封存时间", "封存至", "已核对", "未封存", "首个不符", "问题"]


def seal_rows(checks: dict) -> list[list]:
    """Each log's verification as a line of the workbook's second sheet."""
    return [[log, "通过" if v.ok else "未通过", v.seal_id, v.sealed_at, v.sealed_through, v.checked,
             v.pending, v.first_bad_id, v.problem or ""] for log, v in checks.items()]


def table_row(d, check) -> list:
    """A described row as a line of the CSV file and of the workbook (the JSONL record's fields, in
    words, without building the record)."""
    r = d.row
    return [r.tenant, r.notification_id, r.timestamp, r.actor, d.role if r.role else None, d.name,
            str(r.originator_id), r.version, d.text, changes_text(d.changes), r.reason,
            "是" if r.notification_id <= check.sealed_through else "否", check.seal_id,
            "通过" if check.ok else "未通过"]


def record(d, check) -> dict:
    data = d.as_export()
    data["sealed"] = d.row.notification_id <= check.sealed_through
    data["seal_id"] = check.seal_id
    data["seal_ok"] = check.ok
    return data


def changes_text(changes: list[tuple]) -> str:
    """(label, before, after) in words, as one cell."""
    return "；".join(f"{field}: {before} → {after}" if field else f"{before} → {after}"
                    for field, before, after in changes)
