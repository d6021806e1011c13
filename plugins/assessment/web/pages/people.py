"""School pages of the democratic evaluation, account links, handling tracks and self-checks."""
from __future__ import annotations
from core.errors import N_

from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from core.excel import xlsx_response
from core.messages import translated
from core.permissions import can, require, requires
from plugins.assessment import queries, rules, services
from plugins.assessment.schemas import (
    AssessmentYearSchema, CongressVoteSchema, EvaluationGradeSchema,
    EvaluationSelfAssessmentSchema, HandlingApproveSchema, HandlingConcludeSchema, HandlingPreReviewSchema,
    HandlingTrackCreateSchema, AssessmentSelfCheckSchema,
)
from core.kernel import kernel
from plugins.assessment.web import (
    attempt, bp, form_data, found, linked_member, my_member_id, posted_version, school,
)
from plugins.members import public as members


# -- democratic evaluation ---------------------------------------------------------------------------
@bp.route("/evaluation/")
@requires("assessment.view")
def evaluation_index(status: int = 200):
    k = kernel()
    return render_template("assessment/evaluations.html", rounds=queries.list_rounds(k, school()),
                           year=k.today().year, grades=rules.GRADES), status


@bp.route("/evaluation/open", methods=["POST"])
@requires("assessment.evaluate")
def open_evaluation():
    data = {}

    def act():
        data.update(AssessmentYearSchema().load(form_data(request.form)))
        services.open_evaluation(kernel(), school(), data["year"])
        flash(gettext("已开始%(year)s年度民主评议党员。", year=data['year']), "success")
    return attempt(act, evaluation_index, lambda: redirect(url_for(".evaluation", year=data["year"])))




@bp.route("/evaluation/<year:year>")
@requires("assessment.view")
def evaluation(year: int, status: int = 200):
    k = kernel()
    row = found(queries.get_round(k, school(), year))
    people = queries.list_round_members(k, school(), row.id)
    me = linked_member()
    mine = next((p for p in people if me and p.member_id == me.id), None)
    voted = False
    if mine is not None and row.status == "open":
        voted = services.has_voted(k, school(), year, mine.member_id)
    return render_template(
        "assessment/evaluation.html", r=row, people=people, mine=mine, voted=voted, grades=rules.GRADES,
        cap=queries.excellent_cap(row), see_all=can(current_user, "assessment.results", school()),
        excellent=sum(1 for p in people if p.grade == "excellent"),
        history=queries.list_history(k, school(), row.id) if can(current_user, "assessment.results", school()) else [],
    ), status


def _round_command(year: int, fn, message: str):
    def act():
        fn()
        flash(translated(message), "success")
    return attempt(act, lambda s: evaluation(year, s), lambda: redirect(url_for(".evaluation", year=year)))


@bp.route("/evaluation/<year:year>/self", methods=["POST"])
@requires("assessment.participate")
def write_self_assessment(year: int):
    member_id = my_member_id()

    def run():
        data = EvaluationSelfAssessmentSchema().load(form_data(request.form))
        services.write_self_assessment(kernel(), school(), year, member_id, data["text"])
    return _round_command(year, run, N_("个人自评已提交。"))


@bp.route("/evaluation/<year:year>/ballot", methods=["POST"])
@requires("assessment.participate")
def ballot(year: int):
    member_id = my_member_id()
    choices = {key[len("c-"):]: value for key, value in request.form.items() if key.startswith("c-") and value}
    return _round_command(year, lambda: services.cast_ballot(kernel(), school(), year, member_id, choices),
                          N_("您的选票已匿名计入。"))


@bp.route("/evaluation/<year:year>/close", methods=["POST"])
@requires("assessment.evaluate")
def close_ballot(year: int):
    return _round_command(year, lambda: services.close_ballot(kernel(), school(), year, posted_version()),
                          N_("互评投票已结束，已计票。"))


@bp.route("/evaluation/<year:year>/grade", methods=["POST"])
@requires("assessment.evaluate")
def propose_grade(year: int):
    def run():
        data = EvaluationGradeSchema().load(form_data(request.form))
        services.propose_grade(kernel(), school(), year, data["member_id"], data["grade"], data["note"],
                               data["expected_version"])
    return _round_command(year, run, N_("等次意见已记录。"))


@bp.route("/evaluation/<year:year>/publish", methods=["POST"])
@requires("assessment.evaluate")
def publish_results(year: int):
    return _round_command(year, lambda: services.publish_results(kernel(), school(), year, posted_version()),
                          N_("评议结果已公布，已告知本人并报上级党组织。"))


@bp.route("/evaluation/<year:year>.xlsx")
@requires("assessment.results")
def evaluation_xlsx(year: int):
    k = kernel()
    row = found(queries.get_round(k, school(), year))
    people = queries.list_round_members(k, school(), row.id)
    rows = [[p.name, "正式党员" if p.status == "full" else "预备党员（不评定等次）", "是" if p.self_text else "否",
             *[(p.rating or {}).get(g, "") for g in rules.GRADES], rules.GRADES.get(p.grade, ""), p.note or ""]
            for p in people]
    headers = ["姓名", "身份", "个人自评", *[f"测评{label}票" for label in rules.GRADES.values()], "评定等次", "说明"]
    return xlsx_response(f"{g.tenant.name}{year}年度民主评议党员结果.xlsx", [(f"{year}民主评议", headers, rows)])


