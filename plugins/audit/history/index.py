"""The audit index: filter the history across logs, newest first, a page at a time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import func, select

from core.kernel import Kernel
from core.pagination import Page
from plugins.audit.models import events

COUNT_CAP = 10_000   # counting a million rows for "page n of N" costs more than it is worth
HIDDEN = {"originator_id", "originator_version", "timestamp", "meta", "originator_topic"}


@dataclass
class Criteria:
    schools: list[str] | None = None        # the scope (None: every log)
    school: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    event_type: str | None = None
    record: UUID | None = None
    page: int = 1
    per_page: int = 50

    def as_args(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, (date, datetime)) else str(v))
                for k, v in (("school", self.school), ("since", self.since), ("until", self.until),
                             ("actor", self.actor), ("event_type", self.event_type),
                             ("record", self.record)) if v}


def history_query(c: Criteria):
    q = select(events)
    if c.school:
        q = q.where(events.c.tenant == c.school)
    elif c.schools is not None:
        q = q.where(events.c.tenant.in_(c.schools))
    if c.since:
        q = q.where(events.c.timestamp >= c.since)
    if c.until:
        q = q.where(events.c.timestamp < c.until)
    if c.actor:
        q = q.where(events.c.actor == c.actor.strip())
    if c.event_type:
        q = q.where(events.c.event_type == c.event_type)
    if c.record:
        q = q.where(events.c.originator_id == c.record)
    return q.order_by(events.c.timestamp.desc(), events.c.notification_id.desc())


def list_history(k: Kernel, c: Criteria) -> Page:
    """One page of index rows, newest first; the total is counted up to COUNT_CAP."""
    query = history_query(c)
    page, per_page = max(1, c.page), max(1, min(500, c.per_page))
    with k.engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(
            query.order_by(None).with_only_columns(events.c.notification_id).limit(COUNT_CAP + 1).subquery()))
        rows = conn.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=rows, page=page, per_page=per_page, total=total)


def iter_history(k: Kernel, c: Criteria, chunk: int = 2000):
    """Every index row matching (for exports), in pages."""
    query = history_query(c)
    offset = 0
    while True:
        with k.engine.connect() as conn:
            rows = conn.execute(query.limit(chunk).offset(offset)).all()
        yield from rows
        if len(rows) < chunk:
            return
        offset += chunk


def record_rows(k: Kernel, tenant: str, record: UUID) -> list:
    with k.engine.connect() as conn:
        return conn.execute(select(events).where(events.c.tenant == tenant, events.c.originator_id == record)
                            .order_by(events.c.version)).all()


def get_row(k: Kernel, tenant: str, notification_id: int):
    with k.engine.connect() as conn:
        return conn.execute(select(events).where(events.c.tenant == tenant,
                                                 events.c.notification_id == notification_id)).first()


def event_types(k: Kernel) -> list[str]:
    with k.engine.connect() as conn:
        return list(conn.scalars(select(events.c.event_type).distinct().order_by(events.c.event_type)))
