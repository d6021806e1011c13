"""The API of the democratic evaluation (totals only: never an individual ballot), handling tracks and self-checks."""
from __future__ import annotations

from uuid import UUID

from flask import abort
from marshmallow import Schema, fields

from core.kernel import kernel
from core.permissions import require, requires
from plugins.assessment import queries, rules, services
from plugins.assessment.schemas import (
    AssessmentSelfCheckSchema, AssessmentVersionedSchema, AssessmentYearSchema, CongressVoteSchema,
    EvaluationBallotSchema, EvaluationGradeSchema, EvaluationRoundOutSchema, EvaluationSelfAssessmentSchema,
    HandlingApproveSchema, HandlingConcludeSchema, HandlingPreReviewSchema, HandlingTrackCreateSchema,
    HandlingTrackOutSchema,
)
from plugins.assessment.web import api_bp, linked_member, my_member, my_member_id, school


class AssessmentAcceptedSchema(Schema):
    ok = fields.Boolean()
    message = fields.String()


def _round(year: int) -> dict:
    k = kernel()
    row = queries.get_round(k, school(), year)
    if row is None:
        abort(404)
    people = queries.list_round_members(k, school(), row.id)
    return {**row._mapping, "excellent_cap": queries.excellent_cap(row),
            "members": [{**p._mapping, "self_assessed": bool(p.self_text)} for p in people]}


def _track(track_id: UUID):
    row = queries.get_track(kernel(), school(), track_id)
    if row is None:
        abort(404)
    return row


# -- democratic evaluation ------------------------------------------------------------------------------
@api_bp.route("/evaluations", methods=["POST"])
@api_bp.arguments(AssessmentYearSchema)
@api_bp.response(201, EvaluationRoundOutSchema)
@requires("assessment.evaluate")
def api_open_evaluation(data):
    """开始某年度民主评议党员"""
    services.open_evaluation(kernel(), school(), data["year"])
    return _round(data["year"])


@api_bp.route("/evaluations/<year:year>")
@api_bp.response(200, EvaluationRoundOutSchema)
@requires("assessment.results")
def api_evaluation(year: int):
    """评议情况：人数、投票人数、各人测评票数合计与等次（不含任何个人选票）"""
    return _round(year)


class EvaluationMineSchema(Schema):
    year = fields.Integer()
    member_id = fields.UUID()
    name = fields.String()
    voted = fields.Boolean()
    self_assessed = fields.Boolean()
    grade = fields.String(allow_none=True)
    published = fields.Boolean()


@api_bp.route("/evaluations/<year:year>/mine")
@api_bp.response(200, EvaluationMineSchema)
@requires("assessment.participate")
def api_my_evaluation(year: int):
    """我的评议：是否已自评、已投票，结果公布后为本人等次"""
    k = kernel()
    me = linked_member()
    row = queries.get_round(k, school(), year)
    if me is None or row is None:
        abort(404)
    p = queries.round_member(k, school(), year, me.id)
    if p is None:
        abort(404)
    published = row.status == "published"
    return {"year": year, "member_id": p.member_id, "name": p.name, "self_assessed": bool(p.self_text),
            "voted": services.has_voted(k, school(), year, p.member_id), "published": published,
            "grade": p.grade if published else None}


def _participant() -> UUID:
    return my_member_id()


@api_bp.route("/evaluations/<year:year>/self-assessment", methods=["POST"])
@api_bp.arguments(EvaluationSelfAssessmentSchema)
@api_bp.response(200, AssessmentAcceptedSchema)
@requires("assessment.participate")
def api_self_assessment(data, year: int):
    """本人提交个人自评（党性分析）"""
    services.write_self_assessment(kernel(), school(), year, _participant(), data["text"])
    return {"ok": True, "message": "个人自评已提交"}


@api_bp.route("/evaluations/<year:year>/ballot", methods=["POST"])
@api_bp.arguments(EvaluationBallotSchema)
@api_bp.response(202, AssessmentAcceptedSchema)
@requires("assessment.participate")
def api_ballot(data, year: int):
    """投出互评选票（匿名计入；每人一次；回应不含选票内容）"""
    services.cast_ballot(kernel(), school(), year, _participant(), data["choices"])
    return {"ok": True, "message": "选票已匿名计入"}


@api_bp.route("/evaluations/<year:year>/close", methods=["POST"])
@api_bp.arguments(AssessmentVersionedSchema)
@api_bp.response(200, EvaluationRoundOutSchema)
@requires("assessment.evaluate")
def api_close(data, year: int):
    """结束互评投票并计票（民主测评结果）"""
    services.close_ballot(kernel(), school(), year, data["expected_version"])
    return _round(year)


