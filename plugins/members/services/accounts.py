"""Commands on account links (账号关联): which member of the school a login account is."""
from __future__ import annotations

from uuid import UUID

from core.auth.queries import get_user_row
from core.errors import N_, check_version
from core.kernel import Kernel
from plugins.members import queries
from plugins.members.domain import AccountLink, MemberError


def _username(username: str | None) -> str:
    username = (username or "").strip().lower()
    if not username:
        raise MemberError(N_("请填写登录账号（用户名）"), field="username")
    return username


def _account(k: Kernel, tenant: str, username: str, expected_version: int | None = None) -> AccountLink:
    link_id = AccountLink.create_id(tenant, username)
    if not k.exists(tenant, link_id):
        if expected_version not in (None, 0):
            check_version(AccountLink(tenant=tenant, username=username), expected_version)
        return AccountLink(tenant=tenant, username=username)
    link = k.get(tenant, link_id, AccountLink)
    check_version(link, expected_version)
    return link


def link_account(k: Kernel, tenant: str, username: str, member_id: UUID, expected_version: int | None = None,
                 relink: bool = False) -> AccountLink:
    """Say which member of this school a login account is. An account is linked to one member and a
    member to one account; moving an account to another member needs ``relink=True``."""
    username = _username(username)
    with k.reading() as conn:
        if get_user_row(conn, username) is None:
            raise MemberError(N_("没有用户名为 %(username)s 的账号"), username=username, field="username")
    row = queries.get_member(k, tenant, UUID(str(member_id)))
    if row is None:
        raise MemberError(N_("本支部没有这名党员"), field="member_id")
    other = queries.account_of(k, tenant, row.id)
    if other is not None and other.username != username:
        raise MemberError(N_("%(name)s 已关联账号 %(username)s，请先解除该关联"),
                          name=row.name, username=other.username, field="member_id")
    link = _account(k, tenant, username, expected_version)
    link.link(str(row.id), row.name, relink=relink)
    k.save(tenant, link)
    return link


def unlink_account(k: Kernel, tenant: str, username: str, expected_version: int | None = None) -> AccountLink:
    username = _username(username)
    if not k.exists(tenant, AccountLink.create_id(tenant, username)):
        raise MemberError(N_("账号 %(username)s 没有关联党员"), username=username, field="username")
    link = _account(k, tenant, username, expected_version)
    row = queries.get_member(k, tenant, UUID(link.member_id)) if link.member_id else None
    link.unlink(row.name if row else "")
    k.save(tenant, link)
    return link
