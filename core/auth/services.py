"""Account commands: the only writers of User aggregates."""
from __future__ import annotations

import enum
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from core import context
from core.auth import sessions, throttle
from core.auth.domain import AccountError, User
from core.auth.passwords import PasswordPolicy, hash_password, verify_password
from core.auth.queries import get_user_row
from core.errors import N_, check_version
from core.eventstore import DISTRICT
from core.ids import natural_id
from core.kernel import Kernel
from core.permissions import DISTRICT_ROLES, ROLES

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")


def password_policy(k: Kernel) -> PasswordPolicy:
    """The deployment's policy (core.auth.login sets it from ZHIBU_PASSWORD_MIN_LENGTH); the default
    for a kernel built without the web app."""
    return getattr(k, "password_policy", None) or PasswordPolicy()


def _new_hash(k: Kernel, password: str, username: str) -> str:
    password_policy(k).check(password, username)
    return hash_password(password)


def _require_reason() -> None:
    if not (context.current().reason or "").strip():
        raise AccountError(N_("请填写原因"), field="reason")


def hash_token(token: str) -> str:
    """API tokens are 256-bit random strings, so a plain SHA-256 is the right hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def user_id(username: str):
    return natural_id("user", username)


def create_user(k: Kernel, username: str, display_name: str, password: str) -> User:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise AccountError(N_("用户名只能包含小写字母、数字、点、下划线和连字符（2–60 位）"), field="username")
    if not display_name.strip():
        raise AccountError(N_("请填写姓名"), field="display_name")
    if k.exists(DISTRICT, user_id(username)):
        raise AccountError(N_("用户名 %(username)s 已存在"), username=username, field="username")
    user = User(username=username, display_name=display_name.strip(),
                password_hash=_new_hash(k, password, username))
    k.save(DISTRICT, user)
    return user


def _load(k: Kernel, username: str, expected_version: int | None = None) -> User:
    user = k.get(DISTRICT, user_id(username.strip().lower()), User)
    check_version(user, expected_version)
    return user


def _check_role(k: Kernel, role: str, tenant: str | None) -> None:
    if role not in ROLES:
        raise AccountError(N_("未知角色：%(role)s"), role=role, field="role")
    if role in DISTRICT_ROLES and tenant:
        raise AccountError(N_("%(role)s 是区级角色，不属于某个学校"), role=ROLES[role], field="tenant")
    if role not in DISTRICT_ROLES:
        if not tenant:
            raise AccountError(N_("%(role)s 必须指定学校"), role=ROLES[role], field="tenant")
        if tenant not in k.tenant_slugs():
            raise AccountError(N_("没有这个学校：%(tenant)s"), tenant=tenant, field="tenant")


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


def change_password(k: Kernel, username: str, password: str, current_password: str | None = None) -> User:
    """Set a new password; with ``current_password`` (the account page) it must be right. Every
    session of the account ends: the page that changed it starts a new one."""
    user = _load(k, username)
    if current_password is not None and not verify_password(user.password_hash, current_password):
        raise AccountError(N_("当前密码不正确"), field="current")
    user.change_password(_new_hash(k, password, user.username))
    k.save(DISTRICT, user)
    sessions.end_all_of(k, user.id)
    return user


def set_active(k: Kernel, username: str, active: bool, expected_version: int | None = None) -> User:
    """Deactivate (停用) or reactivate (恢复) an account, for the reason in the command context.
    Deactivation revokes its API tokens and ends its sessions at once."""
    _require_reason()
    user = _load(k, username, expected_version)
    if active:
        user.reactivate()
    else:
        if context.current().actor_id == str(user.id):
            raise AccountError(N_("不能停用自己的账号"))
        user.deactivate()
    k.save(DISTRICT, user)
    if not active:
        sessions.end_all_of(k, user.id)
    return user


def deactivate_user(k: Kernel, username: str, expected_version: int | None = None) -> User:
    return set_active(k, username, False, expected_version)


def reactivate_user(k: Kernel, username: str, expected_version: int | None = None) -> User:
    return set_active(k, username, True, expected_version)


def unlock_sign_in(k: Kernel, username: str, expected_version: int | None = None) -> User:
    """Lift every hold on an account's sign-in (解除登录限制), for the reason in the context."""
    _require_reason()
    user = _load(k, username, expected_version)
    user.unlock_sign_in()
    k.save(DISTRICT, user)
    throttle.clear_account(k, user.username)
    return user


class SignInOutcome(enum.Enum):
    SIGNED_IN = "signed_in"
    WRONG = "wrong"          # unknown username or wrong password: the same answer
    WAIT = "wait"            # this (account, address) pair must wait
    INACTIVE = "inactive"    # right password, deactivated account


@dataclass(frozen=True)
class SignIn:
    outcome: SignInOutcome
    user_id: UUID | None = None
    until: datetime | None = None


def sign_in(k: Kernel, rules: throttle.ThrottleRules, username: str, password: str, address: str) -> SignIn:
    """Check a sign-in. Unknown usernames cost the same password check as known ones, and are
    throttled alike, so neither the answer nor its time tells whether an account exists."""
    username = username.strip().lower()
    until = throttle.waiting_until(k, rules, username, address)
    if until is not None:
        return SignIn(SignInOutcome.WAIT, until=until)
    with k.reading() as conn:
        row = get_user_row(conn, username)
    if not verify_password(row.password_hash if row else None, password):
        failures, wait = throttle.record_failure(k, rules, username, address)
        if wait and row is not None:
            with context.acting(context.system("sign-in-throttle", source="web")), \
                    context.because(f"同一地址连续 {failures} 次密码错误"):
                user = _load(k, username)
                user.lock_sign_in(address=address, failures=failures, wait_seconds=int(wait.total_seconds()))
                k.save(DISTRICT, user)
        return SignIn(SignInOutcome.WRONG)
    if not row.active:
        return SignIn(SignInOutcome.INACTIVE)
    throttle.clear_pair(k, username, address)
    return SignIn(SignInOutcome.SIGNED_IN, user_id=row.id)


def issue_token(k: Kernel, username: str, label: str) -> str:
    """Create an API token; the plain value is returned once and stored only as a hash."""
    label = (label or "").strip()
    if not label:
        raise AccountError(N_("请为令牌填写用途说明"), field="label")
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
