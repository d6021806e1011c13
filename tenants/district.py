"""The district home (/district/), built for 200–2,000 schools: a summary, a table filtered, sorted
and cut into pages, alerts grouped by kind with the schools behind each, figures as distributions."""
from __future__ import annotations

from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from flask import Blueprint, abort, after_this_request, current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from core.excel import xlsx_response
from core.kernel import kernel
from core.pagination import Page
from core.permissions import can, can_in_every_school, may_use, requires, shown
from core import summaries
from core.tenancy import queries
from tenants import dashboard
from tenants.dashboard import numeric  # noqa: F401  (where the figures' tests look for it)

bp = Blueprint("district", __name__, url_prefix="/district", template_folder="templates")
PER_PAGE = 50


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


@dataclass
class Criteria:
    """What the table shows, read leniently from the query string (an unknown value is ignored)."""
    q: str = ""
    level: str = ""
    kind: str = ""
    fig: str = ""
    bucket: str = ""
    sort: str = "attention"
    descending: bool = False
    page: int = 1

    @classmethod
    def read(cls, args, o: Overview) -> "Criteria":
        c = cls(q=args.get("q", "").strip()[:100], level=args.get("level", ""), kind=args.get("kind", ""),
                fig=args.get("fig", ""), bucket=args.get("bucket", ""), sort=args.get("sort", "attention"),
                descending=args.get("dir") == "desc")
        c.level = c.level if c.level in dashboard.ATTENTION_LEVELS else ""
        c.kind = c.kind if any(g.kind == c.kind for g in o.groups) else ""
        c.fig = c.fig if c.fig in o.columns and c.bucket else ""
        c.bucket = c.bucket if c.fig else ""
        c.sort = c.sort if c.sort in ("name", "attention") or c.sort in o.columns else "attention"
        c.page = _page_number(args)
        return c

    def args(self, **changes) -> dict:
        """The query string of this view of the table, with ``changes`` (None drops a value)."""
        current = {"q": self.q, "level": self.level, "kind": self.kind, "fig": self.fig, "bucket": self.bucket,
                   "sort": self.sort if self.sort != "attention" else "", "dir": "desc" if self.descending else "",
                   "page": self.page if self.page > 1 else ""}
        current.update(changes)
        return {k: v for k, v in current.items() if v not in ("", None)}


def _chosen_bucket(o: Overview, c: Criteria):
    """The chart bar the table is filtered by: (chart, bucket or category) or None."""
    chart = next((d for d in o.charts if d.key == c.fig), None)
    if chart is None:
        return None
    if c.bucket == "none":
        return chart, None
    if chart.buckets and c.bucket.isdigit() and int(c.bucket) < len(chart.buckets):
        return chart, chart.buckets[int(c.bucket)]
    if chart.categories and c.bucket.startswith("v:"):
        return chart, c.bucket[2:]
    return None


def _table(o: Overview, c: Criteria) -> list:
    """The schools the criteria select, in the order they ask for."""
    rows = [s for s in o.schools if dashboard.matches_text(s.name, s.slug, c.q)
            and (not c.level or o.attention[s.slug].matches(c.level))]
    if c.kind:
        having = set(next(g.schools for g in o.groups if g.kind == c.kind))
        rows = [s for s in rows if s.slug in having]
    chosen = _chosen_bucket(o, c)
    if chosen:
        chart, bucket = chosen
        if isinstance(bucket, str):
            rows = [s for s in rows if (v := _value(o.figures, s.slug, c.fig)) is not None and str(v) == bucket]
        elif bucket is None:
            rows = [s for s in rows if numeric(_value(o.figures, s.slug, c.fig)) is None]
        else:
            rows = [s for s in rows if bucket.holds(_value(o.figures, s.slug, c.fig))]
    rows.sort(key=lambda s: s.name)
    if c.sort == "attention":
        rows.sort(key=lambda s: o.attention[s.slug].sort_key())
    elif c.sort != "name":
        rows.sort(key=lambda s: dashboard.figure_sort_key(_value(o.figures, s.slug, c.sort)))
    if c.descending:
        rows.reverse()
    return rows


