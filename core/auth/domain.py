"""The user account (用户账号) aggregate. Pure domain: eventsourcing and the standard library only."""
from __future__ import annotations

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError
from core.ids import natural_id


class AccountError(DomainError):
    pass


class User(Aggregate):
    """A person who signs in. Roles are granted per school, or district-wide."""

    snapshot_interval = 100

    @event("Registered")
    def __init__(self, username: str, display_name: str, password_hash: str):
        self.username = username
        self.display_name = display_name
        self.password_hash = password_hash
        self.active = True
        self.grants: list[tuple[str, str | None]] = []   # (role, tenant or None)
        self.tokens: dict[str, dict] = {}

    @staticmethod
    def create_id(username: str, **_):
        return natural_id("user", username)

    def check_active(self) -> None:
        if not self.active:
            raise AccountError(N_("该账号已停用"))

    @event("PasswordChanged")
    def change_password(self, password_hash: str) -> None:
        self.password_hash = password_hash

    def grant(self, role: str, tenant: str | None) -> None:
        if (role, tenant) in self.grants:
            raise AccountError(N_("该用户已拥有此角色"), field="role")
        self._grant(role=role, tenant=tenant)

    @event("RoleGranted")
    def _grant(self, role: str, tenant: str | None) -> None:
        self.grants.append((role, tenant))

    def revoke(self, role: str, tenant: str | None) -> None:
        if (role, tenant) not in self.grants:
            raise AccountError(N_("该用户没有此角色"), field="role")
        self._revoke(role=role, tenant=tenant)

    @event("RoleRevoked")
    def _revoke(self, role: str, tenant: str | None) -> None:
        self.grants.remove((role, tenant))

    @event("TokenIssued")
    def issue_token(self, token_id: str, token_hash: str, label: str) -> None:
        self.tokens[token_id] = {"hash": token_hash, "label": label, "revoked": False}

    def revoke_token(self, token_id: str) -> None:
        token = self.tokens.get(token_id)
        if token is None or token["revoked"]:
            raise AccountError(N_("没有这个有效的令牌"), field="token_id")
        self._revoke_token(token_id=token_id)

    @event("TokenRevoked")
    def _revoke_token(self, token_id: str) -> None:
        self.tokens[token_id]["revoked"] = True

    def deactivate(self) -> None:
        """Stop the account (停用账号): its API tokens are revoked with it."""
        self.check_active()
        for token_id, token in self.tokens.items():
            if not token["revoked"]:
                self._revoke_token(token_id=token_id)
        self._deactivate()

    @event("Deactivated")
    def _deactivate(self) -> None:
        self.active = False

    def reactivate(self) -> None:
        if self.active:
            raise AccountError(N_("该账号并未停用"))
        self._reactivate()

    @event("Reactivated")
    def _reactivate(self) -> None:
        self.active = True

    @event("SignInLocked")
    def lock_sign_in(self, address: str, failures: int, wait_seconds: int) -> None:
        """Sign-in from ``address`` held back after ``failures`` wrong passwords (登录受限)."""

    @event("SignInUnlocked")
    def unlock_sign_in(self) -> None:
        """An administrator lifted every hold on this account's sign-in (解除登录限制)."""
