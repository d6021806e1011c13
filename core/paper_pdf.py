"""An official paper (``core.papers.OfficialDocument``) as PDF, on fpdf2, in the DOCX's layout.

GB/T 9704: A4 (landscape where the paper asks), margins top 37 mm, bottom 35 mm, left 28 mm, right
26 mm; body 16 pt at a fixed 28.95 pt line; title 22 pt bold, centred; tables in a grid at 12 pt, the
header row repeated on every page a table runs onto, long cell text wrapped; the letterhead in the page
header, the page number "— n —" at the foot; the signature right-aligned.

The Chinese font is embedded as a subset. ``ZHIBU_PDF_FONT`` names it ("regular.ttf" or
"regular.otf,bold.otf"; a collection as "file.ttc#2"); without it the search takes Noto Serif CJK SC
from Debian's ``fonts-noto-cjk`` (OpenType CFF in a collection, face 2 is Simplified Chinese). When no
font is found, ``PdfUnavailable``: the pages then offer DOCX only.

The subset is built here rather than by fpdf2: fpdf2 embeds a CID-keyed CFF font with an encoding
CMap (code → CID) that text extractors such as pypdf misread (a space between characters), and
subsetting a 65,000-glyph CFF collection takes seconds per paper. So the characters a paper uses are
drawn once per process from the CFF outlines into TrueType outlines (fontTools' cu2qu, cached per
glyph) and written as a small TrueType font that fpdf2 embeds as a plain CIDFontType2 subset.
"""
from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from core.errors import N_

MM_PER_PT = 25.4 / 72
LINE_MM = 28.95 * MM_PER_PT
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
SIZE_BODY, SIZE_TITLE, SIZE_TABLE, SIZE_HEAD = 16, 22, 12, 10.5
NOTO = Path("/usr/share/fonts/opentype/noto")
# (regular, bold) candidates: Noto Serif CJK SC (宋体-like) from fonts-noto-cjk, then the Sans (黑体-like)
CANDIDATES = [(NOTO / "NotoSerifCJK-Regular.ttc#2", NOTO / "NotoSerifCJK-Bold.ttc#2"),
              (NOTO / "NotoSansCJK-Regular.ttc#2", NOTO / "NotoSansCJK-Bold.ttc#2")]
UNAVAILABLE = N_("本服务器未安装中文字体，无法生成 PDF")


class PdfUnavailable(Exception):
    """No Chinese font on this server: a PDF can't be made (the message says so)."""

    def __init__(self):
        super().__init__(UNAVAILABLE)
        self.message = UNAVAILABLE


@dataclass(frozen=True)
class FontFace:
    path: str
    number: int = 0   # the face in a collection (.ttc)

    @classmethod
    def parse(cls, text: str) -> FontFace:
        path, _, number = str(text).strip().partition("#")
        return cls(path, int(number) if number.isdigit() else 0)

    def usable(self) -> bool:
        return Path(self.path).is_file() and Path(self.path).suffix.lower() in (".ttf", ".otf", ".ttc")


def find_fonts() -> tuple[FontFace, FontFace] | None:
    """(regular, bold) for PDF: ``ZHIBU_PDF_FONT`` when set (bold defaults to the regular), else the
    first installed candidate; ``None`` when there is none."""
    setting = os.environ.get("ZHIBU_PDF_FONT", "").strip()
    if setting:
        named = [FontFace.parse(p) for p in setting.split(",") if p.strip()]
        regular = named[0]
        bold = named[1] if len(named) > 1 and named[1].usable() else regular
        return (regular, bold) if regular.usable() else None
    for regular, bold in CANDIDATES:
        regular, bold = FontFace.parse(str(regular)), FontFace.parse(str(bold))
        if regular.usable():
            return regular, bold if bold.usable() else regular
    return None


def available() -> bool:
    """Whether this server can make PDF papers (a Chinese font is installed and fpdf2 is there)."""
    try:
        import fpdf  # noqa: F401, PLC0415
    except ImportError:   # pragma: no cover - a dependency
        return False
    return find_fonts() is not None


def render(paper) -> bytes:
    """The paper's blocks as PDF bytes."""
    fonts = find_fonts()
    if fonts is None or not available():
        raise PdfUnavailable()
    regular_text, bold_text = _texts(paper)
    with tempfile.TemporaryDirectory(prefix="zhibu-pdf-") as folder:
        regular = _source(fonts[0]).subset_file(regular_text, Path(folder) / "regular.ttf")
        bold = _source(fonts[1]).subset_file(bold_text, Path(folder) / "bold.ttf")
        return _Writer(paper, regular, bold).render()


def _texts(paper) -> tuple[str, str]:
    """The characters the paper sets in the regular face and in the bold one."""
    regular = [f"{paper.header.school}　{paper.header.branch}", "— 0123456789", "　"]
    bold = [paper.title, "　"]
    for block in paper.blocks:
        if block[0] == "heading" and block[1] == 1:
            bold.append(block[2])
        elif block[0] == "table":
            bold.extend(block[1])
            regular.extend(value for line in block[2] for value in line)
        else:
            regular.extend(str(part) for part in block[1:])
    return "".join(regular), "".join(bold)


