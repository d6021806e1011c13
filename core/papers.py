"""Official papers (公文) generated from records, laid out after GB/T 9704 on python-docx.

A plugin offers its papers through ``zhibu_papers()``: each ``Paper`` names a code
(``meetings.minutes``), a title, the archive category it is filed under, what it is about (a year, a
meeting or a member) and a ``render(k, tenant, subject) -> PaperFile`` that reads the plugin's own
records. ``PaperFile.sources`` names the records it was made from, ``as_of`` the log position read.

Layout (GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body 仿宋_GB2312
三号 (16 pt) at a fixed 28.95 pt line; title 方正小标宋简体 二号 (22 pt), centred (SimSun bold where that
font is missing, Word falls back by the second name); heading levels 一、（一）1.（1）, the first in
黑体, the second in 楷体; an empty cell says "无". The letterhead (school, branch) and the signature
come from the school's archive settings (``letterhead_school``, ``letterhead_branch``, ``signature``)
when the archive plugin is there, else from the registry's school name.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

BODY_FONT = "仿宋_GB2312"
BODY_FALLBACK = "FangSong"
TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "SimSun"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
SIZE_BODY, SIZE_TITLE, SIZE_TABLE = Pt(16), Pt(22), Pt(12)   # 三号, 二号, 小四
LINE = Pt(28.95)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
EMPTY = "无"
SUBJECTS = ("year", "meeting", "member", "receipt")   # receipt: a dues receipt number (2026-0001)
FORMATS = ("docx", "pdf")
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class PaperFile:
    """One generated file: its bytes and the records it was made from (``sources``: (kind, id))."""
    filename: str
    content: bytes
    title: str
    sources: list[tuple[str, str]] = field(default_factory=list)
    as_of: int = 0          # the school's log position the records were read at
    day: date | None = None  # the paper's own date (a meeting's day, the year's end)
    # the recorded paper, so the same paper can also be rendered as PDF (``as_format``)
    document: Any = field(default=None, compare=False, repr=False)

    def as_format(self, fmt: str) -> PaperFile:
        """This paper as ``docx`` (itself) or ``pdf`` (rendered from the same blocks, named ``….pdf``);
        raises ``PdfUnavailable`` when the server has no Chinese font."""
        if fmt == "docx":
            return self
        if fmt != "pdf" or self.document is None:
            raise ValueError(f"no {fmt} for this paper")
        return replace(self, filename=re.sub(r"\.docx$", "", self.filename) + ".pdf",
                       content=self.document.to_pdf())


@dataclass(frozen=True)
class Paper:
    """A kind of paper a plugin generates: ``render(k, tenant, subject)`` where ``subject`` is a
    year (int), a meeting id or a member/case id (UUID), or a receipt number (str) as ``subject`` says."""
    code: str
    title: Any
    category: str
    subject: str
    render: Callable[..., PaperFile]
    # ``choices(k, tenant) -> [(id, label)]`` for a meeting, member or receipt paper: what a picker offers
    choices: Callable[..., list[tuple[str, str]]] | None = None

    def __post_init__(self):
        if self.subject not in SUBJECTS:
            raise ValueError(f"Paper.subject must be one of {SUBJECTS}: {self.subject!r}")


@dataclass(frozen=True)
class Header:
    school: str
    branch: str
    signature: str


def papers(k, tenant: str) -> dict[str, Paper]:
    """The papers the school's enabled plugins offer, by code."""
    found: dict[str, Paper] = {}
    for result in k.hooks(tenant).zhibu_papers() or ():
        for paper in result or ():
            found.setdefault(paper.code, paper)
    return dict(sorted(found.items()))


def log_position(k, tenant: str) -> int:
    """The school's log position now (what a paper generated now was read at)."""
    return int(k.stores.log(tenant).recorder.max_notification_id() or 0)


def header_of(k, tenant: str) -> Header:
    from core.tenancy.queries import get_school   # noqa: PLC0415  (tenancy imports the kernel)
    with k.reading() as conn:
        school = get_school(conn, tenant)
    name = school.name if school else tenant
    stored = k.settings(tenant, "archive") if "archive" in k.registry.infos else {}
    school_name = stored.get("letterhead_school") or name
    return Header(school=school_name,
                  branch=stored.get("letterhead_branch") or f"中共{school_name}支部委员会",
                  signature=stored.get("signature") or f"中共{school_name}支部委员会")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


def chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else EMPTY


