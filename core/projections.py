"""Projections: events → read-model rows, each exactly once.

A projection applies a batch of notifications and records its position in the same
transaction, so a crash never double-applies and a rerun never skips. The first statement of
each batch touches the position rows, which takes the write lock (SQLite) or the row locks
(PostgreSQL): two processes catching up the same log take turns.
"""
from __future__ import annotations

from typing import Callable, ClassVar, Iterable

from eventsourcing.utils import get_topic
from sqlalchemy import Table, bindparam, delete, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from core.db import projection_positions as positions
from core.eventstore import DISTRICT, Stores

BATCH = 500

# The statements of the hot path, built once (one catch-up follows every write).
_MINE = "log = :log AND projection IN :names"
LOCK = text(f"UPDATE core_projection_positions SET position = position WHERE {_MINE}").bindparams(
    bindparam("names", expanding=True))
READ = text(f"SELECT projection, position FROM core_projection_positions WHERE {_MINE}").bindparams(
    bindparam("names", expanding=True))
# The fast path in one statement: move every position from just before the fresh events to
# their end, taking the lock; it matches every row only when nothing else is in between.
CLAIM = text(f"UPDATE core_projection_positions SET position = :last WHERE {_MINE} AND position = :before"
             ).bindparams(bindparam("names", expanding=True))
ADVANCE = text(f"UPDATE core_projection_positions SET position = :last WHERE {_MINE} AND position < :last"
               ).bindparams(bindparam("names", expanding=True))


def on(*event_classes: type) -> Callable:
    """Mark a projection method as the handler of the given event classes."""
    def mark(method: Callable) -> Callable:
        method._zhibu_on = event_classes
        return method
    return mark


class Rows:
    """What handlers write through: inserts and updates queued and sent as executemany.

    Each table has its own queue; consecutive writes of the same shape (same columns) to a table
    go to the database as one statement with many parameter sets. A write of another shape to
    the same table, or any read, sends what is queued first, so the order of writes to a table is
    kept and handlers see their own writes. ``execute``/``scalar``/``scalars`` behave as on a
    SQLAlchemy connection.
    """

    _statements: dict = {}

    def __init__(self, conn: Connection):
        self.conn = conn
        self._queues: dict[Table, tuple] = {}   # table → (shape, [params])

    def insert(self, table: Table, **values) -> None:
        shape = ("insert", table, tuple(sorted(values)))
        if shape not in self._statements:
            self._statements[shape] = insert(table)
        self._queue(table, shape, values)

    def update(self, table: Table, where: dict, **values) -> None:
        """``UPDATE table SET values WHERE key = value AND …`` for the keys of ``where``."""
        shape = ("update", table, tuple(sorted(where)), tuple(sorted(values)))
        if shape not in self._statements:
            self._statements[shape] = update(table).where(
                *(table.c[k] == bindparam(f"w_{k}") for k in sorted(where))).values(
                {k: bindparam(f"v_{k}") for k in sorted(values)})
        self._queue(table, shape, {**{f"w_{k}": v for k, v in where.items()},
                                   **{f"v_{k}": v for k, v in values.items()}})

    def _queue(self, table: Table, shape, params: dict) -> None:
        queued = self._queues.get(table)
        if queued is not None and queued[0] != shape:
            self._send(table)
            queued = None
        if queued is None:
            self._queues[table] = (shape, [params])
        else:
            queued[1].append(params)

    def _send(self, table: Table) -> None:
        shape, params = self._queues.pop(table)
        self.conn.execute(self._statements[shape], params)

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

    def catch_up(self, log_name: str, recordings=None) -> int:
        """Apply every event not yet applied; return how many notifications were applied.

        ``recordings`` are the events this process has just saved: when the projections stand
        right before them, they are applied as they are, without reading them back.
        """
        projections = list(self.projections_for(log_name))
        if not projections:
            return 0
        names = [p.name for p in projections]
        self._ensure_rows(log_name, names)
        log = self.stores.log(log_name)
        topics = self._topics_of(projections)
        wanted = set(topics)
        fresh = sorted(((r.notification, r.domain_event) for r in recordings or ()),
                       key=lambda pair: pair[0].id)
        if fresh and self._apply_fresh(log_name, projections, names, wanted, fresh):
            return len(fresh)
        stop = fresh[-1][0].id if fresh else (log.recorder.max_notification_id() or 0)
        read = 0
        while True:
            with self.engine.begin() as conn:
                # Lock first (the first statement writes), then read positions inside the lock.
                mine = {"log": log_name, "names": names}
                conn.execute(LOCK, mine)
                current = dict(conn.execute(READ, mine).all())
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
                rows = Rows(conn)
                for notification, event in batch:
                    for projection in projections:
                        if notification.id > current[projection.name]:
                            projection.apply_notification(rows, notification, event, log_name)
                rows.flush()
                read += len(batch)
                conn.execute(ADVANCE, {**mine, "last": last})
            if last >= stop:
                return read

    def _topics_of(self, projections: list[Projection]) -> list[str]:
        """The topics a set of projections handles, worked out once per set."""
        key = tuple(p.name for p in projections)
        topics = self._topics.get(key)
        if topics is None:
            topics = self._topics[key] = sorted({t for p in projections for t in p.topics})
        return topics

    def _apply_fresh(self, log_name, projections, names, wanted, fresh) -> bool:
        """Apply just-saved events when every projection stands right before them."""
        with self.engine.connect() as conn:
            with conn.begin() as transaction:
                claimed = conn.execute(CLAIM, {"log": log_name, "names": names, "last": fresh[-1][0].id,
                                               "before": fresh[0][0].id - 1}).rowcount
                if claimed != len(names):
                    transaction.rollback()
                    return False
                rows = Rows(conn)
                for notification, event in fresh:
                    if notification.topic in wanted:
                        for projection in projections:
                            projection.apply_notification(rows, notification, event, log_name)
                rows.flush()
        return True

    def rebuild(self, log_name: str) -> int:
        """Drop this log's rows of every projection and replay the log from zero."""
        projections = list(self.projections_for(log_name))
        self._ensure_rows(log_name, [p.name for p in projections])
        with self.engine.begin() as conn:
            conn.execute(update(positions).where(positions.c.log == log_name)
                         .values(position=positions.c.position))
            for projection in projections:
                projection.clear(conn, log_name)
                conn.execute(update(positions)
                             .where(positions.c.log == log_name,
                                    positions.c.projection == projection.name)
                             .values(position=0))
        return self.catch_up(log_name)


def is_district(log_name: str) -> bool:
    return log_name == DISTRICT
