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


def district_row(school, figures: dict) -> dict:
    """One school's line in the district's table: its documents of the year by category, the last
    filing, whether the directory index was printed or exported (and when, how)."""
    counts = dict(figures["counts"])
    return {"school": school.slug, "name": school.name, "counts": counts, "total": sum(counts.values()),
            "last_filed": figures["last_filed"], "last_output": figures["last_output"],
            "output_form": figures["output_form"], "outputs": figures["outputs"]}


def district_columns(rows: list[dict]) -> list[tuple[str, str]]:
    """The category columns: the default categories in their order, then any other code a school uses."""
    names = dict(rules.DEFAULT_CATEGORIES)
    used = {code for r in rows for code in r["counts"]}
    return [(c, names[c]) for c in names] + [(c, c) for c in sorted(used - set(names))]


def district_sheet(year: int, rows: list[dict], local_date, local_datetime) -> tuple:
    columns = district_columns(rows)
    head = ["学校"] + [name for _, name in columns] + ["合计", "最近归档", "目录索引输出"]
    body = [(r["name"], *[r["counts"].get(c, 0) for c, _ in columns], r["total"],
             local_date(r["last_filed"]) if r["last_filed"] else "",
             f"{local_datetime(r['last_output'])} {rules.OUTPUT_FORMS.get(r['output_form'], '')}" if r["last_output"]
             else "未输出") for r in rows]
    return (f"{year}年各校文书档案", head, body)
