"""One read-model connection per request: ``with k.reading() as conn:``, the one way to read.

A page used to check a pooled connection out for every query function (on PostgreSQL each with a
ping, a BEGIN and a ROLLBACK around its statements). Now the first read of a request checks one
connection out and every later read of the request uses it; the request's end gives it back. The
same holds per command in the CLI and per round of the worker (their app context is the scope; the
worker gives it back after each round), and outside any context a ``with`` block has its own.

The connection runs in autocommit: each statement sees everything committed before it, so a read
after a write of the same request sees the write (writes keep their own ``engine.begin()``
transaction on another connection), and no read holds a transaction, a snapshot or a lock between
statements. That is what reads had before, without the round trips: PostgreSQL's READ COMMITTED
takes a snapshot per statement anyway, and SQLite's driver never opened a transaction for a SELECT.
So a block that writes uses ``engine.begin()``, never this connection.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from flask import g, has_app_context, has_request_context, request
from sqlalchemy.engine import Connection, Engine


class _Held:
    __slots__ = ("conn", "depth", "released")

    def __init__(self, conn: Connection):
        self.conn, self.depth, self.released = conn, 0, False


def _scope() -> dict | None:
    """Where the held connection lives: the request (its environ, not ``g``: an app context can
    outlive many requests, in tests and in the CLI), else the app context, else nowhere."""
    if has_request_context():
        return request.environ
    if has_app_context():
        return vars(g._get_current_object())
    return None


class Reading:
    """``reading()`` yields the scope's read connection; ``release()`` gives it back (teardown)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.key = f"zhibu.reading.{id(engine)}"

    @contextmanager
    def __call__(self) -> Iterator[Connection]:
        scope = _scope()
        if scope is None:
            with self.engine.connect() as conn:
                yield conn
            return
        held = scope.get(self.key)
        if held is None or held.conn.closed or held.conn.invalidated:
            if held is not None:
                held.conn.close()   # a connection the database dropped: the pool replaces it
            held = scope[self.key] = _Held(self.engine.connect().execution_options(isolation_level="AUTOCOMMIT"))
        held.depth += 1
        try:
            yield held.conn
        finally:
            held.depth -= 1
            if held.depth == 0:
                if held.released:
                    held.conn.close()   # its scope ended while this block was open (a generator)
                elif held.conn.in_transaction():
                    held.conn.rollback()   # no round trip in autocommit; leaves the connection clean

    def release(self) -> None:
        """Give the scope's connection back to the pool (end of request, command or worker round);
        a block still open on it gives it back when it ends."""
        scope = _scope()
        held = scope.pop(self.key, None) if scope is not None else None
        if held is not None:
            if held.depth:
                held.released = True
            else:
                held.conn.close()
