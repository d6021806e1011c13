"""Each log's seal state for the seals page, the API and the school's home alert: its newest checkpoint
and its last verification, in two statements whatever the number of logs and checkpoints; and the
console's summary of them, kept by each process while one row says no fact it shows changed."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from weakref import WeakKeyDictionary

from sqlalchemy import select, text

from core.kernel import Kernel
from plugins.audit.models import checkpoints, verifications
from plugins.audit.queries.marks import marks


@dataclass(frozen=True)
class SealSummary:
    """The console's seal panel: how many logs are in each state, and the broken ones with their problem."""
    counts: dict            # state ("unsealed", "unverified", "ok", "broken") → logs
    broken: tuple           # ((log, problem), …) in the logs' order


# kernel → {logs asked for: (seal generation, SealSummary)}: an entry per scope (the administrator's every
# log, each inspector's schools), forgotten all at once past SCOPES_KEPT.
_KEPT: WeakKeyDictionary = WeakKeyDictionary()
SCOPES_KEPT = 64


def seal_summary(k: Kernel, logs: list[str]) -> SealSummary:
    """The seal states of ``logs`` counted, and the broken ones, as ``seal_status`` gives them: worked out
    again only when the seal generation moved since (services/seal_marks.py), else nothing but the
    generation, read with the schools' counter (``marks``), whatever the number of logs. The generation
    moves, in the same transaction, with every fact the summary shows: a log's first checkpoint (unsealed →
    sealed; later checkpoints change no state) and every verification (its result, its problem),
    whichever process recorded it. Read before the states, so a change landing in between is read again
    by the next request. Not seen: seal rows a database administrator deletes by hand (a verification
    names that, and moves the generation)."""
    kept = _KEPT.get(k)
    if kept is None:
        kept = _KEPT.setdefault(k, {})
    scope = tuple(logs)
    generation = marks(k).seals
    found = kept.get(scope)
    if found is not None and found[0] == generation:
        return found[1]
    status = seal_status(k, logs)
    summary = SealSummary(dict(Counter(s["state"] for s in status.values())),
                          tuple((log, s["problem"]) for log, s in status.items() if s["state"] == "broken"))
    if len(kept) >= SCOPES_KEPT:
        kept.clear()
    kept[scope] = (generation, summary)
    return summary


def seal_status(k: Kernel, logs: list[str]) -> dict[str, dict]:
    """For the console: each log's last checkpoint and last verification, in two statements whatever the
    number of logs and checkpoints: the latest checkpoint of each log found through the (log, size)
    index, one index seek per log, never the log's earlier checkpoints."""
    if not logs:
        return {}
    with k.reading() as conn:
        if conn.dialect.name == "postgresql":
            rows = conn.execute(_LATEST_EACH, {"logs": list(logs)}).all()
        else:
            rows = conn.execute(_latest(len(logs)), {f"l{i}": log for i, log in enumerate(logs)}).all()
        checks = {r.log: r for r in conn.execute(select(verifications).where(verifications.c.log.in_(logs))).all()}
    latest = {r.log: r for r in rows}
    out = {}
    for log in logs:
        s, v = latest.get(log), checks.get(log)
        state = "unsealed" if s is None else ("unverified" if v is None else ("ok" if v.ok else "broken"))
        out[log] = {"state": state, "sealed_at": datetime.fromisoformat(s.signed_at) if s else None,
                    "through": s.last_notification_id if s else 0, "size": s.size if s else 0,
                    "public_key": s.public_key if s else None,
                    "verified_at": v.verified_at if v else None, "problem": v.problem if v else None,
                    "first_bad_id": v.first_bad_id if v else None, "pending": v.pending if v else None}
    return out


_LATEST: dict[int, object] = {}

# PostgreSQL: the same seek per log as one plan (a lateral join over the logs asked for): planning 200
# subqueries took 9 ms of the console's first page, this one 0.2 ms.
_LATEST_EACH = text(f"SELECT c.log, c.size, c.last_notification_id, c.signed_at, c.public_key "
                    f"FROM unnest(CAST(:logs AS VARCHAR[])) AS asked(log) CROSS JOIN LATERAL "
                    f"(SELECT * FROM {checkpoints.name} WHERE {checkpoints.name}.log = asked.log "
                    f"ORDER BY size DESC LIMIT 1) AS c")


def _latest(n: int):
    """The newest checkpoint of each of ``n`` logs (bound as ``l0``…, those that have one): each log's
    found by its own ``ORDER BY size DESC LIMIT 1`` on the unique (log, size) index, one seek per log,
    then fetched by id; never the logs' earlier checkpoints (``log IN (...)`` read them all, every
    seal of the year). Text built once per number of logs: a Core statement of 200 subqueries cost
    ~5 ms a request just to build and key."""
    found = _LATEST.get(n)
    if found is None:
        newest = ", ".join(f"(SELECT id FROM {checkpoints.name} WHERE log = :l{i} ORDER BY size DESC LIMIT 1)"
                           for i in range(n))
        found = _LATEST[n] = text(f"SELECT log, size, last_notification_id, signed_at, public_key "
                                  f"FROM {checkpoints.name} WHERE id IN ({newest})")
    return found