def _page(items: list, page: int, per_page: int | None = None) -> Page:
    per_page = per_page or PER_PAGE
    last = max(1, -(-len(items) // per_page))
    page = min(max(1, page), last)
    return Page(items=items[(page - 1) * per_page:page * per_page], page=page, per_page=per_page,
                total=len(items))


def _titles(k) -> dict:
    return {name: info.title for name, info in k.registry.infos.items()}


def _alert_link(alert, slug: str) -> str | None:
    """An alert's link, only where the user may open it."""
    return alert.link if alert.link and shown(alert, slug) else None


def _school_link(slug: str) -> str | None:
    """A school's home page, only for a user who may open it."""
    return url_for("shell.school_home", tenant=slug) if may_use("shell.school_home", slug) else None


def _page_number(args) -> int:
    number = args.get("page", "1")
    return int(number) if number.isdigit() and len(number) < 7 else 1


RENDERED_KEPT = 256    # questions (user, filters, page) whose answer is kept while the summaries stay the same


@bp.route("/")
@requires("district.view")
def home():
    """The dashboard. Its content depends on the schools' summaries, the question (filters, sort, page),
    who asks (the schools and links they may open), the language and the day: rendered once for each
    while no summary changes (it is most of the page's work at 200 schools), the page around it each time."""
    o = _overview()
    key = (_viewer(), str(get_locale()), o.k.today(), tuple(sorted(request.args.items(multi=True))))
    content = o.rendered.get(key)
    if content is None:
        if len(o.rendered) >= RENDERED_KEPT:
            o.rendered.clear()
        content = o.rendered[key] = Markup(render_template("district/_home_content.html", **_home_context(o)))
    return render_template("district/home.html", content=content)


def _home_context(o: Overview) -> dict:
    c = Criteria.read(request.args, o)
    rows = _table(o, c)
    page = _page(rows, c.page)
    c.page = page.page
    urgent = sorted((s for s in o.schools if o.attention[s.slug].matches("attention")),
                    key=lambda s: (o.attention[s.slug].sort_key(), s.name))[:5]
    members = next((d.total for d in o.charts if d.key == "members.on_roll"), None)
    counts = {level: sum(1 for a in o.attention.values() if a.matches(level)) for level in ("danger", "warning", "none")}
    return dict(
        o=o, c=c, page=page, names={s.slug: s for s in o.schools}, urgent=urgent,
        titles=_titles(o.k), members=members, counts=counts, chosen=_chosen_bucket(o, c),
        here=lambda **changes: url_for("district.home", **c.args(**changes)), school_link=_school_link,
        alert_link=_alert_link, of_kind=dashboard.of_kind, today=o.k.today())


@bp.route("/alerts")
@requires("district.view")
def alert_group():
    """One kind of alert (``?kind=``): the schools that have it, each with its own sentences, a page at
    a time."""
    o = _overview()
    kind = request.args.get("kind", "")
    group = next((g for g in o.groups if g.kind == kind), None)
    if group is None:
        abort(404)
    return render_template(
        "district/alert_group.html", group=group, page=_page(group.schools, _page_number(request.args)),
        names={s.slug: s for s in o.schools}, alerts=o.alerts, titles=_titles(o.k), of_kind=dashboard.of_kind,
        alert_link=_alert_link, school_link=_school_link, today=o.k.today())


@bp.route("/export.xlsx")
@requires("district.view")
def export():
    """The whole table as the filters select it (every page), its alerts, and the alert groups."""
    o = _overview()
    c = Criteria.read(request.args, o)
    rows = _table(o, c)
    headers = ["学校", "代码", "危急提醒", "预警提醒", *[label for label, _unit in o.columns.values()]]
    table = [[s.name, s.slug, o.attention[s.slug].danger, o.attention[s.slug].warning,
              *[_value(o.figures, s.slug, key) for key in o.columns]] for s in rows]
    alert_rows = [[s.name, a.level, a.text, a.due, a.source] for s in rows
                  for a in sorted(o.alerts.get(s.slug, ()), key=lambda a: dashboard.LEVELS.get(a.level, 3))]
    selected = {s.slug for s in rows}
    group_rows = [[g.level, g.source, g.example.text, sum(1 for slug in g.schools if slug in selected),
                   sum(len(dashboard.of_kind(o.alerts[slug], g.kind)) for slug in g.schools if slug in selected)]
                  for g in o.groups]
    return xlsx_response(f"区级总览-{o.k.today().isoformat()}.xlsx",
                         [("各校指标", headers, table), ("待办提醒", ["学校", "级别", "内容", "期限", "来源"], alert_rows),
                          ("提醒汇总", ["级别", "来源", "示例", "学校数", "提醒数"], group_rows)])
