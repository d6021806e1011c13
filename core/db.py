"""The read-model database: SQLAlchemy Core tables, one MetaData for the whole app.

Every table is prefixed with the name of the plugin that owns it and carries ``tenant``.
"""
from __future__ import annotations

import json
import time

from datetime import datetime, timezone

from sqlalchemy import (
    JSON, BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table, Text, TypeDecorator, Uuid,
    create_engine, event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.compiler import compiles

metadata = MetaData()
POOL_RECYCLE = 1800   # seconds a pooled PostgreSQL connection lives (read model and event store)
IDLE_CHECK = 60.0     # seconds unused after which a pooled PostgreSQL connection is tried before use


class UtcDateTime(TypeDecorator):
    """An instant: stored as UTC, read back aware in UTC on both databases (SQLite keeps no zone and
    would hand back a naive value that reads as local time; see core.clock). A naive value given to
    it is taken as UTC, as both databases took it before."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


@compiles(String, "postgresql")
def _varchar_without_length(type_, compiler, **kw) -> str:
    """Read-model text columns take whatever the log holds, as SQLite does: lengths are enforced once,
    at the input boundary (core.fields), because a value that a VARCHAR(n) refused would stop its
    projection at that event for good — the event can never change. The declared length stays as
    documentation of what the boundary allows."""
    return "VARCHAR" if type_.length else compiler.visit_string(type_, **kw)

# JSON columns keep Chinese as it is; dates and other values as their text. One encoder, made once
# (``json.dumps`` with options builds a new one on every call).
_to_json = json.JSONEncoder(ensure_ascii=False, default=str).encode

# Projection positions: one row per (projection, log); updated in the same transaction as rows.
projection_positions = Table(
    "core_projection_positions", metadata,
    Column("projection", String(80), primary_key=True),
    Column("log", String(40), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_core_projection_positions_log", "log"),   # a log's positions, read at every catch-up
)

# A projection that failed on an event stops there, alone, until it is rebuilt: one row per stopped
# (projection, log), naming the event and the error. The other projections of the log go on.
projection_failures = Table(
    "core_projection_failures", metadata,
    Column("projection", String(80), primary_key=True),
    Column("log", String(40), primary_key=True),
    Column("notification_id", Integer, nullable=False),
    Column("topic", String(300), nullable=False),
    Column("error", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_core_projection_failures_log", "log"),
)

# The rounds of the worker's periodic jobs (zhibu_worker_jobs): one row per job, the last round one
# worker claimed, so that beside several workers each job runs once a round (core.worker).
worker_jobs = Table(
    "core_worker_jobs", metadata,
    Column("job", String(200), primary_key=True),
    Column("round", BigInteger, nullable=False),
)

# Failed logins, for throttling. Operational data, not part of the audit record.
login_failures = Table(
    "core_login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(80), nullable=False, index=True),
    Column("remote_addr", String(64), nullable=False),
    Column("at", UtcDateTime, nullable=False, index=True),
)

# Server-side sessions (会话). The cookie carries only a random id; the row is found by its SHA-256, so
# a copy of this table gives no usable cookie. ``public_id`` names a session on the account page.
# Operational data, not part of the audit record: ending a session deletes its row.
sessions = Table(
    "core_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("public_id", String(32), nullable=False, unique=True),
    Column("user_id", Uuid, index=True),
    Column("created_at", UtcDateTime, nullable=False, index=True),   # both ends of a session's life are
    Column("last_seen", UtcDateTime, nullable=False, index=True),    # searched when expired ones are deleted
    Column("remote_addr", String(64), nullable=False),
    Column("user_agent", String(300), nullable=False),
    Column("data", Text, nullable=False),
)


def make_engine(url: str, schema: str = "") -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                               json_serializer=_to_json)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA cache_size=-32000")
            cursor.close()

        return engine
    # No ping before each checkout (a round trip per query function, measured): connections are
    # renewed after POOL_RECYCLE seconds, rolled back on return (the pool's reset), reused last-in
    # first-out so that a busy process keeps using warm ones, and only one that lay idle in the pool
    # for IDLE_CHECK seconds is tried before use (``_check_after_idle``). One the server dropped in
    # between raises once, which invalidates it and every older one in the pool.
    connect_args = {"options": f"-csearch_path={schema}"} if schema else {}
    engine = create_engine(url, pool_size=5, max_overflow=15, pool_recycle=POOL_RECYCLE, pool_use_lifo=True,
                           connect_args=connect_args, json_serializer=_to_json)
    event.listen(engine, "checkin", _note_checkin)
    event.listen(engine, "checkout", _check_after_idle)
    return engine


def _note_checkin(_dbapi_connection, record) -> None:
    record.info["checked_in"] = time.monotonic()


def _check_after_idle(dbapi_connection, record, _proxy) -> None:
    """A connection that lay unused for IDLE_CHECK seconds (a quiet night, a database restart) is tried
    once before use; a dead one is replaced by the pool (``DisconnectionError``), not shown as an error."""
    if time.monotonic() - record.info.get("checked_in", time.monotonic()) < IDLE_CHECK:
        return
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()
    except Exception as exc:  # noqa: BLE001  (any failure means: not usable)
        raise DisconnectionError(str(exc)) from exc


__all__ = ["metadata", "projection_positions", "projection_failures", "worker_jobs", "login_failures", "sessions",
           "make_engine",
           "JSON"]
