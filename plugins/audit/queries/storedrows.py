"""Every stored row of a log, read straight from its tables, whatever its id.

Verification must not trust the recorder's notion of the log (``select_notifications`` starts after
id 0, so a row at id 0 or below escapes it): this reads the events table and the snapshots table
directly, ordered by id, in keyset batches.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple
from uuid import UUID

from plugins.audit.rules import merkle

BATCH = 2000


@dataclass(frozen=True)
class Row:
    notification_id: int
    originator_id: str
    version: int
    topic: str
    state: bytes

    @property
    def leaf(self) -> bytes:
        return merkle.leaf_hash(merkle.leaf_data(self.notification_id, self.originator_id, self.version,
                                                 self.topic, self.state))

    @property
    def event_type(self) -> str:
        return self.topic.rsplit(":", 1)[-1]

    def hashed(self) -> "Hashed":
        """The row as verification keeps it: its leaf, and what an inclusion proof of it shows."""
        digest = hashlib.sha256(self.state).digest()
        leaf = merkle.leaf_hash(merkle.leaf_data_of_digest(self.notification_id, self.originator_id, self.version,
                                                           self.topic, digest))
        return Hashed(self.notification_id, leaf.hex(), self.event_type, self.version, self.originator_id,
                      self.topic, digest.hex())


class Hashed(NamedTuple):
    """A stored row reduced to its hashes (the stored bytes by their SHA-256): what verification
    compares and an export's inclusion proofs carry."""
    notification_id: int
    leaf: str            # hex
    event_type: str
    version: int
    originator_id: str
    topic: str
    state_sha256: str    # hex


_HEX32 = re.compile("[0-9a-f]{32}")


def originator(value) -> str:
    """One spelling of an originator id on both databases (SQLite keeps hex, PostgreSQL a UUID)."""
    if isinstance(value, UUID):
        return str(value)
    text = str(value)
    if _HEX32.fullmatch(text):   # SQLite's spelling, as UUID(text) would write it, without parsing it
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    try:
        return str(UUID(text))
    except ValueError:
        return text


def row_of(notification) -> Row:
    """The leaf of an event as the application wrote it (a recording's notification)."""
    return Row(notification.id, originator(notification.originator_id), notification.originator_version,
               notification.topic, bytes(notification.state))


def _table(recorder) -> tuple[str, str]:
    """(qualified table name, id column) of a recorder's table on either database."""
    schema = getattr(recorder.datastore, "schema", None)
    if schema is None:
        return recorder.events_table_name, "rowid"
    return f'"{schema}"."{recorder.events_table_name}"', "notification_id"


def _select(recorder, sql: str, params: tuple) -> list:
    postgres = hasattr(recorder.datastore, "schema")
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(sql if postgres else sql.replace("%s", "?"), params)
        return list(cursor.fetchall())


def iter_rows(app, after: int | None = None) -> Iterator[Row]:
    """Every row of the log's events table in id order (ids above ``after`` when given)."""
    recorder = app.recorder
    table, id_column = _table(recorder)
    columns = f"{id_column} AS nid, originator_id, originator_version, topic, state"
    while True:
        where = f"WHERE {id_column} > %s " if after is not None else ""
        rows = _select(recorder, f"SELECT {columns} FROM {table} {where}ORDER BY {id_column} LIMIT {BATCH}",
                       (after,) if after is not None else ())
        if not rows:
            return
        for r in rows:
            yield Row(int(r["nid"]), originator(r["originator_id"]), int(r["originator_version"]),
                      r["topic"], bytes(r["state"]))
        after = int(rows[-1]["nid"])


def iter_snapshots(app) -> Iterator[Row]:
    """Every row of the log's snapshots table (notification id 0: snapshots are not notifications)."""
    if app.snapshots is None:
        return
    recorder = app.snapshots.recorder
    table, _ = _table(recorder)
    rows = _select(recorder, f"SELECT originator_id, originator_version, topic, state FROM {table} "
                             f"ORDER BY originator_id, originator_version", ())
    for r in rows:
        yield Row(0, originator(r["originator_id"]), int(r["originator_version"]), r["topic"], bytes(r["state"]))
