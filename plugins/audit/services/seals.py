"""Seals (封存): each log is a transparency log, its events the leaves of a Merkle tree (rules/merkle.py).

- When events are written, their leaf hashes are recorded at once (``record_written``), from the bytes
  the application wrote: an edit made before the next checkpoint is still caught.
- ``seal_log`` signs a checkpoint (log, size, root hash, time) with the Ed25519 key kept apart from
  the data, stores it with its public key and copies it elsewhere (services/copies.py): a school's into the
  district log, the district's into a file outside the instance.
- Checkpoints are made automatically after writes and requests once ``ZHIBU_SEAL_INTERVAL_SECONDS``
  has passed (``seal_if_due``/``seal_overdue``; after a request, once its answer has been sent), by
  ``zhibu worker``, and on demand (``zhibu audit seal``).
Verification is in services/verify.py.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from weakref import WeakKeyDictionary

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.projections.rows import execute_direct
from plugins.audit.models import checkpoints, leaves
from plugins.audit.queries import storedrows
from plugins.audit.queries.seal_status import seal_status, seal_summary  # noqa: F401  (the seals API)
from plugins.audit.rules import merkle
from plugins.audit.services import copies, seal_marks, signing
from plugins.audit.services.copies import SignedCheckpoint, recorded_leaves, table_checkpoints  # noqa: F401
from plugins.audit.services.verify import (  # noqa: F401  (the seals API)
    Verification, verify_all, verify_log, verify_log_rows,
)

logger = logging.getLogger("zhibu")
_KEYS: dict[tuple, object] = {}


class SealError(Exception):
    """The seal record no longer gives the signed root: nothing new is sealed over it."""


def load_key(path: str | Path):
    """The Ed25519 signing key at ``path`` (generated on first use), read once per file version."""
    try:
        changed = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        signing.load_key(Path(path))
        changed = os.stat(path).st_mtime_ns
    stamp = (str(path), changed)
    if stamp not in _KEYS:
        _KEYS[stamp] = signing.load_key(path)
    return _KEYS[stamp]


@dataclass(frozen=True)
class Checkpoint:
    id: int
    log: str
    size: int
    last_notification_id: int
    root: str
    public_key: str
    sealed_at: datetime

    @property
    def count(self) -> int:
        return self.size


def _insert_leaves(k: Kernel, log: str, new: dict[int, str]) -> None:
    rows = [{"log": log, "notification_id": nid, "hash": h} for nid, h in new.items()]
    for i in range(0, len(rows), 5000):
        try:
            with k.engine.begin() as conn:
                conn.execute(insert(leaves), rows[i:i + 5000])
        except IntegrityError:  # another process recorded some of them: one by one
            for row in rows[i:i + 5000]:
                try:
                    with k.engine.begin() as conn:
                        conn.execute(insert(leaves), [row])
                except IntegrityError:
                    pass


# Built once: record_written runs on every write.
_INSERT_NEW = {"sqlite": sqlite_insert(leaves).on_conflict_do_nothing(),
               "postgresql": postgresql_insert(leaves).on_conflict_do_nothing()}


def record_written(k: Kernel, conn, log: str, recordings) -> None:
    """Record the leaves of events just saved, from the bytes the application wrote, in ``conn``'s
    transaction (a leaf already there, adopted by a checkpoint in between, stays as it is)."""
    if not recordings:
        return
    execute_direct(conn, _INSERT_NEW[conn.dialect.name],
                   [{"log": log, "notification_id": r.notification.id,
                     "hash": storedrows.row_of(r.notification).leaf.hex()} for r in recordings])
    _state(k).pending.setdefault(log, time.monotonic())


# -- sealing --------------------------------------------------------------------------------------------
def seal_log(k: Kernel, log: str, key, accept_unrecorded: bool = False) -> Checkpoint | None:
    """Sign a checkpoint over the log's events up to its end; None when nothing is new.

    A row whose leaf was not recorded when it was written was put in the database by hand: sealing
    stops before it (verification names it) unless ``accept_unrecorded`` (after an inspection); the
    first checkpoint of a log adopts the rows written before leaf recording began (an upgrade).
    """
    signed = table_checkpoints(k, log)
    last = signed[-1] if signed else None
    if last is not None and not _anything_new(k, log, last.last_notification_id):
        return None   # cheap for the worker's rounds over every log
    recorded = recorded_leaves(k, log)
    frontier = merkle.Frontier()
    last_id = last.last_notification_id if last else None
    if last is not None:
        for nid in sorted(n for n in recorded if n <= last_id):
            frontier.append(bytes.fromhex(recorded[nid]))
        if frontier.size != last.size or frontier.root().hex() != last.root:
            raise SealError(f"{log}: the recorded leaves no longer give checkpoint {last.size}; run zhibu audit verify")
    # Before the first checkpoint, rows older than the first recorded leaf predate leaf recording.
    adopt_below = (min(recorded) if recorded else float("inf")) if last is None else float("-inf")
    # New events as written (their recorded leaf); a leaf recorded for a row that has gone stays in
    # (verification then names the deleted row).
    new = {nid: h for nid, h in recorded.items() if last_id is None or nid > last_id}
    unseen = {}
    for row in storedrows.iter_rows(k.stores.log(log), after=last_id):
        if row.notification_id not in new:
            unseen[row.notification_id] = row.leaf.hex()
    late = [nid for nid in unseen if nid >= adopt_below]
    if late and not accept_unrecorded:
        stop = min(late)
        logger.warning("%s: notification %s has no leaf recorded when written; sealing stops before it", log, stop)
        new = {nid: h for nid, h in new.items() if nid < stop}
        unseen = {nid: h for nid, h in unseen.items() if nid < stop}
    new.update(unseen)
    if not new:
        return None
    added = sorted(new.items())
    for _nid, h in added:
        frontier.append(bytes.fromhex(h))
    _insert_leaves(k, log, unseen)
    now = k.wall_now().astimezone(timezone.utc)
    cp = SignedCheckpoint(log, frontier.size, added[-1][0], frontier.root().hex(), now.isoformat(),
                          signing.public_hex(key), "")
    cp = SignedCheckpoint(**{**cp.as_dict(), "signature": signing.sign(key, cp.message)})
    try:
        with k.engine.begin() as conn:
            cid = conn.execute(insert(checkpoints).values(**cp.as_dict())).inserted_primary_key[0]
            if last is None:   # the log sealed at last: the console's seal summary changes (not with later ones)
                seal_marks.move_on(conn)
    except IntegrityError:
        return None  # another process signed the same size first
    if log == DISTRICT:
        copies.write_to_file(k, cp, added)
    else:
        copies.record_in_district(k, cp, added)
    _state(k).sealed(log)
    return Checkpoint(cid, log, cp.size, cp.last_notification_id, cp.root, cp.public_key, now)


def _anything_new(k: Kernel, log: str, last_id: int) -> bool:
    if (k.stores.log(log).recorder.max_notification_id() or 0) > last_id:
        return True
    with k.reading() as conn:
        return conn.execute(select(leaves.c.notification_id).where(
            leaves.c.log == log, leaves.c.notification_id > last_id).limit(1)).first() is not None


def consistency(k: Kernel, log: str, old: int, new: int) -> tuple[list[bytes], bool]:
    """The RFC 6962 consistency proof between two signed checkpoints of a log, from the stored rows,
    and whether it verifies against their signed roots."""
    signed = {c.size: c for c in table_checkpoints(k, log)}
    if old not in signed or new not in signed:
        raise LookupError(f"{log} has no checkpoint of {old if old not in signed else new} events")
    hashes = []
    for row in storedrows.iter_rows(k.stores.log(log)):
        if len(hashes) == new:
            break
        hashes.append(row.leaf)
    proof = merkle.consistency_proof(old, hashes)
    return proof, merkle.verify_consistency(old, new, bytes.fromhex(signed[old].root),
                                            bytes.fromhex(signed[new].root), proof)


def seal_all(k: Kernel, key) -> list[Checkpoint]:
    """Seal every school's log, then the district's (which then holds the schools' new checkpoints)."""
    return [c for log in [*k.tenant_slugs(), DISTRICT] if (c := seal_log(k, log, key))]


# -- automatic checkpoints ---------------------------------------------------------------------------------
class _AutoState:
    def __init__(self):
        self.started = time.monotonic()
        self.last: dict[str, float] = {}
        self.pending: dict[str, float] = {}
        self.lock = threading.Lock()

    def sealed(self, log: str) -> None:
        self.last[log] = time.monotonic()
        self.pending.pop(log, None)

    def due(self, log: str, interval: float) -> bool:
        return log in self.pending and time.monotonic() - self.last.get(log, self.started) >= interval


_AUTO: WeakKeyDictionary = WeakKeyDictionary()


def _state(k: Kernel) -> _AutoState:
    state = _AUTO.get(k)
    if state is None:
        state = _AUTO.setdefault(k, _AutoState())
    return state


def seal_overdue(k: Kernel, key, interval: float, logs: list[str] | None = None) -> list[Checkpoint]:
    """Seal the logs written since their last checkpoint once ``interval`` seconds have passed (one
    thread at a time; another busy with it means it is being done)."""
    state = _state(k)
    if not state.lock.acquire(blocking=False):
        return []
    try:
        due = [log for log in (logs or list(state.pending)) if state.due(log, interval)]
        due.sort(key=lambda log: log == DISTRICT)  # the district last: it records the schools' checkpoints
        made = []
        for log in due:
            try:
                if (c := seal_log(k, log, key)) is not None:
                    made.append(c)
                state.sealed(log)
            except SealError:
                logger.exception("automatic checkpoint of %s refused", log)
                state.sealed(log)
        if made and DISTRICT in state.pending and DISTRICT not in due and state.due(DISTRICT, interval):
            made += [c for c in [seal_log(k, DISTRICT, key)] if c]
            state.sealed(DISTRICT)
        return made
    finally:
        state.lock.release()


def anything_due(k: Kernel, interval: float) -> bool:
    """Whether some log written since its checkpoint has waited ``interval`` seconds (no database read)."""
    state = _state(k)
    return any(state.due(log, interval) for log in list(state.pending))


def seal_if_due(k: Kernel, log: str, key, interval: float) -> list[Checkpoint]:
    """After a write to ``log``: its checkpoint (and the district's) when due. ``key`` may be a
    function giving the key, asked only then (most writes find nothing due)."""
    state = _state(k)
    if not (state.due(log, interval) or state.due(DISTRICT, interval)):
        return []
    return seal_overdue(k, key() if callable(key) else key, interval, [log, DISTRICT])
