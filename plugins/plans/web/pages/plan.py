"""Pages of the annual work plan (年度党建工作计划): the plan with its progress and half-year views, an
item with its reports, and the Excel export."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, url_for

from core.context import set_reason
from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from plugins.meetings import public as meetings
from plugins.plans import present, queries, rules, services
from plugins.plans.schemas import AdoptSchema, ItemSchema, PlanCreateSchema, PlanReportSchema, RemoveSchema, ReviewSchema
from plugins.plans.web import bp, found, handle, tenant, uploads, year_arg


def _held(type_code: str, years) -> list[dict]:
    k = kernel()
    return [m for y in years for m in meetings.list_meetings(k, tenant(), type=type_code, year=y)
            if m["status"] == "held"]


def _as_of(year: int):
    today = kernel().today()
    return today if today.year == year else rules.half_end(year, 2)


def _render_plan(year: int, status: int = 200):
    k, t = kernel(), tenant()
    view = queries.plan_view(k, t, year, _as_of(year))
    committee = _held("committee", (year, year - 1)) if view else []
    resolutions = [{**r, "meeting_title": m["title"]} for m in committee
                   for r in meetings.list_resolutions(k, t, m["id"])]
    plan_row = view["plan"] if view else None
    decision = next((r for r in meetings.list_resolutions(k, t, plan_row.adopted_meeting_id)
                     if r["id"] == plan_row.resolution_id), None) if plan_row and plan_row.resolution_id else None
    return render_template("plans/plan.html", year=year, view=view, today=k.today(), decision=decision,
                           halves=queries.half_views(k, t, year, k.today()) if view else [],
                           links=queries.link_choices(k, t), committee=committee, resolutions=resolutions,
                           topics=[m for t in rules.REVIEW_MEETING_TYPES for m in _held(t, (year,))] if view else []), status


@bp.route("/")
@bp.route("/plan")
@requires("plans.view")
def plan():
    return _render_plan(year_arg())


@bp.route("/plan/new", methods=["POST"])
@requires("plans.edit")
def plan_new():
    year = year_arg()

    def act():
        d = form_input(PlanCreateSchema())
        services.draft_plan(kernel(), tenant(), d["year"], d.get("title"))
        return url_for("plans.plan", year=d["year"])
    return handle(act, N_("已建立年度党建工作计划。"), lambda s: _render_plan(year, s))


def _plan_command(plan_id: UUID, schema, command, success: str, render=None):
    plan_row = found(queries.get_plan_by_id(kernel(), tenant(), plan_id))

    def act():
        data = form_input(schema)
        version = data.pop("expected_version")
        target = command(data, version)   # a command may name where to go next; a service's answer is not that
        return target if isinstance(target, str) else url_for("plans.plan", year=plan_row.year)
    return handle(act, success, render or (lambda s: _render_plan(plan_row.year, s)))


@bp.route("/plan/<uuid:plan_id>/items", methods=["POST"])
@requires("plans.edit")
def item_new(plan_id: UUID):
    return _plan_command(plan_id, ItemSchema(), lambda d, v: services.add_item(
        kernel(), tenant(), plan_id, d, v), N_("已增加计划事项。"))


@bp.route("/plan/<uuid:plan_id>/adopt", methods=["POST"])
@requires("plans.adopt")
def adopt(plan_id: UUID):
    return _plan_command(plan_id, AdoptSchema(), lambda d, v: services.adopt_plan(
        kernel(), tenant(), plan_id, d["meeting_id"], d.get("resolution_id"), v),
        N_("已登记支委会通过年度计划。"))


@bp.route("/plan/<uuid:plan_id>/review", methods=["POST"])
@requires("plans.edit")
def review(plan_id: UUID):
    return _plan_command(plan_id, ReviewSchema(), lambda d, v: services.review_plan(
        kernel(), tenant(), plan_id, d["half"], d["meeting_id"], d["summary"], v),
        N_("已登记半年检查。"))


# -- one item ----------------------------------------------------------------------------------------
def _item_view(plan_id: UUID, item_id: str):
    k, t = kernel(), tenant()
    plan_row = found(queries.get_plan_by_id(k, t, plan_id))
    view = queries.plan_view(k, t, plan_row.year, _as_of(plan_row.year))
    row = found(next((r for r in view["items"] if r["item"].item_id == item_id), None))
    return plan_row, row


def _render_item(plan_id: UUID, item_id: str, status: int = 200):
    plan_row, row = _item_view(plan_id, item_id)
    return render_template("plans/item.html", p=plan_row, row=row, today=kernel().today(),
                           links=queries.link_choices(kernel(), tenant())), status


@bp.route("/plan/<uuid:plan_id>/items/<item_id>")
@requires("plans.view")
def item(plan_id: UUID, item_id: str):
    return _render_item(plan_id, item_id)


def _item_command(plan_id: UUID, item_id: str, schema, command, success: str):
    _item_view(plan_id, item_id)
    return _plan_command(plan_id, schema, command, success, lambda s: _render_item(plan_id, item_id, s))


@bp.route("/plan/<uuid:plan_id>/items/<item_id>/revise", methods=["POST"])
@requires("plans.edit")
def item_revise(plan_id: UUID, item_id: str):
    def command(d, v):
        if d.get("reason"):
            set_reason(d["reason"])
        values = {f: d.get(f) for f in ("what", "measure", "target", "owner", "due_on", "link")}
        services.revise_item(kernel(), tenant(), plan_id, item_id, values, v)
        return url_for("plans.item", plan_id=plan_id, item_id=item_id)
    return _item_command(plan_id, item_id, ItemSchema(), command, N_("已修改计划事项。"))


@bp.route("/plan/<uuid:plan_id>/items/<item_id>/remove", methods=["POST"])
@requires("plans.edit")
def item_remove(plan_id: UUID, item_id: str):
    return _item_command(plan_id, item_id, RemoveSchema(), lambda d, v: services.remove_item(
        kernel(), tenant(), plan_id, item_id, v), N_("已删除计划事项。"))


@bp.route("/plan/<uuid:plan_id>/items/<item_id>/report", methods=["POST"])
@requires("plans.edit")
def item_report(plan_id: UUID, item_id: str):
    def command(d, v):
        evidence = services.store_files(kernel(), uploads("evidence"))
        services.report_progress(kernel(), tenant(), plan_id, item_id, d["on"], d["text"], d.get("done"),
                                 d.get("complete", False), evidence, v)
        return url_for("plans.item", plan_id=plan_id, item_id=item_id)
    return _item_command(plan_id, item_id, PlanReportSchema(), command, N_("已报告完成情况。"))


@bp.route("/plan/export.xlsx")
@requires("plans.view")
def plan_export():
    k, t, year = kernel(), tenant(), year_arg()
    view = found(queries.plan_view(k, t, year, _as_of(year)))
    choices = queries.link_choices(k, t)
    header = ["编号", "工作事项", "衡量标准", "数量", "责任人", "完成时限", "关联记录", "已完成", "进度来源", "状态"]
    sheets = [("年度计划", header, present.plan_rows(view, choices))]
    for half in queries.half_views(k, t, year, k.today()):
        sheets.append((f"{'半年' if half['half'] == 1 else '全年'}进度（截至{half['as_of']}）", header,
                       present.plan_rows({"items": half["items"]}, choices)))
    sheets.append(("半年检查", ["半年", "会议", "召开日期", "检查情况"],
                   [(rules.HALVES[r.half], r.meeting_title, r.held_on, r.summary) for r in view["reviews"]]))
    return xlsx_response(f"年度党建工作计划-{year}.xlsx", sheets)
