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
  hooks for that one school: by the worker job each round (``refresh_job``) and, a bounded number
  per read, when a page reads them (``core.summaries.read``); the rest are shown as last computed,
  marked as being updated with the time they were computed.
- Reading the summaries of any number of schools is two statements once the rows are fresh and
  decoded once in the process (``core.summaries.read``).
- Every change of a row (a mark, a store, a row written or removed) moves a counter on and stamps the
  row with it (``core.summaries.changes``), so the dashboard reads only the rows changed since it last
  looked (``core.summaries.follow``).
"""
from __future__ import annotations

import logging
from datetime import date
from typing import Iterable, NamedTuple

from sqlalchemy import (JSON, BigInteger, Boolean, Column, Date, Index, Integer, String, Table, delete, insert,
                        inspect, select, type_coerce, update)
from sqlalchemy import exc as sa_exc

from core.db import UtcDateTime, metadata
from core.plugins import flatten
from core.summaries import changes
from core.summaries.codec import encode_alert, encode_figure
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
    Column("shard", Integer, nullable=False),   # changes.shard_of(tenant): the counter that stamps the row
    Column("seq", BigInteger, nullable=False),  # that counter's value when the row last changed
    Index("ix_core_school_summaries_plugin", "plugin"),
    # The rows changed since a reader last looked (changes.changed_since): a range of one counter's stamps.
    Index("ix_core_school_summaries_changes", "shard", "seq"),
)


class Contributor(NamedTuple):
    """A plugin that gives the district figures or alerts, and its implementations of the two hooks."""
    name: str
    always_on: bool
    figures: object | None
    alerts: object | None
    figures_from: tuple | None = None   # PluginInfo.district_figures_from


def contributors(k) -> list[Contributor]:
    """The plugins with figure or alert hooks, in the order the hooks call them (their alerts keep
    the order a hook call gives them)."""
    found: dict[str, dict] = {}
    for kind, caller in (("alerts", k.registry.hook.zhibu_alerts),
                         ("figures", k.registry.hook.zhibu_district_figures)):
        for impl in reversed(caller.get_hookimpls()):
            info = k.registry.info_of(impl.plugin)
            name = info.name if info else impl.plugin_name
            entry = found.setdefault(name, {"always_on": info is None or info.always_on,
                                            "from": getattr(info, "district_figures_from", None)})
            entry[kind] = impl
    return [Contributor(name, e["always_on"], e.get("figures"), e.get("alerts"), e["from"])
            for name, e in found.items()]


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
    for tenant, plugin in conn.execute(query).all():   # fetched at once, not row by row
        out.setdefault(tenant, set()).add(plugin)
    return out


def _rows(conn, slugs: list[str] | None) -> dict[tuple[str, str], object]:
    query = select(school_summaries)
    if slugs is not None:
        query = query.where(school_summaries.c.tenant.in_(slugs))
    return {(r.tenant, r.plugin): r for r in conn.execute(query)}


class Stamp(NamedTuple):
    """A row without its figures and alerts: whether it is due, and (``key``) whether the figures a
    process holds decoded are still the row's (each store changes ``updated`` or ``stale`` or ``day``)."""
    generation: int
    day: date | None
    stale: bool
    updated: object      # updated_at as the driver gives it (text on SQLite): compared, never shown

    @property
    def key(self) -> tuple:
        return (self.generation, self.day, self.stale, self.updated)


def stamp_columns() -> list:
    """The columns of a stamp (``stamp_of``), as the driver gives them."""
    c = school_summaries.c
    return [c.generation, type_coerce(c.day, String), type_coerce(c.stale, Integer), type_coerce(c.updated_at, String)]


def stamp_of(generation, day, stale, updated) -> Stamp:
    return Stamp(generation, day if day is None or isinstance(day, date) else date.fromisoformat(day), bool(stale),
                 updated)


def _stamps(conn, slugs: list[str]) -> dict[tuple[str, str], Stamp]:
    """Each row's stamp, read without the driver's values converted (a page reads thousands of them)."""
    c = school_summaries.c
    query = select(c.tenant, c.plugin, *stamp_columns()).where(c.tenant.in_(slugs))
    return {(tenant, plugin): stamp_of(*rest) for tenant, plugin, *rest in conn.execute(query).all()}


def _wanted(plugins: list[Contributor], slugs: Iterable[str], enabled: dict[str, set]):
    for slug in slugs:
        on = enabled.get(slug, ())
        for plugin in plugins:
            if plugin.always_on or plugin.name in on:
                yield slug, plugin


