"""The demo district as release 0.1 wrote it, loaded into the store under test.

The loading code of ``test_previous_release.py``, for tests that go on to run today's commands on
records written before today's aggregates existed.
"""
from __future__ import annotations

import sqlite3
import tarfile
from pathlib import Path

from eventsourcing.persistence import StoredEvent

from core.eventstore import DISTRICT

FIXTURE = Path(__file__).parent / "fixtures" / "release-0.1"


def stored_events(path: Path) -> list[StoredEvent]:
    with sqlite3.connect(path) as conn:
        table = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%events'"
                             " AND name NOT LIKE '%snapshot%'").fetchone()[0]
        rows = conn.execute(f'SELECT originator_id, originator_version, topic, state FROM "{table}"'
                            " ORDER BY rowid").fetchall()
    return [StoredEvent(originator_id=o, originator_version=v, topic=t, state=s) for o, v, t, s in rows]


def copy_previous_release(k, tmp_path: Path) -> tuple[list[str], int]:
    """Copy the release's events (and stored files) into ``k``'s store, row by row as stored; return
    the names of every log (the district's included) and how many events were copied."""
    with tarfile.open(FIXTURE / "store.tar.gz") as archive:
        archive.extractall(tmp_path / "release", filter="data")
    instance = Path(k.store_config.instance_path)
    for stored in (tmp_path / "release" / "files").rglob("*"):
        if stored.is_file():
            target = instance / "files" / stored.relative_to(tmp_path / "release" / "files")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(stored.read_bytes())
    logs = sorted(p.stem for p in (tmp_path / "release" / "events").glob("*.sqlite"))
    copied = 0
    for name in logs:
        log = k.stores.log(name) if name == DISTRICT else k.stores.create_log(name)
        events = stored_events(tmp_path / "release" / "events" / f"{name}.sqlite")
        log.recorder.insert_events(events)
        copied += len(events)
    return logs, copied


def load_previous_release(k, tmp_path: Path) -> list[str]:
    """Copy the release's log into ``k``'s store, catch every projection up, and return the names of
    the schools' logs."""
    logs, _ = copy_previous_release(k, tmp_path)
    k.catch_up()
    return [name for name in logs if name != DISTRICT]
