"""Exports of the event history (no Flask here): every log in an export sealed and verified first, then
its rows described and written batch by batch as the body is read (CSV, JSONL with proofs, workbook)."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from typing import Iterator

from core.excel import XLSX, csv_chunks, write_workbook
from core.kernel import Kernel
from core.projections.batches import collector_paused
from plugins.audit.present.exports import EXPORT_COLUMNS, SEAL_COLUMNS, record, seal_rows, table_row
from plugins.audit.queries import history, proofs as proofs_module
from plugins.audit.queries.history import Criteria
from plugins.audit.services import seals

__all__ = ["EXPORT_BATCH", "EXPORT_COLUMNS", "Export", "export", "prepare_export"]

EXPORT_BATCH = 500          # rows described and written at a time
_CHUNK = 256 * 1024         # bytes of a file sent at a time
_MIMETYPES = {"csv": "text/csv", "jsonl": "application/x-ndjson", "xlsx": XLSX}


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
    with collector_paused():   # the rows make no reference cycles: the collector's passes would be a quarter of the CPU
        return _prepare(k, c, fmt, key, limit, locale, reveal, batch)


def _prepare(k: Kernel, c: Criteria, fmt: str, key: bytes, limit: int, locale: str, reveal: bool,
             batch: int) -> Export:
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
        return Export(fmt, summary, _paused(_jsonl(summary, described, checks, proofs, key)))
    if fmt == "xlsx":
        return _xlsx(summary, described, checks)
    return Export(fmt, summary, _paused(csv_chunks(EXPORT_COLUMNS, ([table_row(d, checks[d.row.tenant]) for d in part]
                                                                    for part in described))))


def _paused(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks``, each made with the cycle collector paused (and on again while the server sends it)."""
    chunks = iter(chunks)
    while True:
        with collector_paused():
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


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
        yield b"".join(signed.line({"type": "event", **record(d, checks[d.row.tenant]),
                                    "proof": proofs[d.row.tenant].proof(d.row.notification_id)}) for d in part)
    yield signed.signature()


def _xlsx(summary: dict, described: Iterator[list], checks: dict) -> Export:
    """The workbook written first, batch by batch, into a temporary file (in memory up to 16 MB, then
    on disk), then sent from it in chunks: a zip's directory comes at its end, so openpyxl's or any
    writer's .xlsx cannot be sent while it is written. The rows never all sit in memory, and the
    size is known before the first byte (Content-Length: the page's progress bar shows the share
    received)."""
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    try:
        write_workbook(spool, [("事件记录", EXPORT_COLUMNS,
                                (table_row(d, checks[d.row.tenant]) for part in described for d in part)),
                               ("封存校验", SEAL_COLUMNS, seal_rows(checks))])
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
