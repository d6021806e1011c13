"""The seal generation moved on (``audit_seal_generation``), in the transaction that records a fact the
console's seal summary shows: a log's first checkpoint, a verification. Every process then sees from one
read whether the summary it keeps is still true (plugins/audit/queries/seal_status.py)."""
from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from plugins.audit.models import seal_generation


def _upsert(insert):
    return insert(seal_generation).values(id=1, generation=1).on_conflict_do_update(
        index_elements=[seal_generation.c.id], set_={"generation": seal_generation.c.generation + 1})


# Built once per dialect. An UPDATE of one row: concurrent recorders wait for each other's commit, so
# every commit moves the generation on (an id taken from a sequence would not: ids commit out of order).
_MOVE_ON = {"sqlite": _upsert(sqlite_insert), "postgresql": _upsert(postgresql_insert)}


def move_on(conn) -> None:
    """Move the seal generation on in ``conn``'s transaction (the row created at its first move)."""
    conn.execute(_MOVE_ON[conn.dialect.name])
