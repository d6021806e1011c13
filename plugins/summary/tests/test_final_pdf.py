"""The adopted summary's final version generated from its page as DOCX or PDF and filed in the archive
with its source (issue 21 points 1 and 2)."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest

from core import paper_pdf
from plugins.archive import queries as archive
from plugins.summary import services
from plugins.summary.tests.conftest import system


def _adopted(k, tenant, year_of_records):
    year_of_records(tenant)
    with system():
        services.draft(k, tenant, 2025)
        services.adopt(k, tenant, 2025, date(2026, 1, 15), expected_version=1)


@pytest.mark.skipif(paper_pdf.find_fonts() is None, reason="no Chinese font on this machine")
def test_the_final_version_is_generated_as_pdf_from_its_page_and_filed(k, login_as, tenant, clock, year_of_records):
    from pypdf import PdfReader
    _adopted(k, tenant, year_of_records)
    c = login_as("secretary", tenant)
    html = c.get(f"/t/{tenant}/summary/2025").get_data(as_text=True)
    assert "生成定稿并归档" in html and '<option value="pdf">PDF</option>' in html
    r = c.post(f"/t/{tenant}/archive/generate", data={"csrf_token": c.csrf(), "_form": "generate",
                                                      "paper": "summary.annual", "subject": "2025", "format": "pdf"})
    assert r.status_code == 302
    [row] = [r for r in archive.search(k, tenant, year=2026) if r.paper_code == "summary.annual"]   # adopted 2026-01-15
    assert row.name == "2025_work_summary.pdf" and row.content_type == "application/pdf"
    assert row.sources and row.sources[0][0] == "summary" and row.as_of > 0
    data = c.get(f"/t/{tenant}/archive/documents/{row.id}/file").data
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "2025年度党建工作总结" in text and "截至年底，支部共有党员5人" in text


def test_the_final_version_offers_docx_only_without_a_font_and_nothing_before_adoption(
        k, login_as, tenant, clock, year_of_records, monkeypatch):
    monkeypatch.setattr(paper_pdf, "find_fonts", lambda: None)
    year_of_records(tenant)
    with system():
        services.draft(k, tenant, 2025)
    c = login_as("secretary", tenant)
    assert "生成定稿并归档" not in c.get(f"/t/{tenant}/summary/2025").get_data(as_text=True)
    with system():
        services.adopt(k, tenant, 2025, date(2026, 1, 15), expected_version=1)
    html = c.get(f"/t/{tenant}/summary/2025").get_data(as_text=True)
    assert "生成定稿并归档" in html and 'value="pdf"' not in html
    assert "生成定稿并归档" not in login_as("member", tenant).get(f"/t/{tenant}/summary/2025").get_data(as_text=True)
