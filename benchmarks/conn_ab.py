"""Connections, statements and round trips of one page, measured against the code of a checkout
(issue 19 point 3: one connection per request, no pings), so a previous release and today's tree are
measured by the same function:

    CODE=/path/to/checkout .venv/bin/python benchmarks/conn_ab.py     # [PG=postgresql://…] [N=20]

On the demo district (3 schools) it prints, for the school home page and the district dashboard:
read-model checkouts, SQL statements (``before_cursor_execute``), PostgreSQL round trips of the read
model and of the event store (answers that end a round trip, ReadyForQuery, counted in a libpq trace)
and the median time of N requests through the Flask test client (wall, and this process's CPU,
which a loaded machine disturbs less).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

_SEEN: dict[str, int] = {}   # round trips counted so far, per trace file (a closed connection keeps its count)
PAGES = (("home", "no1-secretary", "/t/no1/"), ("dashboard", "admin", "/district/"))


def _trace_connections(traces: list) -> None:
    """Every new psycopg connection writes its libpq protocol trace to a file of its own: the read
    model's (plain rows) apart from the event store's (``dict_row``)."""
    import psycopg  # noqa: PLC0415

    original = psycopg.Connection.connect.__func__

    def connect(cls, *args, **kwargs):
        conn = original(cls, *args, **kwargs)
        store = "events" if kwargs.get("row_factory") is not None else "reads"
        handle = tempfile.NamedTemporaryFile("w", delete=False, suffix=".trace")
        conn.pgconn.trace(handle.fileno())
        traces.append((store, conn, handle))
        return conn

    psycopg.Connection.connect = classmethod(connect)
    psycopg.connect = psycopg.Connection.connect


def _round_trips(traces: list) -> dict[str, int]:
    counts = {"reads": 0, "events": 0}
    for store, conn, handle in traces:
        if not conn.closed:
            conn.pgconn.untrace()   # flushes libpq's buffer; tracing goes on in the same file
            with open(handle.name, encoding="utf-8", errors="replace") as f:
                _SEEN[handle.name] = sum(1 for line in f if "\tB\t" in line and "\tReadyForQuery\t" in line)
            conn.pgconn.trace(handle.fileno())
        counts[store] += _SEEN.get(handle.name, 0)
    return counts


def main() -> None:
    sys.path.insert(0, os.environ["CODE"])   # core, plugins and tenants come from the checkout under test
    from sqlalchemy import event  # noqa: PLC0415

    from core.app import create_app  # noqa: PLC0415
    from core.demo import DEMO_PASSWORD, create_demo  # noqa: PLC0415
    from core.testing import login  # noqa: PLC0415

    pg, n = os.environ.get("PG"), int(os.environ.get("N", "20"))
    traces: list = []
    schema = ""
    if pg:
        import psycopg  # noqa: PLC0415
        schema = f"zb_conn_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        _trace_connections(traces)
    try:
        app = create_app({"INSTANCE_PATH": str(Path(tempfile.mkdtemp()) / "instance"), "DATABASE_URL": pg,
                          "DATABASE_SCHEMA": schema, "SECRET_KEY": "bench"})
        k = app.extensions["zhibu"]
        k.init_storage()
        create_demo(k, progress=lambda _m: None)
        counts = {"checkouts": 0, "statements": 0}
        event.listen(k.engine, "checkout", lambda *_a: counts.__setitem__("checkouts", counts["checkouts"] + 1))
        event.listen(k.engine, "before_cursor_execute",
                     lambda *_a: counts.__setitem__("statements", counts["statements"] + 1))
        for name, user, path in PAGES:
            client = app.test_client()
            login(client, user, DEMO_PASSWORD)
            assert client.get(path).status_code == 200   # warm: templates, caches
            counts.update(checkouts=0, statements=0)
            before = _round_trips(traces)
            assert client.get(path).status_code == 200
            after = _round_trips(traces)
            one = dict(counts)
            times, cpu = [], []
            for _ in range(n):
                start, start_cpu = time.perf_counter(), time.process_time()
                client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            trips = {s: after[s] - before[s] for s in after}
            print(f"{os.environ['CODE']} {'PostgreSQL' if pg else 'SQLite'} {name}: checkouts {one['checkouts']}, "
                  f"statements {one['statements']}, round trips read model {trips['reads']} / event store "
                  f"{trips['events']}, median of {n} {statistics.median(times):.1f} ms "
                  f"(this process's CPU {statistics.median(cpu):.1f} ms)", flush=True)
        k.close()
    finally:
        if pg:
            with psycopg.connect(pg, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
