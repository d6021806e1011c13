"""Projection rebuild rate of a members log."""
from __future__ import annotations

import time
from pathlib import Path

from core import context
from plugins.members import services as members
from benchmarks.core.common import REBUILD_EVENTS, REBUILD_RUNS, _drop, _make_app, _member_fields


def rebuild_rate(workdir: Path, pg_url: str | None) -> list[tuple]:
    """Replay 20,000 member events (a registration and nine corrections each): into the member
    roster projection alone (what a change of its tables needs: `zhibu projections rebuild
    --projection members.roster`), and into every projection of the log, the audit index included."""
    backend = "PostgreSQL" if pg_url else "SQLite"
    app, k, schema = _make_app(workdir, pg_url, "rebuild")
    rates = {}
    try:
        with app.app_context(), context.acting(context.system("bench", source="bench")):
            from tenants import services as tenants
            tenants.create_school(k, "bench", "基准学校", plugins=[])
            with k.deferred_projections():
                count, i = 0, 0
                while count < REBUILD_EVENTS:
                    member = members.register_member(k, "bench", _member_fields(i))
                    for j in range(9):
                        member.correct({"job_post": f"岗位{j}"})
                    k.save("bench", member)
                    count += 10
                    i += 1
            k.catch_up("bench")
            for label, only in (("roster", {"members.roster"}), ("log", None)):
                best = 0.0
                for _ in range(REBUILD_RUNS):
                    started = time.perf_counter()
                    applied = k.projector.rebuild("bench", only=only)
                    best = max(best, applied / (time.perf_counter() - started))
                rates[label] = (applied, best)
    finally:
        k.close()
        _drop(pg_url, schema)
    (events, roster), (_, log) = rates["roster"], rates["log"]
    return [
        (f"projection rebuild, events/s (best of {REBUILD_RUNS}): the member roster projection replays {events:,} "
         "member events (a roster row and a history row each)", backend, f"{roster:,.0f} events/s",
         "≥ 20,000/s on SQLite" if not pg_url else "—"),
        (f"rebuild of every projection of the log, events/s (best of {REBUILD_RUNS}): the same events into the "
         "roster and the audit index (an index row per event, six B-trees)", backend, f"{log:,.0f} events/s", "—"),
    ]
