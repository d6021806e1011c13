"""The navigation a page shows: the school's modules and the district's pages the user may open."""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask_login import current_user

from core.kernel import Kernel
from core.permissions import may_use
from core.plugins import NavItem, flatten

if TYPE_CHECKING:
    from core.web import TenantRef


def nav_items(k: Kernel, tenant: TenantRef) -> list[NavItem]:
    """Navigation contributed by the plugins enabled for this school, limited to what the user may open."""
    if not current_user.is_authenticated:
        return []

    def compute() -> list[NavItem]:
        items = k.hooks_for(tenant.enabled).zhibu_nav_items(tenant=tenant.slug, user=current_user)
        return sorted((i for i in flatten(items) if may_use(i.endpoint, tenant.slug)), key=lambda i: (i.order, i.label))
    # the same for the same user, roles and modules while the school's records stand (a badge counts them)
    return k.kept(tenant.slug, ("nav", current_user.get_id(), frozenset(current_user.roles_in(tenant.slug)),
                                frozenset(current_user.district_roles), tuple(sorted(tenant.enabled))), compute)


def district_nav_items(k: Kernel) -> list[NavItem]:
    """District-wide pages the user may open, for the top bar."""
    if not current_user.is_authenticated or not current_user.district_roles:
        return []
    items = flatten(k.district_hooks.zhibu_district_nav_items(user=current_user))
    return sorted((i for i in items if may_use(i.endpoint, None)), key=lambda i: (i.order, i.label))
