"""The .xlsx writer: SpreadsheetML written row by row into a zip."""
from __future__ import annotations

import math
import shutil
import tempfile
import zipfile
from datetime import date, datetime, time, timedelta
from typing import BinaryIO, Iterable, Sequence

from openpyxl.utils.datetime import to_excel

from core.excel.cells import _cell, _text, _title

# -- the .xlsx writer ------------------------------------------------------------------------------------
# SpreadsheetML written directly, one row at a time (openpyxl's write-only mode spent about 15 µs a cell:
# 0.9 s of the audit export of the demo district). Texts are inline strings (no shared-string table
# growing with the rows); the cell styles are the default, the header's, and one per kind of date or
# time (the formats the openpyxl workbooks had; tests/test_xlsx_writer.py reads both back alike).
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_HEADER_STYLE = 1
_TIME_STYLES = {date: 2, datetime: 3, time: 4, timedelta: 5}   # Excel serials in these formats
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/><numFmt numFmtId="166" formatCode="[hh]:mm:ss"/>'
    '</numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><color rgb="00FFFFFF"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="00B71C1C"/><bgColor indexed="64"/></patternFill></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">'
    '<alignment horizontal="center"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
_SHEET_VIEW = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
               'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
               '<sheetFormatPr defaultRowHeight="15"/>')
_SPOOL = 8 * 1024 * 1024   # a sheet's rows are kept in memory up to this size, then on disk


def _xml_text(value: str) -> str:
    """A cleaned text (``_cell``) as XML character data: a carriage return kept as &#13;."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\ufffe" in value or "\uffff" in value:   # not XML characters at all
        value = value.replace("\ufffe", "").replace("\uffff", "")
    return value


def _attribute(value: str) -> str:
    return _xml_text(value).replace('"', "&quot;")


def serial(value) -> str:
    """A date, time or duration as a cell holds it: its Excel serial, to openpyxl's precision (what is
    read back is that number, not the value: 16:50:27.4425 comes back as 27.443)."""
    return f"{to_excel(value):.16g}"


def _column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _width(value) -> int:
    """The width a cell asks for (as ``workbook`` always measured it: a Chinese character counts two)."""
    return len(str(value or "")) * 2 if isinstance(value, str) else len(str(value or "")) + 2


class XlsxWriter:
    """An .xlsx file written into a binary file as rows come, each sheet with a bold header row (frozen),
    columns as wide as their widest cell (up to 60), dates and times as Excel dates.

    Every value passes through ``_cell`` (texts cleaned and made inert). A sheet's rows go to a spooled
    temporary file (the column widths, written before the rows, are known only at the end), then into
    the zip: memory stays flat however many rows there are.
    """

    def __init__(self, target: BinaryIO, compresslevel: int = 1):
        self.zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self.titles: list[str] = []

    def __enter__(self) -> "XlsxWriter":
        return self

    def __exit__(self, kind, _value, _traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.zip.close()

    def add_sheet(self, title: str, headers: Sequence, rows: Iterable[Sequence]) -> None:
        title = self._unique(_title(title))
        headers = [_cell(h) for h in headers]
        widths = [max(4, len(str(h)) * 2) for h in headers]
        columns = [_column(i) for i in range(max(len(headers), 26))]
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as body:
            body.write(self._row(1, headers, columns, _HEADER_STYLE).encode())
            number, chunk, wide = 1, [], len(headers)
            for row in rows:
                number += 1
                cells = [_cell(v) for v in row]
                while len(cells) > len(columns):
                    columns.append(_column(len(columns)))
                wide = max(wide, len(cells))
                for i, v in enumerate(cells[:len(widths)]):
                    w = _width(v)
                    if w > widths[i]:
                        widths[i] = min(60, w)
                chunk.append(self._row(number, cells, columns))
                if len(chunk) >= 500:
                    body.write("".join(chunk).encode())
                    chunk = []
            body.write("".join(chunk).encode())
            body.seek(0)
            cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                           for i, w in enumerate(widths, start=1))
            with self.zip.open(f"xl/worksheets/sheet{len(self.titles)}.xml", "w", force_zip64=True) as part:
                part.write(f'{_XML}<worksheet xmlns="{_MAIN}"><dimension ref="A1:{_column(max(wide, 1) - 1)}{number}"/>'
                           f'{_SHEET_VIEW}{f"<cols>{cols}</cols>" if cols else ""}<sheetData>'.encode())
                shutil.copyfileobj(body, part, 1024 * 1024)
                part.write(b"</sheetData></worksheet>")

    def _unique(self, title: str) -> str:
        """A title no other sheet has (case aside): a second "名册" becomes "名册1", as openpyxl named it."""
        candidate, n = title, 0
        while candidate.lower() in (t.lower() for t in self.titles):
            n += 1
            candidate = f"{title[:31 - len(str(n))]}{n}"
        self.titles.append(candidate)
        return candidate

    @staticmethod
    def _row(number: int, cells: Sequence, columns: list[str], style: int = 0) -> str:
        out = [f'<row r="{number}">']
        s = f' s="{style}"' if style else ""
        for i, v in enumerate(cells):
            if v is None or v == "":
                continue
            ref = f"{columns[i]}{number}"
            kind = type(v)
            if kind is str:
                space = ' xml:space="preserve"' if v[0].isspace() or v[-1].isspace() else ""
                out.append(f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{_xml_text(v)}</t></is></c>')
            elif kind is bool:
                out.append(f'<c r="{ref}"{s} t="b"><v>{int(v)}</v></c>')
            elif kind is int or (kind is float and math.isfinite(v)):
                out.append(f'<c r="{ref}"{s}><v>{v:.16g}</v></c>')   # openpyxl's precision
            elif kind in _TIME_STYLES:
                out.append(f'<c r="{ref}" s="{style or _TIME_STYLES[kind]}"><v>{serial(v)}</v></c>')
            else:   # anything else (an infinite number, an object …) as its text
                text = _text(str(v))
                if text:
                    out.append(f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_xml_text(text)}</t></is></c>')
        out.append("</row>")
        return "".join(out)

    def close(self) -> None:
        if not self.titles:
            self.add_sheet("Sheet", [], [])
        sheets = "".join(f'<sheet name="{_attribute(t)}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, t in enumerate(self.titles, start=1))
        n = len(self.titles)
        parts = {
            "[Content_Types].xml": (
                f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, n + 1))
                + '<Override PartName="/xl/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                '<Override PartName="/docProps/app.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
                '<Override PartName="/docProps/core.xml" '
                'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'),
            "_rels/.rels": (
                f'{_XML}<Relationships xmlns="{_PKG_REL}">'
                f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                'metadata/core-properties" Target="docProps/core.xml"/>'
                f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
                '</Relationships>'),
            "docProps/app.xml": (
                f'{_XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                '<Application>Zhibu</Application></Properties>'),
            "docProps/core.xml": (
                f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Zhibu</dc:creator>'
                '</cp:coreProperties>'),
            "xl/workbook.xml": (
                f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
                f'<sheets>{sheets}</sheets></workbook>'),
            "xl/_rels/workbook.xml.rels": (
                f'{_XML}<Relationships xmlns="{_PKG_REL}">'
                + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                          for i in range(1, n + 1))
                + f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'),
            "xl/styles.xml": _STYLES,
        }
        for name, text in parts.items():
            self.zip.writestr(name, text)
        self.zip.close()
