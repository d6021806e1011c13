"""The event store: one eventsourcing ``Application`` (a log) per tenant, plus the district's.

SQLite by default (one file per log under the instance folder); PostgreSQL when configured
(one ``zb_<log>_events`` table per log, and one connection pool shared by every log).
Tables are created only by the explicit init step (``Stores.create_log``).
"""
from __future__ import annotations

import copy
import re
import threading
from datetime import date
from typing import Any, Callable

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.domain import BaseAggregate
from eventsourcing.utils import get_topic
from eventsourcing.persistence import (
    InfrastructureFactory,
    IntegrityError,
    JSONTranscoder,
    Transcoding,
)
from eventsourcing.postgres import PostgresFactory

from core import context
from core.aggregates import FlatCopy
from core.config import StoreConfig
from core.db import POOL_RECYCLE
from core.errors import N_, SaveCollided

DISTRICT = "district"
LOG_NAME = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class SharedPoolPostgresFactory(PostgresFactory):
    """Every log on one PostgreSQL server shares one connection pool.

    With defaults each application opens its own pool (20 tenants = 120 connections measured);
    sharing served 50 tenants with 6.
    """

    _datastores: dict[tuple, Any] = {}
    _lock = threading.Lock()

    def __init__(self, env):
        key = tuple(env.get(k) for k in ("POSTGRES_DBNAME", "POSTGRES_HOST", "POSTGRES_PORT",
                                           "POSTGRES_USER", "POSTGRES_SCHEMA"))
        with self._lock:
            shared = self._datastores.get(key)
            if shared is None:
                super().__init__(env)
                self._datastores[key] = self.datastore
                return
        InfrastructureFactory.__init__(self, env)
        self.datastore = shared

    def close(self) -> None:  # the pool outlives any one log; see close_shared_pools()
        pass

    @classmethod
    def close_shared_pools(cls) -> None:
        with cls._lock:
            for datastore in cls._datastores.values():
                datastore.close()
            cls._datastores.clear()


class _Collected(ProcessingEvent):
    """Collects an aggregate's pending events by its class, not by the library's runtime protocol
    checks (``isinstance`` against a ``typing.Protocol`` walks the protocol's attributes each time:
    a tenth of a write's Python time, measured); anything else goes the library's way."""

    def collect_events(self, *objs, **kwargs) -> None:
        for obj in objs:
            if isinstance(obj, BaseAggregate):
                self.events.extend(obj.collect_events())
                self.aggregates[obj.id] = obj
            elif obj is not None:
                super().collect_events(obj)
        self.saved_kwargs.update(kwargs)


class Log(Application):
    """One totally ordered log. Stamps every event with the command context on save."""

    def __init__(self, log_name: str, env: dict[str, str]):
        self.name = "zb_" + log_name.replace("-", "_")
        self.log_name = log_name
        super().__init__(env=env)

    def construct_factory(self, env):
        if env.get("PERSISTENCE_MODULE") == "eventsourcing.postgres":
            return SharedPoolPostgresFactory(env)
        return super().construct_factory(env)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def save(self, *objs, **kwargs):
        """``Application.save`` with the collection above."""
        processing_event = _Collected()
        processing_event.collect_events(*objs, **kwargs)
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        return recordings

    def _record(self, processing_event):
        ctx = context.current()
        stamp = ctx.stamp(self.log_name)
        for event in processing_event.events:
            object.__setattr__(event, "meta", stamp)
        recordings = super()._record(processing_event)
        cache = self.repository.cache
        if cache is not None:  # aggregates that guard rules are remembered as saved (Kernel.get_remembered)
            for aggregate_id, aggregate in processing_event.aggregates.items():
                if isinstance(aggregate, FlatCopy):
                    cache.put(aggregate_id, copy.deepcopy(aggregate))
        return recordings

    def history(self, *event_classes: type) -> tuple[list, int]:
        """Every stored event of these classes, in log order, and the notification id of the last
        one (0 when none)."""
        topics = [get_topic(c) for c in event_classes]
        found, position = [], 0
        while True:
            batch = self.recorder.select_notifications(start=position + 1, limit=1000, topics=topics)
            if not batch:
                return found, position
            found.extend(self.mapper.to_domain_event(n) for n in batch)
            position = batch[-1].id

    def forget(self, aggregates) -> None:
        """Drop these aggregates' remembered copies (their save collided: another process wrote)."""
        cache = self.repository.cache
        for aggregate in aggregates:
            if cache is not None and hasattr(aggregate, "id"):
                try:
                    cache.get(aggregate.id, evict=True)
                except KeyError:
                    pass

    def _take_snapshots(self, processing_event) -> None:
        """Snapshot aggregates whose class sets ``snapshot_interval``: from the aggregate just saved
        when it stands at the snapshot's version (the library reads and replays the interval's events
        again: 4 % of a registration's Python time, measured, amortised), else the library's way."""
        if self.snapshots is None:
            return
        for event in processing_event.events:
            aggregate = processing_event.aggregates.get(event.originator_id)
            interval = getattr(type(aggregate), "snapshot_interval", 0)
            if aggregate is None or not interval or event.originator_version % interval:
                continue
            if aggregate.version == event.originator_version and not aggregate.pending_events:
                taker = getattr(type(aggregate), "Snapshot", type(self).snapshot_class)
                self.snapshots.put([taker.take(aggregate)])
            else:
                self.take_snapshot(aggregate.id, version=event.originator_version)


