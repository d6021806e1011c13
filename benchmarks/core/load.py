"""Pages under load: gunicorn serving the demo, requests from other processes."""
from __future__ import annotations

import http.client
import multiprocessing
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg

from benchmarks.core.common import LOAD_CONCURRENCY, LOAD_REQUESTS, ROOT, _drop


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
    rows = []
    try:
        with _server(workdir, env, "wsgi:app") as port:
            cookie = _login(port, "no1-secretary")
            for label, path, headers in (
                    ("school home page /t/no1/", "/t/no1/", {"Cookie": cookie}),
                    ("paginated API list /api/v1/t/no1/members/members?per_page=50",
                     "/api/v1/t/no1/members/members?per_page=50", {"Authorization": f"Bearer {token}"})):
                p50, p95, rps = _load(port, path, headers)
                rows.append((f"{label}: gunicorn 4 workers, {LOAD_CONCURRENCY} concurrent clients, "
                             f"{LOAD_REQUESTS} requests", backend,
                             f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, {rps:,.0f} req/s", "—"))
        # The floor: the same server and load, the home page answering with its templates rendered again
        # from the context its warm request gave them (benchmarks/core/floor_wsgi.py).
        with _server(workdir, {**env, "ZHIBU_BENCH_FLOOR_PATHS": "/t/no1/"},
                     "benchmarks.core.floor_wsgi:app") as port:
            cookie = _login(port, "no1-secretary")
            p50, p95, rps = _load(port, "/t/no1/", {"Cookie": cookie})
            rows.append(("school home page /t/no1/, its floor: the same page from precomputed rows (the templates of its warm request "
                         "rendered again), same server and load", backend,
                         f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, {rps:,.0f} req/s", "the page ≤ 2× its floor"))
    finally:
        _drop(pg_url, schema)
    return rows


@contextmanager
def _server(workdir: Path, env: dict, application: str):
    """gunicorn with 4 workers on a free port, until the block ends; what it said is shown if the
    block fails."""
    port = _free_port()
    log_path = workdir / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen([Path(sys.executable).parent / "gunicorn", "--workers", "4", "--bind",
                                   f"127.0.0.1:{port}", application], env=env, cwd=ROOT, stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            yield port
        except Exception:
            log.flush()
            print("gunicorn said:\n" + log_path.read_text(errors="replace")[-4000:], file=sys.stderr)
            raise
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
