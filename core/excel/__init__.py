"""Spreadsheet exports: Excel (.xlsx) with Chinese headers, and CSV, written row by row.

Every cell of every export passes through ``_cell``: a text is cleaned of what a workbook cannot hold
and made inert when Excel would read it as a formula (a leading apostrophe); numbers stay numbers.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import BinaryIO, Iterable, Iterator, Sequence

from flask import Response

from core.clock import local
from core.excel.cells import FORMULA_STARTS, _cell, _clean, _text, _title  # noqa: F401  (the package's API)
from core.excel.xlsx import XlsxWriter, _width  # noqa: F401
from core.files import content_disposition

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """Sheets as (title, headers, rows) → .xlsx bytes: a bold header row, frozen; widths to fit; dates
    as dates."""
    buffer = io.BytesIO()
    write_workbook(buffer, sheets)
    return buffer.getvalue()


def write_workbook(target: BinaryIO, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> None:
    """Sheets as (title, headers, rows) written as .xlsx into ``target`` (a binary file), each sheet's
    rows consumed as they come (a generator reading a store in batches keeps memory flat)."""
    with XlsxWriter(target) as writer:
        for title, headers, rows in sheets:
            writer.add_sheet(title, headers, rows)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """Headers and rows → UTF-8 CSV (with the byte-order mark Excel needs for Chinese), each text
    cell made inert like an .xlsx cell."""
    return b"".join(csv_chunks(headers, [rows]))


def csv_chunks(headers: Sequence[str], batches: Iterable[Iterable[Sequence]]) -> Iterator[bytes]:
    """``csv_bytes`` one batch of rows at a time: the byte-order mark and the headers, then one chunk of
    whole lines per batch (a download streamed as the rows are read)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([_csv_cell(v) for v in headers])
    yield buffer.getvalue().encode("utf-8")
    for rows in batches:
        buffer.seek(0)
        buffer.truncate()
        for row in rows:
            writer.writerow([_text(v) if isinstance(v, str) else _csv_value(v) for v in row])
        if buffer.tell():
            yield buffer.getvalue().encode("utf-8")


def _csv_cell(value):
    return _text(value) if isinstance(value, str) else _csv_value(value)


def _csv_value(value):
    if isinstance(value, datetime):   # as pages show it: local time, to the second
        return local(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (list, tuple, set, dict)):
        return _text("、".join(str(v) for v in value))
    return "" if value is None else value


def xlsx_response(filename: str, sheets) -> Response:
    """A download of ``sheets`` named ``filename`` (UTF-8 names allowed)."""
    body = workbook(sheets)
    return Response(body, mimetype=XLSX, headers={"Content-Disposition": content_disposition(filename)})
