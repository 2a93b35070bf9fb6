"""A PDF's text layer as the HTML Word would have saved, for the one HTML-to-text walk.

A PDF keeps no paragraphs, only glyphs on lines (`pdflines.py`). What a reader
sees is rebuilt from the geometry:
- running heads, running feet and page numbers: lines at a page's top or bottom
  edge that repeat (digits aside) on other pages, or that hold a page number;
- footnotes: the block of smaller lines at a page's bottom, each note opening with
  its (superscript) number; a note that runs onto the next page continues there;
- the header's two columns (issuer | motto, number | place and date): the lines
  of page 1 that sit beside another line on the same baseline, read as a table;
- ruled tables: the grid their border lines draw (`pdftables.py`), each line in
  the cell it stands in, written as a bordered table (a data table);
- paragraphs: a line joins the one above when that one ran to the right margin
  (the next word would not have fitted) or its words go on (`unwrap.continues`: a
  lower-case start, an open last word), the line is not indented, and no
  paragraph spacing lies between them; a page break does not end a paragraph.
The result is markup like Word's own (`<p>`, a layout table, `_ftn` anchors), so
`parsers/htmltext.py` makes the text and spans as for any page.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from baocao.parsers.document import NeedsOCR, UnreadableFile
from baocao.parsers.legacy import font_encoding
from baocao.parsers.pdflines import Line, Piece, page_lines
from baocao.parsers.pdftables import Grid, grids, page_rules
from baocao.parsers.unwrap import continues

EDGE = 0.1  # running heads and feet stand in this share of the page at top or bottom
NOTE_SIZE = 0.88  # footnote text is at most this share of the body's size
NEW_PARAGRAPH_GAP = 1.25  # a gap this many line pitches wide is paragraph spacing
INDENT = 0.5  # a line starting this many font sizes right of the margin is indented
GLYPH_WIDTH = 0.5  # an average glyph is about half an em wide
FULL_LINE = 0.6  # a line wider than this share of the page is text, not a header column
MIN_CHARS_PER_PAGE = 20  # fewer characters than this on every page: a scan
PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$", re.I)
NUMBER = re.compile(r"[0-9]{1,3}")  # a note's number (`²` is a digit to str, not to int)
NOTE_START = re.compile(r"^\s*(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})(?=[\s.)]))")


def open_pdf(raw: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnreadableFile("file", "a password-protected PDF") from None
        raise UnreadableFile("file", f"not a readable PDF ({str(e)[:80]})") from None


@dataclass
class _Page:
    lines: list[Line]
    width: float
    height: float
    grids: list[Grid] = field(default_factory=list)


@dataclass
class _Table:
    """A ruled table's lines, by cell."""

    grid: Grid
    cells: dict[tuple[int, int], list[Line]] = field(default_factory=dict)


Item = Line | _Table


def read_pages(raw: bytes) -> list[_Page]:
    import pypdfium2 as pdfium

    pdf = open_pdf(raw)
    try:
        pages = []
        for i in range(len(pdf)):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                raise UnreadableFile(
                    "file", f"a damaged PDF: page {i + 1} cannot be read"
                ) from None
            width, height = page.get_size()
            tables = grids(page_rules(page))
            walls = [w for g in tables for w in g.walls]  # a table's cells end lines
            textpage = page.get_textpage()
            pages.append(_Page(page_lines(textpage, i, walls), width, height, tables))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def pdf_html(raw: bytes) -> tuple[etree._Element, int]:
    """The PDF as an HTML `<body>`, and its page count."""
    pages = read_pages(raw)
    chars = sum(len(ln.text.strip()) for p in pages for ln in p.lines)
    if chars < MIN_CHARS_PER_PAGE * max(1, len(pages)) / 4:
        raise NeedsOCR(len(pages))
    layout = _Layout(pages)
    return layout.html(), len(pages)


