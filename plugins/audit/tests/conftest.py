"""Fixtures of the audit tests: members to audit, the seal key, and raw access to a log's rows."""
from __future__ import annotations

import sqlite3
from datetime import date
from itertools import count

import pytest

from core import context
from plugins.audit.services import seals
from plugins.members import public as members

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_serial = count(100)


def id_number() -> str:
    first17 = f"11010519800101{next(_serial) % 1000:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def register(k, tenant: str, name: str):
    """Register a member as whoever is acting (a test system actor when nobody is)."""
    ctx = context.get() or context.system("test", source="test")
    with context.acting(ctx):
        return members.register_member(k, tenant, {
            "name": name, "gender": "female", "id_number": id_number(), "joined_on": date(2010, 7, 1),
            "converted_on": date(2011, 7, 1), "phone": "13800138000"})


@pytest.fixture
def key(app) -> bytes:
    return seals.load_key(app.config["ZHIBU_SEAL_KEY_PATH"])


@pytest.fixture
def school(make_tenant, k):
    """A school with three members on its roll."""
    slug = make_tenant("school-a", "第一中学")
    for name in ("张伟", "李娜", "王芳"):
        register(k, slug, name)
    return slug


class RawLog:
    """Direct access to a tenant's stored_events rows, as a database administrator would have."""

    def __init__(self, k, database, log: str):
        self.k, self.log = k, log
        self.url, self.schema = database
        self.table = f'"{self.schema}"."zb_{log.replace("-", "_")}_events"' if self.url else "stored_events"
        self.id = "notification_id" if self.url else "rowid"

    def _run(self, statements):
        if self.url:
            import psycopg  # noqa: PLC0415  (only the PostgreSQL run has it connected)
            with psycopg.connect(self.url, autocommit=False) as conn:
                rows = [conn.execute(sql, params).fetchall() if sql.lstrip().upper().startswith("SELECT")
                        else conn.execute(sql, params) and None for sql, params in statements]
                conn.commit()
                return rows
        path = self.k.store_config.instance_path / "events" / f"{self.log}.sqlite"
        conn = sqlite3.connect(path)
        try:
            rows = [conn.execute(sql.replace("%s", "?"), params).fetchall() for sql, params in statements]
            conn.commit()
            return rows
        finally:
            conn.close()

    def row(self, nid: int):
        return self._run([(f"SELECT originator_id, originator_version, topic, state FROM {self.table} "
                           f"WHERE {self.id} = %s", (nid,))])[0][0]

    def ids(self) -> list[int]:
        return [r[0] for r in self._run([(f"SELECT {self.id} FROM {self.table} ORDER BY {self.id}", ())])[0]]

    def id_of(self, topic: str, text: str) -> int:
        """The notification id of the one row whose topic ends with ``topic`` and whose stored state
        holds ``text`` (a command stores other records' events too, so "the second row" names nothing)."""
        rows = self._run([(f"SELECT {self.id}, topic, state FROM {self.table} ORDER BY {self.id}", ())])[0]
        [nid] = [nid for nid, stored_topic, state in rows
                 if stored_topic.endswith(topic) and text.encode() in bytes(state)]
        return nid

    def edit_state(self, nid: int, old: bytes, new: bytes) -> None:
        state = bytes(self.row(nid)[3])
        assert old in state
        self._run([(f"UPDATE {self.table} SET state = %s WHERE {self.id} = %s", (state.replace(old, new), nid))])

    def delete(self, nid: int) -> None:
        self._run([(f"DELETE FROM {self.table} WHERE {self.id} = %s", (nid,))])

    def swap(self, a: int, b: int) -> None:
        ra, rb = self.row(a), self.row(b)
        set_ = f"UPDATE {self.table} SET originator_id = %s, originator_version = %s, topic = %s, state = %s " \
               f"WHERE {self.id} = %s"
        park = f"UPDATE {self.table} SET originator_version = %s WHERE {self.id} = %s"
        self._run([(park, (-1, a)), (park, (-2, b)), (set_, (*rb, a)), (set_, (*ra, b))])

    def insert(self, originator_id, version: int, topic: str, state: bytes, at: int | None = None) -> None:
        """A forged row, at the next id or at ``at`` (any id: 0, negative, inside a gap)."""
        oid = str(originator_id) if self.url else getattr(originator_id, "hex", originator_id)
        if at is None:
            self._run([(f"INSERT INTO {self.table} (originator_id, originator_version, topic, state) "
                        f"VALUES (%s, %s, %s, %s)", (oid, version, topic, state))])
        else:
            self._run([(f"INSERT INTO {self.table} ({self.id}, originator_id, originator_version, topic, state) "
                        f"VALUES (%s, %s, %s, %s, %s)", (at, oid, version, topic, state))])

    def copy_of(self, nid: int, version: int, at: int | None = None) -> None:
        """Insert a copy of row ``nid`` claiming another version, at ``at``."""
        originator_id, _version, topic, state = self.row(nid)
        self.insert(originator_id, version, topic, bytes(state), at)

    def skip_ids(self, n: int) -> None:
        """Make the next stored event's id jump by ``n`` (a gap, as a failed insert leaves on PostgreSQL)."""
        last = self.ids()[-1]
        if self.url:
            self._run([(f"SELECT setval(pg_get_serial_sequence('{self.table}', 'notification_id'), %s)",
                        (last + n,))])
        else:   # SQLite takes max(rowid) + 1: park a row there, to be dropped after the next write
            self._parked = last + n
            self._run([(f"INSERT INTO {self.table} (rowid, originator_id, originator_version, topic, state) "
                        f"VALUES (%s, 'parked', 0, 'parked', x'00')", (last + n,))])

    def unpark(self) -> None:
        if not self.url and getattr(self, "_parked", None) is not None:
            self.delete(self._parked)

    @property
    def snapshots_table(self) -> str:
        return f'"{self.schema}"."zb_{self.log.replace("-", "_")}_snapshots"' if self.url else "stored_snapshots"

    def edit_snapshot(self, old: bytes, new: bytes) -> None:
        rows = self._run([(f"SELECT originator_id, originator_version, state FROM {self.snapshots_table}", ())])[0]
        [(oid, version, state)] = [r for r in rows if old in bytes(r[2])]
        self._run([(f"UPDATE {self.snapshots_table} SET state = %s WHERE originator_id = %s AND originator_version = %s",
                    (bytes(state).replace(old, new), oid, version))])


@pytest.fixture
def raw(k, database):
    return lambda log: RawLog(k, database, log)


@pytest.fixture
def cli_env(app, database):
    """The environment under which ``zhibu audit`` reaches the app under test."""
    url, schema = database
    env = {"ZHIBU_INSTANCE_PATH": str(app.extensions["zhibu"].store_config.instance_path),
           "ZHIBU_SEAL_KEY_PATH": str(app.config["ZHIBU_SEAL_KEY_PATH"]), "ZHIBU_SECRET_KEY": "test"}
    if url:
        env.update({"ZHIBU_DATABASE_URL": url, "ZHIBU_DATABASE_SCHEMA": schema})
    return env
