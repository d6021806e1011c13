"""What the district's pages derive from every school's summary (``Overview``): the schools the user may
see, their figures and alerts, the attention each needs, the alerts grouped and the figures' charts.

Kept per viewer and followed as the district changes (``core.summaries.follow``): nothing changed, the
same Overview (one statement decides it); some schools' summaries changed, a copy of it with only those
schools' attention, the groups of the kinds of alert they had or have, and the charts of the figures
whose values they changed derived again; the schools, their modules or the day changed, derived afresh.
Both ways give the same Overview (tests/test_district_summaries/test_follow.py)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from weakref import WeakKeyDictionary

from flask import after_this_request, current_app
from flask_login import current_user

from core import summaries
from core.kernel import kernel
from core.permissions import can, can_in_every_school
from core.summaries.follow import District, follow
from core.summaries.read import district_position
from tenants import dashboard


def school_figures(k, slugs: list[str]) -> dict[str, dict]:
    """Figures each school's enabled plugins offer the district, keyed by slug then figure key."""
    return gather(k, slugs, alerts=False)[0]


def gather(k, slugs: list[str], alerts: bool = True) -> tuple[dict[str, dict], dict[str, list]]:
    """Each school's figures (slug → key → Figure) and alerts (slug → [Alert]), read from the schools'
    summaries (core.summaries: a fixed number of statements for any number of schools; only the rows
    a new event or a new day left stale are computed again, school by school)."""
    figures, found = summaries.read(k, slugs)
    return figures, (found if alerts else {})


@dataclass
class Overview:
    """Every school the user may see, with its figures, alerts and attention, and what the district's
    summary draws from them."""
    k: object
    schools: list
    figures: dict
    alerts: dict
    columns: dict = field(default_factory=dict)       # key → (label, unit)
    attention: dict = field(default_factory=dict)     # slug → dashboard.Attention
    groups: list = field(default_factory=list)        # [dashboard.AlertGroup]
    charts: list = field(default_factory=list)        # [dashboard.Distribution]
    summaries: dict = field(default_factory=dict)     # slug → core.summaries.SchoolSummary
    updating: list = field(default_factory=list)      # the schools shown as last computed, being updated
    updating_since: object = None                     # when the oldest of their shown rows was computed
    rendered: dict = field(default_factory=dict)      # the page's content as rendered for a question (home)
    pending: list = field(default_factory=list)       # summary rows due, computed after the page is sent
    # What following the district needs: the district and its step this was derived at, each school's
    # place, each kind's schools (slug → (count, most urgent alert)) and group, each figure's values.
    district: District | None = None
    step: int = 0
    position: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    by_name: list = field(default_factory=list)       # the schools by name (then slug)
    memo: dict = field(default_factory=dict)          # what the pages derive from this Overview
    district_at: int | None = None                    # the district log's position (a user limited to schools)


_HELD: WeakKeyDictionary = WeakKeyDictionary()   # kernel → viewer → the Overview answered
VIEWERS_KEPT = 64


def _memo(summary, name: str, compute):
    """What the page derives from a school's summary, kept with it (as long as its rows stay the same)."""
    if name not in summary.memo:
        summary.memo[name] = compute()
    return summary.memo[name]


def _attention(summary) -> dashboard.Attention:
    return _memo(summary, "attention", lambda: dashboard.attention(summary.alerts))


def _digest(summary) -> dict:
    return _memo(summary, "digest", lambda: dashboard.digest(summary.alerts))


def _refresh_after(k, pending: list) -> None:
    """In a process without a worker, the rows this read left are computed after its answer is sent
    (the worker computes them otherwise)."""
    if not pending or not k.inline_projections:
        return
    app = current_app._get_current_object()

    def later():
        with app.app_context():
            summaries.refresh_pending(k, pending)

    @after_this_request
    def schedule(response):
        response.call_on_close(later)
        return response


