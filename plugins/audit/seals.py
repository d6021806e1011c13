"""Seals (封存): a running hash over each log's notifications, signed at checkpoints.

``seal_log`` extends the chain over notifications not yet sealed and signs a checkpoint with a
key kept outside every tenant's data (``ZHIBU_SEAL_KEY_PATH``). ``verify_log`` recomputes and
names the first notification that no longer matches: a row edited, deleted, inserted or swapped
directly in the database. The chain and checkpoints live in the read-model database; editing them
too cannot produce a valid signature without the key.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from core.eventstore import DISTRICT
from core.kernel import Kernel
from plugins.audit import rules
from plugins.audit.models import chain, seals, verifications

BATCH = 2000
# A notification appended after the last seal may legitimately carry a slightly earlier time (it
# was created while the seal ran); one that claims to be older than this is an insertion.
BACKDATE_MARGIN = timedelta(minutes=10)


# -- the key ------------------------------------------------------------------------------------
def load_key(path: str | Path) -> bytes:
    """The seal key at ``path``, generated on first use (32 random bytes, mode 600)."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


# -- sealing ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Checkpoint:
    id: int
    log: str
    last_notification_id: int
    count: int
    chain_hash: str
    sealed_at: datetime


def latest_seal(k: Kernel, log: str):
    with k.engine.connect() as conn:
        return conn.execute(select(seals).where(seals.c.log == log)
                            .order_by(seals.c.last_notification_id.desc(), seals.c.id.desc()).limit(1)).first()


def seal_log(k: Kernel, log: str, key: bytes) -> Checkpoint | None:
    """Extend the log's chain to its end and sign a checkpoint; None when nothing new."""
    last = latest_seal(k, log)
    previous = last.chain_hash if last else rules.genesis(log)
    last_id, count = (last.last_notification_id, last.count) if last else (0, 0)
    app = k.stores.log(log)
    stop = app.recorder.max_notification_id() or 0
    if stop <= last_id:
        return None
    rows, tail = [], None
    start = last_id
    while start < stop:
        batch = app.recorder.select_notifications(start=start, limit=BATCH, stop=stop, inclusive_of_start=False)
        if not batch:
            break
        for n in batch:
            digest = rules.row_digest(n.id, n.originator_id, n.originator_version, n.topic, n.state)
            previous = rules.chain_step(previous, digest)
            rows.append({"log": log, "notification_id": n.id, "digest": digest})
        tail = batch[-1]
        start = tail.id
    if tail is None:
        return None
    count += len(rows)
    last_event_at = app.mapper.to_domain_event(tail).timestamp.isoformat()
    sealed_at = k.now().astimezone(timezone.utc)
    signature = rules.sign(key, rules.checkpoint_message(log, tail.id, count, previous,
                                                         _iso(sealed_at), last_event_at))
    try:
        with k.engine.begin() as conn:
            for i in range(0, len(rows), 5000):
                conn.execute(insert(chain), rows[i:i + 5000])
            seal_id = conn.execute(insert(seals).values(
                log=log, last_notification_id=tail.id, count=count, chain_hash=previous,
                last_event_at=last_event_at, sealed_at=sealed_at, key_id=rules.key_id(key),
                signature=signature)).inserted_primary_key[0]
    except IntegrityError:
        return None  # another process sealed the same notifications first
    return Checkpoint(seal_id, log, tail.id, count, previous, sealed_at)


def seal_all(k: Kernel, key: bytes) -> list[Checkpoint]:
    return [c for log in [DISTRICT, *k.tenant_slugs()] if (c := seal_log(k, log, key))]


# -- verification -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verification:
    log: str
    ok: bool
    checked: int
    sealed_through: int
    pending: int
    first_bad_id: int | None = None
    problem: str | None = None
    seal_id: int | None = None
    sealed_at: datetime | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["sealed_at"] = self.sealed_at.isoformat() if self.sealed_at else None
        return data


def _chain_rows(k: Kernel, log: str, after: int, through: int):
    with k.engine.connect() as conn:
        return conn.execute(select(chain.c.notification_id, chain.c.digest)
                            .where(chain.c.log == log, chain.c.notification_id > after,
                                   chain.c.notification_id <= through)
                            .order_by(chain.c.notification_id).limit(BATCH)).all()


def _stream_chain(k: Kernel, log: str, through: int):
    after = 0
    while True:
        rows = _chain_rows(k, log, after, through)
        if not rows:
            return
        yield from rows
        after = rows[-1].notification_id


def _stream_log(app, start: int = 0, stop: int | None = None):
    while True:
        batch = app.recorder.select_notifications(start=start, limit=BATCH, stop=stop, inclusive_of_start=False)
        if not batch:
            return
        yield from batch
        start = batch[-1].id