def heading_mark(level: int, n: int) -> str:
    """The numbering of GB/T 9704's four heading levels: 一、 （一） 1. （1）."""
    return {1: f"{chinese_number(n)}、", 2: f"（{chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def cell(value) -> str:
    """A value as a cell shows it: "无" rather than blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def safe_filename(title: str, suffix: str = ".docx") -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("_")[:120] + suffix


def _font(run, name: str, fallback: str | None = None, size=None, bold: bool | None = None):
    run.font.name = fallback or name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), fallback or name)
    fonts.set(qn("w:hAnsi"), fallback or name)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.bold = bold


class OfficialDocument:
    """A paper being written: a recorder of blocks (title, subtitle, numbered headings, paragraphs,
    fields, tables, signature) that renders as DOCX (``to_bytes``) or as PDF (``to_pdf``)."""

    def __init__(self, header: Header, title: str, landscape: bool = False):
        self.header = header
        self.title = title
        self.landscape = landscape
        self.blocks: list[tuple] = []
        self._numbers = [0, 0, 0, 0]

    def subtitle(self, text: str):
        self.blocks.append(("subtitle", text))

    def heading(self, level: int, text: str):
        """A numbered heading of level 1–4; numbering restarts below each higher heading."""
        self._numbers[level - 1] += 1
        for lower in range(level, 4):
            self._numbers[lower] = 0
        self.blocks.append(("heading", level, heading_mark(level, self._numbers[level - 1]) + text))

    def paragraph(self, text: str | None):
        self.blocks.append(("paragraph", cell(text)))

    def fields(self, pairs: Sequence[tuple[str, Any]]):
        """Label–value rows (会议时间：…), two columns, "无" for an empty value."""
        return self.table([], [(label, value) for label, value in pairs])

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[Any]]):
        width = len(columns) or (len(rows[0]) if rows else 1)
        lines = [[cell(value) for value in r] for r in rows] or [[EMPTY] * width]
        self.blocks.append(("table", [str(c) for c in columns], lines, width))

    def signature(self, day: date | None, signer: str | None = None):
        """The signature block: the issuing body and the date, right-aligned."""
        self.blocks.append(("signature", signer or self.header.signature, chinese_date(day)))

    def to_bytes(self) -> bytes:
        """The paper as DOCX."""
        return _DocxWriter(self).render()

    def to_pdf(self) -> bytes:
        """The paper as PDF with its Chinese font embedded (subset); ``PdfUnavailable`` when this server
        has no usable Chinese font."""
        from core import paper_pdf   # noqa: PLC0415  (fpdf2 is loaded only when a PDF is asked for)
        return paper_pdf.render(self)

    def file(self, sources, as_of: int, day: date | None = None, filename: str | None = None) -> PaperFile:
        return PaperFile(filename=filename or safe_filename(self.title), content=self.to_bytes(),
                         title=self.title, sources=[(str(a), str(b)) for a, b in sources], as_of=as_of, day=day,
                         document=self)


class _DocxWriter:
    """Replays an ``OfficialDocument``'s blocks onto python-docx."""

    def __init__(self, paper: OfficialDocument):
        self.paper = paper
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        if paper.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        for side, size in MARGINS.items():
            setattr(section, f"{side}_margin", size)
        style = self.doc.styles["Normal"]
        style.font.name, style.font.size = BODY_FALLBACK, SIZE_BODY
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(head.add_run(f"{paper.header.school}　{paper.header.branch}"), BODY_FONT, BODY_FALLBACK, Pt(10.5))
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(paper.title), TITLE_FONT, TITLE_FALLBACK, SIZE_TITLE, bold=True)

    def render(self) -> bytes:
        for block in self.paper.blocks:
            getattr(self, "_" + block[0])(*block[1:])
        self.doc.core_properties.title = self.paper.title
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def _p(self, text: str, font=BODY_FONT, fallback=BODY_FALLBACK, indent=True, align=None):
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
        if indent:
            fmt.first_line_indent = Pt(32)   # two characters of 三号
        if align is not None:
            p.alignment = align
        _font(p.add_run(text), font, fallback, SIZE_BODY)
        return p

    def _subtitle(self, text: str):
        self._p(text, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)

    def _heading(self, level: int, text: str):
        self._p(text, font=HEADING_FONTS.get(level, BODY_FONT), fallback="SimHei" if level == 1 else BODY_FALLBACK)

    def _paragraph(self, text: str):
        self._p(text)

    def _table(self, columns: list[str], lines: list[list[str]], width: int):
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, line in enumerate(([columns] if columns else []) + lines):
            cells = table.add_row().cells
            for c, value in zip(cells, line):
                c.text = ""
                run = c.paragraphs[0].add_run(value)
                _font(run, BODY_FONT, BODY_FALLBACK, SIZE_TABLE, bold=bool(columns) and i == 0)

    def _signature(self, signer: str, day: str):
        self.doc.add_paragraph()
        self._p(signer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._p(day, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)


def text_of(content: bytes) -> str:
    """A DOCX's paragraphs and table rows in document order, one per line, cells joined by tabs (what
    tests read to find a fact in its section)."""
    doc = Document(io.BytesIO(content))
    lines = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, doc).text)
        elif child.tag == qn("w:tbl"):
            lines.extend("\t".join(c.text for c in row.cells) for row in Table(child, doc).rows)
    return "\n".join(lines)
