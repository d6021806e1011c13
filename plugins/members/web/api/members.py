"""The registry's API (flask-smorest): members, their history, status and sanctions."""
from __future__ import annotations

from uuid import UUID

from flask import g
from marshmallow import Schema, fields

from core import context
from core.fields import Instant
from core.kernel import kernel
from core.permissions import require_object, requires
from plugins.members import queries, rules, services
from plugins.members.schemas import (
    MemberCorrectSchema, MemberCreateSchema, MemberGetQuerySchema, MemberOutSchema, MemberPageSchema,
    MemberQuerySchema, SanctionSchema, StatusChangeSchema,
)
from plugins.members.web import api_bp
from plugins.members.web.common import load_member, may_see_personal_data, present_member, visible_history


class HistoryItemSchema(Schema):
    version = fields.Integer()
    kind = fields.String()
    changes = fields.Dict()
    actor = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    at = Instant()


def _member(member_id: UUID) -> dict:
    return present_member(queries.get_member(kernel(), g.tenant.slug, member_id))


# -- members ---------------------------------------------------------------------------------
@api_bp.route("/members")
@api_bp.arguments(MemberQuerySchema, location="query")
@api_bp.response(200, MemberPageSchema)
@requires("members.view")
def api_list(criteria):
    """党员列表（分页、筛选；身份证号与手机号脱敏）"""
    page = queries.list_members_page(kernel(), g.tenant.slug, **criteria)
    return {"items": [present_member(r) for r in page.items], "meta": page.meta()}


@api_bp.route("/members", methods=["POST"])
@api_bp.arguments(MemberCreateSchema)
@api_bp.response(201, MemberOutSchema)
@requires("members.edit")
def api_create(data):
    """登记党员"""
    member_status = data.pop("status")
    member = services.register_member(kernel(), g.tenant.slug, data, status=member_status, source="api", typed=True)
    return _member(member.id)


@api_bp.route("/members/<uuid:member_id>")
@api_bp.arguments(MemberGetQuerySchema, location="query")
@api_bp.response(200, MemberOutSchema)
@requires("members.view")
def api_get(args, member_id: UUID):
    """党员详情（身份证号与手机号脱敏；有权限者可 reveal=true 查看完整值，查看将被记录）"""
    row = load_member(member_id)
    if args["reveal"]:
        require_object(may_see_personal_data())
        services.record_personal_read(kernel(), g.tenant.slug, member_id, sorted(rules.PERSONAL_FIELDS), "API 查看")
        return present_member(row, rules.PERSONAL_FIELDS)
    return present_member(row)


@api_bp.route("/members/<uuid:member_id>", methods=["PATCH"])
@api_bp.arguments(MemberCorrectSchema)
@api_bp.response(200, MemberOutSchema)
@requires("members.edit")
def api_correct(data, member_id: UUID):
    """更正党员信息（须提供 expected_version；版本不符返回 409）"""
    load_member(member_id)
    version, reason = data.pop("expected_version"), data.pop("reason")
    context.set_reason(reason)
    services.correct_member(kernel(), g.tenant.slug, member_id, data, expected_version=version, typed=True)
    return _member(member_id)


@api_bp.route("/members/<uuid:member_id>/history")
@api_bp.response(200, HistoryItemSchema(many=True))
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


@api_bp.route("/members/<uuid:member_id>/status", methods=["POST"])
@api_bp.arguments(StatusChangeSchema)
@api_bp.response(200, MemberOutSchema)
@requires("members.edit")
def api_status(data, member_id: UUID):
    """变更党籍状态（失联、停止党籍、自行脱党、除名、去世……；转出请用 transfer-out）"""
    load_member(member_id)
    services.change_status(kernel(), g.tenant.slug, member_id, data["status"], data["effective_on"],
                           data["reason"], expected_version=data["expected_version"])
    return _member(member_id)


@api_bp.route("/members/<uuid:member_id>/sanctions", methods=["POST"])
@api_bp.arguments(SanctionSchema)
@api_bp.response(200, MemberOutSchema)
@requires("members.edit")
def api_sanction(data, member_id: UUID):
    """记录党纪处分（警告、严重警告、撤销党内职务、留党察看、开除党籍）"""
    load_member(member_id)
    services.record_sanction(kernel(), g.tenant.slug, member_id, data["kind"], data["start"], data["end"],
                             data["reason"], expected_version=data["expected_version"])
    return _member(member_id)
