"""Account links (账号关联) on the member page and in the API: which login account is this member."""
from __future__ import annotations

from uuid import UUID

from flask import flash, g, redirect, request, url_for
from marshmallow import ValidationError

from core.errors import ConflictError, DomainError
from core.kernel import kernel
from core.permissions import requires
from plugins.members import queries, services
from plugins.members.domain import MemberError
from plugins.members.schemas import AccountLinkOutSchema, AccountLinkSchema, AccountUnlinkQuerySchema
from plugins.members.views.common import api, bp, form_data, form_errors, load_member
from plugins.members.views.roster import detail_page

LABELS = {"username": "登录账号", "relink": "改为关联", "expected_version": "版本"}


def _page_command(member_id: UUID, command, success: str):
    row = load_member(member_id)
    try:
        command()
    except ValidationError as exc:
        form_errors(exc, LABELS)
        return detail_page(row, status=422)
    except ConflictError as exc:
        flash(exc.message, "danger")
        return detail_page(row, status=409)
    except DomainError as exc:
        flash(exc.message, "danger")
        return detail_page(row, status=422)
    flash(success, "success")
    return redirect(url_for("members.detail", member_id=member_id))


@bp.route("/<uuid:member_id>/account", methods=["POST"])
@requires("members.edit")
def link_account(member_id: UUID):
    def command():
        data = AccountLinkSchema().load(form_data(request.form))
        services.link_account(kernel(), g.tenant.slug, data["username"], member_id,
                              expected_version=data["expected_version"], relink=data["relink"])
    return _page_command(member_id, command, "登录账号已关联。")


@bp.route("/<uuid:member_id>/account/unlink", methods=["POST"])
@requires("members.edit")
def unlink_account(member_id: UUID):
    def command():
        data = AccountUnlinkQuerySchema().load(form_data(request.form))
        account = queries.account_of(kernel(), g.tenant.slug, member_id)
        if account is None:
            raise MemberError("这名党员没有关联登录账号", field="username")
        services.unlink_account(kernel(), g.tenant.slug, account.username, data["expected_version"])
    return _page_command(member_id, command, "已解除登录账号关联。")


# -- API -------------------------------------------------------------------------------------
def _account(member_id: UUID) -> dict:
    row = queries.account_of(kernel(), g.tenant.slug, member_id)
    return {"member_id": member_id, "username": row.username if row else None,
            "version": row.version if row else None, "linked_at": row.linked_at if row else None}


@api.route("/members/<uuid:member_id>/account")
@api.response(200, AccountLinkOutSchema)
@requires("members.edit")
def api_account(member_id: UUID):
    """该党员关联的登录账号（账号关联；未关联时 username 为 null）"""
    load_member(member_id)
    return _account(member_id)


@api.route("/members/<uuid:member_id>/account", methods=["PUT"])
@api.arguments(AccountLinkSchema)
@api.response(200, AccountLinkOutSchema)
@requires("members.edit")
def api_link_account(data, member_id: UUID):
    """关联登录账号（一个账号只对应一名党员；账号已关联他人时须 relink=true）"""
    load_member(member_id)
    services.link_account(kernel(), g.tenant.slug, data["username"], member_id,
                          expected_version=data["expected_version"], relink=data["relink"])
    return _account(member_id)


@api.route("/members/<uuid:member_id>/account", methods=["DELETE"])
@api.arguments(AccountUnlinkQuerySchema, location="query")
@api.response(200, AccountLinkOutSchema)
@requires("members.edit")
def api_unlink_account(args, member_id: UUID):
    """解除登录账号关联"""
    load_member(member_id)
    account = queries.account_of(kernel(), g.tenant.slug, member_id)
    if account is None:
        raise MemberError("这名党员没有关联登录账号", field="username")
    services.unlink_account(kernel(), g.tenant.slug, account.username, args["expected_version"])
    return _account(member_id)