class _Layout:
    def __init__(self, pages: list[_Page]):
        self.pages = pages
        lines = [ln for p in pages for ln in p.lines]
        self.size = _mode_size(lines)
        chrome = _chrome(pages)
        self.notes: dict[int, list[Line]] = {}
        self.body: list[Item] = []
        last_note: int | None = None
        for p in pages:
            kept = [ln for ln in p.lines if id(ln) not in chrome]
            zone = _note_zone(kept, self.size, continuing=last_note is not None)
            last_note = self._read_notes(zone, last_note)
            zoned = {id(z) for z in zone}
            self.body += _with_tables([ln for ln in kept if id(ln) not in zoned], p.grids)
        text_lines = [ln for ln in self.body if isinstance(ln, Line)]
        body_lines = [ln for ln in text_lines if abs(ln.size - self.size) < 1] or text_lines
        starts = Counter(round(ln.x0) for ln in body_lines)  # the margin: most lines start
        self.left = max(starts, key=lambda x: (starts[x], -x)) if starts else 0  # there
        # the text's right edge; at least where margins as wide as the left one put it
        # (a short file has too few full lines to tell)
        width = max((p.width for p in pages), default=0.0)
        self.right = max(_percentile([ln.x1 for ln in body_lines], 0.9), width - self.left)
        self.pitch = _pitch(body_lines, self.size)

    def _read_notes(self, zone: list[Line], last: int | None) -> int | None:
        """Notes open in order: a number that is not the next one (`136.000.000đồng`
        at a line's start) is the text of the note before."""
        for ln in zone:
            n = _note_number(ln)
            superscript = bool(ln.pieces) and ln.pieces[0].superscript
            expected = (last or 0) + 1
            if n is not None and n not in self.notes and (superscript or n == expected):
                self.notes[n], last = [ln], n
            elif last is not None:
                self.notes[last].append(ln)
        return last

    def html(self) -> etree._Element:
        body = etree.Element("body")
        lead = next((i for i, x in enumerate(self.body) if isinstance(x, _Table)), len(self.body))
        opening = [x for x in self.body[:lead] if isinstance(x, Line)]
        header, rest = _header_columns(opening, self.pages[0].width if self.pages else 0)
        if header:
            self._table(body, header)
        run: list[Line] = []
        for item in [*rest, *self.body[lead:]]:
            if isinstance(item, Line):
                run.append(item)
                continue
            self._text(body, run)
            run = []
            self._ruled(body, item)
        self._text(body, run)
        holder = etree.SubElement(body, "div")
        for n in sorted(self.notes):
            div = etree.SubElement(holder, "div", id=f"ftn{n}")
            p = etree.SubElement(div, "p")
            a = etree.SubElement(p, "a", href=f"#_ftnref{n}", name=f"_ftn{n}")
            a.text, a.tail = f"[{n}]", " "
            for k, para in enumerate(self._paragraphs(self.notes[n], self.left, self.right)):
                if k:
                    etree.SubElement(p, "br")
                pieces = _pieces(para)
                _write(p, _strip_number(pieces) if k == 0 else pieces, set())
        return body

    def _text(self, body: etree._Element, lines: list[Line]) -> None:
        for para in self._paragraphs(lines, self.left, self.right):
            self._p(body, para)

    def _ruled(self, body: etree._Element, t: _Table) -> None:
        """A ruled table as a bordered one (a data table, unless its words say layout)."""
        rows = [
            [t.cells.get((r, c), []) for c in range(len(t.grid.xs) - 1)]
            for r in range(len(t.grid.ys) - 1)
        ]
        self._table(body, [row for row in rows if any(row)], border=True)

    def _table(
        self, body: etree._Element, rows: list[list[list[Line]]], border: bool = False
    ) -> None:
        table = etree.SubElement(body, "table")
        if border:
            table.set("border", "1")
        for row in rows:
            tr = etree.SubElement(table, "tr")
            for cell in row:
                td = etree.SubElement(tr, "td")
                if cell:
                    x0, x1 = min(ln.x0 for ln in cell), max(ln.x1 for ln in cell)
                    for para in self._paragraphs(cell, x0, x1, centered=True):
                        self._p(td, para)

    def _p(self, parent: etree._Element, lines: list[Line]) -> None:
        _write(etree.SubElement(parent, "p"), _pieces(lines), set(self.notes))

    def _paragraphs(
        self, lines: list[Line], left: float, right: float, centered: bool = False
    ) -> list[list[Line]]:
        out: list[list[Line]] = []
        for ln in lines:
            if out and self._joins(out[-1][-1], ln, left, right, centered):
                out[-1].append(ln)
            else:
                out.append([ln])
        return out

    def _joins(self, prev: Line, ln: Line, left: float, right: float, centered: bool) -> bool:
        """`ln` continues the paragraph that `prev` ends (see the module's note); in
        a header cell lines are centred, so only the room left on `prev` counts."""
        if abs(prev.size - ln.size) > 1:
            return False
        if prev.page == ln.page and prev.y - ln.y > NEW_PARAGRAPH_GAP * self.pitch:
            return False
        if not centered and ln.x0 > left + INDENT * ln.size:
            return False
        word = ln.text.split(" ", 1)[0]
        room = (right - left) - (prev.x1 - prev.x0) if centered else right - prev.x1
        if room < (len(word) + 1) * GLYPH_WIDTH * ln.size:
            return True  # the next word would not have fitted: the line wrapped
        # A line broken early (Word's Shift+Enter, a text laid out by hand) still
        # goes on when its words say so, as in a hard-wrapped text.
        return not centered and continues(prev.text.strip(), ln.text.strip(), None)


