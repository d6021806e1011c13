"""党务公开 in the year's work summary: the draft's figures equal the year's disclosures — published,
what the catalogue asked, what of it is overdue — each linked to the disclosure pages; another year's
facts are not counted."""
from __future__ import annotations

from datetime import date

from plugins.disclosure import services
from plugins.disclosure.tests.conftest import day, system
from plugins.summary import queries as summary_queries
from plugins.summary import services as summary


def test_the_summary_draft_counts_the_years_disclosures_published_asked_and_overdue(k, tenant, clock, source):
    clock.set(day(2026, 1, 2))
    with system():   # only collective decisions, within 7 days (no periodic entries to count)
        services.revise_catalogue(k, date(2026, 1, 2), [
            {"code": "decisions", "content": "集体决定的事项", "audience": "members", "timing": "event", "days": 7,
             "form": "meeting", "kinds": ["meetings.decision"]}])
    source.add(tenant, "d:1", "决定一", date(2026, 3, 1))     # disclosed
    source.add(tenant, "d:2", "决定二", date(2026, 5, 1))     # never disclosed: overdue
    source.add(tenant, "d:3", "决定三", date(2026, 11, 20))   # due until 27 Nov
    source.add(tenant, "d:0", "去年的决定", date(2025, 12, 1))  # another year
    clock.set(day(2026, 3, 5))
    with system():
        services.disclose_offer(k, tenant, "d:1", date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 20))
    clock.set(day(2026, 11, 23))
    with system():
        summary.draft(k, tenant, 2026)
    facts = {f["key"]: f for f in summary_queries.get_summary(k, tenant, 2026).facts}
    assert facts["disclosure.items"]["value"] == 1
    assert facts["disclosure.obligations"]["value"] == 3
    assert facts["disclosure.overdue"]["value"] == 1
    assert facts["disclosure.items"]["url"] == f"/t/{tenant}/disclosure/items"
    assert facts["disclosure.overdue"]["url"] == f"/t/{tenant}/disclosure/"
    text = summary_queries.get_summary(k, tenant, 2026).sections["disclosure"]
    assert "{{fact:disclosure.overdue}}" in text
