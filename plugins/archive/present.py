"""Archive rows → what the pages, the API, Excel and the year's ZIP show (pure)."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

from core.excel import workbook
from plugins.archive import rules

INDEX_COLUMNS = ["序号", "类别", "文号", "责任者", "题名", "日期", "保管期限", "来源", "文件名"]


def document_out(row, names: dict[str, str]) -> dict:
    out = dict(row._mapping)
    out["category_name"] = names.get(row.category, row.category)
    return out


def index_rows(numbered, names: dict[str, str]) -> list[tuple]:
    return [(n, names.get(r.category, r.category), r.number or "", r.issuer or "", r.title, r.issued_on,
             rules.RETENTIONS.get(r.retention, r.retention), rules.ORIGINS.get(r.origin, r.origin),
             zip_name(n, r)) for n, r in numbered]


def index_workbook(year: int, numbered, names: dict[str, str]) -> bytes:
    return workbook([(f"{year}年目录索引", INDEX_COLUMNS, index_rows(numbered, names))])


def zip_name(number: int, row) -> str:
    """The file's name inside the year's ZIP: its index number first, so the folder sorts as the index."""
    name = PurePosixPath(row.name).name.replace("/", "_")
    return f"{number:04d}_{name}"


def year_zip(year: int, numbered, names: dict[str, str], read: Callable[[str], bytes | None]) -> bytes:
    """A year's archive as one ZIP: the directory index (xlsx) and every filed document, by category."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{year}年目录索引.xlsx", index_workbook(year, numbered, names))
        for number, row in numbered:
            data = read(row.sha256)
            if data is not None:
                folder = names.get(row.category, row.category)
                archive.writestr(f"{folder}/{zip_name(number, row)}", data)
    return buffer.getvalue()
