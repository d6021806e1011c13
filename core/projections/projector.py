"""The projector: catches a log's projections up, each event exactly once, and rebuilds them.

A batch of notifications and the positions it reaches are written in one transaction, so a crash
never double-applies and a rerun never skips. The first statement of each batch touches the position
rows, which takes the write lock (SQLite) or the row locks (PostgreSQL): two processes catching up the
same log take turns.

A projection that fails on an event stops at that event, alone: the events before it are applied,
the failure is recorded (``core_projection_failures``: event, topic, error) and logged, and the log's
other projections go on (``failures.py``). It stays stopped until ``zhibu projections rebuild
--projection NAME`` replays it (after the fix). Errors that say the database was busy or out of reach are not a
projection's fault: they are raised, and the next catch-up tries again. How a batch is read and
written is in ``batches.py``.
"""
from __future__ import annotations

from typing import Callable, Collection, Iterable

from sqlalchemy import delete, exc as sa_exc, insert, select, update
from sqlalchemy.engine import Engine

from core.db import projection_failures as failures
from core.db import projection_positions as positions
from core.eventstore import Stores
from core.projections.batches import (claim_statement, collector_paused, fresh_events, is_transient,
                                      position_params, position_statements, unhurried)
from core.projections.failures import ProjectionState, StoppedProjections
from core.projections.projection import Projection
from core.projections.rows import Rows, execute_direct
from core.reading import Reading

BATCH = 500

__all__ = ["BATCH", "ProjectionState", "Projector", "is_transient"]


