"""The district home (/district/), built for 200–2,000 schools: a summary, a table filtered, sorted
and cut into pages, alerts grouped by kind with the schools behind each, figures as distributions."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import get_locale
from markupsafe import Markup

from core.excel import xlsx_response
from core.pagination import Page
from core.permissions import may_use, requires, shown
from tenants import dashboard
from tenants.dashboard import numeric  # noqa: F401  (where the figures' tests look for it)
from tenants.overview import Overview, _overview, _value, _viewer, gather, school_figures  # noqa: F401

bp = Blueprint("district", __name__, url_prefix="/district", template_folder="templates")
PER_PAGE = 50


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


def _by_attention(o: Overview) -> list:
    """Every school, most in need of attention first, then by name (kept with the Overview)."""
    found = o.memo.get("by_attention")
    if found is None:
        found = o.memo["by_attention"] = sorted(o.by_name, key=lambda s: o.attention[s.slug].sort_key())
    return found


def _table(o: Overview, c: Criteria) -> list:
    """The schools the criteria select, in the order they ask for."""
    if c == Criteria(page=c.page, descending=c.descending):   # every school, most in need first
        rows = list(_by_attention(o))
        if c.descending:
            rows.reverse()
        return rows
    rows = [s for s in o.by_name if dashboard.matches_text(s.name, s.slug, c.q)
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
    urgent = list(islice((s for s in _by_attention(o) if o.attention[s.slug].matches("attention")), 5))
    members = next((d.total for d in o.charts if d.key == "members.on_roll"), None)
    counts = o.memo.get("counts")
    if counts is None:
        counts = o.memo["counts"] = {level: sum(1 for a in o.attention.values() if a.matches(level))
                                     for level in ("danger", "warning", "none")}
    if o.memo.get("names") is None:
        o.memo["names"] = {s.slug: s for s in o.schools}
    return dict(
        o=o, c=c, page=page, names=o.memo["names"], urgent=urgent,
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
