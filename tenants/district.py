"""The district home (/district/): every school side by side with its figures."""
from __future__ import annotations

from flask import Blueprint, render_template

from core.kernel import kernel
from core.permissions import requires
from core.plugins import flatten
from tenants import queries

bp = Blueprint("district", __name__, url_prefix="/district", template_folder="templates")


def school_figures(k, slugs: list[str]) -> dict[str, dict]:
    """Figures each school's enabled plugins offer the district, keyed by slug then figure key."""
    today = k.today()
    out: dict[str, dict] = {}
    for slug in slugs:
        figures = flatten(k.hooks(slug).zhibu_district_figures(tenant=slug, today=today))
        out[slug] = {f.key: f for f in sorted(figures, key=lambda f: (f.order, f.key))}
    return out


@bp.route("/")
@requires("district.view")
def home():
    k = kernel()
    with k.engine.connect() as conn:
        schools = queries.list_schools(conn)
    figures = school_figures(k, [s.slug for s in schools])
    columns: dict[str, str] = {}
    for per_school in figures.values():
        for key, figure in per_school.items():
            columns.setdefault(key, figure.label)
    return render_template("district/home.html", schools=schools, figures=figures, columns=columns)
