"""Pages of teacher ethics (师德师风): assessments, corrections, pledges."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, url_for

from core import context
from core.kernel import kernel
from core.permissions import requires
from plugins.integrity import queries, rules, services
from plugins.integrity.schemas import EthicsCorrectSchema, EthicsSchema, PledgeSchema
from plugins.integrity.web import bp, found, form_data, handle, load, roster, teachers, tenant, year_arg


# -- teacher ethics ----------------------------------------------------------------------------------
def _render_ethics(status: int = 200):
    k, year = kernel(), year_arg()
    config = queries.get_settings(k, tenant())
    return render_template("integrity/ethics.html", year=year, rows=queries.list_ethics(k, tenant(), year),
                           teachers=teachers(), members=roster(), grades=rules.ethics_grades(config),
                           veto_grades=rules.ethics_veto_grades(config),
                           pledges=queries.list_pledges(k, tenant()), term=rules.school_term(k.today()),
                           today=k.today()), status


@bp.route("/ethics")
@requires("integrity.ethics")
def ethics():
    return _render_ethics()


@bp.route("/ethics/new", methods=["POST"])
@requires("integrity.ethics_edit")
def ethics_new():
    def act():
        d = load(EthicsSchema, form_data())
        services.assess_ethics(kernel(), tenant(), d["year"], d["member_id"], d["grade"], d["violation"],
                               d.get("veto_reason"))
        return url_for("integrity.ethics", year=d["year"])
    return handle(act, "师德考核结果已登记。", _render_ethics)


@bp.route("/ethics/<uuid:assessment_id>/correct", methods=["POST"])
@requires("integrity.ethics_edit")
def ethics_correct(assessment_id: UUID):
    row = found(queries.get_ethics(kernel(), tenant(), assessment_id))

    def act():
        d = load(EthicsCorrectSchema, form_data())
        context.set_reason(d["reason"])
        services.correct_ethics(kernel(), tenant(), assessment_id, d["grade"], d["violation"], d.get("veto_reason"),
                                d["expected_version"])
        return url_for("integrity.ethics", year=row.year)
    return handle(act, "师德考核结果已更正。", _render_ethics)


@bp.route("/ethics/pledges", methods=["POST"])
@requires("integrity.ethics_edit")
def pledge_new():
    def act():
        d = load(PledgeSchema, form_data())
        services.sign_pledge(kernel(), tenant(), d["member_id"], d["kind"], d.get("signed_on"), d.get("term"))
        return url_for("integrity.ethics")
    return handle(act, "承诺书签订已登记。", _render_ethics)