def _viewer() -> tuple:
    """Who asks, as far as what they may see goes (the schools they may open)."""
    return (current_user.get_id(), frozenset(current_user.district_roles),
            frozenset((t, frozenset(r)) for t, r in current_user.school_roles.items()))


def _overview() -> Overview:
    k = kernel()
    d = follow(k, limit=k.config.get("ZHIBU_SUMMARY_REFRESH_PER_READ"))
    _refresh_after(k, d.pending)
    viewers = _HELD.get(k)
    if viewers is None:
        viewers = _HELD.setdefault(k, {})
    viewer = _viewer()
    # Whom a user limited to some schools (an inspector's assignments) may see is the district log's:
    # while its projections stand still, so do their schools.
    at = None if can_in_every_school(current_user, "school.view") else district_position(k)
    held = viewers.get(viewer)
    if held is not None and held.district_at != at:
        held = None
    if held is not None and held.district is d and held.step == d.step:
        return held
    changed = d.since(held.step) if held is not None and held.district is d else None
    o = _derived(k, d, at) if changed is None else _advanced(held, d, changed)
    if len(viewers) >= VIEWERS_KEPT:
        viewers.clear()
    viewers[viewer] = o
    return o


def _derived(k, d: District, at: int | None) -> Overview:
    """The Overview afresh, from every school the user may see (``at``: where the district log stood
    when that was decided, for a user limited to some schools)."""
    step = d.step   # read first: a summary replaced meanwhile is taken again by the next step
    schools = d.schools
    if at is not None:
        schools = [s for s in schools if can(current_user, "school.view", s.slug)]
    slugs = [s.slug for s in schools]
    per_school = {slug: d.summaries[slug] for slug in slugs}
    o = Overview(k, schools, {slug: s.figures for slug, s in per_school.items()},
                 {slug: s.alerts for slug, s in per_school.items()}, summaries=per_school, pending=d.pending,
                 district=d, step=step, position={slug: i for i, slug in enumerate(slugs)},
                 by_name=sorted(schools, key=lambda s: s.name), district_at=at)
    o.attention = {slug: _attention(s) for slug, s in per_school.items()}
    o.kinds = dashboard.by_kind({slug: _digest(s) for slug, s in per_school.items()}, slugs)
    o.by_kind = {kind: dashboard.group(kind, entries.items()) for kind, entries in o.kinds.items()}
    o.groups = sorted(o.by_kind.values(), key=dashboard.AlertGroup.sort_key)
    o.columns = _columns(o)
    _chart(o, o.columns)
    _updating(o)
    return o


def _advanced(held: Overview, d: District, changed: set) -> Overview:
    """``held`` brought to the district's step: a copy in which only the schools ``changed`` (those the
    user may see) and what they take part in are derived again."""
    step = d.step
    changed = sorted((slug for slug in changed if slug in held.position
                      and d.summaries[slug] is not held.summaries[slug]), key=held.position.__getitem__)
    if not changed:
        held.district, held.step = d, step
        return held
    if all(_shown(held.summaries[slug]) == _shown(d.summaries[slug]) for slug in changed):
        # Computed again to the same figures and alerts: nothing a page shows changed, its content included.
        return replace(held, summaries={**held.summaries, **{slug: d.summaries[slug] for slug in changed}},
                       district=d, step=step, pending=d.pending)
    o = Overview(held.k, held.schools, dict(held.figures), dict(held.alerts), held.columns, dict(held.attention),
                 summaries=dict(held.summaries), updating=held.updating, updating_since=held.updating_since,
                 pending=d.pending, district=d, step=step, position=held.position, kinds=dict(held.kinds),
                 by_kind=dict(held.by_kind), values=dict(held.values), by_name=held.by_name,
                 district_at=held.district_at)
    before = {slug: held.summaries[slug] for slug in changed}
    for slug in changed:
        s = o.summaries[slug] = d.summaries[slug]
        o.figures[slug], o.alerts[slug], o.attention[slug] = s.figures, s.alerts, _attention(s)
    if any(_headings(before[slug]) != _headings(o.summaries[slug]) for slug in changed):
        o.columns = _columns(o)
    if list(o.columns.items()) != list(held.columns.items()):
        _chart(o, o.columns)   # a figure came or went: every chart again
    else:
        _chart(o, [key for key in o.columns if _values_moved(o, key, changed)], held.charts)
    for kind in {kind for slug in changed for s in (before[slug], o.summaries[slug]) for kind in _digest(s)}:
        _regroup(o, kind, changed, before)
    o.groups = sorted(o.by_kind.values(), key=dashboard.AlertGroup.sort_key)
    if any(before[slug].updating or o.summaries[slug].updating for slug in changed):
        _updating(o)
    o.memo["names"] = held.memo.get("names")
    if all(o.attention[slug] == held.attention[slug] for slug in changed):   # the same need of attention
        o.memo.update({key: held.memo[key] for key in ("by_attention", "counts") if key in held.memo})
    return o


