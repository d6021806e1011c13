"""The rebuild of a whole demo district (what ``zhibu projections rebuild`` does: every projection of
every log, the audit index included) by the code of several checkouts, side by side, alternating:

    .venv/bin/python benchmarks/rebuild_ab.py CHECKOUT [CHECKOUT ...]                  # SQLite
    PG=postgresql://postgres@127.0.0.1:5432/zhibu_splitbench .venv/bin/python benchmarks/rebuild_ab.py …

The events: ``LOG=demo`` (the default) is the demo district as the first checkout's code writes it
(``core.demo.create_demo``); ``LOG=release-0.1`` is the previous release's demo district
(``tests/fixtures/release-0.1``), which every checkout since can read. Each checkout gets a store of
its own (an instance folder; PostgreSQL: a schema), set up by its own code and holding those events
row by row as stored (``SOURCE=instance-folder`` reuses a demo written before). Each round runs
every checkout in a fresh process, in an order that turns round by round: one warm-up rebuild
(``WARM=0``: none), then a timed one. Prints events/s per round, the median of each checkout and
the load average.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import uuid
from pathlib import Path

ROUNDS = int(os.environ.get("ROUNDS", "5"))
HERE = Path(__file__).resolve().parent

# Runs in a child process with a checkout first on sys.path: set up its store once, then rebuild.
CHILD = r"""
import json, sqlite3, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from eventsourcing.persistence import StoredEvent
from core.app import create_app
from core.eventstore import DISTRICT

instance, pg, schema, source = Path(sys.argv[2]), sys.argv[3] or None, sys.argv[4], Path(sys.argv[5])
app = create_app({"INSTANCE_PATH": str(instance), "DATABASE_URL": pg, "DATABASE_SCHEMA": schema,
                  "SECRET_KEY": "bench"})
k = app.extensions["zhibu"]
with app.app_context():
    logs = sorted(p.stem for p in (source / "events").glob("*.sqlite"))
    if not (instance / "loaded").exists():
        k.init_storage()
        for stored in (source / "files").rglob("*"):
            if stored.is_file():
                target = instance / "files" / stored.relative_to(source / "files")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(stored.read_bytes())
        for name in logs:
            with sqlite3.connect(source / "events" / f"{name}.sqlite") as conn:
                table = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%events'"
                                     " AND name NOT LIKE '%snapshot%'").fetchone()[0]
                rows = conn.execute(f'SELECT originator_id, originator_version, topic, state FROM "{table}"'
                                    " ORDER BY rowid").fetchall()
            log = k.stores.log(name) if name == DISTRICT else k.stores.create_log(name)
            log.recorder.insert_events([StoredEvent(originator_id=o, originator_version=v, topic=t, state=s)
                                        for o, v, t, s in rows])
        k.catch_up()
        (instance / "loaded").write_text("yes")
    names = [DISTRICT, *[n for n in logs if n != DISTRICT]]
    if sys.argv[6] == "1":
        for name in names:
            k.projector.rebuild(name)   # warm: statements compiled, caches filled
    started = time.perf_counter()
    events = sum(k.projector.rebuild(name) for name in names)
    seconds = time.perf_counter() - started
    print(json.dumps({"events": events, "seconds": seconds}))
"""

# Runs with the first checkout: writes the demo district into a SQLite instance folder.
DEMO = r"""
import sys
sys.path.insert(0, sys.argv[1])
from core.app import create_app
from core.demo import create_demo
app = create_app({"INSTANCE_PATH": sys.argv[2], "DATABASE_URL": None, "SECRET_KEY": "bench"})
k = app.extensions["zhibu"]
with app.app_context():
    k.init_storage()
    create_demo(k, progress=lambda _: None)
"""


def source_log(workdir: Path, first: str) -> Path:
    if os.environ.get("SOURCE"):   # a demo instance folder written before (its events/ and files/)
        return Path(os.environ["SOURCE"])
    if os.environ.get("LOG", "demo") == "release-0.1":
        with tarfile.open(HERE.parent / "tests" / "fixtures" / "release-0.1" / "store.tar.gz") as archive:
            archive.extractall(workdir / "release", filter="data")
        return workdir / "release"
    subprocess.run([sys.executable, "-c", DEMO, first, str(workdir / "demo")], check=True)
    return workdir / "demo"


def main() -> None:
    checkouts = [str(Path(c).resolve()) for c in sys.argv[1:]]
    pg = os.environ.get("PG", "")
    workdir = Path(tempfile.mkdtemp(prefix="zhibu-rebuild-ab-"))
    source = source_log(workdir, checkouts[0])
    stores = {c: (workdir / f"store{i}", f"zb_rebuild_{i}_{uuid.uuid4().hex[:6]}" if pg else "")
              for i, c in enumerate(checkouts)}
    if pg:
        import psycopg
        with psycopg.connect(pg, autocommit=True) as conn:
            for _, schema in stores.values():
                conn.execute(f'CREATE SCHEMA "{schema}"')
    rates: dict[str, list[float]] = {c: [] for c in checkouts}
    loads = []
    try:
        for r in range(ROUNDS):
            order = checkouts[r % len(checkouts):] + checkouts[:r % len(checkouts)]
            for c in order:
                instance, schema = stores[c]
                out = subprocess.run([sys.executable, "-c", CHILD, c, str(instance), pg, schema, str(source),
                                      os.environ.get("WARM", "1")],
                                     check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
                result = json.loads(out)
                rates[c].append(result["events"] / result["seconds"])
                loads.append(os.getloadavg()[0])
                print(f"round {r + 1} {c:28} {result['events']:7,} events {rates[c][-1]:8,.0f} events/s "
                      f"(load {loads[-1]:.1f})", flush=True)
    finally:
        if pg:
            with psycopg.connect(pg, autocommit=True) as conn:
                for _, schema in stores.values():
                    conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    print(f"\n{'PostgreSQL' if pg else 'SQLite'}, LOG={os.environ.get('LOG', 'demo')}, {ROUNDS} rounds, "
          f"WARM={os.environ.get('WARM', '1')}; "
          f"load average (1 min) {min(loads):.1f}–{max(loads):.1f}, median {statistics.median(loads):.1f}, "
          f"on {os.cpu_count()} cores")
    for c in checkouts:
        print(f"{c:28} median {statistics.median(rates[c]):8,.0f} events/s "
              f"(rounds: {', '.join(f'{x:,.0f}' for x in rates[c])})")


if __name__ == "__main__":
    main()
