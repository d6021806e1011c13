"""Rows typed, pasted from Excel or uploaded (.xlsx or .csv) for a bulk entry: cells as text.

Pure reading; what the cells mean is the plugin's business. The first row is the header when it
names the columns; every data row keeps its number (the header is row 1) so errors can say where.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

from openpyxl import load_workbook

from core.fields import normalise_text

MAX_ROWS = 1000
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


class TableInputError(ValueError):
    """The rows could not be read at all (the message says why, in words)."""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise_text(str(value)).strip()


def read_text(text: str) -> list[list[str]]:
    """Lines of tab-separated (pasted from Excel) or comma-separated cells; blank lines skipped."""
    lines = [line for line in normalise_text(text or "").splitlines() if line.strip()]
    if len(lines) > MAX_ROWS:
        raise TableInputError(f"一次最多录入 {MAX_ROWS} 行")
    delimiter = "\t" if any("\t" in line for line in lines) else ","
    return [[_cell(c) for c in row] for row in csv.reader(lines, delimiter=delimiter)]


def read_upload(data: bytes, filename: str) -> list[list[str]]:
    """The first sheet of an .xlsx workbook, or a UTF-8 .csv file."""
    if (filename or "").lower().endswith(".csv"):
        try:
            return read_text(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise TableInputError("CSV 文件须为 UTF-8 编码") from exc
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # noqa: BLE001  (any unreadable file is the user's error, said in words)
        raise TableInputError("无法读取该文件，请上传 .xlsx 或 .csv 文件") from exc
    rows = []
    for values in sheet.iter_rows(values_only=True):
        cells = [_cell(v) for v in values]
        if any(cells):
            rows.append(cells)
        if len(rows) > MAX_ROWS:
            raise TableInputError(f"一次最多录入 {MAX_ROWS} 行")
    return rows


def without_header(rows: list[list[str]], first_header: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) of the data rows; the first row is skipped when it is the header."""
    start = 1 if rows and rows[0] and rows[0][0] == first_header else 0
    return [(number + 1, row) for number, row in enumerate(rows) if number >= start]


def parse_date(text: str) -> date:
    """2026-03-15, 2026/3/15, 2026年3月15日 or 20260315."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE.match(text.split(" ")[0])
    if not match:
        raise ValueError(text)
    return date(int(match[1]), int(match[2]), int(match[3]))
