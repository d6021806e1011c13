"""The summary pages: the years, one year's text to edit, adopt."""
from __future__ import annotations

from flask import render_template, request, url_for

from core import paper_pdf
from core.commands import page_command
from core.errors import N_
from core.forms import form_input
from core.kernel import kernel
from core.permissions import may_use, requires
from plugins.summary import queries, rules, services
from core.context import set_reason
from plugins.summary.schemas import (SummaryAdoptSchema, SummaryDraftSchema, SummaryEditSchema, SummaryReopenSchema,
                                      SummarySendSchema)
from plugins.summary.web import bp, summary_view, tenant


def _render_index(status: int = 200):
    k = kernel()
    return render_template("summary/index.html", years=queries.list_summaries(k, tenant()),
                           this_year=k.today().year), status


@bp.route("/")
@requires("summary.view")
def index():
    return _render_index()


@bp.route("/draft", methods=["POST"])
@requires("summary.edit")
def draft():
    def act():
        year = form_input(SummaryDraftSchema())["year"]
        services.draft(kernel(), tenant(), year)
        return url_for("summary.year", tenant=tenant(), year=year)
    return page_command(act, _render_index, success=N_("已由记录起草总结。"))


def _render_year(year: int):
    def render(status: int = 200):
        k = kernel()
        # the adopted text generated as an official paper and filed, in the archive (DOCX or PDF)
        archive = "archive" in k.enabled_plugins(tenant()) and may_use("archive.generate", tenant())
        return render_template("summary/year.html", s=summary_view(year), archive=archive,
                               pdf=archive and paper_pdf.available(),
                               meetings=queries.committee_meetings(kernel(), tenant(), (year, year + 1))), status
    return render


@bp.route("/<year:year>")
@requires("summary.view")
def year(year):
    return _render_year(year)()


@bp.route("/<year:year>/edit", methods=["POST"])
@requires("summary.edit")
def edit(year):
    def act():
        sections = {code: request.form[f"section-{code}"] for code in rules.SECTIONS
                    if f"section-{code}" in request.form}
        overrides = {key[len("fact-"):]: value for key, value in request.form.items()
                     if key.startswith("fact-") and value.strip()}
        d = SummaryEditSchema().load({"sections": sections, "overrides": overrides,
                                      "expected_version": request.form.get("expected_version")})
        services.edit(kernel(), tenant(), year, d["sections"], d["overrides"], d["expected_version"])
        return url_for("summary.year", tenant=tenant(), year=year)
    return page_command(act, _render_year(year), success=N_("已保存。"))


@bp.route("/<year:year>/adopt", methods=["POST"])
@requires("summary.adopt")
def adopt(year):
    def act():
        d = form_input(SummaryAdoptSchema(), drop_empty=True)
        services.adopt(kernel(), tenant(), year, d["adopted_on"], d.get("meeting_id"), d["expected_version"])
        return url_for("summary.year", tenant=tenant(), year=year)
    return page_command(act, _render_year(year), success=N_("总结已通过。"))


@bp.route("/<year:year>/reopen", methods=["POST"])
@requires("summary.adopt")
def reopen(year):
    def act():
        d = form_input(SummaryReopenSchema())
        set_reason(d["reason"])
        services.reopen(kernel(), tenant(), year, d["reason"], d["expected_version"])
        return url_for("summary.year", tenant=tenant(), year=year)
    return page_command(act, _render_year(year), success=N_("总结已重新打开，可以更正；改完后请支委会再次通过。"))


@bp.route("/<year:year>/send", methods=["POST"])
@requires("summary.send")
def send(year):
    def act():
        d = form_input(SummarySendSchema())
        if d.get("reason"):
            set_reason(d["reason"])
        services.send_to_district(kernel(), tenant(), year, d.get("reason") or "", d["expected_version"])
        return url_for("summary.year", tenant=tenant(), year=year)
    return page_command(act, _render_year(year), success=N_("已报送区委。"))
