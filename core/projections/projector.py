"""The projector: catches a log's projections up, each event exactly once, and rebuilds them.

A batch of notifications and the positions it reaches are written in one transaction, so a crash
never double-applies and a rerun never skips. The first statement of each batch touches the position
rows, which takes the write lock (SQLite) or the row locks (PostgreSQL): two processes catching up the
same log take turns.

A projection that fails on an event stops at that event, alone: the events before it are applied,
the failure is recorded (``core_projection_failures``: event, topic, error) and logged, and the log's
other projections go on. It stays stopped until ``zhibu projections rebuild --projection NAME``
replays it (after the fix). Errors that say the database was busy or out of reach are not a
projection's fault: they are raised, and the next catch-up tries again.
"""
from __future__ import annotations

import functools
import gc
import logging
import re
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Callable, Collection, Iterable, Iterator

import psycopg
from eventsourcing import persistence
from sqlalchemy import delete, exc as sa_exc, insert, select, text, update
from sqlalchemy.engine import Engine

from core.db import projection_failures as failures
from core.db import projection_positions as positions
from core.eventstore import Stores
from core.projections.projection import Projection
from core.projections.rows import Rows, execute_direct

BATCH = 500
STOPPED_TTL = 5.0  # seconds another process may still see a projection as running after it stopped
logger = logging.getLogger("zhibu.projections")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TRANSIENT = (sa_exc.OperationalError, sa_exc.InterfaceError, persistence.OperationalError,
              persistence.InterfaceError, sqlite3.OperationalError, psycopg.OperationalError,
              psycopg.InterfaceError)
_ASYNC_COMMIT = text("SET LOCAL synchronous_commit = off")
_NOT_TRANSIENT = ("no such table", "no such column", "has no column", "syntax error")


def is_transient(exc: BaseException) -> bool:
    """Whether an error says the database was busy or out of reach (try again later), rather
    than that a projection cannot apply an event (stop it there)."""
    message = str(exc).lower()
    return isinstance(exc, _TRANSIENT) and not any(s in message for s in _NOT_TRANSIENT)


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


def _fresh(recordings) -> list[tuple]:
    return sorted(((r.notification, r.domain_event) for r in recordings or ()), key=lambda pair: pair[0].id)


def _unhurried(conn) -> None:
    """PostgreSQL: a projection's commit does not wait for the disk. Its rows and its position are
    committed together, so a crash can lose only a tail of both, which the catch-up at start
    applies again; nothing else (sessions, settings) is written in these transactions."""
    if conn.dialect.name == "postgresql":
        conn.execute(_ASYNC_COMMIT)


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