# -- handling tracks ----------------------------------------------------------------------------------
@bp.route("/tracks", methods=["GET", "POST"])
@requires("assessment.results")   # who is being handled as unqualified: as personal as a grade
def tracks(status: int = 200):
    k = kernel()

    def render(code=200):
        year = k.today().year
        candidates = []
        for y in (year, year - 1):
            r = queries.get_round(k, school(), y)
            if r:
                candidates += [(y, p) for p in queries.list_round_members(k, school(), r.id)
                               if p.grade == "unqualified"]
        return render_template("assessment/tracks.html", tracks=queries.list_tracks(k, school()),
                               candidates=candidates, measures=rules.MEASURES, year=year), code
    if request.method == "GET":
        return render(status)
    require("assessment.handle", school())
    created = {}

    def act():
        data = HandlingTrackCreateSchema().load(form_data(request.form))
        created["id"] = services.open_handling(k, school(), **data).id
        flash(gettext("处置意见已记录。"), "success")
    return attempt(act, render, lambda: redirect(url_for(".track_detail", track_id=created["id"])))


@bp.route("/tracks/<uuid:track_id>")
@requires("assessment.results")
def track_detail(track_id: UUID, status: int = 200):
    k = kernel()
    row = found(queries.get_track(k, school(), track_id))
    return render_template("assessment/track.html", t=row, measures=rules.MEASURES,
                           outcomes=rules.OUTCOMES[row.measure],
                           history=queries.list_history(k, school(), row.id)), status


def _track_step(track_id: UUID, schema, fn, message: str):
    found(queries.get_track(kernel(), school(), track_id))

    def act():
        data = schema().load(form_data(request.form))
        fn(data)
        flash(translated(message), "success")
    return attempt(act, lambda s: track_detail(track_id, s),
                   lambda: redirect(url_for(".track_detail", track_id=track_id)))


@bp.route("/tracks/<uuid:track_id>/pre-review", methods=["POST"])
@requires("assessment.handle")
def track_pre_review(track_id: UUID):
    return _track_step(track_id, HandlingPreReviewSchema, lambda d: services.pre_review(
        kernel(), school(), track_id, d["reviewed_on"], d["note"], d["expected_version"]), N_("预审情况已记录。"))


@bp.route("/tracks/<uuid:track_id>/vote", methods=["POST"])
@requires("assessment.handle")
def track_vote(track_id: UUID):
    return _track_step(track_id, CongressVoteSchema, lambda d: services.record_congress_vote(
        kernel(), school(), track_id, d["held_on"], d["entitled"], d["present"], d["yes"], d["no"], d["abstain"],
        d["expected_version"], written_opinions=d["written_opinions"]), N_("大会表决结果已记录。"))


@bp.route("/tracks/<uuid:track_id>/approve", methods=["POST"])
@requires("assessment.approve")
def track_approve(track_id: UUID):
    return _track_step(track_id, HandlingApproveSchema, lambda d: services.approve_handling(
        kernel(), school(), track_id, d["approved_on"], d["approver"], d["document"], d["expected_version"]),
        N_("上级党组织批准情况已记录。"))


@bp.route("/tracks/<uuid:track_id>/conclude", methods=["POST"])
@requires("assessment.handle")
def track_conclude(track_id: UUID):
    return _track_step(track_id, HandlingConcludeSchema, lambda d: services.conclude_handling(
        kernel(), school(), track_id, d["outcome"], d["concluded_on"], d["reason"], d["expected_version"]),
        N_("处置已办结。"))


# -- periodic self-checks -----------------------------------------------------------------------------
@bp.route("/self-checks/<year:year>", methods=["GET", "POST"])
@requires("assessment.view")
def self_checks(year: int):
    k = kernel()
    me = linked_member()

    def render(code=200):
        cfg = services.settings(k, school())
        entries = queries.list_self_checks(k, school(), year)
        see_all = can(current_user, "assessment.results", school())
        roster = members.list_members(k, school(), ("full", "probationary")) if see_all else []
        done = {(e.period, e.subject) for e in entries}
        return render_template(
            "assessment/self_checks.html", year=year, periods=rules.PERIODS, me=me, roster=roster,
            entries=[e for e in entries if see_all or e.subject in ("branch", str(me.id) if me else "")],
            done=done, member_periods=rules.MEMBER_PERIODS, branch_periods=rules.BRANCH_PERIODS,
            due={p: rules.period_due(year, p, cfg["self_check_grace_days"]) for p in rules.PERIODS},
            may_branch=can(current_user, "assessment.evaluate", school()),
            may_member=me is not None and can(current_user, "assessment.participate", school())), code
    if request.method == "GET":
        return render()

    def act():
        data = AssessmentSelfCheckSchema().load({**form_data(request.form), "year": year})
        if data["period"] in rules.BRANCH_PERIODS:
            require("assessment.evaluate", school())
            services.record_self_check(k, school(), year, data["period"], "branch", "支部", data["text"])
        else:
            require("assessment.participate", school())
            if me is None:
                abort(403, description=members.NOT_LINKED)
            services.record_self_check(k, school(), year, data["period"], str(me.id), me.name, data["text"])
        flash(gettext("已提交。"), "success")
    return attempt(act, render, lambda: redirect(url_for(".self_checks", year=year)))
