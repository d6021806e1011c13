"""The write-path benchmark of today's tree run against the code of another checkout (a previous
release), so that both sides are measured by the same function, side by side in one window:

    CODE=/path/to/checkout N=1000 .venv/bin/python benchmarks/ab.py      # [PG=postgresql://…]

Prints commands/s, raw/s and the ratio (the median of the rounds' ratios).
"""
from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    sys.path.insert(0, os.environ["CODE"])   # core, plugins and tenants come from the checkout under test
    sys.path.insert(1, str(HERE.parent))     # benchmarks.core.common, if the checkout has none
    spec = importlib.util.spec_from_file_location("bench_commands", HERE / "core" / "commands.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)   # the function of today's tree, the code it drives from CODE
    bench.COMMANDS, bench.ROUNDS = int(os.environ.get("N", "1000")), 10
    pg = os.environ.get("PG")
    rows = bench.commands_vs_raw(Path(tempfile.mkdtemp()), pg)
    print(os.environ["CODE"], "PostgreSQL" if pg else "SQLite", " | ".join(r[2] for r in rows), flush=True)


if __name__ == "__main__":
    main()
