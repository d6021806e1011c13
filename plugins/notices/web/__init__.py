"""Pages (``bp``) and API (``api_bp``) of notices, and what they share."""
from __future__ import annotations

from flask import abort, g
from flask_login import current_user

from core.api import tenant_api_blueprint
from core.kernel import kernel
from core.permissions import can, require_object
from core.web import tenant_blueprint
from plugins.notices import queries

bp = tenant_blueprint("notices", "plugins.notices")
api_bp = tenant_api_blueprint("notices", "plugins.notices",
                              "通知与回执：本人收件箱、标为已读、通知方式（邮件/每周摘要）、通知的阅读回执")


def tenant() -> str:
    return g.tenant.slug


def reader() -> queries.Reader:
    """The signed-in account as a reader at this school (its linked member and its roles here)."""
    k = kernel()
    return k.per_request(("notices.reader", tenant(), current_user.username), lambda: queries.reader_of(
        k, tenant(), current_user.username, current_user.roles_in(tenant())))


def may_see_receipts() -> bool:
    return can(current_user, "notices.receipts", tenant())


def notice_or_404(notice_id):
    """A notice of this school that the user may open: addressed to them, or the school's receipts
    are theirs to see."""
    k = kernel()
    row = queries.get_notice(k, tenant(), notice_id)
    if row is None:
        abort(404)
    require_object(may_see_receipts() or queries.is_addressed(k, tenant(), notice_id, reader()))
    return row


from plugins.notices.web import api, pages  # noqa: E402,F401  (the routes register on import)
