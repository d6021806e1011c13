"""The archive's story: documents filed, a paper generated from the records and filed with its sources,
a description corrected, a document withdrawn (never deleted), the directory index and the year's ZIP."""
from __future__ import annotations

import io
import uuid
import zipfile
from datetime import date

import openpyxl
import pytest

from core.errors import ConflictError
from core.files import UploadError
from core.papers import text_of
from plugins.archive import present, queries, services
from plugins.archive.domain import ArchiveError
from plugins.archive.tests.conftest import pdf, system, upload_values


def test_a_year_is_filed_indexed_and_handed_over_as_one_zip(k, tenant, filed):
    index = queries.directory_index(k, tenant, 2026)
    # The index follows the category tree (上级文件, 本级文件, … 花名册与统计), then the date.
    assert [(n, r.title) for n, r in index] == [
        (1, "关于做好2026年度党员发展工作的通知"), (2, "2026年度党建工作计划"), (3, "2026年度党员花名册")]
    roster = queries.get_document(k, tenant, filed["roster"])
    assert (roster.origin, roster.category, roster.paper_code, roster.paper_subject) == \
        ("generated", "rosters", "members.roster", "2026")
    assert roster.as_of > 0 and roster.retention == "permanent"
    names = queries.category_names(k, tenant)
    data = present.year_zip(2026, index, names, lambda sha: (k.store_config.instance_path / "files" / sha[:2] / sha).read_bytes())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = sorted(archive.namelist())
        assert files == ["2026年目录索引.xlsx", "上级文件/0001_通知.pdf", "本级文件/0002_计划.docx",
                         "花名册与统计/0003_2026_roster.docx"]
        assert "2026年度党员花名册" in text_of(archive.read("花名册与统计/0003_2026_roster.docx"))
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read("2026年目录索引.xlsx"))).active
        rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "类别", "文号", "责任者", "题名")
    assert [(r[0], r[4]) for r in rows[1:]] == [(n, r.title) for n, r in index]


def test_a_withdrawn_document_leaves_the_index_but_stays_on_record_with_its_reason(k, tenant, filed):
    with system():
        services.withdraw(k, tenant, filed["notice"], "重复归档", expected_version=1)
    assert [r.title for _, r in queries.directory_index(k, tenant, 2026)][0] == "2026年度党建工作计划"
    row = queries.get_document(k, tenant, filed["notice"])
    assert (row.withdrawn, row.withdraw_reason, row.version) == (True, "重复归档", 2)
    assert filed["notice"] in {r.id for r in queries.search(k, tenant, year=2026, withdrawn=True)}
    assert filed["notice"] not in {r.id for r in queries.search(k, tenant, year=2026)}
    with system(), pytest.raises(ArchiveError):
        services.withdraw(k, tenant, filed["notice"], "再次", expected_version=2)


def test_a_withdrawal_needs_a_reason_and_the_current_version(k, tenant, filed):
    with system(), pytest.raises(ArchiveError) as refused:
        services.withdraw(k, tenant, filed["plan"], "  ", expected_version=1)
    assert refused.value.field == "reason"
    with system(), pytest.raises(ConflictError):
        services.withdraw(k, tenant, filed["plan"], "错了", expected_version=7)


def test_a_correction_keeps_before_and_after_and_moves_the_document_in_the_index(k, tenant, filed):
    with system():
        services.correct(k, tenant, filed["plan"], {"category": "upper", "number": "一中支〔2026〕1号"},
                         expected_version=1)
    row = queries.get_document(k, tenant, filed["plan"])
    assert (row.category, row.number, row.version) == ("upper", "一中支〔2026〕1号", 2)
    assert [r.title for _, r in queries.directory_index(k, tenant, 2026)][:2] == [
        "2026年度党建工作计划", "关于做好2026年度党员发展工作的通知"]   # same category now: by date
    with system(), pytest.raises(ArchiveError):
        services.correct(k, tenant, filed["plan"], {"category": "upper"}, expected_version=2)


def test_search_finds_by_title_number_or_issuer_within_a_year_and_category(k, tenant, filed):
    assert {r.title for r in queries.search(k, tenant, q="〔2026〕3号")} == {"关于做好2026年度党员发展工作的通知"}
    assert {r.title for r in queries.search(k, tenant, q="教育工委", year=2026)} == {"关于做好2026年度党员发展工作的通知"}
    assert {r.title for r in queries.search(k, tenant, category="own")} == {"2026年度党建工作计划", "2025年度工作总结"}
    assert {r.title for r in queries.search(k, tenant, year=2025)} == {"2025年度工作总结"}
    assert queries.search(k, tenant, q="100%") == []
    assert queries.years(k, tenant) == [2026, 2025]


@pytest.mark.parametrize("values, field", [
    ({"title": " "}, "title"), ({"category": "nope"}, "category"), ({"retention": "forever"}, "retention"),
    ({"year": 2024}, "year"), ({"origin": "generated"}, "origin"),
])
def test_a_filing_is_refused_with_the_field_that_is_wrong(k, tenant, clock, values, field):
    with system(), pytest.raises(ArchiveError) as refused:
        services.file_upload(k, tenant, upload_values(**values), pdf(), "a.pdf")
    assert refused.value.field == field


def test_a_file_that_is_not_what_its_name_says_is_refused(k, tenant, clock):
    with system(), pytest.raises(UploadError):
        services.file_upload(k, tenant, upload_values(), b"MZ\x90\x00", "通知.pdf")
    with system(), pytest.raises(UploadError):
        services.file_upload(k, tenant, upload_values(), b"hello", "readme.txt")


def test_a_paper_of_an_unknown_kind_or_subject_is_refused(k, tenant, clock):
    with system(), pytest.raises(ArchiveError) as refused:
        services.generate_and_file(k, tenant, "nope.paper", "2026")
    assert refused.value.field == "paper"
    with system(), pytest.raises(ArchiveError) as refused:
        services.generate_and_file(k, tenant, "meetings.minutes", str(uuid.uuid4()))
    assert refused.value.field == "subject"
    with system(), pytest.raises(ArchiveError):
        services.generate_and_file(k, tenant, "members.roster", "next year")


def test_previous_years_material_formed_in_the_first_quarter_may_be_filed_in_the_previous_year(k, tenant, clock):
    with system():
        document_id = services.file_upload(k, tenant, upload_values(year=2025, issued_on=date(2026, 1, 15)), pdf(), "a.pdf")
    assert queries.get_document(k, tenant, document_id).year == 2025