def verify_log(k: Kernel, log: str, key: bytes, record: bool = True,
               margin: timedelta = BACKDATE_MARGIN) -> Verification:
    """Recompute the chain of one log against its signed checkpoints; name the first mismatch."""
    with k.engine.connect() as conn:
        checkpoints = conn.execute(select(seals).where(seals.c.log == log)
                                   .order_by(seals.c.last_notification_id, seals.c.id)).all()
    app = k.stores.log(log)
    last = checkpoints[-1] if checkpoints else None

    def result(ok, checked, first_bad=None, problem=None, pending=0):
        v = Verification(log=log, ok=ok, checked=checked, sealed_through=last.last_notification_id if last else 0,
                         pending=pending, first_bad_id=first_bad, problem=problem,
                         seal_id=last.id if last else None, sealed_at=last.sealed_at if last else None)
        if record:
            _record(k, v)
        return v

    for cp in checkpoints:
        message = rules.checkpoint_message(log, cp.last_notification_id, cp.count, cp.chain_hash,
                                           _iso(cp.sealed_at), cp.last_event_at)
        if not rules.signature_ok(key, message, cp.signature):
            return result(False, 0, None, f"封存检查点 #{cp.id} 的签名无效：封存记录被改动或密钥不符")
    through = last.last_notification_id if last else 0
    by_last_id = {cp.last_notification_id: cp for cp in checkpoints}
    running, count, checked = rules.genesis(log), 0, 0
    chain_rows = _stream_chain(k, log, through)
    log_rows = _stream_log(app, 0, through)
    c, n = next(chain_rows, None), next(log_rows, None)
    while c is not None or n is not None:
        if c is not None and (n is None or c.notification_id < n.id):
            return result(False, checked, c.notification_id,
                          f"第 {c.notification_id} 条通知已从日志中删除")
        if n is not None and (c is None or n.id < c.notification_id):
            return result(False, checked, n.id, f"第 {n.id} 条通知是封存之后插入的")
        digest = rules.row_digest(n.id, n.originator_id, n.originator_version, n.topic, n.state)
        if digest != c.digest:
            return result(False, checked, n.id,
                          f"第 {n.id} 条通知（{n.topic.rsplit(':', 1)[-1]} v{n.originator_version}）"
                          f"的内容与封存不符：被修改或与其他记录调换")
        running, count, checked = rules.chain_step(running, c.digest), count + 1, checked + 1
        cp = by_last_id.get(c.notification_id)
        if cp is not None and (cp.chain_hash != running or cp.count != count):
            return result(False, checked, c.notification_id,
                          f"封存链在第 {c.notification_id} 条通知处与签名检查点不符：封存记录被改动")
        c, n = next(chain_rows, None), next(log_rows, None)
    # After the last checkpoint: not sealed yet, but never older than what was sealed.
    floor = datetime.fromisoformat(last.last_event_at) - margin if last and last.last_event_at else None
    pending = 0
    for n in _stream_log(app, through, None):
        pending += 1
        try:
            at = app.mapper.to_domain_event(n).timestamp
        except Exception:  # noqa: BLE001  (undecodable bytes are themselves the finding)
            return result(False, checked, n.id, f"第 {n.id} 条通知无法解读：被改动", pending)
        if floor is not None and at < floor:
            return result(False, checked, n.id,
                          f"第 {n.id} 条通知在封存之后插入，却记载为更早的时间（{at:%Y-%m-%d %H:%M}）", pending)
    return result(True, checked, pending=pending)


def _iso(value) -> str:
    """Checkpoint times as they were signed (aware UTC isoformat), whatever the backend returns."""
    value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return value.isoformat()


def _record(k: Kernel, v: Verification) -> None:
    with k.engine.begin() as conn:
        conn.execute(delete(verifications).where(verifications.c.log == v.log))
        conn.execute(insert(verifications).values(
            log=v.log, ok=v.ok, checked=v.checked, sealed_through=v.sealed_through, pending=v.pending,
            first_bad_id=v.first_bad_id, problem=v.problem, seal_id=v.seal_id, verified_at=k.now()))


def verify_all(k: Kernel, key: bytes, logs: list[str] | None = None,
               margin: timedelta = BACKDATE_MARGIN) -> list[Verification]:
    return [verify_log(k, log, key, margin=margin) for log in (logs or [DISTRICT, *k.tenant_slugs()])]


def seal_status(k: Kernel, logs: list[str]) -> dict[str, dict]:
    """For the console: each log's last seal and last verification."""
    with k.engine.connect() as conn:
        last_seal = {r.log: r for r in conn.execute(
            select(seals.c.log, func.max(seals.c.sealed_at).label("sealed_at"),
                   func.max(seals.c.last_notification_id).label("through"))
            .where(seals.c.log.in_(logs)).group_by(seals.c.log)).all()}
        checks = {r.log: r for r in conn.execute(select(verifications).where(verifications.c.log.in_(logs))).all()}
    out = {}
    for log in logs:
        s, v = last_seal.get(log), checks.get(log)
        state = "unsealed" if s is None else ("unverified" if v is None else ("ok" if v.ok else "broken"))
        out[log] = {"state": state, "sealed_at": s.sealed_at if s else None, "through": s.through if s else 0,
                    "verified_at": v.verified_at if v else None, "problem": v.problem if v else None,
                    "first_bad_id": v.first_bad_id if v else None, "pending": v.pending if v else None}
    return out
