"""Pages of study and training hours: the branch's sessions (and recording one), who is behind the
yearly requirement (with Excel), and a member's own hours and online courses."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, request, url_for
from flask_babel import gettext as _

from core.commands import page_command
from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import require, requires
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.study import present, queries, rules, services
from plugins.study.schemas import StudyCourseSchema, StudyMarkSchema, StudySessionSchema, StudyWithdrawSchema
from plugins.study.web import bp, my_member_id, tenant, year


def _render_index(status: int = 200):
    k = kernel()
    y = year()
    linkable = [m for m in meetings.list_meetings(k, tenant(), year=y) if m["type"] in rules.MEETING_KINDS.values()]
    return render_template("study/index.html", year=y, sessions=[present.session(r) for r in
                                                                  queries.list_sessions(k, tenant(), y)],
                           KINDS=rules.KINDS, roll=members.list_members(k, tenant()), meetings=linkable,
                           kind_options=[(c, _(n)) for c, n in rules.KINDS.items() if c != "online"]), status


@bp.route("/", methods=["GET", "POST"])
@requires("study.view")
def index():
    if request.method == "GET":
        return _render_index()

    def act():
        require("study.edit", tenant())
        services.record_session(kernel(), tenant(), form_input(StudySessionSchema(), drop_empty=True))
        return url_for("study.index")
    return page_command(act, _render_index, success=N_("已记录学习。"))


@bp.route("/sessions/<uuid:session_id>/withdraw", methods=["POST"])
@requires("study.edit")
def withdraw(session_id: UUID):
    def act():
        d = form_input(StudyWithdrawSchema())
        services.withdraw_session(kernel(), tenant(), session_id, d["reason"], d.get("expected_version"))
        return url_for("study.index")
    return page_command(act, _render_index, success=N_("已撤销学习记录。"))


@bp.route("/sessions/<uuid:session_id>/mark", methods=["POST"])
@requires("study.edit")
def mark(session_id: UUID):
    def act():
        d = form_input(StudyMarkSchema())
        services.mark_evidence(kernel(), tenant(), session_id, d["accepted"], d.get("comment", ""),
                               d.get("expected_version"))
        return url_for("study.index")
    return page_command(act, _render_index, success=N_("已审阅学习佐证。"))


@bp.route("/standing")
@requires("study.view")
def standing():
    k = kernel()
    y = year()
    rows = queries.standing(k, tenant(), y, k.today())
    return render_template("study/standing.html", year=y, rows=rows, hours_text=rules.hours_text,
                           chart=[(r.name, r.hours_x10 / 10) for r in rows])


@bp.route("/standing.xlsx")
@requires("study.view")
def standing_xlsx():
    k = kernel()
    y = year()
    rows = [present.standing_row(s) for s in queries.standing(k, tenant(), y, k.today())]
    return xlsx_response(f"学习学时-{y}.xlsx", [("学时", ["党员", "人员类别", "学时", "应完成学时", "达标", "说明"], rows)])


def _render_mine(status: int = 200):
    k = kernel()
    me = my_member_id()
    y = year()
    mine = [c for c in queries.credits(k, tenant(), y) if me is not None and c["member_id"] == str(me)]
    courses = [present.session(r) for r in queries.list_sessions(k, tenant(), y, member_id=me)] if me else []
    studied_away = [present.elsewhere(r) for r in queries.list_elsewhere(k, tenant(), y, member_id=me)] if me else []
    # quizzes on the sessions that credited this member (or on any of the year's sessions)
    sessions = {r.id for r in queries.list_sessions(k, tenant(), y) if r.status == "recorded"}
    open_quizzes = [present.quiz(q) for q in queries.list_quizzes(k, tenant(), session_ids=sessions)] if me else []
    taken = queries.quizzes_taken_by(k, tenant(), me) if me else set()
    done = sum(c["hours_x10"] for c in mine) + sum(int(round(a["hours"] * 10)) for a in studied_away)
    required = queries.required_hours(k, tenant(), members.get_member(k, tenant(), me).category, y) if me else 0
    return render_template("study/mine.html", year=y, me=me, credits=mine, courses=courses, KINDS=rules.KINDS,
                           away=studied_away, quizzes=open_quizzes, taken=taken, required=required,
                           done=done, hours_text=rules.hours_text), status


@bp.route("/mine", methods=["GET", "POST"])
@requires("study.mine")
def mine():
    if request.method == "GET":
        return _render_mine()

    def act():
        services.enter_course(kernel(), tenant(), my_member_id(), form_input(StudyCourseSchema()))
        return url_for("study.mine")
    return page_command(act, _render_mine, success=N_("已填报网络学习。"))


from plugins.study.web.pages import away, quizzes, requirements  # noqa: E402,F401  (their routes register on import)
