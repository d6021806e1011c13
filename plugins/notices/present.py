"""Rows → what pages and the API show (pure apart from the link, built by the core)."""
from __future__ import annotations

from core.plugins.contributions import build_url


def link(row) -> str | None:
    """The page a notice leads to (None when this app has no such page)."""
    if not row.endpoint:
        return None
    return build_url(row.endpoint, {"tenant": row.tenant, **(row.link_values or {})})


def notice(row, read_at=None) -> dict:
    return {"id": row.id, "kind": row.kind, "title": row.title, "body": row.body, "link": link(row),
            "sender": row.sender, "created": row.created_at,
            "read_at": read_at if read_at is not None else getattr(row, "read_at", None)}


def receipts(row, receipts: list) -> dict:
    return {"notice": notice(row, read_at=None), "recipients": len(receipts),
            "read": sum(1 for r in receipts if r.read_at is not None),
            "receipts": [{"name": r.name, "username": r.username, "read_at": r.read_at} for r in receipts]}
