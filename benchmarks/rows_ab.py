"""``Rows`` sending its queues straight to the driver (``_Compiled``) against SQLAlchemy's own
executemany, side by side: the same logs rebuilt with each path in turn, in one process.

    .venv/bin/python benchmarks/rows_ab.py                     # SQLite
    PG=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/rows_ab.py

Two logs: the members log of ``benchmarks.core.rebuild_rate`` (20,000 member events: a registration
and nine corrections each, into every projection of the log, the audit index included) and the demo
school (every plugin's handlers). Each is rebuilt ROUNDS times with each path, alternating; prints
events/s per round, the median of each path, the ratio of the medians and each round's ratio.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import core as bench  # noqa: E402
from core import context  # noqa: E402
from core.demo import SCHOOLS, create_demo  # noqa: E402
from core.projections import rows as rows_module  # noqa: E402
from plugins.members import services as members  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "3"))
EVENTS = int(os.environ.get("EVENTS", str(bench.REBUILD_EVENTS)))
PATHS = (("_Compiled", True), ("SQLAlchemy", False))


def build(k) -> list[str]:
    with context.acting(context.system("bench", source="bench")):
        from tenants import services as tenants
        tenants.create_school(k, "bench", "基准学校", plugins=[])
        with k.deferred_projections():
            count, i = 0, 0
            while count < EVENTS:
                member = members.register_member(k, "bench", _fields(i))
                for j in range(9):
                    member.correct({"job_post": f"岗位{j}"})
                k.save("bench", member)
                count += 10
                i += 1
        k.catch_up("bench")
    create_demo(k, progress=lambda _: None, schools=SCHOOLS[:1])
    return ["bench", SCHOOLS[0][0]]


def _fields(i: int) -> dict:
    return bench._member_fields(i)


def main() -> None:
    pg = os.environ.get("PG")
    app, k, schema = bench._make_app(Path(tempfile.mkdtemp()), pg, "rows_ab")
    rates: dict = {}
    try:
        with app.app_context():
            logs = build(k)
            for log in logs:
                k.projector.rebuild(log)   # warm: every shape compiled, caches filled, on both paths
                rows_module.DIRECT = False
                k.projector.rebuild(log)
                rows_module.DIRECT = True
            for r in range(ROUNDS):
                for log in logs:
                    for name, direct in (PATHS if r % 2 == 0 else PATHS[::-1]):
                        rows_module.DIRECT = direct
                        started = time.perf_counter()
                        applied = k.projector.rebuild(log)
                        rate = applied / (time.perf_counter() - started)
                        rates.setdefault((log, name), []).append((applied, rate))
                        print(f"round {r + 1} {log:6} {name:10} {applied:6,} events {rate:9,.0f} events/s", flush=True)
    finally:
        rows_module.DIRECT = True
        k.close()
        bench._drop(pg, schema)
    print(f"\n{'PostgreSQL' if pg else 'SQLite'}; load: {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores")
    for log in logs:
        medians = {name: statistics.median(rate for _, rate in rates[(log, name)]) for name, _ in PATHS}
        events = rates[(log, PATHS[0][0])][0][0]
        per_round = [a[1] / b[1] for a, b in zip(rates[(log, "_Compiled")], rates[(log, "SQLAlchemy")])]
        print(f"{log:6} {events:6,} events: _Compiled {medians['_Compiled']:8,.0f}/s, SQLAlchemy "
              f"{medians['SQLAlchemy']:8,.0f}/s, _Compiled / SQLAlchemy = "
              f"{medians['_Compiled'] / medians['SQLAlchemy']:.2f} (each round: "
              f"{', '.join(f'{x:.2f}' for x in per_round)}; median {statistics.median(per_round):.2f})")


if __name__ == "__main__":
    main()