class Stores:
    """Opens logs by name and remembers them. Thread-safe; one per process."""

    def __init__(self, config: StoreConfig):
        self.config = config
        self._logs: dict[str, Log] = {}
        self._lock = threading.Lock()
        self.after_save: list[Callable[[str, list], None]] = []
        if not config.is_postgres:
            (config.instance_path / "events").mkdir(parents=True, exist_ok=True)

    def _env(self, log_name: str, create: bool) -> dict[str, str]:
        # The aggregate cache keeps recently used aggregates and fast-forwards them with newer
        # events from the store, so a long-lived aggregate is not replayed on every command.
        env = {"CREATE_TABLE": "y" if create else "n", "IS_SNAPSHOTTING_ENABLED": "y",
               "AGGREGATE_CACHE_MAXSIZE": "500"}
        if self.config.is_postgres:
            env.update(self.config.postgres_env())
            # No pre-ping (a round trip per checkout): the pool renews connections after POOL_RECYCLE
            # seconds and drops a broken one when it comes back; the recorder retries on OperationalError.
            env.update({"PERSISTENCE_MODULE": "eventsourcing.postgres",
                        "POSTGRES_POOL_SIZE": "4", "POSTGRES_MAX_OVERFLOW": "16",
                        "POSTGRES_CONNECT_TIMEOUT": "10", "POSTGRES_CONN_MAX_AGE": str(POOL_RECYCLE),
                        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "30"})
        else:
            path = self.config.instance_path / "events" / f"{log_name}.sqlite"
            env.update({"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                        "SQLITE_DBNAME": str(path), "SQLITE_LOCK_TIMEOUT": "30"})
        return env

    def create_log(self, log_name: str) -> Log:
        """The explicit init step: create the log's tables, then open it."""
        if not LOG_NAME.match(log_name):
            raise ValueError(f"invalid log name {log_name!r}")
        with self._lock:
            log = Log(log_name, self._env(log_name, create=True))
            self._logs[log_name] = log
            return log

    def log(self, log_name: str) -> Log:
        log = self._logs.get(log_name)
        if log is None:
            with self._lock:
                log = self._logs.get(log_name)
                if log is None:
                    log = Log(log_name, self._env(log_name, create=False))
                    self._logs[log_name] = log
        return log

    def save(self, log_name: str, *aggregates) -> None:
        """Save pending events; a concurrent write to the same version is a conflict."""
        log = self.log(log_name)
        try:
            recordings = log.save(*aggregates)
        except IntegrityError as exc:
            log.forget(aggregates)
            raise SaveCollided(N_("记录已被他人修改，请刷新后重试")) from exc
        for callback in self.after_save:
            callback(log_name, recordings)

    def close(self) -> None:
        with self._lock:
            for log in self._logs.values():
                log.close()
            self._logs.clear()
        if self.config.is_postgres:
            SharedPoolPostgresFactory.close_shared_pools()
