"""How the projector reads and writes a batch: the statements on the position rows (built once per
number of projections: one catch-up follows every write), the events a process has just saved, the
transaction settings, and which errors are the database's (busy, out of reach) rather than a
projection's."""
from __future__ import annotations

import functools
import gc
import sqlite3
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Iterator

import psycopg
from eventsourcing import persistence
from sqlalchemy import exc as sa_exc, text

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
# every write). ``position_params`` gives their parameters.
@functools.cache
def position_statements(count: int) -> SimpleNamespace:
    mine = f"log = :log AND projection IN ({', '.join(f':p{i}' for i in range(count))})"
    return SimpleNamespace(
        lock=text(f"UPDATE core_projection_positions SET position = position WHERE {mine}"),
        read=text(f"SELECT projection, position FROM core_projection_positions WHERE {mine}"),
        # A worker's claim (PostgreSQL): the rows nobody else holds, locked; fewer than asked means
        # another process is catching the log up, and the worker leaves it to that one this round.
        try_lock=text(f"SELECT projection, position FROM core_projection_positions WHERE {mine} "
                      "ORDER BY projection FOR UPDATE SKIP LOCKED"),
        # The fast path in one statement: move every position from just before the fresh events
        # to their end, taking the lock; it matches every row only when nothing else is between.
        claim=text(f"UPDATE core_projection_positions SET position = :last WHERE {mine} AND position = :before"),
        advance=text(f"UPDATE core_projection_positions SET position = :last WHERE {mine} AND position < :last"))


def position_params(log_name: str, names: list[str]) -> dict:
    return {"log": log_name, **{f"p{i}": name for i, name in enumerate(names)}}


def claim_statement(claims: list[tuple[str, list[str], int, int]]) -> tuple:
    """The fast path's claim of the positions of one log or more — (log, projections, before, last)
    each — as one statement and a parameter set per log (each log's names padded to the longest list
    by repeating its last, so one statement serves them all): (statement, parameter sets, the rows
    they must touch). On SQLite two indexed UPDATEs cost half an OR across the logs; on PostgreSQL
    the driver sends the sets together."""
    width = max(len(names) for _, names, _, _ in claims)
    params = [{**position_params(log_name, names + names[-1:] * (width - len(names))), "before": before, "last": last}
              for log_name, names, before, last in claims]
    return position_statements(width).claim, params, sum(len(names) for _, names, _, _ in claims)


def fresh_events(recordings) -> list[tuple]:
    return sorted(((r.notification, r.domain_event) for r in recordings or ()), key=lambda pair: pair[0].id)


def unhurried(conn) -> None:
    """PostgreSQL: a projection's commit does not wait for the disk. Its rows and its position are
    committed together, so a crash can lose only a tail of both, which the catch-up at start
    applies again; nothing else (sessions, settings) is written in these transactions."""
    if conn.dialect.name == "postgresql":
        conn.execute(_ASYNC_COMMIT)


@contextmanager
def collector_paused() -> Iterator[None]:
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
