"""The dues receipt (党费收据) as an official paper: one payment's school, member, months, amount,
receipt number, date and collector; a reversed receipt says so; filed in the archive with its source."""
from __future__ import annotations

import io
import re

import pytest

from core import paper_pdf
from core.errors import NotFoundError
from core.papers import papers, text_of
from plugins.dues.papers import months_text
from plugins.dues.tests.test_services import school  # noqa: F401  (the hand-computed fixture)


def test_months_are_written_as_runs():
    assert months_text(["2026-01", "2026-02", "2026-03", "2026-05"]) == "2026年1月至3月、2026年5月"
    assert months_text(["2025-12", "2026-01"]) == "2025年12月至2026年1月"
    assert months_text([]) == "无"


def test_a_receipt_holds_the_payments_facts(k, tenant, school):  # noqa: F811
    paper = papers(k, tenant)["dues.receipt"]
    assert paper.subject == "receipt"
    choices = dict(paper.choices(k, tenant))
    assert set(choices) == {"2026-0001", "2026-0002", "2026-0003", "2026-0004"}
    assert "甲" in choices["2026-0002"] and "已冲正" in choices["2026-0003"]
    made = paper.render(k, tenant, "2026-0002")
    text = text_of(made.content)
    assert "党费收据" in text and "收据号：2026-0002" in text
    assert "党员姓名\t甲" in text and "交纳月份\t2026年1月至9月" in text
    assert "金额（元）\t360.00" in text and "金额（大写）\t叁佰陆拾元整" in text
    assert "收款日期\t2026年10月8日" in text and "交纳方式\t银行转账" in text
    assert re.search(r"单位\t\S+", text) and "收款人\t" in text and "\t\n" not in text + "\n"
    assert made.sources == [("dues_payment", "2026-0002")] and made.filename == "2026-0002_dues_receipt.docx"
    reversed_text = text_of(paper.render(k, tenant, "2026-0003").content)
    assert "本收据已于2026年11月23日冲正作废（原因：重复收取）" in reversed_text
    with pytest.raises(NotFoundError):
        paper.render(k, tenant, "2026-0099")


@pytest.mark.skipif(paper_pdf.find_fonts() is None, reason="no Chinese font on this machine")
def test_a_receipt_as_pdf_is_filed_in_the_archive_with_its_payment(k, tenant, school):  # noqa: F811
    from pypdf import PdfReader

    from plugins.archive import queries as archive
    from plugins.archive import services as archive_services
    from plugins.archive.tests.conftest import system
    with system():
        document_id = archive_services.generate_and_file(k, tenant, "dues.receipt", "2026-0004", fmt="pdf")
    row = archive.get_document(k, tenant, document_id)
    assert (row.origin, row.category, row.paper_code, row.paper_subject) == ("generated", "dues", "dues.receipt", "2026-0004")
    assert row.sources == [["dues_payment", "2026-0004"]] and row.as_of > 0
    assert row.name.endswith(".pdf") and row.content_type == "application/pdf"
    data = (k.store_config.instance_path / "files" / row.sha256[:2] / row.sha256).read_bytes()
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "党费收据" in text and "乙" in text and "2026年5月至12月" in text and "80.00" in text
