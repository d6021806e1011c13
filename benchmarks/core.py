"""Core benchmarks: the command layer against raw inserts, projection rebuild, pages under load.

Rows: (measurement, backend, value, target).
"""
from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import psycopg

from core import context
from core.app import create_app
from plugins.members import services as members
from plugins.members.rules import id_check_digit

COMMANDS = 1500
ROUNDS = 5
REBUILD_EVENTS = 20000
REBUILD_RUNS = 3
LOAD_REQUESTS = 1200
LOAD_CONCURRENCY = 8
ROOT = Path(__file__).resolve().parent.parent


def _member_fields(i: int) -> dict:
    first17 = f"110105{1960 + (i // 1000) % 40}0101{i % 1000:03d}"  # unique for i < 40,000
    return {"name": f"成员{i}", "gender": "male", "id_number": first17 + id_check_digit(first17),
            "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1), "job_post": "教师"}


def _make_app(workdir: Path, pg_url: str | None, tag: str):
    schema = ""
    if pg_url:
        schema = f"zb_bench_{tag}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    app = create_app({"INSTANCE_PATH": str(workdir / tag), "DATABASE_URL": pg_url, "DATABASE_SCHEMA": schema,
                      "SECRET_KEY": "bench"})
    k = app.extensions["zhibu"]
    k.init_storage()
    return app, k, schema


def _drop(pg_url, schema):
    if pg_url and schema:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}_raw" CASCADE')


def commands_vs_raw(workdir: Path, pg_url: str | None) -> list[tuple]:
    """Commands in rounds, each followed by the raw replay of the rows it wrote, so that a slow
    moment of a shared machine falls on both sides."""
    backend = "PostgreSQL" if pg_url else "SQLite"
    app, k, schema = _make_app(workdir, pg_url, "cmd")
    ours = raw = 0.0
    try:
        with app.app_context(), context.acting(context.system("bench", source="bench")):
            from tenants import services as tenants
            tenants.create_school(k, "bench", "基准学校", plugins=[])
            members.register_member(k, "bench", _member_fields(0))  # warm up
            replay = _RawReplay(workdir, pg_url, schema, k)
            for first in range(1, COMMANDS + 1, COMMANDS // ROUNDS):
                ids = []
                started = time.perf_counter()
                for i in range(first, first + COMMANDS // ROUNDS):
                    ids.append(members.register_member(k, "bench", _member_fields(i)).id)
                ours += time.perf_counter() - started
                raw += replay.replay(ids)
            replay.close()
    finally:
        k.close()
        _drop(pg_url, schema)
    ours, raw = COMMANDS / ours, COMMANDS / raw
    return [
        ("commands/s through the command layer (register a member: context, uniqueness query, aggregate, save, "
         "projection catch-up)", backend, f"{ours:,.0f}/s", "—"),
        ("raw INSERT+COMMIT of the same rows (each command's event row, then its roster, history, movement and "
         "audit-index rows, copied from the run above) into tables of the same schema and indexes",
         backend, f"{raw:,.0f}/s", "—"),
        ("command layer ÷ raw", backend, f"{ours / raw:.2f}×", "≥ 0.35× on SQLite" if not pg_url else "—"),
    ]


# What one registration writes to the read model, by the column that names the member.
_READ_ROWS = (("members_members", "id"), ("members_history", "member_id"),
              ("members_movements", "member_id"), ("audit_events", "originator_id"))


class _RawReplay:
    """Replays, with the driver alone, the rows the command layer wrote: per command one
    INSERT+COMMIT of the event into the log's table, then its read-model rows and a COMMIT, into
    fresh tables of the same definitions (same indexes), with the same settings."""

    def __init__(self, workdir: Path, pg_url: str | None, schema: str, k):
        self.log_table = k.stores.log("bench").recorder.events_table_name
        self.postgres = bool(pg_url)
        tables = (self.log_table, *(t for t, _ in _READ_ROWS))
        if pg_url:
            self.source = psycopg.connect(pg_url, options=f"-csearch_path={schema}", autocommit=True)
            self.mark, self.key = "%s", str   # values travel as text, as the driver would send them
            self.source.execute(f'CREATE SCHEMA "{schema}_raw"')
            for table in tables:
                self.source.execute(f'CREATE TABLE "{schema}_raw".{table} (LIKE {table} INCLUDING ALL)')
            self.events = self.reads = psycopg.connect(pg_url, options=f"-csearch_path={schema}_raw")
        else:
            self.source = sqlite3.connect(k.store_config.instance_path / "events" / "bench.sqlite")
            self.source.execute("ATTACH DATABASE ? AS reads", (k.engine.url.database,))
            self.mark, self.key = "?", (lambda member_id: member_id.hex)
            self.events = sqlite3.connect(workdir / "raw-events.sqlite", isolation_level=None)  # as eventsourcing
            self.events.execute("PRAGMA journal_mode=WAL")
            self.reads = sqlite3.connect(workdir / "raw-reads.sqlite")                          # as core.db
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "cache_size=-32000"):
                self.reads.execute(f"PRAGMA {pragma}")
            for target, database in ((self.events, "main"), (self.reads, "reads")):
                for (ddl,) in self.source.execute(
                        f"SELECT sql FROM {database}.sqlite_master WHERE sql IS NOT NULL AND "
                        f"tbl_name IN ({', '.join('?' * len(tables))})", tables).fetchall():
                    target.execute(ddl)
        self.insert_event = (f"INSERT INTO {self.log_table} (originator_id, originator_version, topic, state) "
                             f"VALUES ({', '.join([self.mark] * 4)})")

    def _rows(self, ids: list) -> tuple[dict, dict]:
        """Each command's rows, as the command layer stored them."""
        wanted = {self.key(i) for i in ids}
        log_rows = {row[0]: row for row in self.source.execute(
            f"SELECT {self._text('originator_id')}, originator_version, topic, state FROM {self.log_table}"
        ).fetchall() if row[0] in wanted}
        read_rows: dict = {}
        for table, column in _READ_ROWS:
            names = [c for c in _columns(self.source, table, self.postgres) if c != "id" or table == "members_members"]
            statement = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join([self.mark] * len(names))})"
            for row in self.source.execute(f"SELECT {', '.join(map(self._text, names))} FROM {table}").fetchall():
                if row[names.index(column)] in wanted:
                    read_rows.setdefault(row[names.index(column)], []).append((statement, row))
        if len(log_rows) != len(ids) or any(len(read_rows.get(m, ())) != len(_READ_ROWS) for m in wanted):
            raise RuntimeError("the raw baseline did not find every row the commands wrote")
        return log_rows, read_rows

    def _text(self, column: str) -> str:
        """PostgreSQL: read each value as its text (JSON, UUIDs and times go back in as they came)."""
        return f"{column}::text" if self.postgres else column

    def replay(self, ids: list) -> float:
        """Insert the rows of these commands as they did; the seconds it took."""
        log_rows, read_rows = self._rows(ids)
        events, reads = self.events, self.reads
        started = time.perf_counter()
        for member in map(self.key, ids):
            if self.postgres:
                events.execute(self.insert_event, log_rows[member])
                events.commit()
            else:
                events.execute("BEGIN")
                events.execute(self.insert_event, log_rows[member])
                events.execute("COMMIT")
            for statement, row in read_rows[member]:
                reads.execute(statement, row)
            reads.commit()
        return time.perf_counter() - started

    def close(self) -> None:
        for conn in {id(c): c for c in (self.source, self.events, self.reads)}.values():
            conn.close()


