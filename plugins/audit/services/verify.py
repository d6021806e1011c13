"""Verification of one log against every copy of its signed checkpoints; names the first bad event.

1. Every checkpoint (seal table, district log copy, checkpoint file) must carry a valid Ed25519
   signature by a trusted key (the configured key and those it succeeded by rotation).
2. Every row of the events table, whatever its id, is a leaf in id order: the roots at each
   checkpoint size must match. The first mismatch is located against the recorded leaves.
3. Events past the last checkpoint must match the leaves recorded when they were written.
4. Every snapshot must equal the state rebuilt from the events it claims to cover (re-derived and
   compared; a snapshot that differs is named, with the event it claims to stand for).
5. A checkpoint that another copy holds but the seal table lacks is a deletion or a rollback.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from sqlalchemy import delete, insert

from core import summaries
from core.eventstore import DISTRICT
from core.kernel import Kernel
from plugins.audit.models import verifications
from plugins.audit.queries import storedrows
from plugins.audit.rules import merkle
from plugins.audit.services import copies, seal_marks, signing


@dataclass(frozen=True)
class Verification:
    log: str
    ok: bool
    checked: int
    sealed_through: int
    pending: int
    first_bad_id: int | None = None
    problem: str | None = None
    seal_id: int | None = None   # the size of the checkpoint verified against
    sealed_at: datetime | None = None
    root: str | None = None
    public_key: str | None = None
    snapshots: int = 0
    missing_checkpoint: int | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["sealed_at"] = self.sealed_at.isoformat() if self.sealed_at else None
        return data


class _Bad(Exception):
    def __init__(self, problem: str, first_bad_id: int | None = None, missing: int | None = None):
        super().__init__(problem)
        self.problem, self.first_bad_id, self.missing = problem, first_bad_id, missing


def verify_log(k: Kernel, log: str, key, record: bool = True, margin: timedelta | None = None) -> Verification:
    """Verify one log (``margin`` is accepted for older callers: leaves recorded at write time replace
    the backdating heuristic)."""
    return verify_log_rows(k, log, key, record)[0]


def verify_log_rows(k: Kernel, log: str, key, record: bool = True) -> tuple[Verification, list[storedrows.Hashed]]:
    """``verify_log``, with the log's rows as this verification read and hashed them, in id order (an
    export proves its events from them rather than reading and hashing the log a second time)."""
    app = k.stores.log(log)
    table = copies.table_checkpoints(k, log)
    others = copies.copies_of(k, log)
    trusted = copies.trusted_keys(k, signing.public_hex(key))
    counts = {"checked": 0, "pending": 0, "snapshots": 0}
    best, rows = None, []
    try:
        by_size = _check_signatures([*table, *others], trusted)
        best = by_size[max(by_size)] if by_size else None
        rows = [r.hashed() for r in storedrows.iter_rows(app)]
        recorded = copies.recorded_leaves(k, log)
        counts["checked"] = _check_tree(rows, by_size, [recorded, copies.leaves_of(others)])
        counts["pending"] = _check_pending(rows, best.size if best else 0, best, recorded)
        counts["snapshots"] = _check_snapshots(app, rows)
        have = {(c.size, c.root) for c in table}
        missing = [c for c in others if (c.size, c.root) not in have]
        if missing:
            m = max(missing, key=lambda c: c.size)
            where = "检查点文件" if m.source == "file" else "区级日志"
            raise _Bad(f"检查点（{m.size} 条，{m.signed_at[:19]}）在{where}中有副本，封存表中却没有：封存记录被删除或回滚",
                       missing=m.size)
        v = _result(log, True, counts, best)
    except _Bad as bad:
        v = _result(log, False, counts, best, bad)
    if record:
        _record(k, v)
    return v, rows


def _result(log, ok, counts, best, bad: _Bad | None = None) -> Verification:
    return Verification(
        log=log, ok=ok, checked=counts["checked"], pending=counts["pending"], snapshots=counts["snapshots"],
        sealed_through=best.last_notification_id if best else 0, seal_id=best.size if best else None,
        sealed_at=datetime.fromisoformat(best.signed_at) if best else None, root=best.root if best else None,
        public_key=best.public_key if best else None, first_bad_id=bad.first_bad_id if bad else None,
        problem=bad.problem if bad else None, missing_checkpoint=bad.missing if bad else None)


def _check_signatures(found, trusted: set[str]) -> dict[int, copies.SignedCheckpoint]:
    by_size: dict[int, copies.SignedCheckpoint] = {}
    for cp in sorted(found, key=lambda c: c.size):
        where = {"table": "封存表", "district": "区级日志", "file": "检查点文件"}[cp.source]
        if not cp.signature_ok():
            raise _Bad(f"{where}中的检查点（{cp.size} 条）签名无效：检查点被改动", missing=cp.size)
        if cp.public_key not in trusted:
            raise _Bad(f"{where}中的检查点（{cp.size} 条）由未知密钥 {cp.public_key[:16]}… 签名：被他人重新封存",
                       missing=cp.size)
        other = by_size.get(cp.size)
        if other is not None and other.root != cp.root:
            raise _Bad(f"同一规模（{cp.size} 条）有两个不同的检查点：日志被改写后重新封存", missing=cp.size)
        by_size[cp.size] = cp
    return by_size


def _check_tree(rows, by_size, sources: list[dict[int, str]]) -> int:
    """The roots of the rows at every checkpoint size; the number of sealed rows checked."""
    frontier, good = merkle.Frontier(), 0
    sizes = sorted(by_size)
    pending_sizes = iter(sizes)
    target = next(pending_sizes, None)
    for _nid, leaf, *_ in rows:
        if target is None:
            break
        frontier.append(bytes.fromhex(leaf))
        if frontier.size == target:
            if frontier.root().hex() != by_size[target].root:
                _locate(rows, good, target, by_size[target], sources)
            good, target = target, next(pending_sizes, None)
    if target is not None:   # fewer rows than a checkpoint signed: rows were deleted
        _locate(rows, good, target, by_size[target], sources)
    return good


def _locate(rows, start: int, size: int, cp, sources: list[dict[int, str]]):
    """Name the first row from ``start`` on that differs from the leaves as recorded: the seal table's,
    or else the copies' (either is used only when it gives the signed root)."""
    authentic, expected = False, sorted(sources[0].items())[:size]
    for source in sources:
        candidate = sorted(source.items())[:size]
        if len(candidate) == size and merkle.root([bytes.fromhex(h) for _, h in candidate]).hex() == cp.root:
            authentic, expected = True, candidate
            break
    ids = {r[0] for r in rows}
    note = "" if authentic else "（封存叶子记录也被改动：位置为推定）"
    for i in range(start, max(size, len(rows))):
        row = rows[i] if i < len(rows) else None
        exp = expected[i] if i < len(expected) else None
        if exp is None and row is not None:
            raise _Bad(f"第 {row[0]} 条通知（{row[2]}）是封存之后插入的{note}", row[0])
        if row is None:
            raise _Bad(f"第 {exp[0]} 条通知已从日志中删除{note}", exp[0])
        if row[0] == exp[0] and row[1] != exp[1]:
            raise _Bad(f"第 {row[0]} 条通知（{row[2]} v{row[3]}）的内容与封存不符：被修改或与其他记录调换{note}", row[0])
        if row[0] != exp[0]:
            if exp[0] not in ids:
                raise _Bad(f"第 {exp[0]} 条通知已从日志中删除{note}", exp[0])
            raise _Bad(f"第 {row[0]} 条通知（{row[2]}）是封存之后插入的{note}", row[0])
    first = rows[start][0] if start < len(rows) else None
    raise _Bad(f"检查点（{size} 条）的根哈希与日志不符，问题在第 {start + 1}–{size} 个事件之间{note}", first)