def _regroup(o: Overview, kind: str, changed: list, before: dict) -> None:
    """The group of one kind of alert after the schools ``changed`` (``before``: their summaries then)."""
    held = o.kinds.get(kind, {})
    now = {slug: _digest(o.summaries[slug])[kind] for slug in changed if kind in _digest(o.summaries[slug])}
    if all((slug in held) == (slug in now) for slug in changed):   # the same schools have it: in place
        if all(now[slug] == held[slug] for slug in now):
            return   # the same alerts of the kind
        entries = o.kinds[kind] = {**held, **now}
        o.by_kind[kind] = dashboard.regroup(o.by_kind[kind], entries, {slug: held[slug] for slug in now}, o.position)
        return
    entries = {slug: entry for slug, entry in held.items() if slug not in before}
    entries.update(now)
    if entries:
        o.kinds[kind] = dict(sorted(entries.items(), key=lambda e: o.position[e[0]]))
        o.by_kind[kind] = dashboard.group(kind, o.kinds[kind].items())
    else:
        o.kinds.pop(kind, None)
        o.by_kind.pop(kind, None)


def _shown(summary) -> tuple:
    return (summary.figures, summary.alerts, summary.updating, summary.computed_at, summary.computed_for,
            summary.missing)


def _headings(summary) -> list:
    return [(key, type(f.label), f.label, f.unit) for key, f in summary.figures.items()]


def _columns(o: Overview) -> dict:
    """Each figure's (label, unit), in the order the schools first show it."""
    columns = {}
    for slug in o.position:
        for key, figure in o.figures[slug].items():
            if key not in columns:
                columns[key] = (figure.label, figure.unit)
    return columns


def _values_moved(o: Overview, key: str, changed: list) -> bool:
    """Whether a changed school shows another value of the figure ``key`` (then its list is a copy)."""
    values, moved = o.values[key], False
    for slug in changed:
        i, value = o.position[slug], _value(o.figures, slug, key)
        if type(value) is not type(values[i]) or value != values[i]:
            if not moved:
                values = o.values[key] = list(values)
            values[i], moved = value, True
    return moved


def _chart(o: Overview, keys, charts: list | None = None) -> None:
    """The charts of the figures ``keys`` derived again (the others kept from ``charts``)."""
    kept = {chart.key: chart for chart in charts or ()}
    for key in keys:
        if charts is None:
            o.values[key] = [_value(o.figures, slug, key) for slug in o.position]
        label, unit = o.columns[key]
        kept[key] = dashboard.distribution(key, label, unit, o.values[key])
    o.charts = [kept[key] for key in o.columns]


def _updating(o: Overview) -> None:
    o.updating = [s for s in o.schools if o.summaries[s.slug].updating]
    o.updating_since = min((o.summaries[s.slug].computed_at for s in o.updating if o.summaries[s.slug].computed_at),
                           default=None)


def _value(figures: dict, slug: str, key: str):
    figure = figures.get(slug, {}).get(key)
    return figure.value if figure else None
