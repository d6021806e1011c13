"""District pages (/district/disclosure): compliance across schools (from their summaries, paginated,
Excel) and the catalogue of what branches disclose, revised from a date."""
from __future__ import annotations

from flask import render_template, request, url_for
from marshmallow import ValidationError

from core.commands import page_command
from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.disclosure import present, queries, rules, services
from plugins.disclosure.schemas import CataloguePageSchema, EntrySchema
from plugins.disclosure.web import compliance, district_bp, page_arg

BLANK_ROWS = 2


@district_bp.route("/")
@requires("disclosure.district_view")
def index():
    if request.args.get("export") == "xlsx":
        rows, _page = compliance(None)
        return xlsx_response("各校党务公开情况.xlsx", [present.compliance_sheet(rows)])
    rows, page = compliance(page_arg())
    return render_template("disclosure/district/index.html", rows=rows, page=page)


def _render_catalogue(status: int = 200):
    k = kernel()
    current = queries.catalogue_on(k, k.today())
    entries = list(current.entries) + [None] * BLANK_ROWS
    return render_template("disclosure/district/catalogue.html", current=current, entries=entries,
                           revisions=queries.list_revisions(k), today=k.today(), AUDIENCES=rules.AUDIENCES,
                           TIMINGS=rules.TIMINGS, PERIODS=rules.PERIODS, FORMS=rules.FORMS), status


@district_bp.route("/catalogue")
@requires("disclosure.district_view")
def catalogue():
    return _render_catalogue()


def _posted_entries() -> list[dict]:
    out, problems = [], {}
    n = 1
    while f"entry-{n}-content" in request.form and n <= 40:
        content = (request.form.get(f"entry-{n}-content") or "").strip()
        if content:
            data = {key: request.form.get(f"entry-{n}-{key}") or None
                    for key in ("code", "audience", "timing", "period", "days", "form")}
            data["content"] = content
            data["kinds"] = [k for k in (request.form.get(f"entry-{n}-kinds") or "").split(",") if k.strip()]
            try:
                out.append(EntrySchema().load({k: v for k, v in data.items() if v is not None}))
            except ValidationError as exc:
                problems[f"entry-{n}-content"] = [str(m) for ms in exc.messages.values() for m in ms]
        n += 1
    if problems:
        raise ValidationError(problems)
    return out


@district_bp.route("/catalogue", methods=["POST"])
@requires("disclosure.district_admin")
def revise():
    def act():
        head = form_input(CataloguePageSchema())
        services.revise_catalogue(kernel(), head["effective_from"], _posted_entries())
        return url_for("disclosure_district.catalogue")
    return page_command(act, _render_catalogue, success=N_("公开目录已修订，自生效日期起适用。"))
