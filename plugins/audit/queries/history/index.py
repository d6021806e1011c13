"""The audit index: filter the history across logs, newest first, a page at a time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import Integer, and_, bindparam, func, or_, select

from core.kernel import Kernel
from core.pagination import Page
from core.projections.rows import fetch_direct
from plugins.audit.models import events
from plugins.audit.rules.catalogue import is_code, topics_with_code

# Rows are counted up to here, then shown as "more than 1,000" with a request to narrow the filters:
# twenty pages are as far as anyone pages through; counting 10,000 rows took ~1 ms of every first page.
COUNT_CAP = 1_000
HIDDEN = {"originator_id", "originator_version", "timestamp", "meta", "originator_topic"}


@dataclass
class Criteria:
    schools: list[str] | None = None        # the scope (None: every log)
    school: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    event_type: str | None = None           # "DuesAccount.Paid" or its code "dues.account.paid"
    record: UUID | None = None
    page: int = 1
    per_page: int = 50

    def as_args(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, (date, datetime)) else str(v))
                for k, v in (("school", self.school), ("since", self.since), ("until", self.until),
                             ("actor", self.actor), ("event_type", self.event_type),
                             ("record", self.record)) if v}


def history_query(c: Criteria, params: dict | None = None):
    """The rows ``c`` asks for, newest first. Given ``params``, every value is a bound parameter put there
    by name, so that criteria of the same shape give the same statement (``list_history`` keeps it)."""
    def bind(name: str, value):
        if params is None:
            return value
        params[name] = value
        return bindparam(name)
    q = select(events)
    if c.school:
        q = q.where(events.c.tenant == bind("school", c.school))
    elif c.schools is not None:
        q = q.where(events.c.tenant.in_([bind(f"scope_{i}", s) for i, s in enumerate(c.schools)]))
    if c.since:
        q = q.where(events.c.timestamp >= bind("since", c.since))
    if c.until:
        q = q.where(events.c.timestamp < bind("until", c.until))
    if c.actor:
        q = q.where(events.c.actor == bind("actor", c.actor.strip()))
    if c.event_type:
        q = q.where(type_condition(c.event_type.strip(), bind))
    if c.record:
        q = q.where(events.c.originator_id == bind("record", c.record))
    return q.order_by(events.c.timestamp.desc(), events.c.notification_id.desc())


def type_condition(value: str, bind=lambda _name, value: value):
    """Rows of one event type, named as the index stores it (``DuesAccount.Paid``) or by its code
    (``dues.account.paid``): a code is read as the index's names and topics of the classes that have
    it, so that the type's index serves it."""
    if not is_code(value):
        return events.c.event_type == bind("event_type", value)
    topics = topics_with_code(value)
    names = sorted({t.split(":", 1)[-1] for t in topics})
    return and_(events.c.event_type.in_([bind(f"type_{i}", n) for i, n in enumerate(names)]),
                events.c.topic.in_([bind(f"topic_{i}", t) for i, t in enumerate(topics)]))


_FIRST = events.alias("first_row")


def with_first_rows(query):
    """``query``'s rows with what each one's record's first row says of it (``first_type``,
    ``first_name``, ``first_year``: what the console names the record by), read in the same statement."""
    first = _FIRST
    return query.outerjoin(first, and_(first.c.originator_id == events.c.originator_id, first.c.version == 1,
                                       first.c.tenant == events.c.tenant)).add_columns(
        first.c.event_type.label("first_type"), first.c.record_name.label("first_name"),
        first.c.record_year.label("first_year"))


def list_history(k: Kernel, c: Criteria) -> Page:
    """One page of index rows, newest first, with their records' names (``with_first_rows``); the rows are
    counted up to COUNT_CAP past the page's start (more than that reads as "more than n", and paging on
    counts on from there). One statement: the count rides along as a column (a round trip less on
    PostgreSQL), and is asked for again only when a page past the first is empty. The statement is built
    once per shape of criteria and sent straight to the driver (``fetch_direct``): building it, its cache
    key and SQLAlchemy's execution took ~0.4 ms of each console page."""
    page, per_page = max(1, c.page), max(1, min(500, c.per_page))
    cap = (page - 1) * per_page + COUNT_CAP
    params: dict = {}
    query = history_query(c, params)
    # The shape: the parameters' names, and what an empty list leaves unnamed (a scope of no school, a
    # code no class has): their IN () must never be taken for no filter at all.
    shape = (*params, c.schools is None, bool(c.event_type and is_code(c.event_type.strip())))
    statement = _PAGES.get(shape)
    if statement is None:
        if len(_PAGES) >= SHAPES_KEPT:
            _PAGES.clear()
        statement = _PAGES[shape] = with_first_rows(query).add_columns(
            _counted(query, bindparam("cap", type_=Integer)).scalar_subquery().label("total")).limit(
            bindparam("per_page", type_=Integer)).offset(bindparam("skip", type_=Integer))
    params.update(cap=cap + 1, per_page=per_page, skip=(page - 1) * per_page)
    with k.reading() as conn:
        rows = fetch_direct(conn, statement, params)
        total = rows[0].total if rows else 0 if page == 1 else conn.scalar(_counted(history_query(c), cap + 1))
    return Page(items=rows, page=page, per_page=per_page, total=total, capped=cap)


