"""The API of study and training hours: sessions, recording one, a member's own online course,
withdrawing and marking, and each member's hours against the yearly requirement."""
from __future__ import annotations

from uuid import UUID

from core.kernel import kernel
from core.permissions import requires
from plugins.study import present, queries, services
from plugins.study.schemas import (
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
