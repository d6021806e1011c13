"""The registry's API (flask-smorest): members, status, sanctions, transfers, committee, groups,
the roll as of a moment, statistics and import."""
from __future__ import annotations

from uuid import UUID

from flask import abort, g
from marshmallow import Schema, fields

from core import context
from core.api import FileUploadSchema, abort_json
from core.fields import Instant
from core.kernel import kernel
from core.permissions import requires
from plugins.members import overview, queries, rules, services
from plugins.members.schemas import (
    CommitteeOutSchema, CommitteeQuerySchema, ElectionSchema, FillSeatSchema, GroupSchema,
    ImportOutSchema, ImportQuerySchema, MemberCorrectSchema, MemberCreateSchema, MemberGetQuerySchema,
    MemberOutSchema, MemberPageSchema, MemberQuerySchema, ReceiptSchema, RosterQuerySchema, SanctionSchema,
    StatisticsOutSchema, StatusChangeSchema, TransferInSchema, TransferOutSchema, TransferViewSchema,
    VacateSeatSchema, YearQuerySchema,
)
from plugins.members.views.common import api, load_member, may_see_personal_data, present, visible_history


class HistoryItemSchema(Schema):
    version = fields.Integer()
    kind = fields.String()
    changes = fields.Dict()
    actor = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    at = Instant()


class RosterOutSchema(Schema):
    axis = fields.String(metadata={"description": "world：按党籍日期；recorded：按录入时间（系统当时的记录）"})
    on = fields.Date(allow_none=True)
    at = Instant(naive_is_local=True, allow_none=True)  # the query's moment; without a zone it is Beijing time
    items = fields.List(fields.Nested(MemberOutSchema))


def _member(member_id: UUID) -> dict:
    return present(queries.get_member(kernel(), g.tenant.slug, member_id))


# -- members ---------------------------------------------------------------------------------
@api.route("/members")
@api.arguments(MemberQuerySchema, location="query")
@api.response(200, MemberPageSchema)
@requires("members.view")
def api_list(criteria):
    """党员列表（分页、筛选；身份证号与手机号脱敏）"""
    page = queries.list_members_page(kernel(), g.tenant.slug, **criteria)
    return {"items": [present(r) for r in page.items], "meta": page.meta()}


@api.route("/members", methods=["POST"])
@api.arguments(MemberCreateSchema)
@api.response(201, MemberOutSchema)
@requires("members.edit")
def api_create(data):
    """登记党员"""
    member_status = data.pop("status")
    member = services.register_member(kernel(), g.tenant.slug, data, status=member_status, source="api")
    return _member(member.id)


@api.route("/members/<uuid:member_id>")
@api.arguments(MemberGetQuerySchema, location="query")
@api.response(200, MemberOutSchema)
@requires("members.view")
def api_get(args, member_id: UUID):
    """党员详情（身份证号与手机号脱敏；有权限者可 reveal=true 查看完整值，查看将被记录）"""
    row = load_member(member_id)
    if args["reveal"]:
        if not may_see_personal_data():
            abort(403)
        services.record_personal_read(kernel(), g.tenant.slug, member_id, sorted(rules.PERSONAL_FIELDS), "API 查看")
        return present(row, rules.PERSONAL_FIELDS)
    return present(row)


@api.route("/members/<uuid:member_id>", methods=["PATCH"])
@api.arguments(MemberCorrectSchema)
@api.response(200, MemberOutSchema)
@requires("members.edit")
def api_correct(data, member_id: UUID):
    """更正党员信息（须提供 expected_version；版本不符返回 409）"""
    load_member(member_id)
    version, reason = data.pop("expected_version"), data.pop("reason")
    context.set_reason(reason)
    services.correct_member(kernel(), g.tenant.slug, member_id, data, expected_version=version)
    return _member(member_id)


@api.route("/members/<uuid:member_id>/history")
@api.response(200, HistoryItemSchema(many=True))
@requires("members.view")
def api_history(member_id: UUID):
    """党员信息变更历史（每项变更的前后值；身份证号与手机号不显示）"""
    load_member(member_id)
    out = []
    for h in visible_history(member_id):
        changes = {f: ({"before": "***", "after": "***"} if f in rules.PERSONAL_FIELDS else c)
                   for f, c in h.changes.items()}
        out.append({**dict(h._mapping), "changes": changes})
    return out


