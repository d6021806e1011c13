"""The district home (/district/): every school side by side with its figures, charts, alerts."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from core.excel import xlsx_response
from core.kernel import kernel
from core.permissions import can, requires
from core.plugins import flatten
from core.tenancy import queries

bp = Blueprint("district", __name__, url_prefix="/district", template_folder="templates")
LEVELS = {"danger": 0, "warning": 1, "info": 2}


def school_figures(k, slugs: list[str]) -> dict[str, dict]:
    """Figures each school's enabled plugins offer the district, keyed by slug then figure key."""
    return gather(k, slugs, alerts=False)[0]


def gather(k, slugs: list[str], alerts: bool = True) -> tuple[dict[str, dict], dict[str, list]]:
    """Each school's figures (slug → key → Figure) and alerts (slug → [Alert]), one pass per school."""
    today = k.today()
    figures: dict[str, dict] = {}
    found: dict[str, list] = {}
    for slug in slugs:
        hooks = k.hooks(slug)
        per_school = flatten(hooks.zhibu_district_figures(tenant=slug, today=today))
        figures[slug] = {f.key: f for f in sorted(per_school, key=lambda f: (f.order, f.key))}
        if alerts:
            found[slug] = flatten(hooks.zhibu_alerts(tenant=slug, today=today))
    return figures, found


def school_alerts(schools, alerts: dict[str, list]) -> list[tuple]:
    """(school, alert) for every alert of every school, most urgent first."""
    out = [(s, a) for s in schools for a in alerts.get(s.slug, ())]
    out.sort(key=lambda sa: (LEVELS.get(sa[1].level, 3), str(sa[1].due or "9999"), sa[0].slug))
    return out


def numeric(value) -> int | float | None:
    """A figure's value as a number (a count stays an integer: "28名", never "28.0名"); None if it is
    not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _sort_key(key: str, figures: dict):
    def sort_key(school):
        if key == "name":
            return (0, school.name)
        figure = figures[school.slug].get(key)
        value = figure.value if figure else None
        number = numeric(value)
        return (0, number) if number is not None else ((1, str(value)) if value is not None else (2, ""))
    return sort_key


def _overview():
    k = kernel()
    with k.reading() as conn:
        schools = [s for s in queries.list_schools(conn) if can(current_user, "school.view", s.slug)]
    figures, alerts = gather(k, [s.slug for s in schools])
    columns: dict[str, str] = {}
    for per_school in figures.values():
        for key, figure in per_school.items():
            columns.setdefault(key, figure.label)
    sort = request.args.get("sort", "name")
    sort = sort if sort == "name" or sort in columns else "name"
    descending = request.args.get("dir") == "desc"
    schools.sort(key=_sort_key(sort, figures))
    if descending:
        schools.reverse()
    return k, schools, figures, columns, sort, descending, school_alerts(schools, alerts)


@bp.route("/")
@requires("district.view")
def home():
    k, schools, figures, columns, sort, descending, alerts = _overview()
    charts = []
    for key, label in columns.items():
        data = [(s.name, numeric(figures[s.slug][key].value)) for s in schools if key in figures[s.slug]]
        if data and all(v is not None for _, v in data):
            unit = next((figures[s.slug][key].unit for s in schools if key in figures[s.slug]), "")
            charts.append((label, unit, data))
    return render_template("district/home.html", schools=schools, figures=figures, columns=columns,
                           sort=sort, descending=descending, charts=charts,
                           alerts=alerts, today=k.today())


@bp.route("/export.xlsx")
@requires("district.view")
def export():
    k, schools, figures, columns, _sort, _desc, alerts = _overview()
    headers = ["学校", "代码", *[f"{label}" for label in columns.values()]]
    rows = [[s.name, s.slug, *[(figures[s.slug][key].value if key in figures[s.slug] else None)
                                for key in columns]] for s in schools]
    alert_rows = [[s.name, a.level, a.text, a.due, a.source] for s, a in alerts]
    return xlsx_response(f"区级总览-{k.today().isoformat()}.xlsx",
                         [("各校指标", headers, rows), ("待办提醒", ["学校", "级别", "内容", "期限", "来源"], alert_rows)])