@api_bp.route("/evaluations/<year:year>/grades", methods=["POST"])
@api_bp.arguments(EvaluationGradeSchema)
@api_bp.response(200, EvaluationRoundOutSchema)
@requires("assessment.evaluate")
def api_grade(data, year: int):
    """支委会提出某党员的等次（优秀不超过正式党员的 1/3，向下取整；预备党员不评定等次）"""
    services.propose_grade(kernel(), school(), year, data["member_id"], data["grade"], data["note"],
                           data["expected_version"])
    return _round(year)


@api_bp.route("/evaluations/<year:year>/publish", methods=["POST"])
@api_bp.arguments(AssessmentVersionedSchema)
@api_bp.response(200, EvaluationRoundOutSchema)
@requires("assessment.evaluate")
def api_publish_results(data, year: int):
    """公布评议结果（告知本人，报上级党组织）"""
    services.publish_results(kernel(), school(), year, data["expected_version"])
    return _round(year)


# -- handling tracks -------------------------------------------------------------------------------
@api_bp.route("/tracks")
@api_bp.response(200, HandlingTrackOutSchema(many=True))
@requires("assessment.results")
def api_tracks():
    """不合格党员组织处置"""
    return queries.list_tracks(kernel(), school())


@api_bp.route("/tracks", methods=["POST"])
@api_bp.arguments(HandlingTrackCreateSchema)
@api_bp.response(201, HandlingTrackOutSchema)
@requires("assessment.handle")
def api_open_track(data):
    """支委会提出处置意见（限期改正 / 劝其退党 / 除名）"""
    track = services.open_handling(kernel(), school(), **data)
    return _track(track.id)


@api_bp.route("/tracks/<uuid:track_id>")
@api_bp.response(200, HandlingTrackOutSchema)
@requires("assessment.results")
def api_track(track_id: UUID):
    """处置详情"""
    return _track(track_id)


@api_bp.route("/tracks/<uuid:track_id>/pre-review", methods=["POST"])
@api_bp.arguments(HandlingPreReviewSchema)
@api_bp.response(200, HandlingTrackOutSchema)
@requires("assessment.handle")
def api_pre_review(data, track_id: UUID):
    """上级党组织预审"""
    _track(track_id)
    services.pre_review(kernel(), school(), track_id, data["reviewed_on"], data["note"], data["expected_version"])
    return _track(track_id)


@api_bp.route("/tracks/<uuid:track_id>/vote", methods=["POST"])
@api_bp.arguments(CongressVoteSchema)
@api_bp.response(200, HandlingTrackOutSchema)
@requires("assessment.handle")
def api_vote(data, track_id: UUID):
    """支部党员大会表决（实到过半、赞成票超过应到人数半数；缺席党员会前的书面意见计入）"""
    _track(track_id)
    services.record_congress_vote(kernel(), school(), track_id, data["held_on"], data["entitled"], data["present"],
                                  data["yes"], data["no"], data["abstain"], data["expected_version"],
                                  written_opinions=data["written_opinions"])
    return _track(track_id)


@api_bp.route("/tracks/<uuid:track_id>/approve", methods=["POST"])
@api_bp.arguments(HandlingApproveSchema)
@api_bp.response(200, HandlingTrackOutSchema)
@requires("assessment.approve")
def api_approve(data, track_id: UUID):
    """上级党组织批准（除名即时记入党员名册）"""
    _track(track_id)
    services.approve_handling(kernel(), school(), track_id, data["approved_on"], data["approver"], data["document"],
                              data["expected_version"])
    return _track(track_id)


@api_bp.route("/tracks/<uuid:track_id>/conclude", methods=["POST"])
@api_bp.arguments(HandlingConcludeSchema)
@api_bp.response(200, HandlingTrackOutSchema)
@requires("assessment.handle")
def api_conclude(data, track_id: UUID):
    """办结（改正情况、是否同意退党）"""
    _track(track_id)
    services.conclude_handling(kernel(), school(), track_id, data["outcome"], data["concluded_on"], data["reason"],
                               data["expected_version"])
    return _track(track_id)


# -- self-checks ----------------------------------------------------------------------------------
class AssessmentSelfCheckOutSchema(Schema):
    id = fields.UUID()
    year = fields.Integer()
    period = fields.String()
    subject = fields.String()
    subject_name = fields.String()
    text = fields.String()
    recorded_on = fields.Date()
    late = fields.Boolean()
    version = fields.Integer()


@api_bp.route("/self-checks", methods=["POST"])
@api_bp.arguments(AssessmentSelfCheckSchema)
@api_bp.response(201, AssessmentSelfCheckOutSchema)
@requires("assessment.participate")
def api_self_check(data):
    """提交季度自查（本人）或半年初评、年终总评（支部）"""
    k = kernel()
    if data["period"] in rules.BRANCH_PERIODS:
        require("assessment.evaluate", school())
        check = services.record_self_check(k, school(), data["year"], data["period"], "branch", "支部", data["text"])
    else:
        me = my_member()
        check = services.record_self_check(k, school(), data["year"], data["period"], str(me.id), me.name,
                                           data["text"])
    return queries.get_self_check(k, school(), check.id)
