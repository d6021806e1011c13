"""What an export carries so that it can be checked offline (exportcheck.py): the signed checkpoint of
each log, an inclusion proof per event, and a signature over the whole file.

The file is signed as it is written (``SignedLines``): a running SHA-256 over every byte of every line,
and a last line signing that digest (format ``zhibu-export-v2``), so that an export of any size is
streamed without being held in memory to be signed.
"""
from __future__ import annotations

import hashlib
import json
from typing import Iterable

from core.kernel import Kernel
from plugins.audit import exportcheck, merkle, signing, storedrows
from plugins.audit.copies import table_checkpoints


class LogProofs:
    """The checkpoint of a log that an export was verified against, and the inclusion proof of any of
    its events under it (none for an event past it, or when the log has no such checkpoint)."""

    def __init__(self, checkpoint: dict | None, rows: list[storedrows.Hashed]):
        self.checkpoint = checkpoint
        self.rows = rows
        self.tree = merkle.Tree([bytes.fromhex(r.leaf) for r in rows])
        self.index = {r.notification_id: i for i, r in enumerate(rows)}

    def proof(self, notification_id: int) -> dict | None:
        index = self.index.get(notification_id)
        if index is None:
            return None
        r = self.rows[index]
        return {"notification_id": r.notification_id, "originator_id": r.originator_id, "version": r.version,
                "topic": r.topic, "state_sha256": r.state_sha256, "index": index,
                "path": [h.hex() for h in self.tree.proof(index)]}


def log_proofs(k: Kernel, log: str, size: int | None, rows: list[storedrows.Hashed] | None = None) -> LogProofs:
    """The proofs under the table's checkpoint of ``size`` events of ``log``, from ``rows`` (the log's
    rows in id order as its verification just read them) or else read from the log."""
    cp = next((c for c in table_checkpoints(k, log) if c.size == size), None)
    if cp is None:
        return LogProofs(None, [])
    if rows is None:
        rows = []
        for row in storedrows.iter_rows(k.stores.log(log)):
            if len(rows) == cp.size:
                break
            rows.append(row.hashed())
    return LogProofs(cp.as_dict(), rows[:cp.size])


class SignedLines:
    """JSON lines signed as they are written: each line's bytes go into a running SHA-256; the last
    line signs the digest of every byte before it."""

    def __init__(self, key):
        self.key = key
        self.digest = hashlib.sha256()

    def line(self, value: dict) -> bytes:
        data = (json.dumps(value, ensure_ascii=False, default=str) + "\n").encode()
        self.digest.update(data)
        return data

    def signature(self) -> bytes:
        """The last line: the digest of every byte before it, signed (exportcheck.export_message)."""
        digest = self.digest.hexdigest()
        trailer = {"type": "signature", "format": exportcheck.EXPORT_FORMAT, "sha256": digest,
                   "public_key": signing.public_hex(self.key),
                   "signature": signing.sign(self.key, exportcheck.export_message(digest))}
        return (json.dumps(trailer) + "\n").encode()


def signed_jsonl(lines: Iterable[dict], key) -> bytes:
    """JSON lines, then a last line signing every byte before it."""
    signed = SignedLines(key)
    return b"".join(signed.line(line) for line in lines) + signed.signature()
