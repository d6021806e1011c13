"""What tells the console's kept values whether they still stand, read once per request in one
statement: the schools' counter (their names, ``history.stored``) and the seal generation (the seal
panel, ``seal_status``). Each was its own statement, a round trip each on PostgreSQL."""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select

from core.kernel import Kernel
from core.summaries.changes import REGISTRY, clock
from plugins.audit.models import seal_generation


class Marks(NamedTuple):
    schools: int | None   # moved by every school event, in the transaction that applies it
    seals: int | None     # moved with every fact the seal panel shows (services/seal_marks.py)


_MARKS = select(select(clock.c.n).where(clock.c.shard == REGISTRY).scalar_subquery(),
                select(seal_generation.c.generation).where(seal_generation.c.id == 1).scalar_subquery())


def marks(k: Kernel) -> Marks:
    """Both marks as this request first reads them (read again by each call outside a request)."""
    def load() -> Marks:
        with k.reading() as conn:
            return Marks(*conn.execute(_MARKS).one())
    return k.per_request(("audit.marks",), load)
