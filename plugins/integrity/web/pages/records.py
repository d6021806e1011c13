"""Pages of volunteer service, integrity education (廉政教育) and responsibility (责任书, 自查报告)."""
from __future__ import annotations

from flask import render_template, url_for

from core.kernel import kernel
from core.permissions import requires
from core.web import int_arg
from plugins.integrity import queries, services
from plugins.integrity.schemas import AgreementSchema, EducationSchema, InspectionSchema, VolunteerSchema
from plugins.integrity.web import bp, form_data, handle, load, roster, tenant, uploads, year_arg


# -- volunteer service --------------------------------------------------------------------------------
def _render_volunteer(status: int = 200):
    year = year_arg()
    page = queries.list_volunteer_page(kernel(), tenant(), year, int_arg("page", 1))
    return render_template("integrity/volunteer.html", page=page, year=year, members=roster(),
                           by_member=queries.volunteer_hours_by_member(kernel(), tenant(), year),
                           today=kernel().today()), status


@bp.route("/volunteer")
@requires("integrity.view")
def volunteer():
    return _render_volunteer()


@bp.route("/volunteer/new", methods=["POST"])
@requires("integrity.edit")
def volunteer_new():
    def act():
        form = form_data()
        ids, each = form.pop("member_ids", []), form.pop("hours", None)
        form["participants"] = [{"member_id": i, "hours": each} for i in ids] if each else []
        d = load(VolunteerSchema, form)
        services.record_volunteer(kernel(), tenant(), d["title"], d["on"], d["place"], d["participants"])
        return url_for("integrity.volunteer", year=d["on"].year)
    return handle(act, "志愿服务活动已登记。", _render_volunteer)


# -- integrity education and responsibility ----------------------------------------------------------
def _render_education(status: int = 200):
    year = year_arg()
    page = queries.list_education_page(kernel(), tenant(), year, int_arg("page", 1))
    return render_template("integrity/education.html", page=page, year=year, members=roster(),
                           today=kernel().today()), status


@bp.route("/education")
@requires("integrity.view")
def education():
    return _render_education()


@bp.route("/education/new", methods=["POST"])
@requires("integrity.edit")
def education_new():
    def act():
        d = load(EducationSchema, form_data())
        services.record_education(kernel(), tenant(), d["kind"], d["title"], d["on"], d["attendee_ids"],
                                  d["absentee_ids"], d.get("speaker", ""), d.get("content", ""))
        return url_for("integrity.education", year=d["on"].year)
    return handle(act, "廉政教育活动已登记。", _render_education)


def _render_responsibility(status: int = 200):
    k, year = kernel(), year_arg()
    return render_template("integrity/responsibility.html", year=year, members=roster(),
                           agreements=queries.list_agreements(k, tenant(), year),
                           inspections=queries.list_inspections(k, tenant(), year), today=k.today()), status


@bp.route("/responsibility")
@requires("integrity.view")
def responsibility():
    return _render_responsibility()


@bp.route("/responsibility/agreements", methods=["POST"])
@requires("integrity.edit")
def agreement_new():
    def act():
        d = load(AgreementSchema, form_data())
        services.sign_agreement(kernel(), tenant(), d["year"], d["member_id"], d["post"], d["duties"],
                                d["counterpart"], d.get("signed_on"))
        return url_for("integrity.responsibility", year=d["year"])
    return handle(act, "责任书已登记。", _render_responsibility)


@bp.route("/responsibility/inspections", methods=["POST"])
@requires("integrity.edit")
def inspection_new():
    def act():
        d = load(InspectionSchema, form_data())
        evidence = services.store_evidence(kernel(), uploads())
        services.file_inspection(kernel(), tenant(), d["kind"], d["year"], d["content"], d.get("half"),
                                 d["owner_kind"], d.get("member_id"), d.get("problems", ""), d.get("measures", ""),
                                 evidence)
        return url_for("integrity.responsibility", year=d["year"])
    return handle(act, "自查报告已提交。", _render_responsibility)
