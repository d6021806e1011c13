"""Projections: events → read-model rows, each exactly once.

A projection applies a batch of notifications and records its position in the same
transaction, so a crash never double-applies and a rerun never skips. The first statement of
each batch touches the position rows, which takes the write lock (SQLite) or the row locks
(PostgreSQL): two processes catching up the same log take turns.
"""
from __future__ import annotations

from typing import Callable, ClassVar, Iterable

from eventsourcing.utils import get_topic
from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from core.db import projection_positions as positions
from core.eventstore import DISTRICT, Stores

BATCH = 500


def on(*event_classes: type) -> Callable:
    """Mark a projection method as the handler of the given event classes."""
    def mark(method: Callable) -> Callable:
        method._zhibu_on = event_classes
        return method
    return mark


class Projection:
    """Base class. Subclasses set ``name``, ``tables`` and decorate handlers with ``@on``.

    A handler is called as ``handler(conn, event, tenant)`` inside the batch transaction.
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

    def _positions(self, log_name: str, projections: list[Projection]) -> dict[str, int]:
        names = [p.name for p in projections]
        with self.engine.connect() as conn:
            rows = dict(conn.execute(
                select(positions.c.projection, positions.c.position)
                .where(positions.c.log == log_name, positions.c.projection.in_(names))).all())
        missing = [n for n in names if n not in rows]
        for name in missing:
            try:
                with self.engine.begin() as conn:
                    conn.execute(insert(positions).values(projection=name, log=log_name, position=0))
            except IntegrityError:
                pass  # another process inserted it first
            rows[name] = 0
        return rows

    def catch_up(self, log_name: str) -> int:
        """Apply every event not yet applied; return how many notifications were read."""
        projections = list(self.projections_for(log_name))
        if not projections:
            return 0
        log = self.stores.log(log_name)
        stop = log.recorder.max_notification_id() or 0
        if min(self._positions(log_name, projections).values()) >= stop:
            return 0
        by_name = {p.name: p for p in projections}
        topics = sorted({t for p in projections for t in p.topics})
        read = 0
        while True:
            with self.engine.begin() as conn:
                # Lock first, then read positions inside the lock.
                conn.execute(update(positions)
                             .where(positions.c.log == log_name,
                                    positions.c.projection.in_(list(by_name)))
                             .values(position=positions.c.position))
                current = dict(conn.execute(
                    select(positions.c.projection, positions.c.position)
                    .where(positions.c.log == log_name,
                           positions.c.projection.in_(list(by_name)))).all())
                start = min(current.values())
                if start >= stop:
                    return read
                notifications = log.recorder.select_notifications(
                    start=start, limit=BATCH, stop=stop, topics=topics, inclusive_of_start=False)
                last = notifications[-1].id if len(notifications) == BATCH else stop
                for notification in notifications:
                    event = log.mapper.to_domain_event(notification)
                    for name, projection in by_name.items():
                        if notification.id > current[name]:
                            projection.apply_notification(conn, notification, event, log_name)
                read += len(notifications)
                for name in by_name:
                    if current[name] < last:
                        conn.execute(update(positions)
                                     .where(positions.c.log == log_name,
                                            positions.c.projection == name)
                                     .values(position=last))
            if last >= stop:
                return read

    def rebuild(self, log_name: str) -> int:
        """Drop this log's rows of every projection and replay the log from zero."""
        projections = list(self.projections_for(log_name))
        self._positions(log_name, projections)
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
