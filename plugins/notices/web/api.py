"""The API of notices: one's inbox, marking read, one's delivery choice, a notice's receipts."""
from __future__ import annotations

from uuid import UUID

from flask_login import current_user

from core.kernel import kernel
from core.permissions import requires
from plugins.notices import present, queries, services
from plugins.notices.schemas import (
    DeliveryOutSchema, DeliverySchema, InboxArgsSchema, InboxOutSchema, MarkedOutSchema, MarkReadSchema,
    NoticeReceiptsOutSchema,
)
from plugins.notices.web import api_bp, notice_or_404, reader, tenant


@api_bp.route("/")
@api_bp.arguments(InboxArgsSchema, location="query")
@api_bp.response(200, InboxOutSchema)
@requires("notices.view")
def api_inbox(args):
    """本人的通知（新的在前），含是否已读；unread=true 只列未读"""
    k = kernel()
    page = queries.list_inbox(k, tenant(), reader(), args["page"], args["per_page"], args["unread"])
    return {"items": [present.notice(r) for r in page.items], "unread": queries.count_unread(k, tenant(), reader()),
            **page.meta()}


def _marked(marked: int) -> dict:
    return {"marked": marked, "unread": queries.count_unread(kernel(), tenant(), reader())}


@api_bp.route("/read", methods=["POST"])
@api_bp.arguments(MarkReadSchema)
@api_bp.response(200, MarkedOutSchema)
@requires("notices.view")
def api_read(data):
    """把本人的通知标为已读（已读过的不再记录；不是发给本人的通知答 404）"""
    return _marked(services.mark_read(kernel(), tenant(), reader(), data["notices"]))


@api_bp.route("/read-all", methods=["POST"])
@api_bp.response(200, MarkedOutSchema)
@requires("notices.view")
def api_read_all():
    """把本人的全部未读通知标为已读"""
    return _marked(services.mark_all_read(kernel(), tenant(), reader()))


def _delivery() -> dict:
    pref = queries.get_preferences(kernel(), tenant(), current_user.username)
    return {"email": pref.email if pref else "", "delivery": pref.delivery if pref else "none",
            "version": pref.version if pref else None}


@api_bp.route("/settings")
@api_bp.response(200, DeliveryOutSchema)
@requires("notices.view")
def api_settings():
    """本人的通知方式：电子邮箱，逐条邮件 / 每周摘要 / 不发邮件"""
    return _delivery()


@api_bp.route("/settings", methods=["POST"])
@api_bp.arguments(DeliverySchema)
@api_bp.response(200, DeliveryOutSchema)
@requires("notices.view")
def api_settings_set(data):
    """设置本人的通知方式（expected_version：读取到的版本）"""
    services.choose_delivery(kernel(), tenant(), current_user.username, data.get("email", ""), data["delivery"],
                             data.get("expected_version"))
    return _delivery()


@api_bp.route("/<uuid:notice_id>/receipts")
@api_bp.response(200, NoticeReceiptsOutSchema)
@requires("notices.receipts")
def api_receipts(notice_id: UUID):
    """一条通知的阅读回执：应收人数、已读人数、每人何时阅读"""
    row = notice_or_404(notice_id)
    return present.receipts(row, queries.list_receipts(kernel(), tenant(), notice_id))
