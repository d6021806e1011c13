"""What the summary plugin hands to shared pages: its navigation item, and on a committee meeting's page
the summary it adopted."""
from __future__ import annotations

from core.errors import N_
from core.kernel import Kernel
from core.plugins import NavItem, RecordLink
from plugins.summary import queries


def nav_items() -> list[NavItem]:
    return [NavItem(label="年度工作总结", endpoint="summary.index", order=49)]


def record_links(k: Kernel, tenant: str, record: str, record_id) -> list[RecordLink]:
    """On a meeting's page: 通过《2026年度党建工作总结》 for each summary (any version) adopted at it."""
    if record != "meetings.meeting":
        return []
    return [RecordLink(N_("通过《%(year)s年度党建工作总结》", year=year), "summary.year",
                       {"tenant": tenant, "year": year}, 5)
            for year in queries.years_adopted_at(k, tenant, str(record_id))]
