"""A school's API: its tasks (sign, owner, progress, draft, submit) and its information reports."""
from __future__ import annotations

from uuid import UUID

from core.kernel import kernel
from core.permissions import requires
from plugins.tasks import queries, rules, services
from plugins.tasks.schemas import (
    AnswerSchema, InfoOutSchema, InfoSchema, OwnerSchema, TaskProgressSchema, SchoolTaskOutSchema, StandingOutSchema,
    InfoVersionSchema, StandingQuerySchema,
)
from plugins.tasks.web import api_bp, api_files, found, task_dict, tenant


def _task(task_id: UUID) -> dict:
    k = kernel()
    standing = found(queries.school_standing(k, tenant(), task_id, k.today()))
    _, draft, _ = queries.school_view(k, tenant(), task_id)
    return {"task": task_dict(found(queries.get_task(k, task_id))), "standing": standing._asdict(),
            "draft": {key: value for key, value in draft._mapping.items() if key not in ("tenant", "saved_at")}
            if draft is not None else None}


@api_bp.route("/")
@api_bp.arguments(StandingQuerySchema, location="query")
@api_bp.response(200, StandingOutSchema(many=True))
@requires("tasks.view")
def api_tasks(args):
    """本校的上级任务及办理状态（可按状态筛选、按截止日期或状态排序）"""
    k = kernel()
    standings = queries.list_school_tasks(k, tenant(), k.today())
    return [s._asdict() for s in rules.select_standings(standings, args["status"], args["sort"], "-deadline")]


@api_bp.route("/<uuid:task_id>")
@api_bp.response(200, SchoolTaskOutSchema)
@requires("tasks.view")
def api_task(task_id: UUID):
    """一项任务：内容、要求、本校状态与草稿"""
    return _task(task_id)


@api_bp.route("/<uuid:task_id>/open", methods=["POST"])
@api_bp.response(200, SchoolTaskOutSchema)
@requires("tasks.respond")
def api_task_open(task_id: UUID):
    """签收任务"""
    found(queries.school_standing(kernel(), tenant(), task_id, kernel().today()))
    services.open_task(kernel(), tenant(), task_id)
    return _task(task_id)


@api_bp.route("/<uuid:task_id>/owner", methods=["POST"])
@api_bp.arguments(OwnerSchema)
@api_bp.response(200, SchoolTaskOutSchema)
@requires("tasks.respond")
def api_task_owner(data, task_id: UUID):
    """确定负责人"""
    found(queries.school_standing(kernel(), tenant(), task_id, kernel().today()))
    services.assign_owner(kernel(), tenant(), task_id, data["owner"], data["expected_version"])
    return _task(task_id)


@api_bp.route("/<uuid:task_id>/progress", methods=["POST"])
@api_bp.arguments(TaskProgressSchema)
@api_bp.response(200, SchoolTaskOutSchema)
@requires("tasks.respond")
def api_task_progress(data, task_id: UUID):
    """报告办理进展"""
    found(queries.school_standing(kernel(), tenant(), task_id, kernel().today()))
    services.report_progress(kernel(), tenant(), task_id, data["text"], data["expected_version"])
    return _task(task_id)


def _answer(data, task_id: UUID, command) -> dict:
    found(queries.school_standing(kernel(), tenant(), task_id, kernel().today()))
    command(kernel(), tenant(), task_id, data["text"], api_files(data["files"]), data["values"], data.get("lines"),
            data["expected_version"])
    return _task(task_id)


@api_bp.route("/<uuid:task_id>/draft", methods=["POST"])
@api_bp.arguments(AnswerSchema)
@api_bp.response(200, SchoolTaskOutSchema)
@requires("tasks.respond")
def api_task_draft(data, task_id: UUID):
    """保存报送草稿（区里看不到草稿）"""
    return _answer(data, task_id, services.save_draft)


@api_bp.route("/<uuid:task_id>/submit", methods=["POST"])
@api_bp.arguments(AnswerSchema)
@api_bp.response(200, SchoolTaskOutSchema)
@requires("tasks.respond")
def api_task_submit(data, task_id: UUID):
    """上报（被退回后可再次上报）"""
    return _answer(data, task_id, services.submit)


# -- information reporting -----------------------------------------------------------------------
@api_bp.route("/info")
@api_bp.response(200, InfoOutSchema(many=True))
@requires("tasks.view")
def api_info():
    """本校的信息报送"""
    return [r._asdict() for r in queries.list_school_info(kernel(), tenant())]


@api_bp.route("/info", methods=["POST"])
@api_bp.arguments(InfoSchema)
@api_bp.response(201, InfoOutSchema)
@requires("tasks.respond")
def api_info_new(data):
    """起草一条信息（新闻稿或工作信息）"""
    report = services.draft_info(kernel(), tenant(), data["kind"], data["title"], data["text"],
                                 api_files(data.get("photos"), photos=True) or [])
    return found(queries.get_info(kernel(), tenant(), report.id))._asdict()


@api_bp.route("/info/<uuid:report_id>")
@api_bp.response(200, InfoOutSchema)
@requires("tasks.view")
def api_info_report(report_id: UUID):
    """一条信息"""
    return found(queries.get_info(kernel(), tenant(), report_id))._asdict()


@api_bp.route("/info/<uuid:report_id>", methods=["POST"])
@api_bp.arguments(InfoSchema)
@api_bp.response(200, InfoOutSchema)
@requires("tasks.respond")
def api_info_revise(data, report_id: UUID):
    """修改信息（草稿或被退回时）"""
    found(queries.get_info(kernel(), tenant(), report_id))
    services.revise_info(kernel(), tenant(), report_id, data["kind"], data["title"], data["text"],
                         api_files(data.get("photos"), photos=True), data["expected_version"])
    return found(queries.get_info(kernel(), tenant(), report_id))._asdict()


@api_bp.route("/info/<uuid:report_id>/submit", methods=["POST"])
@api_bp.arguments(InfoVersionSchema)
@api_bp.response(200, InfoOutSchema)
@requires("tasks.respond")
def api_info_submit(data, report_id: UUID):
    """报送信息"""
    found(queries.get_info(kernel(), tenant(), report_id))
    services.submit_info(kernel(), tenant(), report_id, data["expected_version"])
    return found(queries.get_info(kernel(), tenant(), report_id))._asdict()
