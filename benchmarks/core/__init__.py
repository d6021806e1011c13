"""Core benchmarks: the command layer against raw inserts, projection rebuild, pages under load.

Rows: (measurement, backend, value, target).
"""
from __future__ import annotations

import json
from pathlib import Path

from benchmarks.core.commands import commands_vs_raw
from benchmarks.core.common import REBUILD_EVENTS, _drop, _make_app, _member_fields  # noqa: F401  (benchmarks/rows_ab.py)
from benchmarks.core.load import pages_under_load
from benchmarks.core.rebuild import rebuild_rate


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
