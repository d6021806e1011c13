"""Each school's district figures and alerts as a read model (``core_school_summaries``): one row per
(school, plugin) holding what the plugin's ``zhibu_district_figures`` and ``zhibu_alerts`` answered
for that school, on that day.

- An event applied to a school's log marks the school's rows stale, in the transaction that applies
  it (``Projector.applied``), whichever process catches the log up; an event of the district log
  marks the rows of the school it is about (a school's settings, modules, start of records) or of the
  plugin that owns it (an inspector's finding: every school's audit row). Each mark also moves the
  row's ``generation`` on, so a summary computed while a write was landing is never taken as fresh.
- Stale rows, rows of another day (figures that change with the calendar: overdue, due soon) and
  missing rows (a school or a module just enabled) are computed again by calling that one plugin's
  hooks for that one school: by the worker job each round (``refresh_job``) and, for the rows still
  due, when a page reads them (``read``), so a deployment without a worker stays right.
- Reading the summaries of any number of schools is two statements once the rows are fresh.
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Callable, Iterable, NamedTuple

from sqlalchemy import (JSON, Boolean, Column, Date, Index, Integer, String, Table, delete, insert, select,
                        update)
from sqlalchemy import exc as sa_exc

from core.db import UtcDateTime, metadata
from core.events import owner_of
from core.eventstore import DISTRICT
from core.plugins import flatten
from core.summaries.codec import decode_alert, decode_figure, encode_alert, encode_figure
from core.tenancy.models import school_plugins, schools

logger = logging.getLogger("zhibu")
SCHOOL_TOPICS = "tenants.domain:School."

school_summaries = Table(
    "core_school_summaries", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("plugin", String(40), primary_key=True),
    Column("day", Date),                        # the business day it was computed for
    Column("figures", JSON, nullable=False),    # [Figure as codec.encode_figure]
    Column("alerts", JSON, nullable=False),     # [Alert as codec.encode_alert]
    Column("stale", Boolean, nullable=False),
    Column("generation", Integer, nullable=False),   # moved on by every mark (compare-and-set)
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_core_school_summaries_plugin", "plugin"),
)


class Contributor(NamedTuple):
    """A plugin that gives the district figures or alerts, and its implementations of the two hooks."""
    name: str
    always_on: bool
    figures: object | None
    alerts: object | None


def contributors(k) -> list[Contributor]:
    """The plugins with figure or alert hooks, in the order the hooks call them (their alerts keep
    the order a hook call gives them)."""
    found: dict[str, dict] = {}
    for kind, caller in (("alerts", k.registry.hook.zhibu_alerts),
                         ("figures", k.registry.hook.zhibu_district_figures)):
        for impl in reversed(caller.get_hookimpls()):
            info = k.registry.info_of(impl.plugin)
            name = info.name if info else impl.plugin_name
            entry = found.setdefault(name, {"always_on": info is None or info.always_on})
            entry[kind] = impl
    return [Contributor(name, e["always_on"], e.get("figures"), e.get("alerts")) for name, e in found.items()]


def _call(impl, **kwargs) -> list:
    if impl is None:
        return []
    return flatten([impl.function(*[kwargs[a] for a in impl.argnames])])


def compute(k, tenant: str, plugin: Contributor, today: date) -> tuple[list, list]:
    """One plugin's figures and alerts for one school, from its hooks (what a summary row holds)."""
    return (_call(plugin.figures, k=k, tenant=tenant, today=today),
            _call(plugin.alerts, k=k, tenant=tenant, today=today))


def _enabled(conn, slugs: list[str] | None) -> dict[str, set]:
    query = select(school_plugins.c.tenant, school_plugins.c.plugin).where(school_plugins.c.enabled.is_(True))
    if slugs is not None:
        query = query.where(school_plugins.c.tenant.in_(slugs))
    out: dict[str, set] = {}
    for tenant, plugin in conn.execute(query):
        out.setdefault(tenant, set()).add(plugin)
    return out


def _rows(conn, slugs: list[str] | None) -> dict[tuple[str, str], object]:
    query = select(school_summaries)
    if slugs is not None:
        query = query.where(school_summaries.c.tenant.in_(slugs))
    return {(r.tenant, r.plugin): r for r in conn.execute(query)}


def _wanted(plugins: list[Contributor], slugs: Iterable[str], enabled: dict[str, set]):
    for slug in slugs:
        on = enabled.get(slug, ())
        for plugin in plugins:
            if plugin.always_on or plugin.name in on:
                yield slug, plugin


def _placeholder(k, tenant: str, plugin: str) -> int | None:
    """A missing row is first written stale (generation 0), before its summary is computed, so that a
    write landing meanwhile has a row to mark; None when another process wrote it first."""
    try:
        with k.engine.begin() as conn:
            conn.execute(insert(school_summaries).values(tenant=tenant, plugin=plugin, day=None, figures=[],
                                                         alerts=[], stale=True, generation=0,
                                                         updated_at=k.wall_now()))
        return 0
    except sa_exc.IntegrityError:
        return None


def _store(k, tenant: str, plugin: str, generation: int, today: date, figures, alerts) -> bool:
    """Write a computed summary unless the school's records moved on since ``generation`` was read
    (then the row stays stale and the next reader or round computes it again)."""
    with k.engine.begin() as conn:
        done = conn.execute(update(school_summaries)
                            .where(school_summaries.c.tenant == tenant, school_summaries.c.plugin == plugin,
                                   school_summaries.c.generation == generation)
                            .values(stale=False, day=today, figures=[encode_figure(f) for f in figures],
                                    alerts=[encode_alert(a) for a in alerts], updated_at=k.wall_now()))
    return done.rowcount == 1


