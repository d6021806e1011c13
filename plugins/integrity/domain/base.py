"""Shared pieces of the integrity aggregates."""
from __future__ import annotations

import uuid

from core.errors import DomainError
from core.ids import natural_id


class IntegrityRuleError(DomainError):
    pass


def key_id(kind: str, key: str) -> uuid.UUID:
    """A stable id for a natural key (the key includes the tenant)."""
    return natural_id("integrity", kind, key)


def require(value, message: str, field: str) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else value
    if not text:
        raise IntegrityRuleError(message, field=field)
    return text


def changes_of(current: dict, values: dict) -> dict:
    """{field: {"before", "after"}} for the values that differ."""
    return {f: {"before": current.get(f), "after": v} for f, v in values.items() if current.get(f) != v}
