"""Commands of the archive: file an upload, generate and file a paper, correct, withdraw."""
from __future__ import annotations

import re
from datetime import date
from uuid import UUID

from core import paper_pdf
from core import papers as paper_registry
from core.errors import N_, NotFoundError
from core.files import DEFAULT_TYPES, store_file
from core.kernel import Kernel
from plugins.archive import queries, rules
from plugins.archive.domain import ArchiveDocument, ArchiveError, IndexOutput

# What an archive takes: documents, scans and sheets (no executables, no archives of archives).
ARCHIVE_TYPES = {s: t for s, t in DEFAULT_TYPES.items() if s != ".txt"}
MAX_BYTES = 20 * 1024 * 1024


def _codes(k: Kernel, tenant: str) -> list[str]:
    return [c.code for c in queries.categories(k, tenant)]


def file_upload(k: Kernel, tenant: str, values: dict, data: bytes, filename: str) -> UUID:
    """File a document from an upper body or the branch's own (上级来文/本级文件) with its description."""
    ref = store_file(k, data, filename, ARCHIVE_TYPES, MAX_BYTES)
    document = ArchiveDocument.file_new(values, _codes(k, tenant), rules.RETENTIONS, ref.as_dict())
    k.save(tenant, document)
    return document.id


def generate_and_file(k: Kernel, tenant: str, code: str, subject: str, number: str = "",
                      retention: str | None = None, fmt: str = "docx") -> UUID:
    """Generate one of the registered papers from the records and file it (as DOCX or PDF), keeping
    the records and the log position it was made from."""
    if fmt not in paper_registry.FORMATS:
        raise ArchiveError(N_("公文格式只能是 DOCX 或 PDF"), field="format")
    if fmt == "pdf" and not paper_pdf.available():
        raise ArchiveError(paper_pdf.UNAVAILABLE, field="format")
    paper = paper_registry.papers(k, tenant).get(code)
    if paper is None:
        raise ArchiveError(N_("没有这种公文"), field="paper")
    value = _subject(paper.subject, subject)
    try:
        made = paper.render(k, tenant, value)
        made = made.as_format(fmt)
    except paper_pdf.PdfUnavailable as exc:
        raise ArchiveError(paper_pdf.UNAVAILABLE, field="format") from exc
    except NotFoundError as exc:
        raise ArchiveError(N_("找不到要生成公文的记录"), field="subject") from exc
    ref = store_file(k, made.content, made.filename, ARCHIVE_TYPES, MAX_BYTES)
    day = made.day or (date(value, 12, 31) if paper.subject == "year" else k.today())
    day = min(day, k.today())
    category = paper.category if paper.category in _codes(k, tenant) else _codes(k, tenant)[0]
    values = {"title": made.title, "category": category, "year": day.year, "number": number,
              "issued_on": day, "issuer": paper_registry.header_of(k, tenant).signature,
              "retention": retention or rules.DEFAULT_RETENTION.get(category, "permanent"), "origin": "generated"}
    document = ArchiveDocument.file_new(values, _codes(k, tenant), rules.RETENTIONS, ref.as_dict(), paper={
        "code": code, "subject": str(value), "sources": [list(s) for s in made.sources], "as_of": made.as_of})
    k.save(tenant, document)
    return document.id


def _subject(kind: str, text: str):
    try:
        if kind == "year":
            year = int(text)
            if not 1900 <= year <= 2100:
                raise ValueError(text)
            return year
        if kind == "receipt":
            text = str(text).strip()
            if not re.fullmatch(r"\d{4}-\d{1,8}", text):
                raise ValueError(text)
            return text
        return UUID(str(text))
    except ValueError as exc:
        raise ArchiveError(N_("请选择要生成公文的对象"), field="subject") from exc


def _load(k: Kernel, tenant: str, document_id: UUID, expected_version: int | None) -> ArchiveDocument:
    return k.get(tenant, document_id, ArchiveDocument, expected_version=expected_version)


def correct(k: Kernel, tenant: str, document_id: UUID, values: dict, expected_version: int | None = None) -> None:
    document = _load(k, tenant, document_id, expected_version)
    document.describe(values, _codes(k, tenant), rules.RETENTIONS)
    k.save(tenant, document)


def withdraw(k: Kernel, tenant: str, document_id: UUID, reason: str, expected_version: int | None = None) -> None:
    """Withdraw a document filed by mistake (撤档); it stays in the log and in the year's ZIP list of
    withdrawals, never deleted."""
    document = _load(k, tenant, document_id, expected_version)
    document.withdraw(reason)
    k.save(tenant, document)


def record_index_output(k: Kernel, tenant: str, year: int, form: str) -> UUID:
    """The year's directory index was printed (打印) or exported (Excel, ZIP): recorded with how many
    documents it listed."""
    output = IndexOutput.record(year, form, len(queries.directory_index(k, tenant, year)))
    k.save(tenant, output)
    return output.id
