"""core.excel writes .xlsx itself, a row at a time (issue 16.6): what it writes reads back as the
openpyxl write-only workbook it replaced did: values, types, date formats, widths, frozen header, its
style; and a workbook of many rows is written without holding them."""
from __future__ import annotations

import io
import tracemalloc
import zipfile
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core import excel

SHEETS = [
    ("名册", ["姓名", "金额", "日期", "时间", "是否", "说明"], [
        ["张伟", Decimal("-35.00"), date(2026, 1, 2), datetime(2026, 3, 4, 5, 6, 7, 123456), True, "a=b"],
        ["=1+2", 3, date(1900, 1, 1), datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc), False, " 前后有空格 "],
        ["多行\n文本\r\n第三行", 1.5, None, None, None, "<b>&amp;</b>"],
        ["控制\x01字符\x1f", 10 ** 15, "", "x" * 200, 0, "\ud800孤立代理"],
        [["列", "表"], -0.1, time(8, 30), timedelta(hours=30, minutes=5), None, "非字符"],
    ]),
    ("第二张：/\\?*[]", ["a"], [[1], [2]]),
    ("第二张：/\\?*[]", ["重名"], []),
]


def _old(sheets) -> bytes:
    """The writer before issue 16.6: openpyxl's write-only mode, as core.excel had it."""
    wb = Workbook(write_only=True)
    header = {"font": Font(bold=True, color="FFFFFF"), "fill": PatternFill("solid", fgColor="B71C1C"),
              "alignment": Alignment(horizontal="center")}
    formats = {date: "yyyy-mm-dd", datetime: "yyyy-mm-dd hh:mm:ss"}
    for title, headers, rows in sheets:
        cells = [[excel._cell(v) for v in row] for row in rows]
        widths = [max(4, len(str(h)) * 2) for h in headers]
        for row in cells:
            for i, v in enumerate(row[:len(widths)]):
                widths[i] = min(60, max(widths[i], excel._width(v)))
        ws = wb.create_sheet(title=excel._title(title))
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"

        def styled(value, **style):
            cell = WriteOnlyCell(ws, value=value)
            for name, setting in style.items():
                setattr(cell, name, setting)
            return cell
        ws.append([styled(excel._cell(h), **header) for h in headers])
        for row in cells:
            ws.append([styled(v, number_format=formats[type(v)]) if type(v) in formats else v for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _read(body: bytes) -> list:
    out = []
    for ws in load_workbook(io.BytesIO(body)).worksheets:
        out.append((ws.title, ws.freeze_panes, {k: d.width for k, d in ws.column_dimensions.items()},
                    [[(c.value, c.data_type if c.value is not None else None, c.number_format) for c in row]
                     for row in ws.iter_rows()],
                    [(c.font.b, c.font.color.rgb if c.font.color else None, c.fill.fill_type, c.fill.fgColor.rgb,
                      c.alignment.horizontal) for c in ws[1]]))
    return out


def test_the_workbook_reads_back_as_the_openpyxl_one_did():
    new, old = _read(excel.workbook(SHEETS)), _read(_old(SHEETS))
    assert [s[0] for s in new] == ["名册", "第二张：", "第二张：1"] and [s[0] for s in new] == [s[0] for s in old]
    for mine, theirs in zip(new, old):
        assert mine[1:3] == theirs[1:3]
        for row_mine, row_theirs in zip(mine[3], theirs[3]):
            for a, b in zip(row_mine, row_theirs):
                if isinstance(b[0], str) and "\r" in b[0]:   # openpyxl keeps a CR (&#13;); so does this writer
                    assert a[0] == b[0]
                assert a == b, (a, b)
        assert len(mine[3]) == len(theirs[3]) and mine[4] == theirs[4]
    rows = load_workbook(io.BytesIO(excel.workbook(SHEETS))).worksheets[0]
    assert rows["A3"].value == "'=1+2" and rows["F3"].value == " 前后有空格 " and rows["A4"].value == "多行\n文本\r\n第三行"
    assert rows["A5"].value == "控制字符" and rows["C6"].value == time(8, 30)


def test_what_xml_cannot_hold_is_dropped_not_an_error():
    """U+FFFE and U+FFFF are no XML characters: openpyxl (lxml) refused the whole file for one of them."""
    ws = load_workbook(io.BytesIO(excel.workbook([("s", ["h"], [["\ufffe非字符\uffff"]])]))).active
    assert ws["A2"].value == "非字符"


def test_an_empty_workbook_is_still_a_workbook():
    assert load_workbook(io.BytesIO(excel.workbook([]))).sheetnames == ["Sheet"]
    assert load_workbook(io.BytesIO(excel.workbook([("空", [], [])]))).sheetnames == ["空"]


def test_many_rows_are_written_without_being_held(tmp_path, monkeypatch):
    monkeypatch.setattr(excel.xlsx, "_SPOOL", 256 * 1024)   # a sheet's rows go to disk past 256 KB (8 MB in use)
    def rows(n):
        for i in range(n):
            yield [f"第{i}行的一段说明文字", i, datetime(2026, 1, 1, 8, i % 60), "是"]

    def peak(n) -> int:
        tracemalloc.start()
        with open(tmp_path / f"{n}.xlsx", "wb") as handle:
            excel.write_workbook(handle, [("s", ["说明", "序号", "时间", "是否"], rows(n))])
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    small, large = peak(2_000), peak(40_000)
    assert large < small * 2, (small, large)   # twenty times the rows, not twice the memory
    with zipfile.ZipFile(tmp_path / "40000.xlsx") as z:
        assert z.testzip() is None
    ws = load_workbook(tmp_path / "40000.xlsx", read_only=True).worksheets[0]
    assert ws.max_row == 40_001
