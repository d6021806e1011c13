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
REBUILD_EVENTS = 20000
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


def commands_vs_raw(workdir: Path, pg_url: str | None) -> list[tuple]:
    backend = "PostgreSQL" if pg_url else "SQLite"
    app, k, schema = _make_app(workdir, pg_url, "cmd")
    try:
        with app.app_context(), context.acting(context.system("bench", source="bench")):
            from tenants import services as tenants
            tenants.create_school(k, "bench", "基准学校", plugins=[])
            members.register_member(k, "bench", _member_fields(0))  # warm up
            started = time.perf_counter()
            for i in range(1, COMMANDS + 1):
                members.register_member(k, "bench", _member_fields(i))
            ours = COMMANDS / (time.perf_counter() - started)
        raw = _raw_inserts(workdir, pg_url, schema)
    finally:
        k.close()
        _drop(pg_url, schema)
    ratio = ours / raw
    return [
        ("commands/s through the command layer (register a member: context, uniqueness query, aggregate, save, projection catch-up)",
         backend, f"{ours:,.0f}/s", "—"),
        ("raw INSERT+COMMIT of the equivalent rows (the event row in the log; roster, history, movement and "
         "audit-index rows in the read model)",
         backend, f"{raw:,.0f}/s", "—"),
        ("command layer ÷ raw", backend, f"{ratio:.2f}×", "≥ 0.35× on SQLite" if not pg_url else "—"),
    ]


def _raw_inserts(workdir: Path, pg_url: str | None, schema: str) -> float:
    state = b'{"fields": {"name": "x"}}' * 8
    if not pg_url:
        events = sqlite3.connect(workdir / "raw-events.sqlite")
        reads = sqlite3.connect(workdir / "raw-reads.sqlite")
        for c in (events, reads):
            c.execute("PRAGMA journal_mode=WAL")
        reads.execute("PRAGMA synchronous=NORMAL")
        events.execute("CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, "
                       "state BLOB, notification_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "UNIQUE (originator_id, originator_version))")
        reads.execute("CREATE TABLE members (id TEXT PRIMARY KEY, tenant TEXT, name TEXT, status TEXT, version INTEGER)")
        reads.execute("CREATE TABLE history (id INTEGER PRIMARY KEY, member_id TEXT, changes TEXT)")
        reads.execute("CREATE TABLE movements (id INTEGER PRIMARY KEY, member_id TEXT, kind TEXT, effective_on TEXT)")
        reads.execute("CREATE TABLE audit_index (tenant TEXT, notification_id INTEGER, originator_id TEXT, "
                      "version INTEGER, topic TEXT, actor TEXT, at TEXT, PRIMARY KEY (tenant, notification_id))")
        started = time.perf_counter()
        for i in range(COMMANDS):
            oid = uuid.uuid4().hex
            events.execute("INSERT INTO stored_events (originator_id, originator_version, topic, state) "
                           "VALUES (?, 1, 'plugins.members.domain:Member.Registered', ?)", (oid, state))
            events.commit()
            reads.execute("INSERT INTO members VALUES (?, 'bench', ?, 'full', 1)", (oid, f"成员{i}"))
            reads.execute("INSERT INTO history (member_id, changes) VALUES (?, ?)", (oid, state))
            reads.execute("INSERT INTO movements (member_id, kind, effective_on) VALUES (?, 'registered', "
                          "'2026-11-23')", (oid,))
            reads.execute("INSERT INTO audit_index VALUES ('bench', ?, ?, 1, 'Member.Registered', 'bench', "
                          "'2026-11-23T10:00:00')", (i, oid))
            reads.commit()
        return COMMANDS / (time.perf_counter() - started)
    with psycopg.connect(pg_url, options=f"-csearch_path={schema}") as conn:
        conn.execute("CREATE TABLE raw_events (originator_id uuid, originator_version bigint, topic text, "
                     "state bytea, notification_id bigserial, PRIMARY KEY (originator_id, originator_version))")
        conn.execute("CREATE TABLE raw_members (id uuid PRIMARY KEY, tenant text, name text, status text, version int)")
        conn.execute("CREATE TABLE raw_history (id bigserial PRIMARY KEY, member_id uuid, changes bytea)")
        conn.execute("CREATE TABLE raw_movements (id bigserial PRIMARY KEY, member_id uuid, kind text, effective_on date)")
        conn.execute("CREATE TABLE raw_audit_index (tenant text, notification_id bigint, originator_id uuid, "
                     "version int, topic text, actor text, at timestamptz, PRIMARY KEY (tenant, notification_id))")
        conn.commit()
        started = time.perf_counter()
        for i in range(COMMANDS):
            oid = uuid.uuid4()
            conn.execute("INSERT INTO raw_events (originator_id, originator_version, topic, state) "
                         "VALUES (%s, 1, 'plugins.members.domain:Member.Registered', %s)", (oid, state))
            conn.commit()
            conn.execute("INSERT INTO raw_members VALUES (%s, 'bench', %s, 'full', 1)", (oid, f"成员{i}"))
            conn.execute("INSERT INTO raw_history (member_id, changes) VALUES (%s, %s)", (oid, state))
            conn.execute("INSERT INTO raw_movements (member_id, kind, effective_on) VALUES (%s, 'registered', "
                         "'2026-11-23')", (oid,))
            conn.execute("INSERT INTO raw_audit_index VALUES ('bench', %s, %s, 1, 'Member.Registered', 'bench', "
                         "now())", (i, oid))
            conn.commit()
        return COMMANDS / (time.perf_counter() - started)


def rebuild_rate(workdir: Path, pg_url: str | None) -> list[tuple]:
    backend = "PostgreSQL" if pg_url else "SQLite"
    app, k, schema = _make_app(workdir, pg_url, "rebuild")
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
            started = time.perf_counter()
            applied = k.projector.rebuild("bench")
            rate = applied / (time.perf_counter() - started)
    finally:
        k.close()
        _drop(pg_url, schema)
    return [(f"projection rebuild ({applied:,} member events: roster row + history row each)", backend,
             f"{rate:,.0f} events/s", "≥ 20,000/s on SQLite" if not pg_url else "—")]


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