def _columns(conn, table: str, postgres: bool) -> list[str]:
    if postgres:
        return [r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns WHERE "
                                           "table_name = %s AND table_schema = current_schema() "
                                           "ORDER BY ordinal_position", (table,))]
    return [r[1] for r in conn.execute(f"PRAGMA reads.table_info({table})")]


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


# -- pages under load -----------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _login(port: int, username: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    response = conn.getresponse()
    html = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)
    body = f"username={username}&password=zhibu-demo&csrf_token={token}"
    conn.request("POST", "/login", body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                       "Cookie": cookie})
    response = conn.getresponse()
    response.read()
    cookies = [c.split(";")[0] for c in response.msg.get_all("Set-Cookie") or []]
    return next(c for c in cookies if c.startswith("session="))


def _load_worker(args) -> list[float]:
    port, path, headers, count = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        timings.append(time.perf_counter() - started)
    return timings


def _load(port: int, path: str, headers: dict) -> tuple[float, float, float]:
    per_worker = LOAD_REQUESTS // LOAD_CONCURRENCY
    with multiprocessing.get_context("spawn").Pool(LOAD_CONCURRENCY) as pool:
        _load_worker((port, path, headers, 5))  # warm up
        started = time.perf_counter()
        results = pool.map(_load_worker, [(port, path, headers, per_worker)] * LOAD_CONCURRENCY)
        elapsed = time.perf_counter() - started
    timings = sorted(t for r in results for t in r)
    p50 = statistics.median(timings) * 1000
    p95 = timings[int(len(timings) * 0.95) - 1] * 1000
    return p50, p95, len(timings) / elapsed


def pages_under_load(workdir: Path, pg_url: str | None) -> list[tuple]:
    backend = "PostgreSQL" if pg_url else "SQLite"
    schema = ""
    env = {**os.environ, "ZHIBU_INSTANCE_PATH": str(workdir / "load"), "ZHIBU_SECRET_KEY": "bench",
           "ZHIBU_SECURE_COOKIES": "0"}
    if pg_url:
        schema = f"zb_bench_load_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        env.update(ZHIBU_DATABASE_URL=pg_url, ZHIBU_DATABASE_SCHEMA=schema)
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "zhibu", "demo"], env=env, check=True, capture_output=True)
    token = subprocess.run([bin_dir / "zhibu", "token", "create", "no1-secretary", "--label", "bench"],
                           env=env, check=True, capture_output=True, text=True).stdout.strip()
    port = _free_port()
    server = subprocess.Popen([bin_dir / "gunicorn", "--workers", "4", "--bind", f"127.0.0.1:{port}",
                               "wsgi:app"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    rows = []
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        cookie = _login(port, "no1-secretary")
        for label, path, headers in (
                ("school home page /t/no1/", "/t/no1/", {"Cookie": cookie}),
                ("paginated API list /api/v1/t/no1/members/members?per_page=50",
                 "/api/v1/t/no1/members/members?per_page=50", {"Authorization": f"Bearer {token}"})):
            p50, p95, rps = _load(port, path, headers)
            rows.append((f"{label}: gunicorn 4 workers, {LOAD_CONCURRENCY} concurrent clients, "
                         f"{LOAD_REQUESTS} requests", backend,
                         f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, {rps:,.0f} req/s", "—"))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        _drop(pg_url, schema)
    return rows


def run(workdir: Path, pg_url: str | None) -> list[tuple]:
    rows = []
    for backend_url in (None, pg_url) if pg_url else (None,):
        tag = "pg" if backend_url else "sqlite"
        sub = workdir / tag
        sub.mkdir()
        rows += commands_vs_raw(sub, backend_url)
        rows += rebuild_rate(sub, backend_url)
        rows += pages_under_load(sub, backend_url)
    return rows


if __name__ == "__main__":
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        for row in run(Path(d), None):
            print(json.dumps(row, ensure_ascii=False))
