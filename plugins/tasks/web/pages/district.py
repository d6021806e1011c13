"""The district's side: issue tasks, the live table per task with Excel, reminders, accept or return a
school's submitted answer; information reports submitted by schools, decisions, counts per school."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, request, url_for

from core.commands import page_command
from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from core.tenancy import queries as schools_queries
from core.web import int_arg
from plugins.tasks import present, queries, rules, services
from plugins.tasks.schemas import (
    AddSchoolsSchema, CancelSchema, CloseSchema, DecideSchema, ExtendSchema, JudgeSchema, RemindSchema, ReturnSchema,
    TaskIssueSchema,
)
from plugins.tasks.web import (
    TEMPLATE_WORDS, chosen, district_bp, found, listing_args, school_of, send_answer_file, send_info_photo,
    visible_slugs, visible_standings,
)


def _names() -> dict:
    """The schools this user may see on the district's pages (an inspector: their assignment's)."""
    k, shown = kernel(), set(visible_slugs())
    with k.reading() as conn:
        return {s.slug: s.name for s in schools_queries.list_schools(conn) if s.slug in shown}


def _render_index(status: int = 200):
    k = kernel()
    state, sort = chosen("state", rules.TASK_STATES), chosen("sort", ("deadline", "-deadline")) or "-deadline"
    page = queries.tasks_page(k, state, sort, int_arg("page", 1))
    return render_template("tasks/district_index.html", tasks=page.items, page=page, state=state, sort=sort,
                           names=_names(), today=k.today(), **TEMPLATE_WORDS), status


@district_bp.route("/")
@requires("tasks.district_view")
def index():
    return _render_index()


def _posted_issue() -> dict:
    form = request.form
    specs = [{"label": form.get(f"field_label-{i}", "").strip(), "type": form.get(f"field_type-{i}", "text")}
             for i in range(1, 4) if form.get(f"field_label-{i}", "").strip()]
    titles = [t.strip() for t in form.get("titles", "").splitlines() if t.strip()]
    return TaskIssueSchema().load({
        "kind": form.get("kind", "general"), "title": form.get("title", ""), "content": form.get("content", ""),
        "deadline": form.get("deadline", ""), "schools": form.getlist("schools"),
        "return_text": bool(form.get("return_text")), "return_files": bool(form.get("return_files")),
        "fields": specs, "titles": titles})


@district_bp.route("/new", methods=["POST"])
@requires("tasks.district")
def issue():
    def act():
        d = _posted_issue()
        task = services.issue_task(kernel(), d["kind"], d["title"], d["content"], d["deadline"], d["schools"],
                                   {"text": d["return_text"], "files": d["return_files"], "fields": d["fields"]},
                                   d["titles"])
        return url_for("tasks_district.task", task_id=task.id)
    return page_command(act, _render_index, success=N_("任务已下发。"))


def _render_task(task_id: UUID, status: int = 200):
    k = kernel()
    task = found(queries.get_task(k, task_id))
    standings = visible_standings(queries.task_table(k, task_id, k.today()))
    args = listing_args()
    page = queries.page_of(rules.select_standings(standings, args["status"], args["sort"], "school"), args["page"])
    return render_template("tasks/district_task.html", task=task, standings=standings, page=page, args=args,
                           counts=queries.counts(standings), names=_names(), today=k.today(),
                           **TEMPLATE_WORDS), status


@district_bp.route("/<uuid:task_id>")
@requires("tasks.district_view")
def task(task_id: UUID):
    return _render_task(task_id)


@district_bp.route("/<uuid:task_id>/export.xlsx")
@requires("tasks.district_view")
def task_export(task_id: UUID):
    k = kernel()
    task = found(queries.get_task(k, task_id))
    standings = visible_standings(queries.task_table(k, task_id, k.today()))
    return xlsx_response(f"任务进度-{task.title}.xlsx", present.task_sheets(task, standings, _names()))


@district_bp.route("/<uuid:task_id>/remind", methods=["POST"])
@requires("tasks.district")
def remind(task_id: UUID):
    found(queries.get_task(kernel(), task_id))

    def act():
        d = form_input(RemindSchema())
        services.remind(kernel(), task_id, d["schools"], d["note"], d["expected_version"])
    return page_command(act, lambda s: _render_task(task_id, s), success=N_("已催办。"))


def _task_command(task_id: UUID, form, command, success: str):
    """A change of the task itself (add schools, extend, close, cancel), shown again on its page."""
    found(queries.get_task(kernel(), task_id))

    def act():
        d = form_input(form)
        command(d)
    return page_command(act, lambda s: _render_task(task_id, s), success=success)


@district_bp.route("/<uuid:task_id>/schools", methods=["POST"])
@requires("tasks.district")
def add_schools(task_id: UUID):
    return _task_command(task_id, AddSchoolsSchema(), lambda d: services.add_schools(
        kernel(), task_id, d["schools"], d["expected_version"]), N_("已补充下发。"))


@district_bp.route("/<uuid:task_id>/extend", methods=["POST"])
@requires("tasks.district")
def extend(task_id: UUID):
    return _task_command(task_id, ExtendSchema(), lambda d: services.extend_deadline(
        kernel(), task_id, d["deadline"], d["reason"], d["expected_version"]), N_("截止日期已延长。"))


@district_bp.route("/<uuid:task_id>/close", methods=["POST"])
@requires("tasks.district")
def close(task_id: UUID):
    return _task_command(task_id, CloseSchema(), lambda d: services.close_task(
        kernel(), task_id, d["note"], d["expected_version"]), N_("任务已办结。"))


@district_bp.route("/<uuid:task_id>/cancel", methods=["POST"])
@requires("tasks.district")
def cancel(task_id: UUID):
    return _task_command(task_id, CancelSchema(), lambda d: services.cancel_task(
        kernel(), task_id, d["reason"], d["expected_version"]), N_("任务已撤销。"))


def _render_answer(task_id: UUID, school: str, status: int = 200):
    k = kernel()
    task = found(queries.get_task(k, task_id))
    standing = found(queries.school_standing(k, school, task_id, k.today()))
    return render_template("tasks/district_answer.html", task=task, s=standing, names=_names(),
                           answer=queries.submitted_answer(k, school, task_id), **TEMPLATE_WORDS), status


@district_bp.route("/<uuid:task_id>/schools/<school>")
@requires("tasks.district_view")
def answer(task_id: UUID, school: str):
    return _render_answer(task_id, school_of(school))


@district_bp.route("/<uuid:task_id>/schools/<school>/accept", methods=["POST"])
@requires("tasks.district")
def accept(task_id: UUID, school: str):
    school = school_of(school)

    def act():
        d = form_input(JudgeSchema())
        services.accept(kernel(), task_id, school, d["note"], d["expected_version"])
    return page_command(act, lambda s: _render_answer(task_id, school, s), success=N_("已通过。"))


@district_bp.route("/<uuid:task_id>/schools/<school>/return", methods=["POST"])
@requires("tasks.district")
def send_back(task_id: UUID, school: str):
    school = school_of(school)

    def act():
        d = form_input(ReturnSchema())
        services.send_back(kernel(), task_id, school, d["reason"], d["expected_version"])
    return page_command(act, lambda s: _render_answer(task_id, school, s), success=N_("已退回学校。"))


@district_bp.route("/<uuid:task_id>/schools/<school>/files/<sha256>")
@requires("tasks.district_view")
def answer_file(task_id: UUID, school: str, sha256: str):
    return send_answer_file(school_of(school), task_id, sha256, submitted_only=True)


# -- information reporting -----------------------------------------------------------------------
def _year() -> int:
    value = request.args.get("year", type=int)
    return value if value and 2000 <= value <= 2100 else kernel().today().year


def _render_info(status: int = 200):
    k, year = kernel(), _year()
    names = _names()
    return render_template("tasks/district_info.html", year=year, names=names,
                           reports=queries.list_submitted_info(k, list(names), year),
                           counts=queries.info_counts(k, list(names), year), **TEMPLATE_WORDS), status


@district_bp.route("/info")
@requires("tasks.district_view")
def info():
    return _render_info()


@district_bp.route("/info/export.xlsx")
@requires("tasks.district_view")
def info_export():
    k, year, names = kernel(), _year(), _names()
    return xlsx_response(f"信息报送-{year}.xlsx", present.info_sheets(
        names, queries.info_counts(k, list(names), year), queries.list_submitted_info(k, list(names), year)))


def _render_report(school: str, report_id: UUID, status: int = 200):
    row = found(queries.get_info(kernel(), school, report_id, submitted_only=True))
    return render_template("tasks/district_info_report.html", r=row, school=school, names=_names(),
                           **TEMPLATE_WORDS), status


@district_bp.route("/info/<school>/<uuid:report_id>")
@requires("tasks.district_view")
def info_report(school: str, report_id: UUID):
    return _render_report(school_of(school), report_id)


@district_bp.route("/info/<school>/<uuid:report_id>/decide", methods=["POST"])
@requires("tasks.district")
def info_decide(school: str, report_id: UUID):
    school = school_of(school)
    found(queries.get_info(kernel(), school, report_id, submitted_only=True))

    def act():
        d = form_input(DecideSchema())
        services.decide_info(kernel(), school, report_id, d["outcome"], d["reason"])
    return page_command(act, lambda s: _render_report(school, report_id, s), success=N_("审核结果已记录。"))


@district_bp.route("/info/<school>/<uuid:report_id>/photos/<sha256>")
@requires("tasks.district_view")
def info_photo(school: str, report_id: UUID, sha256: str):
    return send_info_photo(school_of(school), report_id, sha256, submitted_only=True)