class Projector(StoppedProjections):
    """Catches projections up with a log, and rebuilds them from zero."""

    def __init__(self, stores: Stores, engine: Engine,
                 projections_for: Callable[[str], Iterable[Projection]]):
        self.stores = stores
        self.engine = engine
        self.reading = Reading(engine)   # reads share the request's connection (core.reading)
        self.projections_for = projections_for
        self._known: set[tuple[str, str]] = set()
        self._topics: dict[tuple, list[str]] = {}
        self._routes: dict[tuple, list[Projection]] = {}
        self._stopped: dict[str, tuple[float, frozenset[str]]] = {}
        # ``applied(conn, [(log, batch), …])`` runs after applied batches, in their transaction (the
        # kernel marks the schools' district summaries stale there: core.summaries).
        self.applied: Callable[[object, list[tuple[str, list]]], None] | None = None

    def _ensure_rows(self, log_name: str, names: list[str]) -> None:
        """Position rows must exist before they can be locked; remembered once seen."""
        missing = [n for n in names if (log_name, n) not in self._known]
        if not missing:
            return
        with self.reading() as conn:
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

    # -- catching up ------------------------------------------------------------------------------
    def catch_up(self, log_name: str, recordings=None, only: Collection[str] | None = None,
                 skip_if_busy: bool = False) -> int:
        """Apply every event not yet applied; return how many notifications were applied.

        ``recordings`` are the events this process has just saved: when the projections stand
        right before them, they are applied as they are, without reading them back. ``only``
        names the projections to catch up (default: every projection of the log). A projection
        that fails on an event stops there (see the module's docstring); the others go on.
        ``skip_if_busy`` (the workers' rounds, PostgreSQL): a log another process is catching up
        is left to it (its position rows are locked) instead of waited for: several workers share
        the logs, each log caught up by one at a time.
        """
        stopped = self.stopped(log_name)
        projections = [p for p in self.projections_for(log_name)
                       if (only is None or p.name in only) and p.name not in stopped]
        if not projections:
            return 0
        try:
            return self._catch_up(log_name, projections, recordings, skip_if_busy=skip_if_busy)
        except Exception as exc:
            if is_transient(exc):
                raise
            applied = self._isolate(log_name, projections)
            return applied + self.catch_up(log_name, only=only, skip_if_busy=skip_if_busy)

    def _first_failure(self, log_name: str, projection: Projection):
        """(notification, error) of the first event after the projection's position that it cannot
        apply, found by applying them one at a time in a transaction that is then rolled back."""
        log = self.stores.log(log_name)
        statements, mine = position_statements(1), position_params(log_name, [projection.name])
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
                  stop: int | None = None, skip_if_busy: bool = False) -> int:
        names = [p.name for p in projections]
        self._ensure_rows(log_name, names)
        log = self.stores.log(log_name)
        topics = self._topics_of(projections)
        wanted = set(topics)
        fresh = fresh_events(recordings)
        if fresh and self._apply_fresh([(log_name, projections, fresh)]):
            return len(fresh)
        if stop is None:
            stop = fresh[-1][0].id if fresh else (log.recorder.max_notification_id() or 0)
        read = 0
        if skip_if_busy and self._caught_up(log_name, names, stop):
            return 0  # the workers' rounds pass most logs without a write transaction
        while True:
            with self.engine.begin() as conn, collector_paused():
                unhurried(conn)
                # Lock first (the first statement writes), then read positions inside the lock.
                statements, mine = position_statements(len(names)), position_params(log_name, names)
                if skip_if_busy and conn.dialect.name == "postgresql":
                    current = dict(conn.execute(statements.try_lock, mine).all())
                    if len(current) < len(names):
                        return read  # another process holds the log; what it applies is not ours
                else:
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

    def _caught_up(self, log_name: str, names: list[str], stop: int) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(position_statements(len(names)).read, position_params(log_name, names)).all()
        return len(found) == len(names) and min(position for _, position in found) >= stop

    def _topics_of(self, projections: list[Projection]) -> list[str]:
        """The topics a set of projections handles, worked out once per set."""
        key = tuple(p.name for p in projections)
        topics = self._topics.get(key)
        if topics is None:
            topics = self._topics[key] = sorted({t for p in projections for t in p.topics})
        return topics

    def _apply_fresh(self, batches: list[tuple[str, list[Projection], list]], first=None) -> bool:
        """Apply just-saved events of one log or more in one transaction (after ``first(conn)``), when
        every projection of each stands right before them: one statement claims every position, the
        logs' rows are sent together (one statement per table and shape) and marked once."""
        statement, params, expected = claim_statement(
            [(log_name, [p.name for p in projections], fresh[0][0].id - 1, fresh[-1][0].id)
             for log_name, projections, fresh in batches])
        with self.engine.connect() as conn:
            with conn.begin() as transaction:
                unhurried(conn)
                if first is not None:
                    first(conn)
                if execute_direct(conn, statement, params) != expected:
                    transaction.rollback()
                    return False
                rows = Rows(conn)
                for log_name, projections, fresh in batches:
                    self._apply(conn, projections, fresh, log_name, rows=rows)
                rows.flush()
                if self.applied is not None:
                    self.applied(conn, [(log_name, fresh) for log_name, _, fresh in batches])
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
                batches.append((log_name, projections, fresh_events(recordings)))
        try:
            if batches and self._apply_fresh(batches, (lambda conn: record(conn, stored)) if record else None):
                return True
        except Exception as exc:
            if is_transient(exc):
                raise
        for log_name, recordings in stored:
            self.catch_up(log_name, recordings)
        return False

    def _apply(self, conn, projections, batch, log_name, current=None, rows: Rows | None = None) -> None:
        """Apply a batch in order, each event to the projections it concerns (and, when their
        ``current`` positions are given, has not reached yet). Given ``rows``, the caller sends them
        and marks the batch (several logs' batches together)."""
        key = tuple(p.name for p in projections)
        routes = self._routes
        own = rows is None
        rows = Rows(conn) if own else rows
        for notification, event in batch:
            route = routes.get((key, type(event)))
            if route is None:
                route = routes[(key, type(event))] = [p for p in projections if p.handles(type(event))]
            for projection in route:
                if current is None or notification.id > current[projection.name]:
                    projection.apply_notification(rows, notification, event, log_name)
        if own:
            rows.flush()
            if batch and self.applied is not None:
                self.applied(conn, [(log_name, batch)])

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

