"""Stopped projections: a projection that fails on an event stops there, alone (the failure is
recorded in ``core_projection_failures`` and logged), and the others go on; and where every
projection of a log stands. ``StoppedProjections`` is a base of ``Projector`` (``projector.py``),
whose catch-up it isolates a failure in."""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import delete, insert, select

from core.db import projection_failures as failures
from core.db import projection_positions as positions
from core.projections.batches import is_transient
from core.projections.projection import Projection

STOPPED_TTL = 5.0  # seconds another process may still see a projection as running after it stopped
logger = logging.getLogger("zhibu.projections")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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


class StoppedProjections:
    """The projector's record of stopped projections, and the states of a log's projections."""

    def stopped(self, log_name: str) -> frozenset[str]:
        """The projections of a log stopped at a failed event (remembered for STOPPED_TTL seconds)."""
        cached = self._stopped.get(log_name)
        if cached is not None and time.monotonic() - cached[0] < STOPPED_TTL:
            return cached[1]
        with self.reading() as conn:
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

    def states(self, log_names: Iterable[str]) -> list[ProjectionState]:
        """Every projection of these logs: position, the log's head, and the failure it stopped at."""
        out = []
        with self.reading() as conn:
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
