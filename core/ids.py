"""Stable aggregate ids from natural keys (uuid5). Pure: safe to import from domain modules."""
from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f1c2e1e-8a53-4d8e-9a44-0b6f6f7d2b10")


def natural_id(*parts: str) -> uuid.UUID:
    """The id for a natural key; include the tenant in ``parts`` for tenant records."""
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))
