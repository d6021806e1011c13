"""What the district's pages derive from every school's summary (``Overview``): the schools the user may
see, their figures and alerts, the attention each needs, the alerts grouped and the figures' charts.
Kept per viewer while ``core.summaries.version`` stays the same: one statement, whatever the number of
schools, decides that nothing changed."""
from __future__ import annotations

from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from flask import after_this_request, current_app
from flask_login import current_user

from core import summaries
from core.kernel import kernel
from core.permissions import can, can_in_every_school
from core.tenancy import queries
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


# kernel → viewer → (summaries' version and day, the Overview answered): one statement decides that
# nothing the page shows changed, whatever the number of schools.
_HELD: WeakKeyDictionary = WeakKeyDictionary()
VIEWERS_KEPT = 64


# kernel → (slugs, their summaries, what the page derived from them): kept while no summary changes.
_DERIVED: WeakKeyDictionary = WeakKeyDictionary()


def _memo(summary, name: str, compute):
    """What the page derives from a school's summary, kept with it (as long as its rows stay the same)."""
    if name not in summary.memo:
        summary.memo[name] = compute()
    return summary.memo[name]


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
    viewers = _HELD.get(k)
    if viewers is None:
        viewers = _HELD.setdefault(k, {})
    viewer, asked = _viewer(), (summaries.version(k), k.today())
    held = viewers.get(viewer)
    if held is not None and held[0] == asked:
        _refresh_after(k, held[1].pending)
        return held[1]
    o = _derived(k)
    if len(viewers) >= VIEWERS_KEPT:
        viewers.clear()
    viewers[viewer] = (asked, o)
    return o


def _derived(k) -> Overview:
    with k.reading() as conn:
        schools = queries.list_schools(conn)
    if not can_in_every_school(current_user, "school.view"):
        schools = [s for s in schools if can(current_user, "school.view", s.slug)]
    slugs = [s.slug for s in schools]
    found = summaries.read_schools(k, slugs, limit=k.config.get("ZHIBU_SUMMARY_REFRESH_PER_READ"))
    _refresh_after(k, found.pending)
    per_school = found.schools
    o = Overview(k, schools, {slug: s.figures for slug, s in per_school.items()},
                 {slug: s.alerts for slug, s in per_school.items()}, summaries=per_school, pending=found.pending)
    held = _DERIVED.get(k)
    if held is not None and held[0] == slugs and all(a is b for a, b in zip(held[1], per_school.values())):
        o.columns, o.attention, o.groups, o.charts, o.updating, o.updating_since, o.rendered = held[2]
        return o
    for school in per_school.values():
        for key, figure in school.figures.items():
            if key not in o.columns:
                o.columns[key] = (figure.label, figure.unit)
    o.attention = {slug: _memo(s, "attention", lambda s=s: dashboard.attention(s.alerts))
                   for slug, s in per_school.items()}
    o.groups = dashboard.group_digests({slug: _memo(s, "digest", lambda s=s: dashboard.digest(s.alerts))
                                        for slug, s in per_school.items()}, slugs)
    o.charts = [dashboard.distribution(key, label, unit, [_value(o.figures, slug, key) for slug in slugs])
                for key, (label, unit) in o.columns.items()]
    o.updating = [s for s in schools if per_school[s.slug].updating]
    o.updating_since = min((per_school[s.slug].computed_at for s in o.updating if per_school[s.slug].computed_at),
                           default=None)
    _DERIVED[k] = (slugs, list(per_school.values()),
                   (o.columns, o.attention, o.groups, o.charts, o.updating, o.updating_since, o.rendered))
    return o


def _value(figures: dict, slug: str, key: str):
    figure = figures.get(slug, {}).get(key)
    return figure.value if figure else None
