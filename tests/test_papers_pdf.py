"""Every official paper also comes out as PDF (issue 21 point 1): the Chinese font embedded as a subset,
the record's facts extractable, long tables broken across pages with the header row repeated, a PDF
filed in the archive with its sources, and a clear refusal (never 500) when the server has no font."""
from __future__ import annotations

import io
import re
import time
from datetime import date, datetime, timezone

import pytest
from pypdf import PdfReader

from core import paper_pdf
from core.demo import SCHOOLS, create_demo
from core.papers import Header, OfficialDocument, papers, text_of
from plugins.dues.tests.conftest import add_member  # noqa: F401  (a member on the roll)

needs_font = pytest.mark.skipif(paper_pdf.find_fonts() is None, reason="no Chinese font on this machine")


def pdf_text(content: bytes) -> list[str]:
    """Each page's text with whitespace removed (a cell's or a paragraph's text wraps onto lines)."""
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def embedded_fonts(content: bytes) -> list[dict]:
    found = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                found.append(descendant.get_object()["/FontDescriptor"].get_object())
    return found


@pytest.fixture
def demo(k, clock):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    return SCHOOLS[0][0]


def subjects(k, tenant, paper):
    if paper.subject == "year":
        return [k.today().year, k.today().year - 1]
    return [value for value, _label in (paper.choices(k, tenant) if paper.choices else [])[:1]]


@needs_font
def test_every_paper_of_the_demo_school_renders_as_pdf_with_its_facts_and_its_font_embedded(k, demo):
    offered = papers(k, demo)
    made_any = set()
    for code, paper in offered.items():
        for subject in subjects(k, demo, paper):
            try:
                docx = paper.render(k, demo, subject)
            except Exception as exc:   # noqa: BLE001  (a year with nothing to publish yet)
                if type(exc).__name__ in ("NotFoundError", "AssessmentError", "SummaryError"):
                    continue
                raise
            made = docx.as_format("pdf")
            assert made.filename.endswith(".pdf") and made.content.startswith(b"%PDF-")
            assert (made.sources, made.as_of, made.title) == (docx.sources, docx.as_of, docx.title)
            pages = pdf_text(made.content)
            text = "".join(pages)
            # Every line of the DOCX (each paragraph, each table row's cells) is in the PDF's text.
            for line in text_of(docx.content).splitlines():
                for piece in line.split("\t"):
                    assert squeeze(piece) in text, (code, piece)
            descriptors = embedded_fonts(made.content)
            assert descriptors and all("/FontFile2" in d or "/FontFile3" in d for d in descriptors), code
            assert all(re.match(r"/[A-Z]{6}\+", str(d["/FontName"])) for d in descriptors), code   # a subset
            made_any.add(code)
            break
    assert {"members.roster", "meetings.minutes", "dues.publication", "dues.receipt"} <= made_any, made_any


@needs_font
def test_a_long_roster_breaks_across_pages_with_the_header_row_on_each(k):
    doc = OfficialDocument(Header("示范学校", "中共示范学校支部委员会", "中共示范学校支部委员会"), "2026年度党员花名册",
                           landscape=True)
    doc.subtitle("（共200名）")
    columns = ["序号", "姓名", "性别", "职务职称", "备注"]
    doc.table(columns, [(n, f"党员{n:03d}", "女" if n % 2 else "男", "一级教师、班主任" if n % 3 else None,
                         "很长的备注文字" * (12 if n == 7 else 1)) for n in range(1, 201)])
    doc.signature(date(2026, 12, 31))
    pages = pdf_text(doc.to_pdf())
    assert len(pages) >= 5
    for page in pages:
        assert "序号姓名性别职务职称备注" in page          # the header row, repeated
        assert "示范学校" in page                         # the letterhead in the page header
    text = "".join(pages)
    assert all(f"党员{n:03d}" in text for n in range(1, 201))
    assert "很长的备注文字" * 12 in text                  # long cell text wraps, none of it lost
    assert "无" in text                                   # an empty cell says so
    assert pages[-1].endswith("—") or "2026年12月31日" in pages[-1]
    assert [f"—{n}—" in page for n, page in enumerate(pages, start=1)] == [True] * len(pages)


@needs_font
def test_the_body_is_at_the_gbt_9704_sizes(k):
    doc = OfficialDocument(Header("示范学校", "支部", "支部"), "标题")
    doc.heading(1, "总体情况")
    doc.paragraph("正文")
    reader = PdfReader(io.BytesIO(doc.to_pdf()))
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842   # A4
    sizes = set()
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.add(round(size * tm[0])) if text.strip() else None)
    assert {22, 16} <= sizes


@needs_font
def test_a_roster_pdf_is_quick_enough(k, demo):
    started = time.perf_counter()
    papers(k, demo)["members.roster"].render(k, demo, k.today().year).as_format("pdf")
    assert time.perf_counter() - started < 30


@needs_font
def test_a_paper_generated_as_pdf_through_the_api_is_filed_with_its_sources(api_as, k, tenant, clock, add_member):  # noqa: F811
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    member_id = add_member(tenant, "张老师")
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/archive"
    assert {p["code"]: p["formats"] for p in api.get(f"{base}/papers").json}["members.roster"] == ["docx", "pdf"]
    r = api.post(f"{base}/documents/generate", json={"paper": "members.roster", "subject": "2026", "format": "pdf"})
    assert r.status_code == 201, r.json
    filed = r.json
    assert (filed["origin"], filed["paper_code"], filed["paper_subject"]) == ("generated", "members.roster", "2026")
    assert filed["as_of"] > 0 and filed["sources"] == [["member", str(member_id)]]
    data = api.get(f"{base}/documents/{filed['id']}/file").data
    assert data.startswith(b"%PDF-") and "2026年度党员花名册" in "".join(pdf_text(data)) and "张老师" in "".join(pdf_text(data))
    docx = api.post(f"{base}/documents/generate", json={"paper": "members.roster", "subject": "2026"}).json
    assert docx["sources"] == filed["sources"]
    bad = api.post(f"{base}/documents/generate", json={"paper": "members.roster", "subject": "2026", "format": "odt"})
    assert bad.status_code == 422 and "format" in bad.json["errors"]["json"]


def test_without_a_chinese_font_pdf_is_refused_clearly_and_not_offered(api_as, login_as, k, tenant, clock,
                                                                        monkeypatch):
    monkeypatch.setattr(paper_pdf, "find_fonts", lambda: None)
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/archive"
    assert {p["code"]: p["formats"] for p in api.get(f"{base}/papers").json}["members.roster"] == ["docx"]
    r = api.post(f"{base}/documents/generate", json={"paper": "members.roster", "subject": "2026", "format": "pdf"})
    assert r.status_code == 422
    assert "本服务器未安装中文字体，无法生成 PDF" in str(r.json)
    with pytest.raises(paper_pdf.PdfUnavailable):
        papers(k, tenant)["members.roster"].render(k, tenant, 2026).as_format("pdf")
    c = login_as("secretary", tenant)
    html = c.get(f"/t/{tenant}/archive/").get_data(as_text=True)
    assert "生成并归档" in html and 'value="pdf"' not in html
    r = c.post(f"/t/{tenant}/archive/generate", data={"csrf_token": c.csrf(), "_form": "gen-1", "paper": "members.roster",
                                                      "subject": "2026", "number": "", "format": "pdf"})
    assert r.status_code == 422 and "本服务器未安装中文字体，无法生成 PDF" in r.get_data(as_text=True)
