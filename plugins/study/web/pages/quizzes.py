"""Quiz pages: the secretary sets a short quiz on a session (questions, options, the right answers) and
sees who took it and their answers; a member takes it on their phone and sees their result. A quiz is
evidence of study, never hours: nothing here credits or scores time."""
from __future__ import annotations

from uuid import UUID

from flask import abort, render_template, request, url_for

from core.commands import page_command
from core.errors import N_
from core.kernel import kernel
from core.permissions import requires
from plugins.study import present, queries, services
from plugins.study.schemas import StudyQuizSchema, StudyQuizTakeSchema
from plugins.study.web import bp, my_member_id, tenant

SLOTS, OPTIONS = 5, 4        # blank questions and options a page offers (the API takes up to 20 and 8)
QUESTIONS_MAX = 20


def _rows(form) -> int:
    """How many question rows the form has (its hidden ``slots``), never past one more than the API takes
    (so that the schema says there are too many); a count that is no number reads that many rows."""
    count = (form.get("slots") or "").strip()
    return min(int(count), QUESTIONS_MAX + 1) if count.isdigit() else QUESTIONS_MAX + 1


def quiz_from_form(form) -> dict:
    """The quiz form (``q1-text``, ``q1-opt1``…, ``q1-right`` checked options) as the API's input: blank
    questions left out, blank options dropped (the right answers follow their options)."""
    questions = []
    for n in range(1, _rows(form) + 1):
        text = (form.get(f"q{n}-text") or "").strip()
        filled = [(m, (form.get(f"q{n}-opt{m}") or "").strip()) for m in range(1, 9)]
        filled = [(m, o) for m, o in filled if o]
        if not text and not filled:
            continue
        right = set(form.getlist(f"q{n}-right"))
        questions.append({"text": text, "options": [o for _m, o in filled],
                          "answers": [i for i, (m, _o) in enumerate(filled) if str(m) in right]})
    data = {"title": form.get("title", ""), "questions": questions}
    if form.get("expected_version"):
        data["expected_version"] = form.get("expected_version")
    return data


def _session(session_id: UUID):
    session = queries.get_session(kernel(), tenant(), session_id)
    if session is None:
        abort(404)
    return session


def _quiz(quiz_id: UUID):
    quiz = queries.get_quiz(kernel(), tenant(), quiz_id)
    if quiz is None:
        abort(404)
    return quiz


def _slots(questions: list) -> list:
    """Questions to show in the form: the quiz's own (or what was posted), then blank ones."""
    shown = [dict(q) for q in questions]
    return shown + [{"text": "", "options": [], "answers": []}] * max(SLOTS - len(shown), 1)


def _render_session(session_id: UUID, status: int = 200):
    session = _session(session_id)
    posted = quiz_from_form(request.form)["questions"] if request.method == "POST" else []
    return render_template("study/quizzes.html", session=present.session(session), options=OPTIONS,
                           quizzes=[present.quiz(q) for q in queries.list_quizzes(kernel(), tenant(), session_id)],
                           slots=_slots(posted)), status


@bp.route("/sessions/<uuid:session_id>/quizzes")
@requires("study.view")
def session_quizzes(session_id: UUID):
    return _render_session(session_id)


@bp.route("/sessions/<uuid:session_id>/quizzes", methods=["POST"])
@requires("study.edit")
def quiz_set(session_id: UUID):
    _session(session_id)

    def act():
        d = StudyQuizSchema().load(quiz_from_form(request.form))
        quiz = services.set_quiz(kernel(), tenant(), session_id, d["title"], d["questions"])
        return url_for("study.quiz", quiz_id=quiz.id)
    return page_command(act, lambda s: _render_session(session_id, s), success=N_("已设置测验。"))


def _render_quiz(quiz_id: UUID, status: int = 200):
    quiz = _quiz(quiz_id)
    posted = quiz_from_form(request.form)["questions"] if request.method == "POST" else quiz.questions
    return render_template("study/quiz.html", quiz=present.quiz(quiz), session=present.session(_session(quiz.session_id)),
                           results=[present.quiz_result(r) for r in queries.quiz_answers(kernel(), tenant(), quiz_id)],
                           slots=_slots(posted), options=OPTIONS), status


@bp.route("/quizzes/<uuid:quiz_id>")
@requires("study.view")
def quiz(quiz_id: UUID):
    return _render_quiz(quiz_id)


@bp.route("/quizzes/<uuid:quiz_id>/revise", methods=["POST"])
@requires("study.edit")
def quiz_revise(quiz_id: UUID):
    _quiz(quiz_id)

    def act():
        d = StudyQuizSchema().load(quiz_from_form(request.form))
        services.revise_quiz(kernel(), tenant(), quiz_id, d["title"], d["questions"], d["expected_version"])
        return url_for("study.quiz", quiz_id=quiz_id)
    return page_command(act, lambda s: _render_quiz(quiz_id, s), success=N_("已修改测验。"))


def _render_take(quiz_id: UUID, status: int = 200):
    quiz = _quiz(quiz_id)
    me = my_member_id()
    mine = queries.quiz_answers(kernel(), tenant(), quiz_id, member_id=me) if me is not None else []
    chosen = [request.form.getlist(f"q{n}") for n in range(1, len(quiz.questions) + 1)] \
        if request.method == "POST" else [[] for _q in quiz.questions]
    return render_template("study/take.html", quiz=present.quiz(quiz), me=me, chosen=chosen,
                           result=present.quiz_result(mine[0]) if mine else None), status


@bp.route("/quizzes/<uuid:quiz_id>/take", methods=["GET", "POST"])
@requires("study.mine")
def quiz_take(quiz_id: UUID):
    if request.method == "GET":
        return _render_take(quiz_id)
    quiz = _quiz(quiz_id)

    def act():
        answers = [request.form.getlist(f"q{n}") for n in range(1, len(quiz.questions) + 1)]
        d = StudyQuizTakeSchema().load({"answers": answers})
        services.take_quiz(kernel(), tenant(), quiz_id, my_member_id(), d["answers"])
        return url_for("study.quiz_take", quiz_id=quiz_id)
    return page_command(act, lambda s: _render_take(quiz_id, s), success=N_("已提交测验。"))