def _refresh(k, due: list[tuple[str, Contributor, int | None]], today: date, strict: bool) -> dict:
    """Compute and store the rows ``due`` ((school, plugin, generation read)); what was computed, by
    (school, plugin name). ``strict``: a hook's error is raised (a page) or logged and left (the worker)."""
    out = {}
    for tenant, plugin, generation in due:
        try:
            if generation is None:
                generation = _placeholder(k, tenant, plugin.name)
            figures, alerts = compute(k, tenant, plugin, today)
            if generation is not None:
                _store(k, tenant, plugin.name, generation, today, figures, alerts)
        except Exception:
            if strict:
                raise
            logger.exception("the district summary of %s at %s failed; trying again next round", plugin.name, tenant)
            continue
        out[(tenant, plugin.name)] = (figures, alerts)
    return out


def _is_due(row, today: date) -> bool:
    return row is None or row.stale or row.day != today


def read(k, slugs: list[str]) -> tuple[dict[str, dict], dict[str, list]]:
    """Each school's figures (slug → key → Figure) and alerts (slug → [Alert]) from the summaries;
    rows stale or of another day are computed first, for those schools only."""
    today = k.today()
    plugins = contributors(k)
    with k.reading() as conn:
        enabled = _enabled(conn, slugs)
        rows = _rows(conn, slugs)
    wanted = list(_wanted(plugins, slugs, enabled))
    due = [(s, p, getattr(rows.get((s, p.name)), "generation", None)) for s, p in wanted
           if _is_due(rows.get((s, p.name)), today)]
    computed = _refresh(k, due, today, strict=True)
    alerts: dict[str, list] = {slug: [] for slug in slugs}
    found: dict[str, list] = {slug: [] for slug in slugs}
    for slug, plugin in wanted:
        if (slug, plugin.name) in computed:
            some_figures, some_alerts = computed[(slug, plugin.name)]
        else:
            row = rows[(slug, plugin.name)]
            some_figures = [decode_figure(f) for f in row.figures]
            some_alerts = [decode_alert(a) for a in row.alerts]
        found[slug].extend(some_figures)
        alerts[slug].extend(some_alerts)
    figures = {slug: {f.key: f for f in sorted(per_school, key=lambda f: (f.order, f.key))}
               for slug, per_school in found.items()}
    return figures, alerts


def refresh_job(k) -> int:
    """``zhibu worker``: compute every row that is stale, of another day or missing, and drop the rows
    of modules no longer enabled and of schools no longer there; how many rows were computed."""
    today = k.today()
    plugins = contributors(k)
    with k.reading() as conn:
        slugs = list(conn.scalars(select(schools.c.slug).order_by(schools.c.slug)))
        enabled = _enabled(conn, None)
        rows = _rows(conn, None)
    wanted = list(_wanted(plugins, slugs, enabled))
    due = [(s, p, getattr(rows.get((s, p.name)), "generation", None)) for s, p in wanted
           if _is_due(rows.get((s, p.name)), today)]
    keep = {(s, p.name) for s, p in wanted}
    gone = [key for key in rows if key not in keep]
    if gone:
        with k.engine.begin() as conn:
            for tenant, plugin in gone:
                conn.execute(delete(school_summaries).where(school_summaries.c.tenant == tenant,
                                                            school_summaries.c.plugin == plugin))
    return len(_refresh(k, due, today, strict=False))


def rebuild(k) -> int:
    """Drop every summary and compute them all again (``zhibu projections rebuild``)."""
    with k.engine.begin() as conn:
        conn.execute(delete(school_summaries))
    return refresh_job(k)


def _schools_named(domain_event) -> set[str]:
    """The schools a district event is about, when it names them: its ``tenant``, ``school`` or ``log``,
    or the ``tenant`` of each of its ``holders`` (a member's claim on the district's one roll)."""
    named = {getattr(domain_event, name, None) for name in ("tenant", "school", "log")}
    named |= {h.get("tenant") for h in getattr(domain_event, "holders", None) or () if isinstance(h, dict)}
    return {value for value in named if isinstance(value, str) and value != DISTRICT}


def stale_marker(k) -> Callable:
    """``Projector.applied``: mark the summaries applied batches of events (of one log or of the logs one
    command wrote) may change, in the batches' own transaction (one UPDATE per index used)."""
    names: list[frozenset] = []

    def mark(conn, batches: list[tuple[str, list]]) -> None:
        school_ids, slugs, owners = set(), set(), set()
        for log_name, batch in batches:
            if log_name != DISTRICT:
                slugs.add(log_name)
                continue
            if not names:
                names.append(frozenset(p.name for p in contributors(k)))
            named_by = {}   # an aggregate's events in one batch are about the schools any of them names
            for _notification, domain_event in batch:
                named_by.setdefault(domain_event.originator_id, set()).update(_schools_named(domain_event))
            for notification, domain_event in batch:
                if notification.topic.startswith(SCHOOL_TOPICS):
                    school_ids.add(domain_event.originator_id)
                elif named := named_by[domain_event.originator_id]:
                    slugs |= named
                elif (owner := owner_of(notification.topic)) in names[0]:
                    owners.add(owner)
        if school_ids:
            slugs |= set(conn.scalars(select(schools.c.slug).where(schools.c.id.in_(school_ids))))
        stale = {"stale": True, "generation": school_summaries.c.generation + 1}
        # One statement per index (by school, by plugin): an OR across them would scan the table.
        if slugs:
            conn.execute(update(school_summaries).where(school_summaries.c.tenant.in_(sorted(slugs)))
                         .values(**stale))
        if owners:
            conn.execute(update(school_summaries).where(school_summaries.c.plugin.in_(sorted(owners)))
                         .values(**stale))
    return mark
