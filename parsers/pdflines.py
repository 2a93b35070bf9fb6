"""A PDF page's text layer as lines: glyphs grouped on baselines, with superscripts.

pdfium (through pypdfium2) gives each character with its origin, box and font
size, in the order the file draws them. A line is a run of glyphs on one
baseline moving right; a wide horizontal gap ends it (two header columns side by
side are two lines). Glyphs clearly smaller than their line and raised above
its baseline are superscripts: a footnote's marker in the text, or the note's
own number at the page bottom.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

from baocao.parsers.htmltext import MARKER_CHARS
from baocao.parsers.pdftables import Rule

COLUMN_GAP = 2.5  # a horizontal gap this many font sizes wide separates two columns
MARKER_GAP = 8.0  # ... unless what stands before it is a list marker and a tab
SMALL = 0.8  # a glyph below this share of its line's size is small
RAISED = 0.2  # ... and raised by this share of the line's size, a superscript
FONT_BUFFER = 128


@dataclass(slots=True)
class Piece:
    text: str
    font: str | None = None
    superscript: bool = False


@dataclass
class Line:
    """One line of one page, in PDF points from the page's bottom left."""

    page: int
    x0: float
    x1: float
    y: float  # the baseline of its main glyphs
    size: float  # the font size of its main glyphs
    pieces: list[Piece] = field(default_factory=list)
    glyphs: int = 0  # characters so far (the text is joined only when asked for)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def plain(self) -> str:
        """The text without superscripts (for comparing running heads)."""
        return "".join(p.text for p in self.pieces if not p.superscript).strip()


@dataclass
class _Builder:
    page: int
    walls: list[Rule] = field(default_factory=list)  # vertical rules: cells' borders
    lines: list[Line] = field(default_factory=list)
    current: Line | None = None
    space: bool = False  # pdfium generated a space before the next glyph

    def add(self, ch: str, x0: float, x1: float, y: float, size: float, font: str | None):
        line = self.current
        if line is None or not self._continues(line, x0, y, size) or self._walled(line, x0, y):
            line = self.current = Line(self.page, x0, x1, y, size)
            self.lines.append(line)
            self.space = False
        elif size > line.size * 1.2 and all(_number_or_blank(p) for p in line.pieces):
            line.y, line.size = y, size  # a note's small number came first
            for p in line.pieces:
                p.superscript = True
        sup = size < line.size * SMALL and y > line.y + RAISED * line.size
        text = (" " if self.space and line.pieces else "") + ch
        self.space = False
        last = line.pieces[-1] if line.pieces else None
        if last is not None and last.font == font and last.superscript == sup:
            last.text += text
        else:
            line.pieces.append(Piece(text, font, sup))
        line.x1 = max(line.x1, x1)
        line.glyphs += 1

    def _walled(self, line: Line, x0: float, y: float) -> bool:
        """A table's vertical rule stands between the line and the glyph."""
        return any(line.x1 - 1 <= w.at <= x0 + 1 and w.start <= y <= w.end for w in self.walls)

    @staticmethod
    def _continues(line: Line, x0: float, y: float, size: float) -> bool:
        big = max(line.size, size)
        gap = COLUMN_GAP * big
        if line.glyphs <= MARKER_CHARS:
            gap = MARKER_GAP * big  # `I.`, a tab, then its title: list indent, not a column
        if x0 < line.x1 - 0.5 * big or x0 - line.x1 > gap:
            return False
        if size < line.size * SMALL:  # a superscript stands above the baseline
            return line.y - 0.3 * line.size <= y <= line.y + 0.8 * line.size
        if line.size < size * SMALL:  # the line so far may be a note's raised number
            return line.y - 0.8 * size <= y <= line.y + 0.3 * size
        return abs(y - line.y) <= 0.3 * big


def _shown(ch: str) -> bool:
    """Not a control or non-character code: something a reader sees (and XML holds)."""
    o = ord(ch)
    return (o >= 0x20 or ch == "\t") and not (0xD800 <= o <= 0xDFFF) and o not in (0xFFFE, 0xFFFF)


def _number_or_blank(p: Piece) -> bool:
    """What a note's raised number at a line's start is made of."""
    return p.text.strip().isdigit() or not p.text.strip()


def page_lines(textpage, page_no: int, walls: list[Rule] | None = None) -> list[Line]:
    """The page's lines in drawing order (generated line breaks dropped, generated
    spaces kept as word breaks), broken at the vertical rules in `walls`."""
    h = textpage.raw
    count = pdfium_c.FPDFText_CountChars(h)
    if count <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(h, i)) for i in range(count))
    b = _Builder(page_no, walls or [])
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    fonts = _Fonts(h)
    for i, ch in enumerate(text):
        if ch in "\r\n" or ch == "\x00":
            b.space = b.space or ch == "\r"
            continue
        if not _shown(ch):
            continue
        if ch.isspace():
            b.space = True
            continue
        pdfium_c.FPDFText_GetCharBox(h, i, left, right, bottom, top)
        pdfium_c.FPDFText_GetCharOrigin(h, i, ox, oy)
        size = pdfium_c.FPDFText_GetFontSize(h, i)
        if ch in "\x02\xad":  # a soft hyphen at a line end
            ch = "\xad"
        b.add(ch, left.value, right.value, oy.value, size, fonts.name(i))
    return [ln for ln in b.lines if ln.text.strip()]


class _Fonts:
    """Font names by character, read once per text object (a font changes between
    the file's text objects, never inside one)."""

    def __init__(self, handle):
        self.h = handle
        self.buf = ctypes.create_string_buffer(FONT_BUFFER)
        self.flags = ctypes.c_int()
        self.last: tuple[int | None, str | None] = (-1, None)

    def name(self, i: int) -> str | None:
        obj = ctypes.cast(pdfium_c.FPDFText_GetTextObject(self.h, i), ctypes.c_void_p).value
        if obj == self.last[0]:
            return self.last[1]
        n = pdfium_c.FPDFText_GetFontInfo(self.h, i, self.buf, FONT_BUFFER, self.flags)
        raw = self.buf.raw[: max(0, n - 1)].decode("latin-1") if n else ""
        name = raw.split("+", 1)[-1] or None  # `ABCDEF+TimesNewRoman`: a subset's tag
        self.last = (obj, name)
        return name
