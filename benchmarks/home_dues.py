"""The school home page and the dues overview at 50 and 500 members, before/after (issue 19.5).

One real school per size (``benchmarks.scale.district.real_school``: the demo's year of every plugin,
then members up to the size), stored once per checkout, then measured by a fresh process of either
checkout, alternating, on the data that checkout stored (its own read models):

    # once per checkout (CODE = the checkout's root), SQLite and PostgreSQL
    PYTHONPATH=$CODE python -m benchmarks.home_dues setup /tmp/hd/$LABEL [postgresql://…]
    # as often as wanted, alternating the checkouts
    PYTHONPATH=$CODE python -m benchmarks.home_dues measure /tmp/hd/$LABEL [postgresql://…]

``measure`` prints, per page and size: the median wall and CPU time of this process over
ZHIBU_BENCH_REQUESTS warm requests (default 20), the statements of one warm request and the floor (the
same request with its view rendering the page's templates again from the context they were given:
``benchmarks.scale.page_floor``; the templates alone beside it). ZHIBU_BENCH_PROFILE=file writes a
cProfile of the warm requests of the 500-member home page (ZHIBU_BENCH_PROFILE_PAGE=1: of the dues
overview).
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from flask import request_finished, template_rendered

from benchmarks.scale import Floor, _statements, district, page_floor
from core.app import create_app
from core.testing import login

SIZES = tuple(int(n) for n in os.environ.get("ZHIBU_BENCH_MEMBERS", "50,500").split(","))
REQUESTS = int(os.environ.get("ZHIBU_BENCH_REQUESTS", "20"))
NOW = datetime(2026, 11, 30, 4, 0, tzinfo=timezone.utc)
PAGES = (("school home page", f"/t/{district.TARGET}/"), ("dues overview", f"/t/{district.TARGET}/dues/"))


def _app(root: Path, pg_url: str | None, size: int):
    schema = f"zb_hd_{root.name}_{size}".replace("-", "_") if pg_url else ""
    app = create_app({"INSTANCE_PATH": str(root / str(size)), "DATABASE_URL": pg_url, "DATABASE_SCHEMA": schema,
                      "SECRET_KEY": "bench", "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False})
    k = app.extensions["zhibu"]
    k.clock = lambda: NOW
    return app, k, schema


def setup(root: Path, pg_url: str | None) -> None:
    for size in SIZES:
        app, k, schema = _app(root, pg_url, size)
        if pg_url:
            import psycopg   # noqa: PLC0415
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                conn.execute(f'CREATE SCHEMA "{schema}"')
        with app.app_context():
            k.init_storage()
            started = time.perf_counter()
            district.real_school(k, size)
            print(f"{size} members: {time.perf_counter() - started:.0f} s", flush=True)
        k.close()


def _page(app, k, client, path: str, profile: str | None) -> dict:
    def get():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response
    for _ in range(3):
        get()
    statements = _statements(k, get)
    wall, cpu = [], []
    for _ in range(REQUESTS):
        started, started_cpu = time.perf_counter(), time.process_time()
        get()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    if profile:
        import cProfile   # noqa: PLC0415
        cProfile.runctx("for _ in range(n): get()", {}, {"get": get, "n": REQUESTS}, profile)
    floor = Floor()
    template_rendered.connect(floor.template, app)
    request_finished.connect(floor.finished, app)
    try:
        floor.armed = True
        html = get().get_data()
    finally:
        template_rendered.disconnect(floor.template, app)
        request_finished.disconnect(floor.finished, app)
    return {"wall": statistics.median(wall), "cpu": statistics.median(cpu), "statements": statements,
            "render": statistics.median(floor.samples) if floor.samples else None, "bytes": len(html),
            "floor": page_floor(app, client, path, floor.rendered)}


def measure(root: Path, pg_url: str | None) -> None:
    backend = "PostgreSQL" if pg_url else "SQLite"
    for size in SIZES:
        app, k, _schema = _app(root, pg_url, size)
        try:
            with app.app_context():
                k.init_storage()   # a store set up by an earlier checkout: tables of new modules, reshaped ones rebuilt
                k.catch_up()
                client = app.test_client()
                assert login(client, "secretary", district.PASSWORD).status_code == 302
                for name, path in PAGES:
                    profiled = PAGES[int(os.environ.get("ZHIBU_BENCH_PROFILE_PAGE", "0"))][0]
                    profile = os.environ.get("ZHIBU_BENCH_PROFILE") if (size, name) == (500, profiled) else None
                    f = _page(app, k, client, path, profile)
                    print(f"{root.name} | {backend} | {size} | {name} | wall {f['wall']:.1f} ms | CPU {f['cpu']:.1f} ms"
                          f" | floor {f['floor']:.1f} ms (×{f['wall'] / f['floor']:.1f}; templates alone "
                          f"{f['render']:.1f} ms) | {f['statements']} SQL | {f['bytes']} bytes", flush=True)
        finally:
            k.close()


if __name__ == "__main__":
    command, where = sys.argv[1], Path(sys.argv[2])
    url = sys.argv[3] if len(sys.argv) > 3 else None
    {"setup": setup, "measure": measure}[command](where, url)
