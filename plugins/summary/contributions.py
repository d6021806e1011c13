"""What the summary plugin hands to shared pages: its navigation item."""
from __future__ import annotations

from core.plugins import NavItem


def nav_items() -> list[NavItem]:
    return [NavItem(label="年度工作总结", endpoint="summary.index", order=49)]
