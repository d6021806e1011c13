"""Projections: events → read-model rows, each exactly once.

A projection applies a batch of notifications and records its position in the same
transaction, so a crash never double-applies and a rerun never skips. The first statement of
each batch touches the position rows, which takes the write lock (SQLite) or the row locks
(PostgreSQL): two processes catching up the same log take turns.
"""
from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Callable, ClassVar, Collection, Iterable, Iterator

from eventsourcing.utils import get_topic
from sqlalchemy import Table, bindparam, delete, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from core.db import projection_positions as positions
from core.eventstore import DISTRICT, Stores

BATCH = 500

# The statements of the hot path, built once per number of projections (one catch-up follows
# every write). ``_mine`` gives their parameters.
@functools.cache
def _position_statements(count: int) -> SimpleNamespace:
    mine = f"log = :log AND projection IN ({', '.join(f':p{i}' for i in range(count))})"
    return SimpleNamespace(
        lock=text(f"UPDATE core_projection_positions SET position = position WHERE {mine}"),
        read=text(f"SELECT projection, position FROM core_projection_positions WHERE {mine}"),
        # The fast path in one statement: move every position from just before the fresh events
        # to their end, taking the lock; it matches every row only when nothing else is between.
        claim=text(f"UPDATE core_projection_positions SET position = :last WHERE {mine} AND position = :before"),
        advance=text(f"UPDATE core_projection_positions SET position = :last WHERE {mine} AND position < :last"))


def _mine(log_name: str, names: list[str]) -> dict:
    return {"log": log_name, **{f"p{i}": name for i, name in enumerate(names)}}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for one batch: a batch allocates hundreds of thousands of
    short-lived objects without cycles, and the collector's passes over them cost a rebuild 12–25%
    (measured). Whoever paused it first turns it back on, so it is never left off."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def on(*event_classes: type) -> Callable:
    """Mark a projection method as the handler of the given event classes."""
    def mark(method: Callable) -> Callable:
        method._zhibu_on = event_classes
        return method
    return mark


class _Compiled:
    """A queued statement compiled once per dialect: its SQL, its bind names in order, the
    processor SQLAlchemy applies to each (UUIDs, JSON, dates) and the scalar defaults of the
    columns not given. ``compile`` answers None when SQLAlchemy must run the statement itself
    (a callable default, an ``onupdate``, escaped names)."""

    __slots__ = ("sql", "names", "processors", "defaults", "positional")

    @classmethod
    def compile(cls, statement, keys: tuple[str, ...], dialect) -> _Compiled | None:
        compiled = statement.compile(dialect=dialect, column_keys=list(keys), for_executemany=True)
        if compiled.escaped_bind_names:
            return None
        self = cls()
        self.names = tuple(compiled.positiontup if compiled.positional else compiled.binds)
        self.defaults = {}
        for name in set(self.names) - set(keys):
            column = statement.table.c.get(name) if statement.is_insert else None
            if column is None or column.default is None or not column.default.is_scalar:
                return None
            self.defaults[name] = column.default.arg
        self.sql, self.positional = compiled.string, compiled.positional
        self.processors = tuple(compiled.binds[n].type.dialect_impl(dialect).bind_processor(dialect)
                                for n in self.names)
        return self

    def parameters(self, rows: list[dict]) -> list:
        names, defaults = self.names, self.defaults
        processed = [(i, p) for i, p in enumerate(self.processors) if p is not None]
        out = []
        for row in rows:
            if defaults:
                row = {**defaults, **row}
            values = [row[n] for n in names]
            for i, process in processed:
                if values[i] is not None:
                    values[i] = process(values[i])
            out.append(values if self.positional else dict(zip(names, values)))
        return out


class _Queue:
    """One table's queued writes of one shape; rows keyed by primary key where it is known."""

    __slots__ = ("shape", "rows", "by_key")

    def __init__(self, shape: tuple):
        self.shape, self.rows, self.by_key = shape, [], {}