def _with_tables(lines: list[Line], page_grids: list[Grid]) -> list[Item]:
    """The page's lines with those inside a ruled table gathered into it, the table
    standing where its first line stood."""
    out: list[Item] = []
    tables: dict[int, _Table] = {}
    for ln in lines:
        x, y = (ln.x0 + ln.x1) / 2, ln.y + ln.size / 3
        k = next((k for k, g in enumerate(page_grids) if g.holds(x, y)), None)
        if k is None:
            out.append(ln)
            continue
        if k not in tables:
            tables[k] = _Table(page_grids[k])
            out.append(tables[k])
        tables[k].cells.setdefault(page_grids[k].cell(x, y), []).append(ln)
    return out


def _pieces(lines: list[Line]) -> list[Piece]:
    """The lines' pieces joined: a space between lines, none after a soft hyphen or a
    hyphen glued to its word (`2023-` / `2025`)."""
    out: list[Piece] = []
    for i, ln in enumerate(lines):
        pieces = [Piece(p.text, p.font, p.superscript) for p in ln.pieces]
        if i and out:
            tail = out[-1].text
            if tail.endswith("\xad"):
                out[-1].text = tail[:-1]
            elif not re.search(r"\w-$", tail):
                out.append(Piece(" ", out[-1].font))
        out += pieces
    return out


def _strip_number(pieces: list[Piece]) -> list[Piece]:
    """A note's body without its leading number (written as the `[n]` anchor)."""
    while pieces and (pieces[0].superscript or not pieces[0].text.strip()):
        pieces = pieces[1:]
    if pieces and not any(p.superscript for p in pieces[:1]):
        m = NOTE_START.match(pieces[0].text)
        if m:
            pieces = [Piece(pieces[0].text[m.end() :].lstrip(), pieces[0].font)] + pieces[1:]
    return pieces


def _write(p: etree._Element, pieces: list[Piece], notes: set[int]) -> None:
    """Pieces into `<p>`: legacy-font runs as font spans, superscript note numbers as
    `_ftn` references, other superscripts as `<sup>`."""
    for piece in pieces:
        text = piece.text
        if piece.superscript and NUMBER.fullmatch(text.strip()) and int(text) in notes:
            n = int(text)
            el = etree.SubElement(p, "a", href=f"#_ftn{n}", name=f"_ftnref{n}")
            el.text = f"[{n}]"
        elif piece.superscript:
            el = etree.SubElement(p, "sup")
            el.text = text
        elif piece.font and font_encoding(piece.font):
            el = etree.SubElement(p, "span", style=f"font-family:'{piece.font}'")
            el.text = text
        else:
            if len(p):
                p[-1].tail = (p[-1].tail or "") + text
            else:
                p.text = (p.text or "") + text


def _note_number(ln: Line) -> int | None:
    first = ln.pieces[0] if ln.pieces else None
    if first is not None and first.superscript and NUMBER.fullmatch(first.text.strip()):
        return int(first.text)
    m = NOTE_START.match(ln.text)
    return int(next(g for g in m.groups() if g)) if m else None


