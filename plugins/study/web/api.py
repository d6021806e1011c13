"""The API of study and training hours: sessions, recording one, a member's own online course,
withdrawing and marking, and each member's hours against the yearly requirement."""
from __future__ import annotations

from uuid import UUID

from flask import abort

from core.kernel import kernel
from core.permissions import requires
from plugins.study import present, queries, services
from plugins.study.schemas import (
    StudyElsewhereListOutSchema, StudyElsewhereOutSchema, StudyElsewhereSchema, StudyQuizOutSchema,
    StudyQuizResultOutSchema, StudyQuizResultsOutSchema, StudyQuizSchema, StudyQuizTakeSchema,
    StudyRequirementSchema, StudyRequirementsOutSchema,
    StudyCourseSchema, StudyMarkSchema, StudySessionOutSchema, StudySessionSchema, StudySessionsOutSchema, StudyStandingsOutSchema, StudyWithdrawSchema,
    StudyYearArgsSchema,
)
from plugins.study.web import api_bp, my_member_id, tenant


def _year(args) -> int:
    return args.get("year") or kernel().today().year


def _one(session) -> dict:
    return present.session(queries.get_session(kernel(), tenant(), session.id))


@api_bp.route("/sessions")
@api_bp.arguments(StudyYearArgsSchema, location="query")
@api_bp.response(200, StudySessionsOutSchema)
@requires("study.view")
def api_sessions(args):
    """一年的学习记录（新的在前）"""
    y = _year(args)
    return {"year": y, "items": [present.session(r) for r in queries.list_sessions(kernel(), tenant(), y)]}


@api_bp.route("/sessions", methods=["POST"])
@api_bp.arguments(StudySessionSchema)
@api_bp.response(201, StudySessionOutSchema)
@requires("study.edit")
def api_record(data):
    """记录一次学习：党课、主题党日关联会议时按出席记录计入学时，其余列出参加党员"""
    return _one(services.record_session(kernel(), tenant(), data))


@api_bp.route("/sessions/<uuid:session_id>/withdraw", methods=["POST"])
@api_bp.arguments(StudyWithdrawSchema)
@api_bp.response(200, StudySessionOutSchema)
@requires("study.edit")
def api_withdraw(data, session_id: UUID):
    """撤销一条学习记录（说明原因；它计入的学时随之撤销）"""
    return _one(services.withdraw_session(kernel(), tenant(), session_id, data["reason"], data.get("expected_version")))


@api_bp.route("/sessions/<uuid:session_id>/mark", methods=["POST"])
@api_bp.arguments(StudyMarkSchema)
@api_bp.response(200, StudySessionOutSchema)
@requires("study.edit")
def api_mark(data, session_id: UUID):
    """审阅党员填报的网络学习佐证（心得或测验答案）；不合格的不计学时"""
    return _one(services.mark_evidence(kernel(), tenant(), session_id, data["accepted"], data.get("comment", ""),
                                       data.get("expected_version")))


@api_bp.route("/mine", methods=["POST"])
@api_bp.arguments(StudyCourseSchema)
@api_bp.response(201, StudySessionOutSchema)
@requires("study.mine")
def api_course(data):
    """本人填报网络学习（附学习心得或测验答案）"""
    return _one(services.enter_course(kernel(), tenant(), my_member_id(), data))


@api_bp.route("/standing")
@api_bp.arguments(StudyYearArgsSchema, location="query")
@api_bp.response(200, StudyStandingsOutSchema)
@requires("study.view")
def api_standing(args):
    """每名党员的年度学时与应完成学时，未达标的说明原因"""
    y = _year(args)
    return {"year": y, "items": [present.standing(s) for s in queries.standing(kernel(), tenant(), y, kernel().today())]}


@api_bp.route("/elsewhere")
@api_bp.arguments(StudyYearArgsSchema, location="query")
@api_bp.response(200, StudyElsewhereListOutSchema)
@requires("study.view")
def api_elsewhere(args):
    """流动党员在流入地参加的学习（一年，含已撤销）"""
    y = _year(args)
    return {"year": y, "items": [present.elsewhere(r) for r in
                                 queries.list_elsewhere(kernel(), tenant(), y, include_withdrawn=True)]}


