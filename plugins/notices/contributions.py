"""What notices hands to shared pages: the inbox in the navigation with its unread count (shown in
the top bar too)."""
from __future__ import annotations

from core.kernel import Kernel
from core.plugins import NavItem
from plugins.notices import queries


def nav_items(k: Kernel, tenant: str, user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    unread = k.per_request(("notices.unread", tenant, user.username), lambda: queries.count_unread(
        k, tenant, queries.reader_of(k, tenant, user.username, user.roles_in(tenant))))
    return [NavItem(label="通知", endpoint="notices.inbox", order=5, badge=unread or None)]

