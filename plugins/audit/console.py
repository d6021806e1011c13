"""What the console's pages and API share: the user's scope, criteria, exports (no Flask here)."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Iterator

from core.clock import LOCAL_TZ
from core.eventstore import DISTRICT
from core.excel import XLSX, csv_chunks, write_workbook
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
EXPORT_BATCH = 500          # rows described and written at a time
_CHUNK = 256 * 1024         # bytes of a file sent at a time
_MIMETYPES = {"csv": "text/csv", "jsonl": "application/x-ndjson", "xlsx": XLSX}
SEAL_COLUMNS = ["日志", "结果", "检查点", "封存时间", "封存至", "已核对", "未封存", "首个不符", "问题"]


@dataclass
class Export:
    """An export ready to be sent: every log in it sealed and verified, its rows counted (``summary``:
    what the access record needs), its body still to be written, batch by batch, as ``chunks`` is read.
    ``length`` is known before the first byte only for an .xlsx file (written first, see ``_xlsx``)."""

    fmt: str
    summary: dict
    chunks: Iterator[bytes]
    length: int | None = None
    closing: list = field(default_factory=list)

    @property
    def ext(self) -> str:
        return self.fmt

    @property
    def mimetype(self) -> str:
        return _MIMETYPES[self.fmt]

    @property
    def rows(self) -> int:
        return self.summary["rows"]

    def close(self) -> None:
        """Release what an unsent or half-sent export holds (its temporary file)."""
        close = getattr(self.chunks, "close", None)
        if close:
            close()
        for done in self.closing:
            done()


def prepare_export(k: Kernel, c: Criteria, fmt: str, key: bytes, limit: int, locale: str = "zh_CN",
                   reveal: bool = False, batch: int = EXPORT_BATCH) -> Export:
    """The filtered history (up to ``limit`` rows) with the seal each log was verified against.

    First, before any byte: the rows are counted per log (one statement; the file will hold exactly
    these rows, see ``history.iter_export``), each log in the export is sealed, then verified in full
    (every row, copy and snapshot); the verification's own reading of the rows gives the inclusion
    proofs of a JSONL file. Then the rows are read, described and written ``batch`` at a time as the
    body is read, so memory does not grow with the rows. No secret is exported; ID numbers and phones
    are masked unless ``reveal``.
    """
    extent = history.export_extent(k, c, limit)
    for log in extent.logs:   # a checkpoint over everything exported, so that every row carries a proof
        try:
            seals.seal_log(k, log, key)
        except seals.SealError:
            pass  # the verification below says what is wrong
    checks, proofs = {}, {}
    for log in extent.logs:
        checks[log], rows = seals.verify_log_rows(k, log, key)
        if fmt == "jsonl":   # the proofs from the rows just read and hashed, packed; then the rows go
            proofs[log] = proofs_module.log_proofs(k, log, checks[log].seal_id if checks[log].ok else None, rows)
        del rows
    summary = {"rows": extent.rows, "truncated": extent.truncated,
               "filters": c.as_args(), "seals": {log: v.as_dict() for log, v in checks.items()}}
    described = _described(k, c, extent, locale, reveal, batch)
    if fmt == "jsonl":
        return Export(fmt, summary, _jsonl(summary, described, checks, proofs, key))
    if fmt == "xlsx":
        return _xlsx(summary, described, checks)
    return Export(fmt, summary, csv_chunks(EXPORT_COLUMNS, ([_table_row(d, checks[d.row.tenant]) for d in part]
                                                            for part in described)))


def export(k: Kernel, c: Criteria, fmt: str, key: bytes, limit: int, locale: str = "zh_CN",
           reveal: bool = False):
    """``prepare_export``'s file whole, in memory: (bytes, mimetype, extension, summary)."""
    prepared = prepare_export(k, c, fmt, key, limit, locale, reveal)
    try:
        return b"".join(prepared.chunks), prepared.mimetype, prepared.ext, prepared.summary
    finally:
        prepared.close()


def _described(k: Kernel, c: Criteria, extent: history.Extent, locale: str, reveal: bool,
               batch: int) -> Iterator[list]:
    """The export's rows in words, a batch at a time (each record named once)."""
    names = history.Names(k)
    for rows in history.iter_export(k, c, extent, batch):
        yield history.describe_rows(k, rows, locale, reveal, names=names)


def _jsonl(summary: dict, described: Iterator[list], checks: dict, proofs: dict, key) -> Iterator[bytes]:
    """The export with each log's checkpoint, an inclusion proof per event and, last, the signature of
    every byte before it: signed as it is written (a running SHA-256, proofs.SignedLines), a chunk of
    whole lines per batch."""
    signed = proofs_module.SignedLines(key)
    checkpoints = {log: p.checkpoint for log, p in proofs.items() if p.checkpoint}
    yield signed.line({"type": "export", **summary, "checkpoints": checkpoints})
    for part in described:
        yield b"".join(signed.line({"type": "event", **_record(d, checks[d.row.tenant]),
                                    "proof": proofs[d.row.tenant].proof(d.row.notification_id)}) for d in part)
    yield signed.signature()


def _xlsx(summary: dict, described: Iterator[list], checks: dict) -> Export:
    """The workbook written first, batch by batch, into a temporary file (in memory up to 16 MB, then
    on disk), then sent from it in chunks: a zip's directory comes at its end, so openpyxl's or any
    writer's .xlsx cannot be sent while it is written. The rows never all sit in memory, and the
    size is known before the first byte (Content-Length: the page's progress bar shows the share
    received)."""
    seal_rows = [[log, "通过" if v.ok else "未通过", v.seal_id, v.sealed_at, v.sealed_through, v.checked,
                  v.pending, v.first_bad_id, v.problem or ""] for log, v in checks.items()]
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    try:
        write_workbook(spool, [("事件记录", EXPORT_COLUMNS,
                                (_table_row(d, checks[d.row.tenant]) for part in described for d in part)),
                               ("封存校验", SEAL_COLUMNS, seal_rows)])
        length = spool.tell()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return Export("xlsx", summary, _file_chunks(spool), length, [spool.close])


def _file_chunks(handle) -> Iterator[bytes]:
    try:
        while chunk := handle.read(_CHUNK):
            yield chunk
    finally:
        handle.close()


def _table_row(d, check: seals.Verification) -> list:
    """A described row as a line of the CSV file and of the workbook (the JSONL record's fields, in
    words, without building the record)."""
    r = d.row
    return [r.tenant, r.notification_id, r.timestamp, r.actor, d.role if r.role else None, d.name,
            str(r.originator_id), r.version, d.text, _changes_text(d.changes), r.reason,
            "是" if r.notification_id <= check.sealed_through else "否", check.seal_id,
            "通过" if check.ok else "未通过"]


def _record(d, check: seals.Verification) -> dict:
    data = d.as_export()
    data["sealed"] = d.row.notification_id <= check.sealed_through
    data["seal_id"] = check.seal_id
    data["seal_ok"] = check.ok
    return data


def _changes_text(changes: list[tuple]) -> str:
    """(label, before, after) in words, as one cell."""
    return "；".join(f"{field}: {before} → {after}" if field else f"{before} → {after}"
                    for field, before, after in changes)