@dataclass(frozen=True)
class ProjectionState:
    """Where one projection of one log stands: position, how far behind the log, and why it stopped."""

    log: str
    projection: str
    position: int
    head: int
    stopped_at: int | None = None
    topic: str | None = None
    error: str | None = None
    stopped_on: datetime | None = None

    @property
    def lag(self) -> int:
        return max(self.head - self.position, 0)


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
        self._stopped: dict[str, tuple[float, frozenset[str]]] = {}

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
                except sa_exc.IntegrityError:
                    pass  # another process inserted it first
            self._known.add((log_name, name))

    # -- stopped projections --------------------------------------------------------------------
    def stopped(self, log_name: str) -> frozenset[str]:
        """The projections of a log stopped at a failed event (remembered for STOPPED_TTL seconds)."""
        cached = self._stopped.get(log_name)
        if cached is not None and time.monotonic() - cached[0] < STOPPED_TTL:
            return cached[1]
        with self.engine.connect() as conn:
            found = frozenset(conn.scalars(select(failures.c.projection).where(failures.c.log == log_name)))
        self._stopped[log_name] = (time.monotonic(), found)
        return found

    def _record_failure(self, log_name: str, projection: Projection, notification, error: BaseException) -> None:
        message = _UNPRINTABLE.sub("?", f"{type(error).__name__}: {error}")[:4000]
        with self.engine.begin() as conn:
            conn.execute(delete(failures).where(failures.c.log == log_name,
                                                failures.c.projection == projection.name))
            conn.execute(insert(failures).values(
                projection=projection.name, log=log_name, notification_id=notification.id,
                topic=notification.topic, error=message, at=datetime.now(timezone.utc)))
        self._stopped.pop(log_name, None)
        logger.error("projection %s of log %s stopped at event %s (%s): %s — the other projections go on; "
                     "after the fix: zhibu projections rebuild --tenant %s --projection %s",
                     projection.name, log_name, notification.id, notification.topic, message,
                     log_name, projection.name)

    # -- catching up ------------------------------------------------------------------------------
    def catch_up(self, log_name: str, recordings=None, only: Collection[str] | None = None) -> int:
        """Apply every event not yet applied; return how many notifications were applied.

        ``recordings`` are the events this process has just saved: when the projections stand
        right before them, they are applied as they are, without reading them back. ``only``
        names the projections to catch up (default: every projection of the log). A projection
        that fails on an event stops there (see the module's docstring); the others go on.
        """
        stopped = self.stopped(log_name)
        projections = [p for p in self.projections_for(log_name)
                       if (only is None or p.name in only) and p.name not in stopped]
        if not projections:
            return 0
        try:
            return self._catch_up(log_name, projections, recordings)
        except Exception as exc:
            if is_transient(exc):
                raise
            applied = self._isolate(log_name, projections)
            return applied + self.catch_up(log_name, only=only)

    def _isolate(self, log_name: str, projections: list[Projection]) -> int:
        """One at a time, catch each projection up; stop each that fails at its failed event.
        Raises when the failure cannot be pinned on one projection's event."""
        applied, stopped_any, unexplained = 0, False, None
        for projection in projections:
            try:
                applied += self._catch_up(log_name, [projection], None)
            except Exception as exc:
                if is_transient(exc):
                    raise
                notification, error = self._first_failure(log_name, projection)
                if notification is None:
                    unexplained = exc
                    continue
                applied += self._catch_up(log_name, [projection], None, stop=notification.id - 1)
                self._record_failure(log_name, projection, notification, error)
                stopped_any = True
        if unexplained is not None and not stopped_any:
            raise unexplained
        return applied

    def _first_failure(self, log_name: str, projection: Projection):
        """(notification, error) of the first event after the projection's position that it cannot
        apply, found by applying them one at a time in a transaction that is then rolled back."""
        log = self.stores.log(log_name)
        statements, mine = _position_statements(1), _mine(log_name, [projection.name])
        with self.engine.connect() as conn:
            transaction = conn.begin()
            try:
                conn.execute(statements.lock, mine)
                start = conn.execute(statements.read, mine).all()[0][1]
                rows = Rows(conn)
                for notification in log.recorder.select_notifications(
                        start=start, limit=BATCH, topics=self._topics_of([projection]), inclusive_of_start=False):
                    try:
                        event = log.mapper.to_domain_event(notification)
                        projection.apply_notification(rows, notification, event, log_name)
                        rows.flush()
                    except Exception as exc:
                        if is_transient(exc):
                            raise
                        return notification, exc
                return None, None
            finally:
                transaction.rollback()

    def _catch_up(self, log_name: str, projections: list[Projection], recordings,
                  stop: int | None = None) -> int:
        names = [p.name for p in projections]
        self._ensure_rows(log_name, names)
        log = self.stores.log(log_name)
        topics = self._topics_of(projections)
        wanted = set(topics)
        fresh = _fresh(recordings)
        if fresh and self._apply_fresh([(log_name, projections, fresh)]):
            return len(fresh)
        if stop is None:
            stop = fresh[-1][0].id if fresh else (log.recorder.max_notification_id() or 0)
        read = 0
        while True:
            with self.engine.begin() as conn, _collector_paused():
                _unhurried(conn)
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

    def _apply_fresh(self, batches: list[tuple[str, list[Projection], list]], first=None) -> bool:
        """Apply just-saved events of one log or more in one transaction (after ``first(conn)``), when
        every projection of each stands right before them."""
        with self.engine.connect() as conn:
            with conn.begin() as transaction:
                _unhurried(conn)
                if first is not None:
                    first(conn)
                for log_name, projections, fresh in batches:
                    names = [p.name for p in projections]
                    claimed = execute_direct(conn, _position_statements(len(names)).claim,
                                             [{**_mine(log_name, names), "last": fresh[-1][0].id,
                                               "before": fresh[0][0].id - 1}])
                    if claimed != len(names):
                        transaction.rollback()
                        return False
                    self._apply(conn, projections, fresh, log_name)
        return True

    def catch_up_together(self, stored: list[tuple[str, list]], record=None) -> bool:
        """Catch up the logs one command wrote (``(log, recordings)`` in the order saved): in one
        transaction, with ``record(conn, stored)`` first, when every projection stands right before
        the new events; else log by log. Whether ``record`` was committed."""
        batches = []
        for log_name, recordings in stored:
            stopped = self.stopped(log_name)
            projections = [p for p in self.projections_for(log_name) if p.name not in stopped]
            if projections and recordings:
                self._ensure_rows(log_name, [p.name for p in projections])
                batches.append((log_name, projections, _fresh(recordings)))
        try:
            if batches and self._apply_fresh(batches, (lambda conn: record(conn, stored)) if record else None):
                return True
        except Exception as exc:
            if is_transient(exc):
                raise
        for log_name, recordings in stored:
            self.catch_up(log_name, recordings)
        return False

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

    # -- rebuilding and reporting -----------------------------------------------------------------
    def rebuild(self, log_name: str, only: Collection[str] | None = None) -> int:
        """Drop this log's rows of every projection (or of those named in ``only``), forget that
        they were stopped, and replay the log from zero into them."""
        projections = [p for p in self.projections_for(log_name) if only is None or p.name in only]
        names = [p.name for p in projections]
        self._ensure_rows(log_name, names)
        with self.engine.begin() as conn:
            conn.execute(update(positions).where(positions.c.log == log_name, positions.c.projection.in_(names))
                         .values(position=positions.c.position))
            conn.execute(delete(failures).where(failures.c.log == log_name, failures.c.projection.in_(names)))
            for projection in projections:
                projection.clear(conn, log_name)
                conn.execute(update(positions)
                             .where(positions.c.log == log_name,
                                    positions.c.projection == projection.name)
                             .values(position=0))
        self._stopped.pop(log_name, None)
        return self.catch_up(log_name, only=only)

    def states(self, log_names: Iterable[str]) -> list[ProjectionState]:
        """Every projection of these logs: position, the log's head, and the failure it stopped at."""
        out = []
        with self.engine.connect() as conn:
            for log_name in log_names:
                head = self.stores.log(log_name).recorder.max_notification_id() or 0
                at = dict(conn.execute(select(positions.c.projection, positions.c.position)
                                       .where(positions.c.log == log_name)).all())
                failed = {r.projection: r for r in conn.execute(select(failures).where(failures.c.log == log_name))}
                for projection in self.projections_for(log_name):
                    f = failed.get(projection.name)
                    out.append(ProjectionState(
                        log=log_name, projection=projection.name, position=at.get(projection.name, 0), head=head,
                        stopped_at=f.notification_id if f else None, topic=f.topic if f else None,
                        error=f.error if f else None, stopped_on=f.at if f else None))
        return out
