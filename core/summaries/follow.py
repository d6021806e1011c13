"""Every school's summary, followed as it changes (the district dashboard): after a write in one school
a reader reads and summarises that school again, not the district.

``follow`` reads the counters (``changes.read_clock``). Nothing moved: the district as last followed.
A school's counter moved: the rows stamped since (one indexed read), and the schools they belong to,
with those that still have rows due, summarised again (``read.summarise``); every other school's
summary stays the very object it was. The schools, their modules or the day changed (``REGISTRY``, or
a counter that went back: a store emptied): every school is read again, as ``read_schools`` reads them.
``District.since`` says which schools' summaries changed after a step a page derived its view at.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from weakref import WeakKeyDictionary

from core import summaries as base
from core.summaries import changes
from core.summaries.read import summarise
from core.tenancy import queries

JOURNAL = 256   # the steps whose changed schools are remembered (a page older than that derives afresh)


@dataclass
class District:
    """Every school (``schools``: rows of the registry, by slug) with its summary as last followed."""
    clock: tuple
    day: date
    plugins: list
    schools: list
    enabled: dict                  # slug → the modules it has on
    stamps: dict                   # (slug, plugin) → Stamp, every row
    summaries: dict                # slug → SchoolSummary
    pending: list                  # (slug, plugin) due and left for later
    step: int = 0                  # moves on whenever a school's summary changes
    journal: dict = field(default_factory=dict)   # step → the slugs whose summary changed at it

    def since(self, step: int) -> set | None:
        """The schools whose summary changed after ``step``; None when that is no longer known."""
        if step == self.step:
            return set()
        if step + 1 not in self.journal:
            return None
        return set().union(*(self.journal[s] for s in range(step + 1, self.step + 1)))


_FOLLOWED: WeakKeyDictionary = WeakKeyDictionary()   # kernel → District
_LOCKS: WeakKeyDictionary = WeakKeyDictionary()      # kernel → Lock: one thread brings it up to date


def follow(k, limit: int | None = None) -> District:
    """The district's summaries now (at most ``limit`` due rows computed by this read, as ``read_schools``)."""
    lock = _LOCKS.get(k)
    if lock is None:
        lock = _LOCKS.setdefault(k, threading.Lock())
    with k.reading() as conn:
        clock = changes.read_clock(conn)
    held = _FOLLOWED.get(k)
    if held is not None and held.clock == clock and held.day == k.today():
        return held
    with lock:
        held = _FOLLOWED.get(k)
        plugins = [p.name for p in base.contributors(k)]
        if held is None or held.day != k.today() or held.plugins != plugins or clock[0] != held.clock[0] \
                or any(now < before for now, before in zip(clock, held.clock)):
            held = _FOLLOWED[k] = _everything(k, clock, plugins, limit)
        elif held.clock != clock:
            _changed(k, held, clock, limit)
        return held


def _everything(k, clock: tuple, plugins: list, limit: int | None) -> District:
    with k.reading() as conn:
        schools = queries.list_schools(conn)
        slugs = [s.slug for s in schools]
        enabled = base._enabled(conn, slugs)
        stamps = base._stamps(conn, slugs)
    found = summarise(k, slugs, enabled, stamps, limit)
    return District(clock, k.today(), plugins, schools, enabled, stamps, found.schools, found.pending)


def _changed(k, d: District, clock: tuple, limit: int | None) -> None:
    """Bring ``d`` to ``clock``: only the schools with rows stamped since, or with rows still due."""
    c = base.school_summaries.c
    statement = changes.changed_since(base.school_summaries, d.clock, clock, c.tenant, c.plugin,
                                      *base.stamp_columns())
    with k.reading() as conn:
        rows = conn.execute(statement).all() if statement is not None else []
    for tenant, plugin, *stamp in rows:
        if tenant in d.summaries:
            d.stamps[(tenant, plugin)] = base.stamp_of(*stamp)
    slugs = sorted({tenant for tenant, *_rest in rows if tenant in d.summaries} | {s for s, _p in d.pending})
    if not slugs:
        d.clock = clock
        return
    stamps = {(slug, name): d.stamps[(slug, name)] for slug in slugs for name in d.plugins
              if (slug, name) in d.stamps}
    found = summarise(k, slugs, {slug: d.enabled.get(slug, set()) for slug in slugs}, stamps, limit)
    d.stamps.update(stamps)   # the rows this read stored, as stored
    d.pending = found.pending
    moved = {slug for slug in slugs if found.schools[slug] is not d.summaries[slug]}
    for slug in moved:
        d.summaries[slug] = found.schools[slug]
    if moved:
        d.journal[d.step + 1] = moved
        d.journal.pop(d.step + 1 - JOURNAL, None)
        d.step += 1
    d.clock = clock