SHAPES_KEPT = 256   # the page statements kept (one per shape of criteria: filters given, scope's size)
_PAGES: dict = {}   # the names of a page's parameters (its shape) → its statement


def _counted(query, limit):
    return select(func.count()).select_from(
        query.order_by(None).with_only_columns(events.c.notification_id).limit(limit).subquery())


# -- exports: the rows fixed first, then read in batches -------------------------------------------------
def export_query(c: Criteria):
    """The history in the console's order, ties broken by log: a total order, so that an export reads
    it in keyset batches and a row written meanwhile moves no row from one batch to another."""
    return history_query(c).order_by(None).order_by(
        events.c.timestamp.desc(), events.c.notification_id.desc(), events.c.tenant.desc())


@dataclass(frozen=True)
class Extent:
    """What an export holds, fixed before it is written: its rows per log, the last notification of
    each log among them, and whether more rows matched than the limit."""
    counts: dict[str, int]
    through: dict[str, int]
    truncated: bool

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def logs(self) -> list[str]:
        return sorted(self.counts)


def export_extent(k: Kernel, c: Criteria, limit: int) -> Extent:
    """The first ``limit`` matching rows, counted per log in one statement (an index range, not a read
    of the rows); then whether any row matched beyond them."""
    query = export_query(c)
    first = query.with_only_columns(events.c.tenant, events.c.notification_id).limit(limit).subquery()
    with k.reading() as conn:
        found = conn.execute(select(first.c.tenant, func.count(), func.max(first.c.notification_id))
                             .group_by(first.c.tenant)).all()
        more = conn.execute(query.with_only_columns(events.c.notification_id).offset(limit).limit(1)).first()
    return Extent({r[0]: r[1] for r in found}, {r[0]: r[2] for r in found}, more is not None)


def iter_export(k: Kernel, c: Criteria, extent: Extent, batch: int = 500):
    """The rows of ``extent``, in batches (lists) of up to ``batch`` rows, in the console's order.

    Read by keyset (each batch starts after the last row of the one before), never by offset: the
    index rows written while an export streams (its own access record, a checkpoint, anyone's work)
    are newer, at the head of the order, and would shift every later offset. Rows past the last
    notification each log had when the extent was counted are skipped, so the file holds the rows
    counted — the same rows as the first ``limit`` matching at that moment.
    """
    query, left, after = export_query(c), extent.rows, None
    while left > 0:
        page = query
        if after is not None:
            ts, nid, tenant = after
            page = page.where(events.c.timestamp <= ts, or_(
                events.c.timestamp < ts,
                and_(events.c.timestamp == ts, or_(events.c.notification_id < nid,
                                                   and_(events.c.notification_id == nid, events.c.tenant < tenant)))))
        with k.reading() as conn:
            rows = conn.execute(page.limit(batch)).all()
        if not rows:
            return
        after = (rows[-1].timestamp, rows[-1].notification_id, rows[-1].tenant)
        kept = [r for r in rows if r.notification_id <= extent.through.get(r.tenant, -1)][:left]
        left -= len(kept)
        if kept:
            yield kept


def record_rows(k: Kernel, tenant: str, record: UUID) -> list:
    with k.reading() as conn:
        return conn.execute(select(events).where(events.c.tenant == tenant, events.c.originator_id == record)
                            .order_by(events.c.version)).all()


def get_row(k: Kernel, tenant: str, notification_id: int):
    with k.reading() as conn:
        return conn.execute(select(events).where(events.c.tenant == tenant,
                                                 events.c.notification_id == notification_id)).first()


def event_types(k: Kernel) -> list[str]:
    with k.reading() as conn:
        return list(conn.scalars(select(events.c.event_type).distinct().order_by(events.c.event_type)))