class Rows:
    """What handlers write through: inserts and updates queued and sent as executemany.

    Each table has its own queue; consecutive writes of the same shape (same columns) to a table
    go to the database as one statement with many parameter sets. An update of a row by its
    primary key merges into the row's queued insert or update when it sets no other columns,
    so replaying a member's ten events writes its row once. A write of another shape to the same
    table, or any read, sends what is queued first: the order of writes to a table is kept and
    handlers see their own writes. Queues are sent straight to the driver, with the statement
    compiled and the parameter processing of SQLAlchemy worked out once per shape (SQLAlchemy's
    own execution costs more than the insert itself on the hot path; see docs/architecture.md).
    ``execute``/``scalar``/``scalars`` behave as on a SQLAlchemy connection.
    """

    _shapes: dict = {}       # (table, keys as given) → (shape, primary key names)
    _statements: dict = {}   # shape → SQLAlchemy statement
    _compiled: dict = {}     # (shape, dialect name) → _Compiled | None

    def __init__(self, conn: Connection):
        self.conn = conn
        self._queues: dict[Table, _Queue] = {}

    def insert(self, table: Table, **values) -> None:
        known = self._shapes.get((table, *values))
        if known is None:
            known = self._shapes[(table, *values)] = self._shape(table, ("insert", table, tuple(sorted(values))),
                                                                 values)
            self._statements[known[0]] = insert(table)
        shape, key_names = known
        self._queue(table, shape, values, tuple([values[n] for n in key_names]) if key_names else None)

    def update(self, table: Table, where: dict, **values) -> None:
        """``UPDATE table SET values WHERE key = value AND …`` for the keys of ``where``."""
        known = self._shapes.get((table, *where, "set", *values))
        if known is None:
            shape = ("update", table, tuple(sorted(where)), tuple(sorted(values)))
            known = self._shapes[(table, *where, "set", *values)] = self._shape(table, shape, where)
            self._statements[shape] = update(table).where(
                *(table.c[k] == bindparam(f"w_{k}") for k in sorted(where))).values(
                {k: bindparam(f"v_{k}") for k in sorted(values)})
        shape, key_names = known
        key = tuple([where[n] for n in key_names]) if len(key_names) == len(where) else None
        queued = self._queues.get(table)
        target = queued.by_key.get(key) if queued is not None and key else None
        if target is not None and queued.shape[0] == "insert" and values.keys() <= target.keys():
            target.update(values)
            return
        if target is not None and queued.shape == shape:
            target.update({f"v_{k}": v for k, v in values.items()})
            return
        self._queue(table, shape, {**{f"w_{k}": v for k, v in where.items()},
                                   **{f"v_{k}": v for k, v in values.items()}}, key)

    @staticmethod
    def _shape(table: Table, shape: tuple, keyed_by: dict) -> tuple[tuple, tuple[str, ...]]:
        """A shape, and the primary key names when ``keyed_by`` names the whole key (else ())."""
        names = tuple(c.key for c in table.primary_key)
        return shape, names if names and all(n in keyed_by for n in names) else ()

    def _queue(self, table: Table, shape, params: dict, key: tuple | None) -> None:
        queued = self._queues.get(table)
        if queued is not None and queued.shape != shape:
            self._send(table)
            queued = None
        if queued is None:
            queued = self._queues[table] = _Queue(shape)
        queued.rows.append(params)
        if key:
            queued.by_key[key] = params

    def _send(self, table: Table) -> None:
        queued = self._queues.pop(table)
        dialect = self.conn.dialect
        statement = self._statements[queued.shape]
        compiled_key = (queued.shape, dialect.name)
        if compiled_key not in self._compiled:
            self._compiled[compiled_key] = _Compiled.compile(statement, tuple(queued.rows[0]), dialect)
        compiled = self._compiled[compiled_key]
        if compiled is None:
            self.conn.execute(statement, queued.rows)
            return
        cursor = self.conn.connection.cursor()
        try:
            cursor.executemany(compiled.sql, compiled.parameters(queued.rows))
        finally:
            cursor.close()

    def flush(self) -> None:
        for table in list(self._queues):
            self._send(table)

    def execute(self, statement, *args, **kwargs):
        self.flush()
        return self.conn.execute(statement, *args, **kwargs)

    def scalar(self, statement, *args, **kwargs):
        self.flush()
        return self.conn.scalar(statement, *args, **kwargs)

    def scalars(self, statement, *args, **kwargs):
        self.flush()
        return self.conn.scalars(statement, *args, **kwargs)

    def __getattr__(self, name):  # anything else a connection offers, after the queues are sent
        self.flush()
        return getattr(self.conn, name)


