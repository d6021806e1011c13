"""PostgreSQL schemas for the tests: each test gets an empty store, made by emptying a used one.

Creating a schema's ~100 read-model tables, their indexes and the district log's tables, then
dropping them all again, took 1.5–2.5 s per test on the CI machine: most of the PostgreSQL run.
Instead each pytest process (each xdist worker) keeps the schemas its tests used. After a test its
schema is put back exactly as ``Kernel.init_storage`` left it:

* the tables the test added (the schools' logs) are dropped;
* the tables that were there are emptied (TRUNCATE … RESTART IDENTITY, only those holding rows);
* every sequence that was used is restarted (an insert that rolled back still used one);
* then the schema's catalogue (every relation, type and function, by name and kind) is compared
  with the one recorded after ``init_storage``: anything else that differs (a table the test
  dropped, an index or a function it created) and the schema is dropped as before and never reused.

The next test's ``app`` finds that schema ready (``build_app``): when the read model's tables (names,
columns and indexes of ``core.db.metadata``) are the ones the schema was made for, the app is built as
on a new store (no catch-up at start: a new store has nothing to catch up) and opens the district log
(what ``init_storage`` does after creating the tables); otherwise it runs ``init_storage``.
ZHIBU_TEST_FRESH_SCHEMAS=1 gives every test a new schema, as before.
"""
from __future__ import annotations

import os
import uuid

from core.eventstore import DISTRICT

CATALOGUE = """
SELECT 'rel', c.relkind::text, c.relname FROM pg_class c WHERE c.relnamespace = %(ns)s::regnamespace
UNION ALL SELECT 'type', t.typtype::text, t.typname FROM pg_type t WHERE t.typnamespace = %(ns)s::regnamespace
UNION ALL SELECT 'proc', p.prokind::text, p.proname FROM pg_proc p WHERE p.pronamespace = %(ns)s::regnamespace
UNION ALL SELECT 'con', o.contype::text, o.conname FROM pg_constraint o WHERE o.connamespace = %(ns)s::regnamespace
"""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def metadata_shape() -> tuple:
    """What ``init_storage`` creates from ``core.db.metadata``: table names, columns and indexes."""
    from core.db import metadata  # noqa: PLC0415

    return tuple(sorted((name, tuple(table.columns.keys()), tuple(sorted(i.name or "" for i in table.indexes)))
                        for name, table in metadata.tables.items()))


class Schemas:
    """The schemas of one pytest process: ``take()`` one, ``give_back()`` it after the test."""

    def __init__(self, url: str):
        self.url = url
        self.free: list[str] = []
        self.ready: dict[str, tuple] = {}     # schema → (metadata shape, catalogue) after init_storage
        self.reuse = os.environ.get("ZHIBU_TEST_FRESH_SCHEMAS") != "1"

    def _connect(self):
        import psycopg  # noqa: PLC0415  (only the PostgreSQL run needs it)
        return psycopg.connect(self.url, autocommit=True)

    def take(self, initialised: bool) -> str:
        """A schema as ``init_storage`` leaves it when ``initialised`` and one is kept for the read
        model's present tables; otherwise a new, empty one (a test that initialises the store itself)."""
        while initialised and self.free:
            schema = self.free.pop()
            if self.is_ready(schema):
                return schema
            self.ready.pop(schema, None)
            self.drop(schema)
        schema = f"zt_{uuid.uuid4().hex[:12]}"
        with self._connect() as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        return schema

    def is_ready(self, schema: str) -> bool:
        """Whether the schema holds exactly what ``init_storage`` would create now."""
        recorded = self.ready.get(schema)
        return recorded is not None and recorded[0] == metadata_shape()

    def initialised(self, schema: str) -> None:
        """Record the schema as ``init_storage`` just left it."""
        if self.reuse:
            with self._connect() as conn:
                self.ready[schema] = (metadata_shape(), self._catalogue(conn, schema))

    @staticmethod
    def _catalogue(conn, schema: str) -> frozenset:
        return frozenset(conn.execute(CATALOGUE, {"ns": _quote(schema)}).fetchall())

    def give_back(self, schema: str) -> None:
        recorded = self.ready.pop(schema, None)
        if recorded is not None:
            try:
                if self._empty(schema, recorded[1]):
                    self.ready[schema] = recorded
                    self.free.append(schema)
                    return
            except Exception:  # noqa: BLE001  (a schema that cannot be emptied is dropped instead)
                pass
        self.drop(schema)

    def _empty(self, schema: str, catalogue: frozenset) -> bool:
        s = _quote(schema)
        tables = {name for kind, sub, name in catalogue if kind == "rel" and sub in ("r", "p")}
        with self._connect() as conn:
            conn.execute("SET lock_timeout = '10s'")
            with conn.transaction():
                now = self._catalogue(conn, schema)
                added = sorted(name for kind, sub, name in now if kind == "rel" and sub in ("r", "p")
                               and name not in tables)
                if added:
                    conn.execute("DROP TABLE " + ", ".join(f"{s}.{_quote(t)}" for t in added) + " CASCADE")
                    now = self._catalogue(conn, schema)
                if now != catalogue:
                    return False
                holding = conn.execute(" UNION ALL ".join(
                    f"SELECT {i} WHERE EXISTS (SELECT FROM {s}.{_quote(t)})" for i, t in enumerate(sorted(tables))
                )).fetchall()
                names = sorted(tables)
                if holding:
                    conn.execute("TRUNCATE " + ", ".join(f"{s}.{_quote(names[i])}" for (i,) in holding)
                                 + " RESTART IDENTITY CASCADE")
                used = conn.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = %s "
                                    "AND last_value IS NOT NULL", (schema,)).fetchall()
                for (sequence,) in used:
                    conn.execute(f"ALTER SEQUENCE {s}.{_quote(sequence)} RESTART")
        return True

    def drop(self, schema: str) -> None:
        with self._connect() as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    def close(self) -> None:
        while self.free:
            schema = self.free.pop()
            self.ready.pop(schema, None)
            self.drop(schema)


def build_app(create_app, schemas: Schemas | None, schema: str, config: dict, **options):
    """``create_app`` then ``init_storage``; on a ready schema, the same state without the DDL: the app
    is built as on a new store, which it does not catch up at start (the schema looks initialised,
    so create_app would: the projections' position rows would then exist before the first write),
    and the district log is opened, as ``init_storage`` ends."""
    if schemas is None or not schemas.is_ready(schema):
        app = create_app(config=config, **options)
        app.extensions["zhibu"].init_storage()
        if schemas is not None:
            schemas.initialised(schema)
        return app
    inline = config.get("ZHIBU_INLINE_PROJECTIONS", os.environ.get("ZHIBU_INLINE_PROJECTIONS", "1") != "0")
    app = create_app(config={**config, "ZHIBU_INLINE_PROJECTIONS": False}, **options)
    k = app.extensions["zhibu"]
    app.config["ZHIBU_INLINE_PROJECTIONS"] = k.inline_projections = inline
    k.stores.create_log(DISTRICT)
    return app