def _placeholder(k, tenant: str, plugin: str) -> int | None:
    """A missing row is first written stale (generation 0), before its summary is computed, so that a
    write landing meanwhile has a row to mark; None when another process wrote it first."""
    shard = changes.shard_of(tenant)
    try:
        with k.engine.begin() as conn:
            changes.move(conn, [shard])
            conn.execute(insert(school_summaries).values(tenant=tenant, plugin=plugin, day=None, figures=[],
                                                         alerts=[], stale=True, generation=0,
                                                         updated_at=k.wall_now(), shard=shard,
                                                         seq=changes.seq_for(shard)))
        return 0
    except sa_exc.IntegrityError:
        return None


def _store(k, tenant: str, plugin: str, generation: int, today: date, figures, alerts):
    """Write a computed summary unless the school's records moved on since ``generation`` was read
    (then the row stays stale and the next reader or round computes it again); the time it was stored
    at, or None."""
    at = k.wall_now()
    with k.engine.begin() as conn:
        changes.move(conn, [changes.shard_of(tenant)])
        done = conn.execute(update(school_summaries)
                            .where(school_summaries.c.tenant == tenant, school_summaries.c.plugin == plugin,
                                   school_summaries.c.generation == generation)
                            .values(stale=False, day=today, figures=[encode_figure(f) for f in figures],
                                    alerts=[encode_alert(a) for a in alerts], updated_at=at,
                                    seq=changes.seq_of(school_summaries)))
    return at if done.rowcount == 1 else None


def _refresh(k, due: list[tuple[str, Contributor, int | None]], today: date, strict: bool,
             stored: dict | None = None) -> dict:
    """Compute and store the rows ``due`` ((school, plugin, generation read)); what was computed, by
    (school, plugin name). ``strict``: a hook's error is raised (a page) or logged and left (the worker).
    ``stored`` receives the generation each row was stored at and when (a row the school's records moved
    on from meanwhile is not stored)."""
    out = {}
    for tenant, plugin, generation in due:
        try:
            if generation is None:
                generation = _placeholder(k, tenant, plugin.name)
            figures, alerts = compute(k, tenant, plugin, today)
            at = None if generation is None else _store(k, tenant, plugin.name, generation, today, figures, alerts)
            if at is not None and stored is not None:
                stored[(tenant, plugin.name)] = (generation, at)
        except Exception:
            if strict:
                raise
            logger.exception("the district summary of %s at %s failed; trying again next round", plugin.name, tenant)
            continue
        out[(tenant, plugin.name)] = (figures, alerts)
    return out


def _is_due(row, today: date) -> bool:
    return row is None or row.stale or row.day != today


def refresh_due(k, due: list[tuple[str, str]]) -> int:
    """Compute the rows ``due`` ((school, plugin name)) that are still due when this runs (another
    reader or the worker may have done them meanwhile); how many were computed. What a read left for
    later, in a process without a worker."""
    today = k.today()
    by_name = {p.name: p for p in contributors(k)}
    slugs = sorted({slug for slug, _name in due})
    with k.reading() as conn:
        rows = _rows(conn, slugs)
    still = [(slug, by_name[name], getattr(rows.get((slug, name)), "generation", None)) for slug, name in due
             if name in by_name and _is_due(rows.get((slug, name)), today)]
    return len(_refresh(k, still, today, strict=False))


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
            changes.move(conn, [changes.REGISTRY])   # a reader reads every school again
            for tenant, plugin in gone:
                conn.execute(delete(school_summaries).where(school_summaries.c.tenant == tenant,
                                                            school_summaries.c.plugin == plugin))
    return len(_refresh(k, due, today, strict=False))


def rebuild(k) -> int:
    """Drop every summary and compute them all again (``zhibu projections rebuild``)."""
    with k.engine.begin() as conn:
        changes.move(conn, [changes.REGISTRY])
        conn.execute(delete(school_summaries))
    return refresh_job(k)


def prepare(engine) -> None:
    """The explicit init step, before the tables are created: summaries stored in another shape are
    dropped (they are computed again from the read models: ``refresh_job``)."""
    if school_summaries.name in inspect(engine).get_table_names():
        have = {c["name"] for c in inspect(engine).get_columns(school_summaries.name)}
        if have != {c.name for c in school_summaries.columns}:
            school_summaries.drop(engine)


from core.summaries.marks import mark_stale, stale_marker  # noqa: E402  (they use the names above)
from core.summaries.read import SchoolSummary, read, read_schools, refresh_pending, version  # noqa: E402
