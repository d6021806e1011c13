"""Reading the summaries of many schools: bounded work, figures decoded once per process.

- A read computes at most ``limit`` due rows itself (missing ones first, then the stalest); the rest
  are shown as they were last computed, marked as being updated (``SchoolSummary.updating``, with the
  time and business day they were computed for), until the worker (``refresh_job``) or, in a process
  without one, the work left after the page (``pending``, ``refresh_due``) computes them.
- A row's figures and alerts are decoded from JSON once per process and kept while the row's stamp
  (generation, day, time computed) stays the same; a read of fresh rows fetches the stamps only
  (a school's summary, and what a page derives from it in ``memo``, is kept the same way).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple
from weakref import WeakKeyDictionary

from sqlalchemy import func, select

from core import summaries as base
from core.summaries import changes
from core.summaries.codec import decode_alert, decode_figure

_CACHES: WeakKeyDictionary = WeakKeyDictionary()   # kernel → _Cache


class _Cache:
    def __init__(self):
        self.rows: dict[tuple[str, str], tuple] = {}      # (school, plugin) → (stamp, figures, alerts)
        self.schools: dict[str, tuple] = {}               # school → (stamps, SchoolSummary)
        self.last: tuple | None = None                    # (what the last read read, what it answered)


def _cache(k) -> _Cache:
    cache = _CACHES.get(k)
    if cache is None:
        cache = _CACHES.setdefault(k, _Cache())
    return cache


@dataclass(frozen=True, eq=False)
class SchoolSummary:
    """One school's figures (key → Figure) and alerts, as its summary rows hold them. ``updating``:
    some of them were computed earlier (``computed_at``, for the business day ``computed_for``: the
    oldest of them) or not yet (``missing``: plugins with nothing to show yet) and are being computed
    again. ``memo``: what a page derives from them, kept as long as they are."""
    figures: dict
    alerts: list
    updating: bool = False
    computed_at: datetime | None = None
    computed_for: date | None = None
    missing: tuple = ()
    memo: dict = field(default_factory=dict)
    unmarked: bool = False   # some of its rows are not stored yet: an event would mark nothing


class Summaries(NamedTuple):
    schools: dict          # slug → SchoolSummary
    pending: list          # (slug, plugin name) due and left for later


def _decoded(k, conn, stamps: dict, wanted: list) -> dict:
    """(school, plugin) → (figures, alerts, time computed) of the rows ``wanted``, from the process's
    cache or, for the rows it does not hold as stamped, one statement."""
    cache = _cache(k).rows
    out, unknown = {}, []
    for key in wanted:
        held = cache.get(key)
        if held is not None and held[0] == stamps[key].key:
            out[key] = held[1:]
        else:
            unknown.append(key)
    if unknown:
        c = base.school_summaries.c
        wanted_keys = set(unknown)
        query = select(c.tenant, c.plugin, c.updated_at, c.figures, c.alerts, *base.stamp_columns()).where(
            c.tenant.in_(sorted({slug for slug, _plugin in unknown})))
        for tenant, plugin, updated_at, figures, alerts, *stamp in conn.execute(query):
            key = (tenant, plugin)
            if key in wanted_keys:
                value = ([decode_figure(f) for f in figures], [decode_alert(a) for a in alerts], updated_at)
                cache[key] = (base.stamp_of(*stamp).key, *value)
                out[key] = value
    return out


def _priority(due: tuple, rows: dict) -> tuple:
    """Missing rows first (nothing to show), then the ones computed longest ago."""
    row = rows.get((due[0], due[1].name))
    return (0, None) if row is None or row.day is None else (1, row.updated)


def read_schools(k, slugs: list[str], limit: int | None = None) -> Summaries:
    """Each school's summary; at most ``limit`` due rows (all when None) are computed first, the rest
    are shown as last computed and listed in ``pending``."""
    with k.reading() as conn:
        enabled = base._enabled(conn, slugs)
        stamps = base._stamps(conn, slugs)
    return summarise(k, slugs, enabled, stamps, limit)


def summarise(k, slugs: list[str], enabled: dict, stamps: dict, limit: int | None = None) -> Summaries:
    """``read_schools`` from the schools' modules (slug → names) and their rows' stamps as read (given a
    row stored here, ``stamps`` receives its new stamp)."""
    today = k.today()
    plugins = base.contributors(k)
    cache = _cache(k)
    state = (slugs, today, [p.name for p in plugins], limit, enabled, stamps)
    if cache.last is not None and cache.last[0] == state:
        return cache.last[1]   # not a row changed since the last read of the same schools
    wanted = list(base._wanted(plugins, slugs, enabled))
    due = [(s, p, getattr(stamps.get((s, p.name)), "generation", None)) for s, p in wanted
           if base._is_due(stamps.get((s, p.name)), today)]
    due.sort(key=lambda d: _priority(d, stamps))
    now, later = (due, []) if limit is None else (due[:limit], due[limit:])
    at = {}
    computed = base._refresh(k, now, today, strict=True, stored=at)
    kept = _stored_as_computed(k, at, stamps, today, computed)
    left = {(s, p.name) for s, p, _g in later}
    with k.reading() as conn:
        decoded = _decoded(k, conn, stamps, [(s, p.name) for s, p in wanted
                                             if (s, p.name) not in computed and (s, p.name) in stamps])
    by_school: dict[str, list] = {slug: [] for slug in slugs}
    for slug, plugin in wanted:
        by_school[slug].append(plugin.name)
    schools_cache = cache.schools
    out = {}
    for slug, names in by_school.items():
        keys = [(slug, name) for name in names]
        fresh = not any(key in computed and key not in kept for key in keys)
        signature = tuple((name, stamps[key].key if key in stamps else None, key in left)
                          for name, key in zip(names, keys))
        held = schools_cache.get(slug)
        if fresh and held is not None and held[0] == signature:
            out[slug] = held[1]
            continue
        out[slug] = _school(keys, computed, decoded, stamps, left)
        if fresh:
            schools_cache[slug] = (signature, out[slug])
    found = Summaries(out, [(s, p.name) for s, p, _g in later])
    cache.last = (state, found) if not computed else None
    return found


def _stored_as_computed(k, at: dict, stamps: dict, today: date, computed: dict) -> set:
    """The rows this read computed that are stored as it computed them — fresh, for today, at the
    generation it stored them at (no write marked them since) — with their new stamps put in
    ``stamps`` and their figures in the process's cache: the school's summary is then kept from this
    read on, as a read of fresh rows keeps it, and what pages derive from it (``school_memo``) is not
    computed twice after a write."""
    if not at:
        return set()
    with k.reading() as conn:
        now = base._stamps(conn, sorted({slug for slug, _plugin in at}))
    kept = set()
    for key, (generation, stored_at) in at.items():
        stamp = now.get(key)
        if stamp is not None and stamp.generation == generation and not stamp.stale and stamp.day == today:
            stamps[key] = stamp
            kept.add(key)
            _cache(k).rows[key] = (stamp.key, *computed[key], stored_at)
    return kept


def _school(keys, computed, decoded, stamps, left) -> SchoolSummary:
    figures, alerts, missing, behind = [], [], [], []
    for key in keys:
        value = computed.get(key) or decoded.get(key)
        if value is None or (key in left and stamps[key].day is None):   # never computed yet
            missing.append(key[1])
            continue
        figures.extend(value[0])
        alerts.extend(value[1])
        if key in left:
            behind.append((value[2], stamps[key].day))
    return SchoolSummary({f.key: f for f in sorted(figures, key=lambda f: (f.order, f.key))}, alerts,
                         updating=bool(behind or missing), computed_at=min((at for at, _d in behind), default=None),
                         computed_for=min((day for _at, day in behind), default=None), missing=tuple(missing),
                         unmarked=not keys or any(key not in stamps for key in keys))


def read(k, slugs: list[str], limit: int | None = None) -> tuple[dict[str, dict], dict[str, list]]:
    """Each school's figures (slug → key → Figure) and alerts (slug → [Alert]) from the summaries;
    rows stale or of another day are computed first (at most ``limit`` of them)."""
    found = read_schools(k, slugs, limit).schools
    return ({slug: s.figures for slug, s in found.items()}, {slug: list(s.alerts) for slug, s in found.items()})


def _position():
    """The sum of the district log's projection positions (a position only moves on; a rebuild ends
    where it began)."""
    from core.db import projection_positions as p   # noqa: PLC0415
    from core.eventstore import DISTRICT   # noqa: PLC0415
    return select(func.coalesce(func.sum(p.c.position), 0)).where(p.c.log == DISTRICT)


def version(k) -> tuple:
    """Where every school's summary rows stand (``changes.read_clock``: a handful of counter rows, whatever
    the number of schools): it differs after any change a reader could see. A mark, a store, a row
    written or removed, a school or its modules changed each move a counter on."""
    with k.reading() as conn:
        return changes.read_clock(conn)


def district_position(k) -> int:
    """Where the district log's projections stand: what a school's page reads of the district (tasks
    issued, rule tables, settings) is the same while this is."""
    with k.reading() as conn:
        return int(conn.scalar(_position()))


def school_memo(k, slug: str, summary: SchoolSummary | None = None) -> dict:
    """A dict kept while the school's read models and the district's stand where they stood: with the
    school's summary (replaced when any of its rows is marked — every event applied to the school's
    log marks them all, in the transaction that applies it — or computed again), for one position of
    the district log's projections. What is kept here was computed from read models no event has
    changed since (a write landing meanwhile marks the rows, and the next read finds a new summary).
    While some of the school's rows are not stored yet (a new school, a module just enabled), nothing
    marks them: nothing is kept then."""
    summary = summary or read_schools(k, [slug], limit=0).schools[slug]
    if summary.unmarked:
        return {}   # a row not stored yet is not marked by the school's events: nothing can be kept
    by_position = summary.memo.setdefault("kept", {})
    position = district_position(k)
    memo = by_position.get(position)
    if memo is None:
        by_position.clear()
        memo = by_position[position] = {}
    return memo


_BUSY: WeakKeyDictionary = WeakKeyDictionary()   # kernel → Lock: one refresh of left rows at a time


def refresh_pending(k, pending: list) -> int:
    """Compute the rows a read left (``Summaries.pending``) that are still due, after the page was
    sent, in a process without a worker; one such refresh at a time per process (another one busy
    with it takes these too or the next read leaves them again). A failure is logged, never raised."""
    lock = _BUSY.get(k)
    if lock is None:
        lock = _BUSY.setdefault(k, threading.Lock())
    if not lock.acquire(blocking=False):
        return 0
    try:
        return base.refresh_due(k, pending)
    except Exception:  # noqa: BLE001  (the page was sent; the worker or the next read tries again)
        base.logger.exception("refreshing %d district summaries after a page failed", len(pending))
        return 0
    finally:
        lock.release()
