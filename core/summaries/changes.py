"""Where the district's summaries changed, without reading every school's rows: a few counter rows
(``core_summary_clock``) that every change of a summary row moves on, in the change's own transaction.

- The schools are spread over ``SHARDS`` counters by their slug (``shard_of``). A mark, a store or a
  new row moves its schools' counters on by one and stamps each changed row with its counter's new
  value (``seq``). Reading every counter (``read_clock``, a handful of rows) tells whether anything
  changed; the rows of a counter stamped above the value last seen (``changed_since``, an index on
  (shard, seq)) are what changed.
- A counter row is locked from its move until its transaction commits, so the stamps of one counter
  are given in the order their changes commit: a reader that has seen a counter's value has seen every
  row stamped with it or below. Two schools of different counters never wait for each other; one row
  for the whole district would make every write in it wait its turn on PostgreSQL.
- ``REGISTRY`` moves when what cannot be read as changed rows changes: the schools, their modules and
  settings (a ``School`` event) or rows removed. A reader then reads every school again.
- Counters are moved before the rows they stamp, in shard order, in every transaction (no deadlock).
"""
from __future__ import annotations

import zlib

from sqlalchemy import BigInteger, Column, Integer, Table, and_, literal_column, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.db import metadata
from core.projections.rows import execute_direct

SHARDS = 16
REGISTRY = -1   # the counter of the schools, their modules and removed rows

clock = Table(
    "core_summary_clock", metadata,
    Column("shard", Integer, primary_key=True),
    Column("n", BigInteger, nullable=False),
)


def shard_of(slug: str) -> int:
    """The counter a school's rows are stamped by (the same in every process: not ``hash``)."""
    return zlib.crc32(slug.encode()) % SHARDS


def shards_of(slugs) -> list[int]:
    return sorted({shard_of(slug) for slug in slugs})


EVERY_SHARD = list(range(SHARDS))
_MOVES: dict[str, object] = {}   # dialect → the statement, built once


def _move_statement(dialect: str):
    found = _MOVES.get(dialect)
    if found is None:
        upsert = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(clock)
        found = _MOVES[dialect] = upsert.on_conflict_do_update(index_elements=[clock.c.shard],
                                                               set_={"n": clock.c.n + literal_column("1")})
    return found


def move(conn, shards) -> None:
    """Move counters on (in the caller's transaction, before the rows they stamp, in shard order); a
    counter not there yet (a new store, or one emptied) starts at 1."""
    if shards:   # straight to the driver, compiled once: every write moves one
        execute_direct(conn, _move_statement(conn.dialect.name), [{"shard": s, "n": 1} for s in sorted(shards)])


def seq_of(rows: Table):
    """A row's new stamp: its counter's value, as this transaction moved it (correlated to ``rows``)."""
    return select(clock.c.n).where(clock.c.shard == rows.c.shard).scalar_subquery()


def seq_for(shard: int):
    return select(clock.c.n).where(clock.c.shard == shard).scalar_subquery()


_CLOCK = select(clock.c.shard, clock.c.n).order_by(clock.c.shard)


def read_clock(conn) -> tuple:
    """Every counter's value, ``REGISTRY`` first (0 for one not there yet): it differs after any change of
    any summary row."""
    found = dict(conn.execute(_CLOCK).all())
    return tuple(found.get(shard, 0) for shard in (REGISTRY, *EVERY_SHARD))


def changed_since(rows: Table, before: tuple, now: tuple, *columns):
    """The rows of ``rows`` stamped after the counters ``before`` (as ``read_clock`` gave them), up to
    ``now``'s: one indexed range per counter that moved. None when no counter of a school moved."""
    ranges = [and_(rows.c.shard == shard, rows.c.seq > seen)
              for shard, seen, current in zip(EVERY_SHARD, before[1:], now[1:]) if current != seen]
    if not ranges:
        return None
    return select(*columns).where(or_(*ranges) if len(ranges) > 1 else ranges[0])