@api.route("/members/<uuid:member_id>/status", methods=["POST"])
@api.arguments(StatusChangeSchema)
@api.response(200, MemberOutSchema)
@requires("members.edit")
def api_status(data, member_id: UUID):
    """变更党籍状态（失联、停止党籍、自行脱党、除名、去世……；转出请用 transfer-out）"""
    load_member(member_id)
    services.change_status(kernel(), g.tenant.slug, member_id, data["status"], data["effective_on"],
                           data["reason"], expected_version=data["expected_version"])
    return _member(member_id)


@api.route("/members/<uuid:member_id>/sanctions", methods=["POST"])
@api.arguments(SanctionSchema)
@api.response(200, MemberOutSchema)
@requires("members.edit")
def api_sanction(data, member_id: UUID):
    """记录党纪处分（警告、严重警告、撤销党内职务、留党察看、开除党籍）"""
    load_member(member_id)
    services.record_sanction(kernel(), g.tenant.slug, member_id, data["kind"], data["start"], data["end"],
                             data["reason"], expected_version=data["expected_version"])
    return _member(member_id)


# -- transfers -------------------------------------------------------------------------------
def _transfer(row) -> dict:
    today = kernel().today()
    return {**dict(row._mapping), "overdue": rules.transfer_overdue(
        row.direction, row.valid_until, row.receipt_returned_on is not None, today)}


@api.route("/transfers")
@api.response(200, TransferViewSchema(many=True))
@requires("members.view")
def api_transfers():
    """组织关系转接记录（overdue：介绍信过期且回执未返回）"""
    return [_transfer(t) for t in queries.list_transfers(kernel(), g.tenant.slug)]


@api.route("/members/<uuid:member_id>/transfer-out", methods=["POST"])
@api.arguments(TransferOutSchema)
@api.response(201, TransferViewSchema)
@requires("members.edit")
def api_transfer_out(data, member_id: UUID):
    """组织关系转出（开具介绍信；党员自开具日起转出）"""
    load_member(member_id)
    transfer = services.transfer_out(kernel(), g.tenant.slug, member_id, **data)
    return _transfer(queries.get_transfer(kernel(), g.tenant.slug, transfer.id))


@api.route("/transfers/in", methods=["POST"])
@api.arguments(TransferInSchema)
@api.response(201, TransferViewSchema)
@requires("members.edit")
def api_transfer_in(data):
    """组织关系转入（新党员登记，或已转出党员重新转回）"""
    transfer = services.transfer_in(kernel(), g.tenant.slug, data["letter_no"], data["other_org"],
                                    data["issued_on"], data["valid_until"], data["dues_paid_to"],
                                    fields=data["member"], status=data["status"], member_id=data["member_id"],
                                    expected_version=data["expected_version"])
    return _transfer(queries.get_transfer(kernel(), g.tenant.slug, transfer.id))


@api.route("/transfers/<uuid:transfer_id>/receipt", methods=["POST"])
@api.arguments(ReceiptSchema)
@api.response(200, TransferViewSchema)
@requires("members.edit")
def api_receipt(data, transfer_id: UUID):
    """登记介绍信回执已返回"""
    if queries.get_transfer(kernel(), g.tenant.slug, transfer_id) is None:
        abort(404)
    services.return_receipt(kernel(), g.tenant.slug, transfer_id, data["on"], data["expected_version"])
    return _transfer(queries.get_transfer(kernel(), g.tenant.slug, transfer_id))


# -- committee and groups --------------------------------------------------------------------
def _committee(on=None) -> dict:
    k = kernel()
    on = on or k.today()
    state = overview.organisation_state(k, g.tenant.slug, on)
    org = queries.get_organisation(k, g.tenant.slug)
    return {"on": on, "term_start": state["term_start"], "term_end": state["term_end"],
            "term_status": state["term_status"], "version": org.version if org else 0,
            "seats": [{**dict(s._mapping), "post_label": rules.POSTS.get(s.post, s.post)} for s in state["seats"]],
            "groups": [{"name": name, "leader": next((x.leader_name for x in queries.list_groups(k, g.tenant.slug)
                                                      if x.name == name), None),
                        "member_ids": [str(i) for i in ids]}
                       for name, ids in queries.group_rolls(k, g.tenant.slug).items()],
            "warnings": state["warnings"]}


@api.route("/committee")
@api.arguments(CommitteeQuerySchema, location="query")
@api.response(200, CommitteeOutSchema)
@requires("members.view")
def api_committee(args):
    """支部委员会（某日在任的委员）、任期、党小组与规模提示"""
    return _committee(args["on"])


