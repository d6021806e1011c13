"""The school home page (``/t/<tenant>/``) and its alerts page (``/t/<tenant>/alerts?kind=``).

The alerts are the school's summaries (``core.summaries``): what the district dashboard shows for the
school, computed by the same hook with the same arguments when the school's events change or the day
changes, and read here as one school's rows (computed first when stale, of another day or missing).
A school with hundreds of alerts would be a page nobody reads on a phone, so alerts of one kind
(plugin, level and the page they lead to, as the district groups them) are counted: a kind of a few is
shown in full, of more the most urgent few with their own sentences and the rest one link away, where
every alert keeps its reason.

The widgets are the plugins' ``zhibu_home_widgets`` for the user, and their HTML, kept while the
school's read models and the district's stand where they stood (``core.summaries.read.school_memo``:
every event applied to the school's log marks its summary rows) for the same user, roles, language and
day, and at most ``ZHIBU_HOME_WIDGETS_TTL`` seconds (300; 0 computes them on every request) for
what moves with the clock within a day (a meeting starting). A page between two writes reads them
once; the first page after a write computes them again."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from flask import abort, current_app, g, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from core import summaries
from core.kernel import kernel
from core.pagination import Page
from core.permissions import requires, shown, shown_key
from core.plugins import alert_kind, flatten
from core.summaries.read import school_memo
from core.web import bp

LEVELS = {"danger": 0, "warning": 1, "info": 2}
WHOLE_KIND = 15        # a kind of up to this many alerts is shown in full on the home page (about a screen)
SHOWN_PER_KIND = 3     # of a kind of more, the most urgent sentences; the rest are behind the kind's link
PER_PAGE = 50
WIDGETS_TTL = 300      # seconds a user's widgets are kept while nothing they read has changed
WIDGETS_KEPT = 512     # users' widgets kept per school summary (the oldest go first)


def urgency(alert) -> tuple:
    """Most urgent first: by level, then the earliest due date (alerts without one last among equals)."""
    return (LEVELS.get(alert.level, 3), str(alert.due or ""))


@dataclass
class AlertKind:
    """The alerts of one kind at one school, most urgent first."""
    kind: str
    level: str
    source: str
    alerts: list = field(default_factory=list)

    @property
    def first(self) -> list:
        return self.alerts if len(self.alerts) <= WHOLE_KIND else self.alerts[:SHOWN_PER_KIND]

    @property
    def more(self) -> int:
        return len(self.alerts) - len(self.first)


def school_alerts(k, slug: str) -> list:
    """The school's alerts the current user may see (what it names and where it leads), most urgent
    first; from the school's summaries."""
    return _visible(k, slug)[0]


def _visible(k, slug: str, summary=None) -> tuple[list, list]:
    """The alerts the current user may see, most urgent first, and their kinds. Sorted once and grouped
    by what deciding whether to show them depends on (``shown_key``: hundreds of alerts, a handful of
    keys), kept with the school's summary while it stays the same (``SchoolSummary.memo``): a request
    asks ``shown`` once per key, and users who may see the same keys share the lists."""
    summary = summary or summaries.read_schools(k, [slug]).schools[slug]
    prepared = summary.memo.get("home.alerts")
    if prepared is None:
        ordered = sorted(summary.alerts, key=urgency)
        keys = [shown_key(a, slug) for a in ordered]
        first = {}
        for key, alert in zip(keys, ordered):
            first.setdefault(key, alert)
        position = {key: n for n, key in enumerate(first)}
        prepared = summary.memo["home.alerts"] = (ordered, [position[key] for key in keys], list(first.values()), {})
    ordered, which, representatives, by_answer = prepared
    answers = tuple(shown(alert, slug) for alert in representatives)
    found = by_answer.get(answers)
    if found is None:
        alerts = [alert for alert, n in zip(ordered, which) if answers[n]]
        found = by_answer[answers] = (alerts, by_kind(alerts))
    return found


