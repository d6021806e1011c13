"""Shared pieces of the plans aggregates."""
from __future__ import annotations

import uuid

from core.errors import DomainError
from core.ids import natural_id


class PlansError(DomainError):
    pass


def key_id(kind: str, key: str) -> uuid.UUID:
    """A stable id for a natural key (the key includes the tenant)."""
    return natural_id("plans", kind, key)


def require(value, message: str, field: str):
    text = (value or "").strip() if isinstance(value, str) or value is None else value
    if not text:
        raise PlansError(message, field=field)
    return text
