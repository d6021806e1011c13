"""What a plugin's benchmark (``plugins/<name>/bench.py``, gathered by ``make bench``) needs around its
measurement: an app on a store of its own — a folder for SQLite, a schema of its own on PostgreSQL,
dropped afterwards — and median timings."""
from __future__ import annotations

import statistics
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator


@contextmanager
def bench_app(workdir: Path, pg_url: str | None, tag: str, **config) -> Iterator[tuple]:
    """``(app, kernel)`` of a new app whose store is ``workdir/tag`` (SQLite) or a new schema of the
    PostgreSQL database at ``pg_url``; closed, and the schema dropped, on leaving. ``config`` adds to or
    overrides the app's settings (``TESTING=True``)."""
    from core.app import create_app   # noqa: PLC0415  (the app imports every plugin, and this module with them)
    schema = f"zb_bench_{tag.replace('-', '_').lower()}_{uuid.uuid4().hex[:8]}" if pg_url else ""   # unquoted names fold to lower case
    if pg_url:
        import psycopg   # noqa: PLC0415
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    app = create_app({"INSTANCE_PATH": str(workdir / tag), "DATABASE_URL": pg_url, "DATABASE_SCHEMA": schema,
                      "SECRET_KEY": "bench", "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False,
                      **config})
    k = app.extensions["zhibu"]
    try:
        yield app, k
    finally:
        k.close()
        if pg_url:
            import psycopg   # noqa: PLC0415
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def timed(fn: Callable, times: int) -> tuple[float, object]:
    """The median milliseconds of ``times`` calls of ``fn``, and what the last call returned."""
    spent, result = [], None
    for _ in range(times):
        started = time.perf_counter()
        result = fn()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent) * 1000, result
