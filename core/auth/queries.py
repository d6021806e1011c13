"""Read side of accounts."""
from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import select

from core.auth.models import api_tokens, role_grants, users


@dataclass
class CurrentUser:
    """The signed-in user as Flask-Login sees it."""

    id: UUID
    username: str
    display_name: str
    active: bool
    district_roles: frozenset = frozenset()
    school_roles: dict = field(default_factory=dict)  # tenant → frozenset of roles
    via_token: bool = False

    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return str(self.id)

    def roles_in(self, tenant: str) -> set:
        return set(self.school_roles.get(tenant, ()))

    @property
    def primary_role(self) -> str:
        for role in ("district_admin", "inspector"):
            if role in self.district_roles:
                return role
        for roles in self.school_roles.values():
            for role in ("secretary", "deputy", "org", "publicity", "discipline", "committee",
                         "member", "viewer"):
                if role in roles:
                    return role
        return "user"


def load_user(conn, user_id: UUID) -> CurrentUser | None:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        return None
    district, schools = set(), {}
    for grant in conn.execute(select(role_grants).where(role_grants.c.user_id == user_id)):
        if grant.tenant:
            schools.setdefault(grant.tenant, set()).add(grant.role)
        else:
            district.add(grant.role)
    return CurrentUser(id=row.id, username=row.username, display_name=row.display_name,
                       active=row.active, district_roles=frozenset(district),
                       school_roles={t: frozenset(r) for t, r in schools.items()})


def get_user_row(conn, username: str):
    return conn.execute(select(users).where(users.c.username == username)).first()


def list_users(conn):
    return conn.execute(select(users).order_by(users.c.username)).all()


def list_grants(conn, user_id: UUID | None = None):
    q = select(role_grants, users.c.username, users.c.display_name).join(
        users, users.c.id == role_grants.c.user_id)
    if user_id is not None:
        q = q.where(role_grants.c.user_id == user_id)
    return conn.execute(q.order_by(users.c.username, role_grants.c.tenant, role_grants.c.role)).all()


def user_id_for_token_hash(conn, token_hash: str) -> UUID | None:
    return conn.scalar(select(api_tokens.c.user_id).where(
        api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None)))


def list_tokens(conn, user_id: UUID):
    return conn.execute(select(api_tokens).where(api_tokens.c.user_id == user_id)
                        .order_by(api_tokens.c.created_at.desc())).all()