@api_bp.route("/elsewhere", methods=["POST"])
@api_bp.arguments(StudyElsewhereSchema)
@api_bp.response(201, StudyElsewhereOutSchema)
@requires("study.edit")
def api_elsewhere_record(data):
    """登记流动党员在流入地参加的学习（计入本人年度学时，与本支部的学习分开显示）"""
    record = services.record_elsewhere(kernel(), tenant(), data)
    row = next(r for r in queries.member_elsewhere(kernel(), tenant(), data["member_id"]) if r.id == record.id)
    return present.elsewhere(row)


@api_bp.route("/sessions/<uuid:session_id>/quizzes", methods=["POST"])
@api_bp.arguments(StudyQuizSchema)
@api_bp.response(201, StudyQuizOutSchema)
@requires("study.edit")
def api_quiz_set(data, session_id: UUID):
    """为一次学习设置测验（题目、选项与正确答案）；测验只作佐证，不计学时"""
    quiz = services.set_quiz(kernel(), tenant(), session_id, data["title"], data["questions"])
    return present.quiz(queries.get_quiz(kernel(), tenant(), quiz.id))


@api_bp.route("/quizzes/<uuid:quiz_id>")
@api_bp.response(200, StudyQuizResultsOutSchema)
@requires("study.view")
def api_quiz(quiz_id: UUID):
    """一次测验：题目、正确答案，以及谁完成了、各自的答案"""
    quiz = queries.get_quiz(kernel(), tenant(), quiz_id)
    if quiz is None:
        abort(404)
    return {"quiz": present.quiz(quiz),
            "items": [present.quiz_result(r) for r in queries.quiz_answers(kernel(), tenant(), quiz_id)]}


@api_bp.route("/quizzes/<uuid:quiz_id>", methods=["PUT"])
@api_bp.arguments(StudyQuizSchema)
@api_bp.response(200, StudyQuizOutSchema)
@requires("study.edit")
def api_quiz_revise(data, quiz_id: UUID):
    """修改测验（尚无党员完成时；expected_version 过期为 409）"""
    services.revise_quiz(kernel(), tenant(), quiz_id, data["title"], data["questions"], data["expected_version"])
    return present.quiz(queries.get_quiz(kernel(), tenant(), quiz_id))


@api_bp.route("/quizzes/<uuid:quiz_id>/answers", methods=["POST"])
@api_bp.arguments(StudyQuizTakeSchema)
@api_bp.response(201, StudyQuizResultOutSchema)
@requires("study.mine")
def api_quiz_take(data, quiz_id: UUID):
    """本人参加测验（每人一次），返回答对题数"""
    me = my_member_id()
    services.take_quiz(kernel(), tenant(), quiz_id, me, data["answers"])
    return present.quiz_result(queries.quiz_answers(kernel(), tenant(), quiz_id, member_id=me)[0])


@api_bp.route("/requirements")
@api_bp.response(200, StudyRequirementsOutSchema)
@requires("study.view")
def api_requirements():
    """本校学时要求的各版本（各自执行日期起适用）"""
    return _requirements()


def _requirements() -> dict:
    return {"version": services.requirements_version(kernel(), tenant()),
            "items": [dict(r._mapping) for r in queries.list_requirements(kernel(), tenant())]}


@api_bp.route("/requirements", methods=["POST"])
@api_bp.arguments(StudyRequirementSchema)
@api_bp.response(201, StudyRequirementsOutSchema)
@requires("study.edit")
def api_requirement_add(data):
    """登记新的学时要求版本（自执行日期起适用，不改变以往年度）"""
    services.add_requirement(kernel(), tenant(), data["effective_from"], data["regular"], data["retiree"], data["note"],
                             data["expected_version"])
    return _requirements()