class _Source:
    """One face of an installed font, opened once per process; its glyphs drawn as TrueType outlines
    on first use and kept."""

    def __init__(self, face: FontFace):
        from fontTools.ttLib import TTFont   # noqa: PLC0415
        self.font = TTFont(face.path, fontNumber=face.number, lazy=True)
        self.cmap = self.font.getBestCmap()
        self.glyph_set = self.font.getGlyphSet()
        self.lock = threading.Lock()
        self.drawn: dict[str, object] = {}

    def _glyph(self, name: str):
        if name not in self.drawn:
            from fontTools.pens.cu2quPen import Cu2QuPen   # noqa: PLC0415
            from fontTools.pens.ttGlyphPen import TTGlyphPen   # noqa: PLC0415
            pen = TTGlyphPen(None)
            self.glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
            self.drawn[name] = pen.glyph()
        return self.drawn[name]

    def subset_file(self, text: str, path: Path) -> Path:
        """A TrueType font holding ``text``'s characters (those the face has), written to ``path``."""
        from fontTools.fontBuilder import FontBuilder   # noqa: PLC0415
        with self.lock:
            points = sorted({ord(ch) for ch in text if ord(ch) in self.cmap})
            names = [".notdef"] + sorted({self.cmap[p] for p in points} - {".notdef"})
            glyphs = {name: self._glyph(name) for name in names}
            hmtx, hhea, os2 = self.font["hmtx"], self.font["hhea"], self.font["OS/2"]
            builder = FontBuilder(self.font["head"].unitsPerEm, isTTF=True)
            builder.setupGlyphOrder(names)
            builder.setupCharacterMap({p: self.cmap[p] for p in points})
            builder.setupGlyf(glyphs)
            builder.setupHorizontalMetrics({name: hmtx[name] for name in names})
            builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
            builder.setupNameTable({"familyName": "ZhibuPaper", "styleName": "Regular"})
            builder.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                             sTypoLineGap=os2.sTypoLineGap, usWinAscent=os2.usWinAscent,
                             usWinDescent=os2.usWinDescent)
            builder.setupPost()
            builder.save(str(path))
        return path


_sources: dict[FontFace, _Source] = {}
_sources_lock = threading.Lock()


def _source(face: FontFace) -> _Source:
    with _sources_lock:
        if face not in _sources:
            _sources[face] = _Source(face)
        return _sources[face]


def _col_widths(columns: list[str], lines: list[list[str]], width: int) -> tuple[float, ...]:
    """Columns share the width by their longest text (a full-width character counts two), each at
    least two characters and at most forty."""
    def size(text: str) -> int:
        return sum(2 if ord(ch) > 0x2e80 else 1 for ch in text)
    weights = []
    for i in range(width):
        longest = max([size(line[i]) for line in lines if i < len(line)] +
                      [size(columns[i]) if i < len(columns) else 0], default=2)
        weights.append(min(max(longest, 4), 40))
    return tuple(weights)


class _Writer:
    def __init__(self, paper, regular: Path, bold: Path):
        from fpdf import FPDF   # noqa: PLC0415

        header = f"{paper.header.school}　{paper.header.branch}"

        class Page(FPDF):
            def header(self):
                self.set_font("zh", size=SIZE_HEAD)
                self.set_y(MARGINS_MM["top"] - 14)
                self.cell(0, 6, header, align="C")
                self.set_y(MARGINS_MM["top"])

            def footer(self):
                self.set_y(-MARGINS_MM["bottom"] + 10)
                self.set_font("zh", size=14)
                self.cell(0, 8, f"— {self.page_no()} —", align="C")

        self.paper = paper
        pdf = Page(orientation="L" if paper.landscape else "P", unit="mm", format="A4")
        pdf.set_title(paper.title)
        pdf.set_creator("Zhibu")
        pdf.set_margins(MARGINS_MM["left"], MARGINS_MM["top"], MARGINS_MM["right"])
        pdf.set_auto_page_break(True, margin=MARGINS_MM["bottom"])
        pdf.add_font("zh", "", str(regular))
        pdf.add_font("zh", "B", str(bold))
        self.pdf = pdf

    def render(self) -> bytes:
        from fpdf.enums import WrapMode   # noqa: PLC0415
        self.wrap = WrapMode.CHAR         # Chinese breaks between any two characters
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font("zh", "B", SIZE_TITLE)
        pdf.multi_cell(0, SIZE_TITLE * MM_PER_PT * 1.5, self.paper.title, align="C", wrapmode=self.wrap,
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(LINE_MM / 2)
        for block in self.paper.blocks:
            getattr(self, "_" + block[0])(*block[1:])
        return bytes(pdf.output())

    def _p(self, text: str, indent: bool = True, align: str = "J", bold: bool = False):
        self.pdf.set_font("zh", "B" if bold else "", SIZE_BODY)
        self.pdf.multi_cell(0, LINE_MM, ("　　" if indent else "") + text, align=align, wrapmode=self.wrap,
                            new_x="LMARGIN", new_y="NEXT")

    def _subtitle(self, text: str):
        self._p(text, indent=False, align="C")

    def _heading(self, level: int, text: str):
        self._p(text, bold=level == 1)

    def _paragraph(self, text: str):
        self._p(text)

    def _table(self, columns: list[str], lines: list[list[str]], width: int):
        from fpdf.fonts import FontFace as Face   # noqa: PLC0415
        pdf = self.pdf
        pdf.set_font("zh", "", SIZE_TABLE)
        with pdf.table(col_widths=_col_widths(columns, lines, width), first_row_as_headings=bool(columns),
                       headings_style=Face(emphasis="BOLD"), line_height=SIZE_TABLE * MM_PER_PT * 1.5,
                       text_align="LEFT", wrapmode=self.wrap, repeat_headings=1, padding=1) as table:
            for line in ([columns] if columns else []) + lines:
                row = table.row()
                for value in list(line) + [""] * (width - len(line)):
                    row.cell(value)
        pdf.ln(LINE_MM / 3)

    def _signature(self, signer: str, day: str):
        self.pdf.ln(LINE_MM)
        self._p(signer, indent=False, align="R")
        self._p(day, indent=False, align="R")
