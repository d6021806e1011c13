"""The district's API: issue tasks, the live table, reminders, accept or return; information reports."""
from __future__ import annotations

from uuid import UUID

from core.kernel import kernel
from core.permissions import requires
from plugins.tasks import queries, services
from plugins.tasks.schemas import (
    AddSchoolsSchema, CancelSchema, CloseSchema, ExtendSchema, AnswerOutSchema, DecideSchema, InfoCountOutSchema, InfoOutSchema, JudgeSchema, RemindSchema, ReturnSchema,
    TaskIssueSchema, TaskListQuerySchema, TaskOutSchema, TaskTableOutSchema, YearQuerySchema,
)
from plugins.tasks.web import answer_dict, district_api_bp as api, found, school_of, task_dict, task_table, visible_slugs


@api.route("/")
@api.arguments(TaskListQuerySchema, location="query")
@api.response(200, TaskOutSchema(many=True))
@requires("tasks.district_view")
def api_tasks(args):
    """区里下发的任务（可按任务状态筛选、按截止日期排序）"""
    return [task_dict(t) for t in queries.list_tasks(kernel(), args["state"], args["sort"])]


@api.route("/", methods=["POST"])
@api.arguments(TaskIssueSchema)
@api.response(201, TaskOutSchema)
@requires("tasks.district")
def api_issue(data):
    """下发任务（不指定学校即下发全部学校）"""
    task = services.issue_task(kernel(), data["kind"], data["title"], data["content"], data["deadline"],
                               data["schools"], {"text": data["return_text"], "files": data["return_files"],
                                                 "fields": data["fields"]}, data["titles"])
    return task_dict(found(queries.get_task(kernel(), task.id)))


@api.route("/<uuid:task_id>")
@api.response(200, TaskTableOutSchema)
@requires("tasks.district_view")
def api_task(task_id: UUID):
    """一项任务的实时进度：各校状态、逾期、计数"""
    return task_table(task_id)


@api.route("/<uuid:task_id>/remind", methods=["POST"])
@api.arguments(RemindSchema)
@api.response(200, TaskTableOutSchema)
@requires("tasks.district")
def api_remind(data, task_id: UUID):
    """催办（不指定学校即催办全部未上报或被退回的学校）"""
    found(queries.get_task(kernel(), task_id))
    services.remind(kernel(), task_id, data["schools"], data["note"], data["expected_version"])
    return task_table(task_id)


@api.route("/<uuid:task_id>/schools", methods=["POST"])
@api.arguments(AddSchoolsSchema)
@api.response(200, TaskTableOutSchema)
@requires("tasks.district")
def api_add_schools(data, task_id: UUID):
    """补充下发：把任务下发给更多学校"""
    found(queries.get_task(kernel(), task_id))
    services.add_schools(kernel(), task_id, data["schools"], data["expected_version"])
    return task_table(task_id)


@api.route("/<uuid:task_id>/extend", methods=["POST"])
@api.arguments(ExtendSchema)
@api.response(200, TaskTableOutSchema)
@requires("tasks.district")
def api_extend(data, task_id: UUID):
    """延长截止日期（须说明理由，各校可见）"""
    found(queries.get_task(kernel(), task_id))
    services.extend_deadline(kernel(), task_id, data["deadline"], data["reason"], data["expected_version"])
    return task_table(task_id)


@api.route("/<uuid:task_id>/close", methods=["POST"])
@api.arguments(CloseSchema)
@api.response(200, TaskTableOutSchema)
@requires("tasks.district")
def api_close(data, task_id: UUID):
    """办结任务：不再收取上报，已上报的仍可审核"""
    found(queries.get_task(kernel(), task_id))
    services.close_task(kernel(), task_id, data["note"], data["expected_version"])
    return task_table(task_id)


@api.route("/<uuid:task_id>/cancel", methods=["POST"])
@api.arguments(CancelSchema)
@api.response(200, TaskTableOutSchema)
@requires("tasks.district")
def api_cancel(data, task_id: UUID):
    """撤销任务（须说明理由，各校可见）"""
    found(queries.get_task(kernel(), task_id))
    services.cancel_task(kernel(), task_id, data["reason"], data["expected_version"])
    return task_table(task_id)


@api.route("/<uuid:task_id>/schools/<school>")
@api.response(200, AnswerOutSchema)
@requires("tasks.district_view")
def api_answer(task_id: UUID, school: str):
    """一所学校上报的内容（只有已上报的，看不到草稿）"""
    return answer_dict(school_of(school), found(queries.submitted_answer(kernel(), school, task_id)))


@api.route("/<uuid:task_id>/schools/<school>/accept", methods=["POST"])
@api.arguments(JudgeSchema)
@api.response(200, TaskTableOutSchema)
@requires("tasks.district")
def api_accept(data, task_id: UUID, school: str):
    """通过一所学校的上报"""
    found(queries.get_task(kernel(), task_id))
    services.accept(kernel(), task_id, school_of(school), data["note"], data["expected_version"])
    return task_table(task_id)


@api.route("/<uuid:task_id>/schools/<school>/return", methods=["POST"])
@api.arguments(ReturnSchema)
@api.response(200, TaskTableOutSchema)
@requires("tasks.district")
def api_return(data, task_id: UUID, school: str):
    """退回一所学校的上报（须说明理由）"""
    found(queries.get_task(kernel(), task_id))
    services.send_back(kernel(), task_id, school_of(school), data["reason"], data["expected_version"])
    return task_table(task_id)


def _slugs() -> list[str]:
    return visible_slugs()


@api.route("/info")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, InfoOutSchema(many=True))
@requires("tasks.district_view")
def api_info(args):
    """各校已报送的信息（不含草稿）"""
    year = args.get("year") or kernel().today().year
    return [r._asdict() for r in queries.list_submitted_info(kernel(), _slugs(), year)]


@api.route("/info/counts")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, InfoCountOutSchema(many=True))
@requires("tasks.district_view")
def api_info_counts(args):
    """各校年度信息报送统计"""
    year = args.get("year") or kernel().today().year
    return [{"school": s, **c} for s, c in queries.info_counts(kernel(), _slugs(), year).items()]


@api.route("/info/<school>/<uuid:report_id>/decide", methods=["POST"])
@api.arguments(DecideSchema)
@api.response(200, InfoOutSchema)
@requires("tasks.district")
def api_info_decide(data, school: str, report_id: UUID):
    """采用、退回（须说明理由）或发布一条信息"""
    school = school_of(school)
    found(queries.get_info(kernel(), school, report_id, submitted_only=True))
    services.decide_info(kernel(), school, report_id, data["outcome"], data["reason"])
    return found(queries.get_info(kernel(), school, report_id, submitted_only=True))._asdict()
