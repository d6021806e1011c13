"""Accounts events → core_users, core_role_grants, core_api_tokens."""

from core.auth.domain import User
from core.auth.models import api_tokens, role_grants, users
from core.projections import Projection, on


class AccountsProjection(Projection):
    name = "core.accounts"
    scope = "district"
    tables = (users, role_grants, api_tokens)

    @on(User.Registered)
    def _registered(self, conn, e, _log):
        conn.insert(users,
            id=e.originator_id, username=e.username, display_name=e.display_name,
            password_hash=e.password_hash, active=True, version=str(e.originator_version),
            created_at=e.timestamp)

    def _bump(self, conn, e, **values):
        conn.update(users, {"id": e.originator_id}, version=str(e.originator_version), **values)

    @on(User.PasswordChanged)
    def _password(self, conn, e, _log):
        self._bump(conn, e, password_hash=e.password_hash)

    @on(User.Deactivated)
    def _deactivated(self, conn, e, _log):
        self._bump(conn, e, active=False)

    @on(User.Reactivated)
    def _reactivated(self, conn, e, _log):
        self._bump(conn, e, active=True)

    @on(User.SignInLocked, User.SignInUnlocked)
    def _sign_in_hold(self, conn, e, _log):
        self._bump(conn, e)  # the holds themselves are operational (core_login_failures)

    @on(User.RoleGranted)
    def _granted(self, conn, e, _log):
        self._bump(conn, e)
        conn.insert(role_grants, user_id=e.originator_id, role=e.role,
                                 tenant=e.tenant or "", granted_at=e.timestamp)

    @on(User.RoleRevoked)
    def _revoked(self, conn, e, _log):
        self._bump(conn, e)
        conn.delete(role_grants, user_id=e.originator_id, role=e.role, tenant=e.tenant or "")

    @on(User.TokenIssued)
    def _token(self, conn, e, _log):
        self._bump(conn, e)
        conn.insert(api_tokens, token_id=e.token_id, user_id=e.originator_id,
                                token_hash=e.token_hash, label=e.label,
                                created_at=e.timestamp)

    @on(User.TokenRevoked)
    def _token_revoked(self, conn, e, _log):
        self._bump(conn, e)
        conn.update(api_tokens, {"token_id": e.token_id}, revoked_at=e.timestamp)
