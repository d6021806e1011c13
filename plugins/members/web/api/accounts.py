"""The registry's API: which login account a member is (账号关联)."""
from __future__ import annotations
from core.errors import N_

from uuid import UUID

from flask import g

from core.kernel import kernel
from core.permissions import requires
from plugins.members import queries, services
from plugins.members.domain import MemberError
from plugins.members.schemas import AccountLinkOutSchema, AccountLinkSchema, AccountUnlinkQuerySchema
from plugins.members.web import api_bp
from plugins.members.web.common import load_member


def _account(member_id: UUID) -> dict:
    row = queries.account_of(kernel(), g.tenant.slug, member_id)
    return {"member_id": member_id, "username": row.username if row else None,
            "version": row.version if row else None, "linked_at": row.linked_at if row else None}


@api_bp.route("/members/<uuid:member_id>/account")
@api_bp.response(200, AccountLinkOutSchema)
@requires("members.edit")
def api_account(member_id: UUID):
    """该党员关联的登录账号（账号关联；未关联时 username 为 null）"""
    load_member(member_id)
    return _account(member_id)


@api_bp.route("/members/<uuid:member_id>/account", methods=["PUT"])
@api_bp.arguments(AccountLinkSchema)
@api_bp.response(200, AccountLinkOutSchema)
@requires("members.edit")
def api_link_account(data, member_id: UUID):
    """关联登录账号（一个账号只对应一名党员；账号已关联他人时须 relink=true）"""
    load_member(member_id)
    services.link_account(kernel(), g.tenant.slug, data["username"], member_id,
                          expected_version=data["expected_version"], relink=data["relink"])
    return _account(member_id)


@api_bp.route("/members/<uuid:member_id>/account", methods=["DELETE"])
@api_bp.arguments(AccountUnlinkQuerySchema, location="query")
@api_bp.response(200, AccountLinkOutSchema)
@requires("members.edit")
def api_unlink_account(args, member_id: UUID):
    """解除登录账号关联"""
    load_member(member_id)
    account = queries.account_of(kernel(), g.tenant.slug, member_id)
    if account is None:
        raise MemberError(N_("这名党员没有关联登录账号"), field="username")
    services.unlink_account(kernel(), g.tenant.slug, account.username, args["expected_version"])
    return _account(member_id)
