"""The console's first page in a fresh process and warm, on a district kept between runs.

    python -m benchmarks.audit_console generate DIR [PG_URL]   # SCHOOLS × EVENTS from plugins.audit.bench
    python -m benchmarks.audit_console measure DIR [PG_URL]    # one fresh process: first request, then p95

``generate`` writes the district with plugins.audit.bench's generator and indexes it; ``measure`` opens
the stored district in a new process and times each filter's first request, then its warm p95 (20
requests), and counts the SQL statements of one warm request (the app's engine and the logs' reads).
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import event

from core import context
from core.app import create_app
from core.auth import services as accounts
from core.projections import Projector
from core.testing import login
from plugins.audit import bench
from tenants import services as tenants

FILTERS = {"school+month": "/audit/?school=s{mid}&month=2025-06", "actor": "/audit/?actor=user17",
           "event type": "/audit/?event_type=Member.Registered", "none": "/audit/"}


def _app(workdir: Path, pg_url: str | None):
    schema = "zb_bench_console" if pg_url else ""
    return create_app({"INSTANCE_PATH": str(workdir), "DATABASE_URL": pg_url, "DATABASE_SCHEMA": schema,
                       "SECRET_KEY": "bench", "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False})


def generate(workdir: Path, pg_url: str | None) -> None:
    if pg_url:
        import psycopg  # noqa: PLC0415
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute('DROP SCHEMA IF EXISTS "zb_bench_console" CASCADE')
            conn.execute('CREATE SCHEMA "zb_bench_console"')
    app = _app(workdir, pg_url)
    k = app.extensions["zhibu"]
    with app.app_context():
        k.init_storage()
        per_school = bench.EVENTS // bench.SCHOOLS
        slugs = [f"s{i:03d}" for i in range(bench.SCHOOLS)]
        with context.acting(context.system("bench", source="bench")):
            accounts.create_user(k, "admin", "区级管理员", "bench-password")
            accounts.grant_role(k, "admin", "district_admin")
            for i, slug in enumerate(slugs):
                tenants.create_school(k, slug, f"第{i + 1}学校", plugins=[])
                bench.generate(k, slug, per_school, i)
        index = Projector(k.stores, k.engine,
                          lambda log: [p for p in k.projections_for(log) if p.name == "audit.index"])
        for slug in slugs:
            index.catch_up(slug)
    k.close()
    if pg_url:   # what autovacuum does to a table that grew by appends (it is off on the test server)
        import psycopg  # noqa: PLC0415
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute('VACUUM ANALYZE "zb_bench_console".audit_events')


def measure(workdir: Path, pg_url: str | None, which: str) -> dict:
    """One filter in this (fresh) process: the first request, then warm p95 and statements."""
    app = _app(workdir, pg_url)
    k = app.extensions["zhibu"]
    url = FILTERS[which].format(mid=f"{bench.SCHOOLS * 2 // 3:03d}")
    client = app.test_client()
    assert login(client, "admin", "bench-password").status_code == 302
    started, cpu = time.perf_counter(), time.process_time()
    assert client.get(url).status_code == 200
    first, first_cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    warm = bench._time(lambda: client.get(url))
    cpus = []
    for _ in range(bench.REPEAT):
        cpu = time.process_time()
        client.get(url)
        cpus.append((time.process_time() - cpu) * 1000)
    counts = {"engine": 0, "log": 0}
    event.listen(k.engine, "before_cursor_execute", lambda *a: counts.__setitem__("engine", counts["engine"] + 1))
    _count_log_reads(counts)
    client.get(url)
    k.close()
    return {"filter": which, "first_ms": round(first, 1), "first_cpu_ms": round(first_cpu, 1),
            "warm_p95_ms": round(warm, 1), "warm_cpu_median_ms": round(statistics.median(cpus), 1),
            "engine_statements": counts["engine"], "log_statements": counts["log"]}


def _count_log_reads(counts: dict) -> None:
    """Statements read from the logs outside the app's engine: the recorders' (the old path) and the
    log files' (SQLite, the new path)."""
    from eventsourcing.postgres import PostgresApplicationRecorder  # noqa: PLC0415
    from eventsourcing.sqlite import SQLiteApplicationRecorder  # noqa: PLC0415
    for cls in (PostgresApplicationRecorder, SQLiteApplicationRecorder):
        original = cls.select_notifications

        def counted(self, *args, _original=original, **kwargs):
            counts["log"] += 1
            return _original(self, *args, **kwargs)
        cls.select_notifications = counted
    try:
        from plugins.audit.queries.history import logread  # noqa: PLC0415
    except ImportError:
        return
    opener = logread.connect

    def connect(*args, **kwargs):
        conn = opener(*args, **kwargs)
        conn.set_trace_callback(lambda _sql: counts.__setitem__("log", counts["log"] + 1))
        return conn
    logread.connect = connect
    logread._open.conns = {}   # reopened through the counting connect


if __name__ == "__main__":
    command, workdir = sys.argv[1], Path(sys.argv[2])
    pg = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
    if command == "generate":
        started = time.perf_counter()
        generate(workdir, pg)
        print(f"generated in {time.perf_counter() - started:.0f} s")
    else:
        print(json.dumps(measure(workdir, pg, sys.argv[4] if len(sys.argv) > 4 else "actor")))