class Projection:
    """Base class. Subclasses set ``name``, ``tables`` and decorate handlers with ``@on``.

    A handler is called as ``handler(rows, event, tenant)`` inside the batch transaction; ``rows``
    is a ``Rows`` writer (``rows.insert(table, ...)``, ``rows.update(table, {"id": …}, ...)``, or
    ``rows.execute(statement)`` like a connection).
    """

    name: ClassVar[str]
    scope: ClassVar[str] = "tenant"  # "tenant": every school's log; "district": the district log
    tables: ClassVar[tuple[Table, ...]] = ()
    _handlers: ClassVar[dict[type, str]]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        handlers: dict[type, str] = {}
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                for event_class in getattr(value, "_zhibu_on", ()):
                    handlers[event_class] = attr
        cls._handlers = handlers

    @property
    def topics(self) -> list[str]:
        return [get_topic(cls) for cls in self._handlers]

    def handles(self, event_class: type) -> bool:
        """Whether events of this class concern this projection (the projector asks once a class)."""
        return event_class in self._handlers

    def apply(self, conn: Connection, event, tenant: str) -> None:
        attr = self._handlers.get(type(event))
        if attr is not None:
            getattr(self, attr)(conn, event, tenant)

    def apply_notification(self, conn: Connection, notification, event, tenant: str) -> None:
        """Apply one decoded notification. Projections that need its position (the audit index)
        override this; the others only see the event."""
        self.apply(conn, event, tenant)

    def clear(self, conn: Connection, log_name: str) -> None:
        """Remove this projection's rows for one log (before a rebuild)."""
        for table in reversed(self.tables):
            if self.scope == "tenant":
                conn.execute(delete(table).where(table.c.tenant == log_name))
            else:
                conn.execute(delete(table))


