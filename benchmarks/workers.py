"""Catch-up throughput of 1, 2 and 4 ``zhibu worker`` processes sharing the logs (PostgreSQL).

A backlog is written once (schools × members, a registration and nine corrections each, with the
catch-up deferred); for each worker count every read model is emptied and its positions set to zero,
the workers are started (the real CLI, in processes of their own) and held at a gate (the position
table locked) until all have started, then timed from the gate's opening until every projection of
every log stands at its log's head. Run: ``python -m benchmarks.workers [SCHOOLS] [MEMBERS]``.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import text, update

from benchmarks.core.common import _drop, _make_app, _member_fields
from core import context
from core.db import projection_failures, projection_positions
from core.eventstore import DISTRICT

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("ZHIBU_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
CLI = "import sys; from core.cli import main; sys.argv[0] = 'zhibu'; sys.exit(main())"


def write_backlog(k, schools: int, members: int) -> list[str]:
    from plugins.members import services  # noqa: PLC0415
    from tenants import services as tenants  # noqa: PLC0415
    slugs = [f"b{i:03d}" for i in range(schools)]
    with context.acting(context.system("bench", source="bench")):
        for slug in slugs:
            tenants.create_school(k, slug, f"基准学校{slug}", plugins=[])
        with k.deferred_projections():
            for i in range(members):
                for n, slug in enumerate(slugs):  # an id number is unique in the district
                    member = services.register_member(k, slug, _member_fields(i * schools + n))
                    for j in range(9):
                        member.correct({"job_post": f"岗位{j}"})
                    k.save(slug, member)
    return slugs


def reset(k, logs: list[str]) -> None:
    """Every read model of these logs emptied, every position at zero (a rebuild's first half)."""
    with k.engine.begin() as conn:
        for log in logs:
            for projection in k.projections_for(log):
                projection.clear(conn, log)
        conn.execute(update(projection_positions).where(projection_positions.c.log.in_(logs)).values(position=0))
        conn.execute(projection_failures.delete().where(projection_failures.c.log.in_(logs)))


def caught_up(k, logs: list[str]) -> bool:
    return all(s.position >= s.head and s.stopped_at is None for s in k.projector.states(logs))


def timed_catch_up(k, logs: list[str], workers: int, env: dict) -> tuple[float, list[int]]:
    gate = k.engine.connect()
    gate.execute(text("LOCK TABLE core_projection_positions IN EXCLUSIVE MODE"))
    procs = [subprocess.Popen([sys.executable, "-c", CLI, "worker", "--interval", "0.2"], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) for _ in range(workers)]
    lines: dict[int, list[str]] = {p.pid: [] for p in procs}
    try:
        for p in procs:
            assert p.stdout.readline().startswith("worker "), "a worker did not start"
            threading.Thread(target=lambda p=p: lines[p.pid].extend(p.stdout), daemon=True).start()
        time.sleep(1.0)  # each is waiting at the gate
        started = time.perf_counter()
        gate.rollback()
        deadline = started + 600
        while not caught_up(k, logs):
            assert time.perf_counter() < deadline, [s for s in k.projector.states(logs) if s.position < s.head][:3]
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        gate.close()
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)
    shares = [sum(int(line.split()[1]) for line in lines[p.pid] if line.startswith("applied ")) for p in procs]
    return elapsed, shares


def main() -> None:
    schools = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    with tempfile.TemporaryDirectory(prefix="zhibu-workers-") as workdir:
        app, k, schema = _make_app(Path(workdir), PG_URL, "workers")
        try:
            with app.app_context():
                slugs = write_backlog(k, schools, members)
                logs = [DISTRICT, *slugs]
                k.catch_up(DISTRICT)
                events = sum(k.stores.log(s).recorder.max_notification_id() or 0 for s in slugs)
                env = {**os.environ, "ZHIBU_INSTANCE_PATH": str(k.store_config.instance_path),
                       "ZHIBU_DATABASE_URL": PG_URL, "ZHIBU_DATABASE_SCHEMA": schema, "ZHIBU_SECRET_KEY": "bench",
                       "ZHIBU_INLINE_PROJECTIONS": "0", "PYTHONPATH": str(ROOT)}
                print(f"backlog: {schools} schools, {events:,} events in their logs")
                print("| workers | catch-up time | events/s | events applied by each worker |")
                print("|---|---|---|---|")
                for workers in (1, 2, 4):
                    reset(k, slugs)
                    elapsed, shares = timed_catch_up(k, logs, workers, env)
                    print(f"| {workers} | {elapsed:.1f} s | {events / elapsed:,.0f} | "
                          f"{' / '.join(f'{s:,}' for s in shares)} |", flush=True)
        finally:
            k.close()
            _drop(PG_URL, schema)


if __name__ == "__main__":
    main()
