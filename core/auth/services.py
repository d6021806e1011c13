"""Account commands: the only writers of User aggregates."""
from __future__ import annotations

import hashlib
import re
import secrets

from werkzeug.security import generate_password_hash

from core.auth.domain import AccountError, User
from core.errors import check_version
from core.eventstore import DISTRICT
from core.ids import natural_id
from core.kernel import Kernel
from core.permissions import DISTRICT_ROLES, ROLES

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    """scrypt (werkzeug's default KDF), salted."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 位", field="password")
    return generate_password_hash(password)


def hash_token(token: str) -> str:
    """API tokens are 256-bit random strings, so a plain SHA-256 is the right hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def user_id(username: str):
    return natural_id("user", username)


def create_user(k: Kernel, username: str, display_name: str, password: str) -> User:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AccountError("用户名只能包含小写字母、数字、点、下划线和连字符（2–60 位）", field="username")
    if not display_name.strip():
        raise AccountError("请填写姓名", field="display_name")
    if k.exists(DISTRICT, user_id(username)):
        raise AccountError(f"用户名 {username} 已存在", field="username")
    user = User(username=username, display_name=display_name.strip(),
                password_hash=hash_password(password))
    k.save(DISTRICT, user)
    return user


def _load(k: Kernel, username: str, expected_version: int | None = None) -> User:
    user = k.get(DISTRICT, user_id(username.strip().lower()), User)
    check_version(user, expected_version)
    return user


def _check_role(k: Kernel, role: str, tenant: str | None) -> None:
    if role not in ROLES:
        raise AccountError(f"未知角色：{role}", field="role")
    if role in DISTRICT_ROLES and tenant:
        raise AccountError(f"{ROLES[role]} 是区级角色，不属于某个学校", field="tenant")
    if role not in DISTRICT_ROLES:
        if not tenant:
            raise AccountError(f"{ROLES[role]} 必须指定学校", field="tenant")
        if tenant not in k.tenant_slugs():
            raise AccountError(f"没有这个学校：{tenant}", field="tenant")


def grant_role(k: Kernel, username: str, role: str, tenant: str | None = None) -> User:
    _check_role(k, role, tenant or None)
    user = _load(k, username)
    user.grant(role, tenant or None)
    k.save(DISTRICT, user)
    return user


def revoke_role(k: Kernel, username: str, role: str, tenant: str | None = None) -> User:
    user = _load(k, username)
    user.revoke(role, tenant or None)
    k.save(DISTRICT, user)
    return user


def change_password(k: Kernel, username: str, password: str) -> User:
    user = _load(k, username)
    user.change_password(hash_password(password))
    k.save(DISTRICT, user)
    return user


def set_active(k: Kernel, username: str, active: bool, expected_version: int | None = None) -> User:
    user = _load(k, username, expected_version)
    if active and not user.active:
        user.reactivate()
    elif not active and user.active:
        user.deactivate()
    k.save(DISTRICT, user)
    return user


def issue_token(k: Kernel, username: str, label: str) -> str:
    """Create an API token; the plain value is returned once and stored only as a hash."""
    label = (label or "").strip()
    if not label:
        raise AccountError("请为令牌填写用途说明", field="label")
    user = _load(k, username)
    user.check_active()
    token = "zb_" + secrets.token_urlsafe(32)
    user.issue_token(token_id=secrets.token_hex(8), token_hash=hash_token(token), label=label[:120])
    k.save(DISTRICT, user)
    return token


def revoke_token(k: Kernel, username: str, token_id: str) -> User:
    user = _load(k, username)
    user.revoke_token(token_id)
    k.save(DISTRICT, user)
    return user
