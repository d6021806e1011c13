"""Read models of accounts: users, role grants and API tokens (tables core_*)."""
from sqlalchemy import Boolean, Column, Index, String, Table, Uuid

from core.db import UtcDateTime, metadata

users = Table(
    "core_users", metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("display_name", String(120), nullable=False),
    Column("password_hash", String(256), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("version", String(12), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

role_grants = Table(
    "core_role_grants", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("role", String(40), primary_key=True),
    Column("tenant", String(40), primary_key=True),  # "" for district-wide roles
    Column("granted_at", UtcDateTime, nullable=False),
    Index("ix_core_role_grants_tenant_role", "tenant", "role"),   # who holds a role at a school (notices)
)

api_tokens = Table(
    "core_api_tokens", metadata,
    Column("token_id", String(32), primary_key=True),
    Column("user_id", Uuid, nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(120), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
)
