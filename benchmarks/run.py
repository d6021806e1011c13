"""Run every benchmark (the core's and each plugin's ``bench.py``) and record one table.

A plugin benchmark module defines ``run(workdir: Path, pg_url: str | None) -> list[Row]`` where a
row is ``(measurement, backend, value, target)``. Everything runs in one process, one run.
"""
from __future__ import annotations

import importlib
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
NOTES = (
    "Figures on this shared 2-core machine vary by 20–30 % from run to run. The command layer's "
    "baseline replays, with the driver alone, the very rows the commands stored (event, roster, "
    "history, movement and audit-index rows) into tables of the same definitions, and the two "
    "alternate in five rounds. The rebuild target is read on a projection rebuild (`zhibu projections "
    "rebuild --projection members.roster`, what a plugin's table change needs); the rebuild of every "
    "projection of a log, which also rebuilds the audit index, is shown beside it."
)
PG_URL = os.environ.get("ZHIBU_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


def pg_reachable() -> str | None:
    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
        return PG_URL
    except psycopg.Error:
        return None


def modules() -> list[str]:
    names = ["benchmarks.core"]
    names += [f"plugins.{p.parent.name}.bench" for p in sorted(ROOT.glob("plugins/*/bench.py"))]
    names.append("benchmarks.reports_aggregate")   # one report form across 200 schools (issue 20)
    names.append("benchmarks.scale")   # the scaling curves (issue 19.6): writes its own section and plot
    only = os.environ.get("ZHIBU_BENCH_ONLY")
    return [n for n in names if not only or only in n]


def main() -> None:
    pg = pg_reachable()
    rows, started = [], time.perf_counter()
    for name in modules():
        print(f"== {name}", flush=True)
        module = importlib.import_module(name)
        with tempfile.TemporaryDirectory(prefix="zhibu-bench-") as workdir:
            for row in module.run(Path(workdir), pg):
                print("   " + " | ".join(str(c) for c in row), flush=True)
                rows.append(row)
    elapsed = time.perf_counter() - started
    lines = [
        "# Benchmarks", "",
        f"Measured by `make bench` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"{platform.machine()} with {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"in one run of {elapsed:.0f} s. PostgreSQL: {'yes' if pg else 'not reachable'}.", "", NOTES, "",
        "| measurement | backend | value | target |", "|---|---|---|---|",
    ]
    lines += [f"| {m} | {b} | {v} | {t} |" for m, b, v, t in rows]
    (ROOT / "docs").mkdir(exist_ok=True)
    path = ROOT / "docs" / "benchmarks.md"
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = before[before.find("\n## ") + 1:] if "\n## " in before else ""   # the sections below the table
    path.write_text("\n".join(lines) + "\n\n" + kept, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
