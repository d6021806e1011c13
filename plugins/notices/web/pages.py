"""Pages of notices: the inbox (paginated, unread first to see), one notice with its receipts, the
school's notices with how many have read each, and one's delivery choice with the messages sent."""
from __future__ import annotations

from uuid import UUID

from flask import render_template, request, url_for
from flask_login import current_user

from core.commands import page_command
from core.errors import N_
from core.forms import form_input
from core.kernel import kernel
from core.permissions import requires
from core.web import int_arg, text_arg
from plugins.notices import present, queries, rules, services
from plugins.notices.schemas import DeliverySchema
from plugins.notices.web import bp, may_see_receipts, notice_or_404, reader, tenant


@bp.route("/")
@requires("notices.view")
def inbox():
    k = kernel()
    unread_only = request.args.get("unread") == "1"
    page = queries.list_inbox(k, tenant(), reader(), int_arg("page", 1, max=100000) or 1, 20, unread_only)
    return render_template("notices/inbox.html", page=page, link=present.link, KINDS=rules.KINDS,
                           unread_only=unread_only, unread=queries.count_unread(k, tenant(), reader()))


def _back(status: int = 200):
    return inbox(), status


@bp.route("/<uuid:notice_id>/read", methods=["POST"])
@requires("notices.view")
def read(notice_id: UUID):
    def act():
        services.mark_read(kernel(), tenant(), reader(), [notice_id])
        return request.form.get("next") == "notice" and url_for("notices.notice", notice_id=notice_id) \
            or url_for("notices.inbox")
    return page_command(act, _back, success=N_("已标为已读。"))


@bp.route("/read-all", methods=["POST"])
@requires("notices.view")
def read_all():
    def act():
        services.mark_all_read(kernel(), tenant(), reader())
        return url_for("notices.inbox")
    return page_command(act, _back, success=N_("全部标为已读。"))


@bp.route("/<uuid:notice_id>")
@requires("notices.view")
def notice(notice_id: UUID):
    k = kernel()
    row = notice_or_404(notice_id)
    addressed = queries.is_addressed(k, tenant(), notice_id, reader())
    receipts = queries.list_receipts(k, tenant(), notice_id) if may_see_receipts() else None
    return render_template("notices/notice.html", n=row, link=present.link(row), KINDS=rules.KINDS,
                           addressed=addressed, read_at=queries.read_at(k, tenant(), notice_id, current_user.username),
                           receipts=receipts, read=sum(1 for r in receipts or () if r.read_at))


@bp.route("/sent")
@requires("notices.receipts")
def sent():
    k = kernel()
    source = _uuid(text_arg("source"))
    page = queries.list_sent(k, tenant(), int_arg("page", 1, max=100000) or 1, 20, source_id=source)
    return render_template("notices/sent.html", page=page, KINDS=rules.KINDS, source=source)


def _uuid(value: str | None) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError:
        return None


def _render_settings(status: int = 200):
    k = kernel()
    return render_template("notices/settings.html", pref=queries.get_preferences(k, tenant(), current_user.username),
                           DELIVERY=rules.DELIVERY, email_on=bool(k.config.get("ZHIBU_SMTP_HOST")),
                           outbox=queries.list_outbox(k, tenant(), current_user.username, 20)), status


@bp.route("/settings", methods=["GET", "POST"])
@requires("notices.view")
def settings():
    if request.method == "GET":
        return _render_settings()

    def act():
        d = form_input(DeliverySchema())
        services.choose_delivery(kernel(), tenant(), current_user.username, d.get("email", ""), d["delivery"],
                                 d.get("expected_version"))
        return url_for("notices.settings")
    return page_command(act, _render_settings, success=N_("已保存通知方式。"))