def _check_pending(rows, sealed: int, best, recorded: dict[int, str]) -> int:
    """Events past the last checkpoint: each must match the leaf recorded when it was written (a log
    from before leaf recording, never sealed, has none yet)."""
    last_id = best.last_notification_id if best else None
    # Never sealed: rows older than the first recorded leaf predate leaf recording (an upgrade).
    adopt_below = (min(recorded) if recorded else float("inf")) if best is None else float("-inf")
    for nid, leaf, event_type, version, *_ in rows[sealed:]:
        if last_id is not None and nid <= last_id:
            raise _Bad(f"第 {nid} 条通知（{event_type}）是封存之后插入到已封存的位置的", nid)
        if nid not in recorded and nid >= adopt_below:
            raise _Bad(f"第 {nid} 条通知（{event_type}）写入时没有登记：是直接插入数据库的", nid)
        if nid in recorded and recorded[nid] != leaf:
            raise _Bad(f"第 {nid} 条通知（{event_type} v{version}）在写入之后、下一个检查点之前被改动", nid)
    ids = {r[0] for r in rows}
    for nid in sorted(recorded):
        if (last_id is None or nid > last_id) and nid not in ids:
            raise _Bad(f"第 {nid} 条通知在写入之后、下一个检查点之前被删除", nid)
    return max(0, len(rows) - sealed)


def _check_snapshots(app, rows) -> int:
    """Each snapshot must equal the aggregate rebuilt from its events up to its version."""
    checked = 0
    for snap in storedrows.iter_snapshots(app):
        checked += 1
        if not _snapshot_matches(app, snap):
            nid = next((r[0] for r in rows if r[4] == snap.originator_id and r[3] == snap.version), None)
            raise _Bad(f"记录 {snap.originator_id} 第 {snap.version} 版的快照与由其事件重建的状态不符：快照被改动", nid)
    return checked


def _snapshot_matches(app, snap: storedrows.Row) -> bool:
    try:
        stored = app.mapper.to_domain_event(StoredEvent(UUID(snap.originator_id), snap.version, snap.topic,
                                                        snap.state))
        aggregate = None
        for event in app.repository.event_store.get(UUID(snap.originator_id), lte=snap.version):
            aggregate = event.mutate(aggregate)
        if aggregate is None or aggregate.version != snap.version:
            return False
        snapshot_class = getattr(type(aggregate), "Snapshot", type(app).snapshot_class)
        taken = app.mapper.to_domain_event(app.mapper.to_stored_event(snapshot_class.take(aggregate)))
        return taken.topic == stored.topic and taken.state == stored.state
    except Exception:  # noqa: BLE001  (an undecodable snapshot is itself the finding)
        return False


def _record(k: Kernel, v: Verification) -> None:
    with k.engine.begin() as conn:
        conn.execute(delete(verifications).where(verifications.c.log == v.log))
        conn.execute(insert(verifications).values(
            log=v.log, ok=v.ok, checked=v.checked, sealed_through=v.sealed_through, pending=v.pending,
            first_bad_id=v.first_bad_id, problem=(v.problem or "")[:500] or None, seal_id=v.seal_id,
            verified_at=k.now()))
        summaries.mark_stale(conn, v.log, "audit")   # the school's seal figure and alert
        seal_marks.move_on(conn)                      # the console's seal summary


def verify_all(k: Kernel, key, logs: list[str] | None = None, margin: timedelta | None = None) -> list[Verification]:
    return [verify_log(k, log, key) for log in (logs or [DISTRICT, *k.tenant_slugs()])]