def _note_zone(lines: list[Line], body_size: float, continuing: bool) -> list[Line]:
    """The page's footnote lines: the small lines at its bottom, when one of them
    opens a note or a note of an earlier page is `continuing`."""
    zone: list[Line] = []
    for ln in sorted(lines, key=lambda x: x.y):
        if ln.size > body_size * NOTE_SIZE:
            break
        zone.append(ln)
    if not continuing and not any(_note_number(ln) is not None for ln in zone):
        return []
    return sorted(zone, key=lambda x: -x.y)


def _chrome(pages: list[_Page]) -> set[int]:
    """Lines that belong to the page, not the document: running heads and feet that
    repeat on other pages (their digits aside), and page numbers."""
    seen: dict[tuple[str, str], set[int]] = {}
    edge_lines: list[tuple[Line, tuple[str, str]]] = []
    for p in pages:
        for ln in p.lines:
            band = (
                "top"
                if ln.y > p.height * (1 - EDGE)
                else "bottom"
                if ln.y < p.height * EDGE
                else ""
            )
            if band:
                key = (band, re.sub(r"\d+", "#", ln.plain().lower()))
                seen.setdefault(key, set()).add(ln.page)
                edge_lines.append((ln, key))
    repeats = 2 if len(pages) > 1 else 10**9
    return {
        id(ln)
        for ln, key in edge_lines
        if len(seen[key]) >= repeats or PAGE_NUMBER.match(ln.plain())
    }


def _header_columns(lines: list[Line], width: float) -> tuple[list[list[list[Line]]], list[Line]]:
    """Page 1's two header columns as table rows (left cell, right cell), and the
    lines after them; no rows when the page opens with no such columns."""
    first = [ln for ln in lines if ln.page == lines[0].page] if lines else []
    full = next((i for i, ln in enumerate(first) if ln.x1 - ln.x0 > FULL_LINE * width), None)
    split = _column_split(first[:full])
    if split is None:
        return [], lines
    end = next((i for i, ln in enumerate(first) if ln.x0 < split < ln.x1), len(first))
    head = first[:end]
    left = sorted((ln for ln in head if ln.x1 <= split), key=lambda x: -x.y)
    right = sorted((ln for ln in head if ln.x0 >= split), key=lambda x: -x.y)
    starts = sorted({ln.y for ln in left if any(abs(ln.y - r.y) < 3 for r in right)}, reverse=True)
    if not starts:
        return [], lines
    rows = []
    for k, top in enumerate(starts):
        below = starts[k + 1] if k + 1 < len(starts) else float("-inf")
        if k == 0:
            top = float("inf")
        cells = [[ln for ln in col if below + 2 < ln.y <= top + 2] for col in (left, right)]
        rows.append(cells)
    return rows, lines[end:]


def _column_split(lines: list[Line]) -> float | None:
    """Where the header's two columns part: found from the first two lines side by
    side on one baseline (the issuer and the motto), then moved into the gap that no
    line of the header crosses (a long issuer line may reach past the midpoint)."""
    pair = next(
        (
            (lo, hi)
            for i, a in enumerate(lines)
            for b in lines[i + 1 :]
            if abs(a.y - b.y) < 3
            for lo, hi in [(a, b) if a.x0 < b.x0 else (b, a)]
            if lo.x1 < hi.x0
        ),
        None,
    )
    if pair is None:
        return None
    middle = (pair[0].x1 + pair[1].x0) / 2
    left = [ln.x1 for ln in lines if (ln.x0 + ln.x1) / 2 < middle]
    right = [ln.x0 for ln in lines if (ln.x0 + ln.x1) / 2 >= middle]
    if left and right and max(left) < min(right):
        return (max(left) + min(right)) / 2
    return middle


def _mode_size(lines: list[Line]) -> float:
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[round(ln.size * 2) / 2] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else 12.0


def _pitch(lines: list[Line], size: float) -> float:
    gaps = [
        a.y - b.y
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and 0 < a.y - b.y < 2.5 * size
    ]
    return statistics.median(gaps) if gaps else size * 1.2


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]
