"""A school's side of district tasks: its list, one task (sign, owner, progress, draft, submit)."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, request, url_for

from core.commands import page_command
from core.errors import N_
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.tasks import queries, rules, services
from plugins.tasks.schemas import AnswerSchema, OwnerSchema, TaskProgressSchema
from plugins.tasks.web import TEMPLATE_WORDS, bp, found, listing_args, send_answer_file, tenant, uploads


@bp.route("/")
@requires("tasks.view")
def index():
    k = kernel()
    standings = queries.list_school_tasks(k, tenant(), k.today())
    args = listing_args()
    page = queries.page_of(rules.select_standings(standings, args["status"], args["sort"], "-deadline"), args["page"])
    return render_template("tasks/index.html", standings=page.items, page=page, args=args, today=k.today(),
                           **TEMPLATE_WORDS)


def _render_task(task_id: UUID, status: int = 200):
    k = kernel()
    standing = found(queries.school_standing(k, tenant(), task_id, k.today()))
    task = found(queries.get_task(k, task_id))
    response, draft, notes = queries.school_view(k, tenant(), task_id)
    return render_template("tasks/task.html", task=task, s=standing, response=response, draft=draft, notes=notes,
                           today=k.today(), **TEMPLATE_WORDS), status


@bp.route("/<uuid:task_id>")
@requires("tasks.view")
def task(task_id: UUID):
    return _render_task(task_id)


def _command(task_id: UUID, act, success: str):
    found(queries.school_standing(kernel(), tenant(), task_id, kernel().today()))

    def run():
        act()
        return url_for("tasks.task", task_id=task_id)
    return page_command(run, lambda s: _render_task(task_id, s), success=success)


@bp.route("/<uuid:task_id>/open", methods=["POST"])
@requires("tasks.respond")
def task_open(task_id: UUID):
    return _command(task_id, lambda: services.open_task(kernel(), tenant(), task_id), N_("已签收任务。"))


@bp.route("/<uuid:task_id>/owner", methods=["POST"])
@requires("tasks.respond")
def task_owner(task_id: UUID):
    def act():
        d = form_input(OwnerSchema())
        services.assign_owner(kernel(), tenant(), task_id, d["owner"], d["expected_version"])
    return _command(task_id, act, N_("已确定负责人。"))


@bp.route("/<uuid:task_id>/progress", methods=["POST"])
@requires("tasks.respond")
def task_progress(task_id: UUID):
    def act():
        d = form_input(TaskProgressSchema())
        services.report_progress(kernel(), tenant(), task_id, d["text"], d["expected_version"])
    return _command(task_id, act, N_("已记录办理进展。"))


def _posted_answer(task) -> dict:
    """The answer form: text, typed fields (value-f1 …), subscription lines (copies-i, amount-i)."""
    data = {"text": request.form.get("text", ""),
            "values": {spec["key"]: request.form.get(f"value-{spec['key']}", "")
                       for spec in task.returns.get("fields") or ()},
            "expected_version": request.form.get("expected_version", "")}
    if task.kind == "subscription":
        data["lines"] = [{"title": t, "copies": request.form.get(f"copies-{i}", "") or "0",
                          "amount": request.form.get(f"amount-{i}", "") or "0"} for i, t in enumerate(task.titles)]
    data = AnswerSchema().load(data)
    return data


@bp.route("/<uuid:task_id>/answer", methods=["POST"])
@requires("tasks.respond")
def task_answer(task_id: UUID):
    """保存草稿 or 上报 (``action``): files uploaded now, else those of the draft."""
    k = kernel()
    task = found(queries.get_task(k, task_id))

    def act():
        d = _posted_answer(task)
        files = services.store_files(k, uploads("files"))
        if not files:
            _, draft, _ = queries.school_view(k, tenant(), task_id)
            files = list(draft.files or []) if draft is not None else []
        command = services.submit if request.form.get("action") == "submit" else services.save_draft
        command(k, tenant(), task_id, d["text"], files, d["values"], d.get("lines"), d["expected_version"])
    success = N_("已上报，等待区里审核。") if request.form.get("action") == "submit" else N_("草稿已保存（区里看不到草稿）。")
    return _command(task_id, act, success)


@bp.route("/<uuid:task_id>/files/<sha256>")
@requires("tasks.view")
def task_file(task_id: UUID, sha256: str):
    return send_answer_file(tenant(), task_id, sha256, submitted_only=False)