def by_kind(alerts: list) -> list[AlertKind]:
    """Alerts grouped by kind, in the order of each kind's most urgent alert."""
    kinds: dict[str, AlertKind] = {}
    for alert in alerts:
        kind = alert_kind(alert)
        if kind not in kinds:
            kinds[kind] = AlertKind(kind, alert.level, alert.source or "")
        kinds[kind].alerts.append(alert)
    return list(kinds.values())


def home_widgets(k, slug: str, today, summary) -> tuple[list, dict]:
    """The widgets of the school's enabled plugins for the current user, most important first, and
    their HTML as rendered so far (id of the widget → Markup); kept with the school's summary while
    nothing they read has changed (the module's docstring)."""
    hooks = k.hooks_for(g.tenant.enabled)

    def compute() -> list:
        return sorted(flatten(hooks.zhibu_home_widgets(tenant=slug, user=current_user, today=today)),
                      key=lambda w: w.order)

    ttl = current_app.config.get("ZHIBU_HOME_WIDGETS_TTL", WIDGETS_TTL)
    if not ttl:
        return compute(), {}
    # what was kept while the school's summaries were being computed (in this request, after a write)
    # went with the stale summary: from here on, what is kept goes with the fresh one
    memo = k.remember(("kept", slug), school_memo(k, slug, summary)).setdefault("home.widgets", {})
    key = (current_user.get_id(), current_user.username, frozenset(current_user.roles_in(slug)),
           frozenset(getattr(current_user, "district_roles", ())), str(get_locale()), today,
           tuple(sorted(g.tenant.enabled)))
    now = time.monotonic()
    held = memo.get(key)
    if held is not None and held[0] > now:
        return held[1:]
    widgets, html = compute(), {}
    if len(memo) >= WIDGETS_KEPT:
        for old in [old for old, held in memo.items() if held[0] <= now] or list(memo)[:len(memo) // 2]:
            memo.pop(old, None)
    memo[key] = (now + float(ttl), widgets, html)
    return widgets, html


def _widget_html(html: dict):
    """``widget_html(w)`` for the page: the widget's template rendered with the page's context, once
    while the widget is kept (the widgets of a user are the same objects until they are computed again)."""
    @pass_context
    def render(ctx, w):
        found = html.get(id(w))
        if found is None:
            template = current_app.jinja_env.get_template(w.template)
            found = html[id(w)] = Markup(template.render({**ctx.get_all(), "w": w}))
        return found
    return render


@bp.route("/t/<tenant>/")
@requires("school.view")
def school_home():
    k, slug = kernel(), g.tenant.slug
    today = k.today()
    summary = summaries.read_schools(k, [slug]).schools[slug]
    # Each user sees the widgets and alerts meant for them, and only links that open (one place).
    widgets, html = home_widgets(k, slug, today, summary)
    alerts, kinds = _visible(k, slug, summary)
    return render_template("shell/school_home.html", widgets=[w for w in widgets if shown(w, slug)],
                           widget_html=_widget_html(html), alerts=alerts, kinds=kinds, today=today,
                           titles=_titles(k))


@bp.route("/t/<tenant>/alerts")
@requires("school.view")
def school_alerts_of_kind():
    """Every alert of one kind (``?kind=``) the user may see at the school, a page at a time."""
    k, slug = kernel(), g.tenant.slug
    kind = next((found for found in _visible(k, slug)[1] if found.kind == request.args.get("kind")), None)
    if kind is None:
        abort(404)
    number = request.args.get("page", "1")
    number = int(number) if number.isdigit() and len(number) < 7 else 1
    total = len(kind.alerts)
    pages = max(1, -(-total // PER_PAGE))
    number = min(number, pages)
    page = Page(kind.alerts[(number - 1) * PER_PAGE:number * PER_PAGE], number, PER_PAGE, total)
    return render_template("shell/school_alerts.html", kind=kind, page=page, today=k.today(), titles=_titles(k))


def _titles(k) -> dict:
    return {name: info.title for name, info in k.registry.infos.items()}