@api.route("/committee", methods=["POST"])
@api.arguments(ElectionSchema)
@api.response(201, CommitteeOutSchema)
@requires("members.organise")
def api_elect(data):
    """登记换届选举产生的新一届支部委员会（任期默认 3 年，可设置）"""
    services.elect_committee(kernel(), g.tenant.slug, data["term_start"], data["seats"],
                             term_end=data["term_end"], expected_version=data["expected_version"])
    return _committee()


@api.route("/committee/seats", methods=["POST"])
@api.arguments(FillSeatSchema)
@api.response(200, CommitteeOutSchema)
@requires("members.organise")
def api_fill_seat(data):
    """补选或任命一名委员"""
    services.fill_seat(kernel(), g.tenant.slug, data["member_id"], data["post"], data["since"],
                       expected_version=data["expected_version"])
    return _committee()


@api.route("/committee/seats/<uuid:member_id>/vacate", methods=["POST"])
@api.arguments(VacateSeatSchema)
@api.response(200, CommitteeOutSchema)
@requires("members.organise")
def api_vacate_seat(data, member_id: UUID):
    """免去一名委员的职务"""
    services.vacate_seat(kernel(), g.tenant.slug, member_id, data["on"], data["reason"],
                         expected_version=data["expected_version"])
    return _committee()


@api.route("/groups", methods=["PUT"])
@api.arguments(GroupSchema)
@api.response(200, CommitteeOutSchema)
@requires("members.organise")
def api_group(data):
    """设立党小组或更换党小组长"""
    services.set_group(kernel(), g.tenant.slug, data["name"], data["leader_id"], data["expected_version"])
    return _committee()


def _import_refusal(preview) -> tuple[str, dict]:
    """Why an import was refused: the file's errors, and each faulty row's errors by row number."""
    if not preview.has_errors:
        return "文件中没有可导入的数据行", {"files": {"file": ["文件中没有可导入的数据行"]}}
    errors: dict = {"rows": {str(r.number): r.errors for r in preview.rows if r.errors}}
    if preview.file_errors:
        errors["files"] = {"file": preview.file_errors}
    return f"有 {preview.error_count} 处错误，未导入任何数据；请修改后重新上传", errors


# -- roll as of, statistics, import ----------------------------------------------------------
@api.route("/roster")
@api.arguments(RosterQuerySchema, location="query")
@api.response(200, RosterOutSchema)
@requires("members.view")
def api_roster_as_of(args):
    """某日的党员名册：on=日期 按党籍日期（当天谁在册、当天的党籍状态）；at=时刻 按录入时间（系统当时的记录）"""
    if args.get("on"):
        rows = queries.roster_on(kernel(), g.tenant.slug, args["on"])
        return {"axis": "world", "on": args["on"], "at": None, "items": [present(r, today=args["on"]) for r in rows]}
    at = args["at"]
    rows = queries.roster_as_of(kernel(), g.tenant.slug, at)
    return {"axis": "recorded", "on": None, "at": at, "items": [present(r) for r in rows]}


@api.route("/statistics")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, StatisticsOutSchema)
@requires("members.view")
def api_statistics(args):
    """年度（或某日）党员统计，按党籍日期：按性别、民族、学历、年龄段、人员类别、党籍状态；本年增减"""
    s = queries.statistics(kernel(), g.tenant.slug, args["year"] or kernel().today().year, on=args.get("on"))
    return {k: (dict(v) if isinstance(v, list) else v) for k, v in s.items()}


@api.route("/import", methods=["POST"])
@api.arguments(ImportQuerySchema, location="query")
@api.arguments(FileUploadSchema, location="files")
@api.response(200, ImportOutSchema)
@requires("members.import")
def api_import(args, files):
    """从 Excel 导入党员（全部成功或全部不导入；dry_run=true 只预览每行错误）"""
    upload = files["file"]
    data = upload.read()
    k = kernel()
    preview = services.preview_import(k, g.tenant.slug, data)
    out = {"imported": False, "batch_id": None, "filename": upload.filename,
           "rows": [{"row": r.number, "name": r.name, "errors": r.errors} for r in preview.rows],
           "file_errors": preview.file_errors, "error_count": preview.error_count}
    if args["dry_run"]:
        return out
    if preview.has_errors or not preview.rows:
        abort_json(422, *_import_refusal(preview))
    batch = services.import_members(k, g.tenant.slug, data, upload.filename or "import.xlsx")
    return {**out, "imported": True, "batch_id": batch.id}