class Projector:
    """Catches projections up with a log, and rebuilds them from zero."""

    def __init__(self, stores: Stores, engine: Engine,
                 projections_for: Callable[[str], Iterable[Projection]]):
        self.stores = stores
        self.engine = engine
        self.projections_for = projections_for
        self._known: set[tuple[str, str]] = set()
        self._topics: dict[tuple, list[str]] = {}
        self._routes: dict[tuple, list[Projection]] = {}

    def _ensure_rows(self, log_name: str, names: list[str]) -> None:
        """Position rows must exist before they can be locked; remembered once seen."""
        missing = [n for n in names if (log_name, n) not in self._known]
        if not missing:
            return
        with self.engine.connect() as conn:
            present = set(conn.scalars(select(positions.c.projection).where(
                positions.c.log == log_name, positions.c.projection.in_(missing))))
        for name in missing:
            if name not in present:
                try:
                    with self.engine.begin() as conn:
                        conn.execute(insert(positions).values(projection=name, log=log_name, position=0))
                except IntegrityError:
                    pass  # another process inserted it first
            self._known.add((log_name, name))

    def catch_up(self, log_name: str, recordings=None, only: Collection[str] | None = None) -> int:
        """Apply every event not yet applied; return how many notifications were applied.

        ``recordings`` are the events this process has just saved: when the projections stand
        right before them, they are applied as they are, without reading them back. ``only``
        names the projections to catch up (default: every projection of the log).
        """
        projections = [p for p in self.projections_for(log_name) if only is None or p.name in only]
        if not projections:
            return 0
        names = [p.name for p in projections]
        self._ensure_rows(log_name, names)
        log = self.stores.log(log_name)
        topics = self._topics_of(projections)
        wanted = set(topics)
        fresh = sorted(((r.notification, r.domain_event) for r in recordings or ()),
                       key=lambda pair: pair[0].id)
        if fresh and self._apply_fresh(log_name, projections, names, fresh):
            return len(fresh)
        stop = fresh[-1][0].id if fresh else (log.recorder.max_notification_id() or 0)
        read = 0
        while True:
            with self.engine.begin() as conn, _collector_paused():
                # Lock first (the first statement writes), then read positions inside the lock.
                statements, mine = _position_statements(len(names)), _mine(log_name, names)
                conn.execute(statements.lock, mine)
                current = dict(conn.execute(statements.read, mine).all())
                start = min(current.values())
                if start >= stop:
                    return read
                if fresh and start == fresh[0][0].id - 1:
                    batch = [(n, e) for n, e in fresh if n.topic in wanted]
                    last = stop
                else:
                    notifications = log.recorder.select_notifications(
                        start=start, limit=BATCH, stop=stop, topics=topics, inclusive_of_start=False)
                    batch = [(n, log.mapper.to_domain_event(n)) for n in notifications]
                    last = notifications[-1].id if len(notifications) == BATCH else stop
                self._apply(conn, projections, batch, log_name, current)
                read += len(batch)
                conn.execute(statements.advance, {**mine, "last": last})
            if last >= stop:
                return read

    def _topics_of(self, projections: list[Projection]) -> list[str]:
        """The topics a set of projections handles, worked out once per set."""
        key = tuple(p.name for p in projections)
        topics = self._topics.get(key)
        if topics is None:
            topics = self._topics[key] = sorted({t for p in projections for t in p.topics})
        return topics

    def _apply_fresh(self, log_name, projections, names, fresh) -> bool:
        """Apply just-saved events when every projection stands right before them."""
        with self.engine.connect() as conn:
            with conn.begin() as transaction:
                claimed = conn.execute(_position_statements(len(names)).claim,
                                       {**_mine(log_name, names), "last": fresh[-1][0].id,
                                        "before": fresh[0][0].id - 1}).rowcount
                if claimed != len(names):
                    transaction.rollback()
                    return False
                self._apply(conn, projections, fresh, log_name)
        return True

    def _apply(self, conn, projections, batch, log_name, current=None) -> None:
        """Apply a batch in order, each event to the projections it concerns (and, when their
        ``current`` positions are given, has not reached yet)."""
        key = tuple(p.name for p in projections)
        routes = self._routes
        rows = Rows(conn)
        for notification, event in batch:
            route = routes.get((key, type(event)))
            if route is None:
                route = routes[(key, type(event))] = [p for p in projections if p.handles(type(event))]
            for projection in route:
                if current is None or notification.id > current[projection.name]:
                    projection.apply_notification(rows, notification, event, log_name)
        rows.flush()

    def rebuild(self, log_name: str, only: Collection[str] | None = None) -> int:
        """Drop this log's rows of every projection (or of those named in ``only``) and replay
        the log from zero into them."""
        projections = [p for p in self.projections_for(log_name) if only is None or p.name in only]
        self._ensure_rows(log_name, [p.name for p in projections])
        with self.engine.begin() as conn:
            conn.execute(update(positions).where(positions.c.log == log_name,
                                                 positions.c.projection.in_([p.name for p in projections]))
                         .values(position=positions.c.position))
            for projection in projections:
                projection.clear(conn, log_name)
                conn.execute(update(positions)
                             .where(positions.c.log == log_name,
                                    positions.c.projection == projection.name)
                             .values(position=0))
        return self.catch_up(log_name, only=only)


def is_district(log_name: str) -> bool:
    return log_name == DISTRICT
