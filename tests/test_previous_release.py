"""The log written by the previous release still loads: every projection rebuilds from it.

``fixtures/release-0.1/store.tar.gz`` holds the event logs (and stored files) of the demo district
as release 0.1 (commit b5de80b) wrote them; ``counts.json`` the row counts of its read models. The
events are copied row by row into the store under test (SQLite or PostgreSQL), exactly as stored,
and every projection is rebuilt from them. A renamed event class without an alias, or a changed
event without an upcaster, fails here.
"""
from __future__ import annotations

import json
import sqlite3
import tarfile
from pathlib import Path

from eventsourcing.persistence import StoredEvent
from sqlalchemy import func, select

from core.db import metadata
from core.eventstore import DISTRICT

FIXTURE = Path(__file__).parent / "fixtures" / "release-0.1"


def _stored_events(path: Path) -> list[StoredEvent]:
    with sqlite3.connect(path) as conn:
        table = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%events'"
                             " AND name NOT LIKE '%snapshot%'").fetchone()[0]
        rows = conn.execute(f'SELECT originator_id, originator_version, topic, state FROM "{table}"'
                            " ORDER BY rowid").fetchall()
    return [StoredEvent(originator_id=o, originator_version=v, topic=t, state=s) for o, v, t, s in rows]


def test_every_projection_rebuilds_from_the_previous_release_log(k, tmp_path):
    with tarfile.open(FIXTURE / "store.tar.gz") as archive:
        archive.extractall(tmp_path / "release", filter="data")
    instance = Path(k.store_config.instance_path)
    for stored in (tmp_path / "release" / "files").rglob("*"):
        if stored.is_file():
            target = instance / "files" / stored.relative_to(tmp_path / "release" / "files")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(stored.read_bytes())
    logs = sorted(p.stem for p in (tmp_path / "release" / "events").glob("*.sqlite"))
    assert DISTRICT in logs and len(logs) == 4
    copied = 0
    for name in logs:
        log = k.stores.log(name) if name == DISTRICT else k.stores.create_log(name)
        events = _stored_events(tmp_path / "release" / "events" / f"{name}.sqlite")
        log.recorder.insert_events(events)
        copied += len(events)
    assert copied > 3000

    applied = k.catch_up()  # the district's log first: it registers the schools
    applied += k.catch_up()
    assert applied == copied and k.catch_up() == 0  # every event applied once, nothing left over
    for name in logs:  # and a rebuild gives the same again
        k.projector.rebuild(name)

    expected = json.loads((FIXTURE / "counts.json").read_text())
    owned = {t.name for p in k.projections for t in p.tables}
    mismatched = {}
    with k.engine.connect() as conn:
        for table in sorted(owned):
            if table not in expected:
                continue  # a table the previous release did not have
            have = conn.scalar(select(func.count()).select_from(metadata.tables[table]))
            if have != expected[table]:
                mismatched[table] = (expected[table], have)
    assert not mismatched, f"row counts (release 0.1, rebuilt now) differ: {mismatched}"
    assert len(owned & set(expected)) >= 30
