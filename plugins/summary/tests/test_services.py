"""The draft of a fixture year: its figures equal the records and link to their source; edits are
versioned (stale → 409); adoption closes it; the DOCX holds the facts and the appendix; rebuild equals
incremental."""
from __future__ import annotations

from datetime import date

import pytest

from core.errors import ConflictError
from core.papers import papers, text_of
from plugins.summary import queries, services
from plugins.summary.domain import SummaryError
from plugins.summary.tests.conftest import system


def _facts(row):
    return {f["key"]: f for f in row.facts}


def test_the_draft_figures_equal_the_records_of_the_year_and_link_to_their_source(k, tenant, clock, year_of_records):
    year_of_records(tenant)
    with system():
        services.draft(k, tenant, 2025)
    row = queries.get_summary(k, tenant, 2025)
    facts = _facts(row)
    assert facts["members.total"]["value"] == 5
    assert facts["meetings.held.committee"]["value"] == 3        # 2024's meeting is not counted
    assert facts["meetings.held.congress"]["value"] == 1
    assert facts["meetings.held"]["value"] == 4
    assert facts["members.total"]["url"] == f"/t/{tenant}/members/"
    assert facts["meetings.held.committee"]["url"] == f"/t/{tenant}/meetings/"
    assert {f["section"] for f in row.facts} >= {"mechanism", "affairs", "development", "integrity", "disclosure"}
    assert all(f["url"] for f in row.facts)
    assert "{{fact:meetings.held.committee}}" in row.sections["mechanism"]
    with system(), pytest.raises(SummaryError):
        services.draft(k, tenant, 2025)


def test_an_edit_is_a_new_version_a_stale_one_is_refused_and_a_changed_figure_is_kept_with_its_record(
        k, tenant, clock, year_of_records):
    year_of_records(tenant)
    with system():
        services.draft(k, tenant, 2025)
        services.edit(k, tenant, 2025, {"excellence": "我们评选了优秀党员。"}, {"meetings.held.committee": "4"},
                      expected_version=1)
        with pytest.raises(ConflictError):
            services.edit(k, tenant, 2025, {"excellence": "再改"}, {}, expected_version=1)
        with pytest.raises(SummaryError):
            services.edit(k, tenant, 2025, {}, {"nothing.here": "1"}, expected_version=2)
    row = queries.get_summary(k, tenant, 2025)
    assert row.version == 2 and row.sections["excellence"] == "我们评选了优秀党员。"
    assert row.overrides == {"meetings.held.committee": "4"} and _facts(row)["meetings.held.committee"]["value"] == 3


def test_the_adopted_summary_is_a_docx_with_every_fact_and_its_source(k, tenant, clock, year_of_records):
    year_of_records(tenant)
    with system():
        services.draft(k, tenant, 2025)
        services.edit(k, tenant, 2025, {}, {"meetings.held.committee": "4"}, expected_version=1)
        services.adopt(k, tenant, 2025, date(2026, 1, 15), expected_version=2)
        with pytest.raises(SummaryError):
            services.edit(k, tenant, 2025, {"excellence": "x"}, {}, expected_version=3)
    paper = papers(k, tenant)["summary.annual"]
    assert paper.category == "own" and paper.subject == "year"
    text = text_of(paper.render(k, tenant, 2025).content)
    assert "2025年度党建工作总结" in text and "一、完善机制，落实制度" in text
    assert "召开支委会4（手工修改，记录为 3）次" in text
    assert "截至年底，支部共有党员5人" in text
    assert f"meetings.held.committee\t4\t3\t/t/{tenant}/meetings/" in text
    assert f"members.total\t5\t5\t/t/{tenant}/members/" in text


def test_a_rebuild_equals_the_incremental_read_model(k, tenant, clock, year_of_records):
    year_of_records(tenant)
    with system():
        services.draft(k, tenant, 2025)
        services.edit(k, tenant, 2025, {"excellence": "优秀"}, {"members.total": "6"}, expected_version=1)
    before = queries.get_summary(k, tenant, 2025)._asdict()
    k.projector.rebuild(tenant)
    after = queries.get_summary(k, tenant, 2025)._asdict()
    assert before == after
