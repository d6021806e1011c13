"""What an export carries so that it can be checked offline (exportcheck.py): the signed checkpoint of
each log, an inclusion proof per event, and a signature over the whole file."""
from __future__ import annotations

import hashlib
import json

from core.kernel import Kernel
from plugins.audit import exportcheck, merkle, signing, storedrows
from plugins.audit.copies import table_checkpoints


def checkpoint_and_proofs(k: Kernel, log: str, size: int | None, wanted: set[int]) -> tuple[dict | None, dict]:
    """The table's checkpoint of ``size`` events of ``log`` and the inclusion proofs of the wanted
    notification ids under it (rows beyond it, or a log without one, get none)."""
    cp = next((c for c in table_checkpoints(k, log) if c.size == size), None)
    if cp is None:
        return None, {}
    rows = []
    for row in storedrows.iter_rows(k.stores.log(log)):
        if len(rows) == cp.size:
            break
        rows.append(row)
    tree = merkle.Tree([r.leaf for r in rows])
    proofs = {}
    for index, r in enumerate(rows):
        if r.notification_id in wanted:
            proofs[r.notification_id] = {
                "notification_id": r.notification_id, "originator_id": r.originator_id, "version": r.version,
                "topic": r.topic, "state_sha256": hashlib.sha256(r.state).hexdigest(), "index": index,
                "path": [h.hex() for h in tree.proof(index)]}
    return cp.as_dict(), proofs


def signed_jsonl(lines: list[dict], key) -> bytes:
    """JSON lines, then a last line signing every byte before it."""
    body = "".join(json.dumps(line, ensure_ascii=False, default=str) + "\n" for line in lines).encode()
    trailer = {"type": "signature", "format": exportcheck.EXPORT_FORMAT, "public_key": signing.public_hex(key),
               "signature": signing.sign(key, body)}
    return body + (json.dumps(trailer) + "\n").encode()
