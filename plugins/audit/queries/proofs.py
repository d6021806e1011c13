"""What an export carries so that it can be checked offline (exportcheck.py): the signed checkpoint of
each log, an inclusion proof per event, and a signature over the whole file.

The file is signed as it is written (``SignedLines``): a running SHA-256 over every byte of every line,
and a last line signing that digest (format ``zhibu-export-v2``), so that an export of any size is
streamed without being held in memory to be signed.
"""
from __future__ import annotations

import hashlib
import json
from array import array
from bisect import bisect_left
from typing import Iterable
from uuid import UUID

from core.kernel import Kernel
from plugins.audit.queries import storedrows
from plugins.audit.rules import exportcheck, merkle
from plugins.audit.services import signing
from plugins.audit.services.copies import table_checkpoints


class LogProofs:
    """The checkpoint of a log that an export was verified against, and the inclusion proof of any of
    its events under it (none for an event past it, or when the log has no such checkpoint).

    Kept while the export streams, for every row the checkpoint covers, packed (about 130 bytes a
    row: the tree, and each row's id, version, record, type and stored bytes' SHA-256), not as
    Python objects a row."""

    def __init__(self, checkpoint: dict | None, rows: list[storedrows.Hashed]):
        self.checkpoint = checkpoint
        self.tree = merkle.Tree(b"".join(bytes.fromhex(r.leaf) for r in rows))
        self.ids = array("q", (r.notification_id for r in rows))     # ascending: the log's id order
        self.versions = array("q", (r.version for r in rows))
        self.digests = b"".join(bytes.fromhex(r.state_sha256) for r in rows)
        known: dict[str, int] = {}
        self.topic_of = array("I", (known.setdefault(r.topic, len(known)) for r in rows))
        self.topics = list(known)
        self.odd: dict[int, str] = {}   # record ids that are not UUIDs, by index (the store makes none)
        self.records = b"".join(self._packed(i, r.originator_id) for i, r in enumerate(rows))

    def _packed(self, index: int, originator_id: str) -> bytes:
        try:
            value = UUID(originator_id)
            if str(value) == originator_id:
                return value.bytes
        except ValueError:
            pass
        self.odd[index] = originator_id
        return bytes(16)

    def proof(self, notification_id: int) -> dict | None:
        index = bisect_left(self.ids, notification_id)
        if index == len(self.ids) or self.ids[index] != notification_id:
            return None
        record = self.odd.get(index) or str(UUID(bytes=self.records[index * 16:index * 16 + 16]))
        return {"notification_id": notification_id, "originator_id": record, "version": self.versions[index],
                "topic": self.topics[self.topic_of[index]],
                "state_sha256": self.digests[index * 32:index * 32 + 32].hex(), "index": index,
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
