"""Account links (账号关联) on the member page and in the API: which login account is this member."""
from __future__ import annotations

from uuid import UUID

from flask import flash, g, redirect, request, url_for
from marshmallow import ValidationError

from core.errors import N_, ConflictError, DomainError
from core.kernel import kernel
from core.messages import message_of, translated
from core.permissions import requires
from plugins.members import queries, services
from plugins.members.domain import MemberError
from plugins.members.schemas import AccountLinkSchema, AccountUnlinkQuerySchema
from plugins.members.web import bp
from plugins.members.web.common import form_data, form_errors, load_member
from plugins.members.web.pages.roster import detail_page

LABELS = {"username": "登录账号", "relink": "改为关联", "expected_version": "版本"}


def _page_command(member_id: UUID, command, success: str):
    row = load_member(member_id)
    try:
        command()
    except ValidationError as exc:
        form_errors(exc, LABELS)
        return detail_page(row, status=422)
    except ConflictError as exc:
        flash(message_of(exc), "danger")
        return detail_page(row, status=409)
    except DomainError as exc:
        flash(message_of(exc), "danger")
        return detail_page(row, status=422)
    flash(translated(success), "success")
    return redirect(url_for("members.detail", member_id=member_id))


@bp.route("/<uuid:member_id>/account", methods=["POST"])
@requires("members.edit")
def link_account(member_id: UUID):
    def command():
        data = AccountLinkSchema().load(form_data(request.form))
        services.link_account(kernel(), g.tenant.slug, data["username"], member_id,
                              expected_version=data["expected_version"], relink=data["relink"])
    return _page_command(member_id, command, N_("登录账号已关联。"))


@bp.route("/<uuid:member_id>/account/unlink", methods=["POST"])
@requires("members.edit")
def unlink_account(member_id: UUID):
    def command():
        data = AccountUnlinkQuerySchema().load(form_data(request.form))
        account = queries.account_of(kernel(), g.tenant.slug, member_id)
        if account is None:
            raise MemberError(N_("这名党员没有关联登录账号"), field="username")
        services.unlink_account(kernel(), g.tenant.slug, account.username, data["expected_version"])
    return _page_command(member_id, command, N_("已解除登录账号关联。"))
