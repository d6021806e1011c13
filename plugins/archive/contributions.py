"""What the archive hands to shared pages: permissions and navigation. Read-only."""
from __future__ import annotations

from core.permissions import COMMITTEE, READERS
from core.plugins import NavItem


def permissions() -> dict:
    return {
        "archive.view": COMMITTEE | READERS,
        "archive.edit": COMMITTEE,
        "archive.withdraw": {"secretary", "deputy", "org"},
    }


def nav_items() -> list[NavItem]:
    return [NavItem(label="文书档案", endpoint="archive.index", order=80)]
