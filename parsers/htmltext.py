"""HTML to lines of text the way a browser shows them, with block spans.

A newline inside a paragraph is a space (deleting it is what glued the seed's
`nhândân`); block elements and `<br>` end lines; every table cell is its own
block; comments, scripts and styles vanish. Footnote markers and bodies are
recognised here, from markup, because after this step the markup is gone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from baocao.parsers import legacy
from baocao.parsers.document import Block, Marker, SourceTable
from baocao.parsers.repair import offset_map, repair_line
from baocao.parsers.spaces import squash, words
from baocao.parsers.tree import text_content

BLOCK_TAGS = frozenset(
    "address article aside blockquote caption center dd div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead "
    "tfoot tr td th ul".split()
)
SKIP_TAGS = frozenset(
    "script style noscript template head title meta link iframe object embed svg select "
    "option button textarea input map area canvas video audio".split()
)
# Word pads header and signature columns with NBSPs: three or more in a row end a column.
# (The gap opens with its first NBSP, a literal `re` skips ahead to; the spaces before
# it stay with the text before, where laying the line out drops them.)
_COLUMN_GAP = re.compile(r"\u00a0[ \t\r\n]*(?:\u00a0[ \t\r\n]*){2,}")
MARKER_CHARS = 4  # `1.`, `a)`, `IV.`: a gap after something this short is list indent
_NOTE_REF = re.compile(r"#_?(?:ftn|edn)(\d+)$", re.I)
_NOTE_BODY_ID = re.compile(r"^_?(?:ftn|edn)(\d+)$", re.I)
_DIGITS = re.compile(r"^\[?(\d{1,3})\]?$")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BORDER = re.compile(r"border[a-z-]*\s*:\s*(?!none)[^;]*?(solid|\d+(\.\d+)?px)", re.I)
# Words that make a table a header or signature layout, not data (Decree 30 layout).
_LAYOUT_WORDS = re.compile(
    r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập|Nơi nhận|^Số\s*:|TM\.|KT\.|Đã ký", re.I | re.M
)


@dataclass
class Lines:
    """What the walker produced: the joined text, its blocks and the markup facts."""

    text: str
    blocks: list[Block]
    markers: list[Marker]
    tables: list[SourceTable]
    repairs: int = 0
    font_runs: tuple[str, ...] = ()  # legacy encodings converted in font runs


@dataclass
class _Cell:
    table: int
    row: int
    col: int
    header: bool


_State = tuple[bool, int | None, str, tuple[str, bool] | None]  # footnote?, its n, kind, font


@dataclass
class _Walker:
    pieces: list[str] = field(default_factory=list)
    pos: int = 0
    line: list[str] = field(default_factory=list)  # raw text of the line being built
    line_markers: list[tuple[int, int, int]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    tables: list[SourceTable] = field(default_factory=list)
    cell: _Cell | None = None
    footnote: int | None = None
    in_footnote: bool = False
    kind: str = "p"
    repair: bool = False
    repairs: int = 0
    fonts: bool = True  # convert legacy font runs (off when the whole page was legacy)
    font: tuple[str, bool] | None = None  # (encoding, capitals) of the current font run
    fonts_seen: set[str] = field(default_factory=set)

    # -- text --------------------------------------------------------------
    # A line's pieces are kept raw and laid out once, when the line ends: one
    # normalisation and one whitespace collapse per line, not one per text node.
    def add(self, raw: str) -> None:
        """Append text as a browser lays it out; a wide NBSP gap is a column break."""
        if not self.line and raw.isspace() and self.font is None:
            return  # space before a line's text is never shown (the markup's line breaks)
        if raw.count("\u00a0") < 3:  # a column gap is three NBSPs or more: most text has none
            self._append(raw)
            return
        for i, part in enumerate(_COLUMN_GAP.split(raw)):
            if i and len(self._laid_out()) > MARKER_CHARS:
                self.flush()
            elif i:
                self._append(" ")  # Word's list indent after `1.` or `-` is not a column
            self._append(part)

    def _append(self, raw: str) -> None:
        if self.font:
            encoding, capitals = self.font
            self.fonts_seen.add(encoding)
            raw = legacy.convert(raw, encoding)
            raw = raw.upper() if capitals else raw
        self.line.append(raw)

    def _laid_out(self) -> str:
        return _layout("".join(self.line))

    def _width(self) -> int:
        """The laid-out length of the line so far, a trailing space counted: where the
        next text will begin."""
        raw = "".join(self.line)
        laid = _layout(raw)
        return len(laid) + 1 if laid and _layout(raw[-1:]) == "" else len(laid)

    def flush(self) -> None:
        tokens = _layout_words("".join(self.line)) if self.line else []
        self.line = []
        marks, self.line_markers = self.line_markers, []
        if not tokens:
            return
        text = " ".join(tokens)  # the line laid out; its words go on to repair
        if self.repair:
            fixed, n_fixed = repair_line(text, tokens)
            if n_fixed:
                where = offset_map(text, fixed)
                marks = [(n, where[a], where[min(b, len(text))]) for n, a, b in marks]
                text, self.repairs = fixed, self.repairs + n_fixed
        start = self.pos
        for n, a, b in marks:
            if a < len(text):
                self.markers.append(Marker(n, start + a, start + min(b, len(text))))
        kind = "footnote" if self.in_footnote else ("cell" if self.cell else self.kind)
        c = self.cell
        self.blocks.append(
            Block(
                start,
                start + len(text),
                kind,
                table=c.table if c else None,
                row=c.row if c else None,
                col=c.col if c else None,
                footnote=self.footnote if self.in_footnote else None,
            )
        )
        self.pieces.append(text)
        self.pos += len(text) + 1

    # -- elements ----------------------------------------------------------
    def walk(self, el: etree._Element) -> None:
        """Lay out an element and its tail (the text after it, inside its parent)."""
        tag = el.tag
        if isinstance(tag, str):
            tag = tag.lower()
            facts = _facts_of(el)
            if tag in SKIP_TAGS or facts.hidden:
                pass
            elif tag == "br":
                self.flush()
            elif tag == "table":
                self._table(el)
            else:
                self._element(el, tag, facts)
        tail = el.tail  # comments and processing instructions keep only their tail
        if tail:
            self.add(tail)

    def _element(self, el: etree._Element, tag: str, facts: _Facts | None = None) -> None:
        block = tag in BLOCK_TAGS
        if block and self.line:
            self.flush()
        if facts is None:
            facts = _facts_of(el)
        saved = self._enter(tag, facts)
        marker = _marker_number(el, tag) if tag in _MARKER_TAGS and not self.in_footnote else None
        begin = self._width() if marker is not None else 0
        text = el.text
        if text:
            self.add(text)
        for child in el:
            self.walk(child)
        if marker is not None:
            self._mark(marker, begin)
        if block and self.line:
            self.flush()
        if saved is not None:
            self.in_footnote, self.footnote, self.kind, self.font = saved

    def _enter(self, tag: str, facts: _Facts) -> _State | None:
        """Set what the element sets for what it contains (a font run, a footnote body,
        a caption); the state before, to be put back, or None when it sets nothing, as
        most elements do."""
        font = self.fonts and facts.names_font
        if not font and facts.note_body is None and tag != "caption":
            return None
        saved = (self.in_footnote, self.footnote, self.kind, self.font)
        if font:
            self.font = facts.font
        if facts.note_body is not None:
            self.in_footnote = True
            self.footnote = facts.note_body or self.footnote
        if tag == "caption":
            self.kind = "caption"
        return saved

    def _mark(self, n: int, begin: int) -> None:
        line = self._laid_out()
        while begin < len(line) and line[begin] == " ":
            begin += 1
        if begin < len(line):
            self.line_markers.append((n, begin, len(line)))

    def _table(self, table: etree._Element) -> None:
        self.flush()
        if not is_data_table(table):
            for child in table:
                self.walk(child)
            self.flush()
            return
        src = SourceTable(index=len(self.tables))
        self.tables.append(src)
        saved = self.cell
        rows = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
        for cap in table.iter("caption"):
            self._element(cap, "caption")
        body_row = 0
        for i, tr in enumerate(rows):
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            header = _is_header_row(tr, cells, i, rows)
            if not header:
                body_row += 1
            col = 0
            for td in cells:
                col += 1
                self.cell = _Cell(src.index, 0 if header else body_row, col, header)
                if header:
                    src.header.append(_cell_text(td))
                    src.header_is_row = True
                self._element(td, "td")
                col += _colspan(td) - 1
        self.cell = saved
        self.flush()


@dataclass(frozen=True)
class _Facts:
    """What an element's attributes say: hidden, a font run, a footnote body."""

    hidden: bool = False
    font: tuple[str, bool] | None = None  # legacy encoding and capitals
    names_font: bool = False  # a legacy font, or any font (a Unicode run ends a legacy one)
    note_body: int | None = None  # see _note_body_of


_PLAIN_FACTS = _Facts()
_MARKER_TAGS = frozenset(("a", "sup"))


def _facts_of(el: etree._Element) -> _Facts:
    attributes = el.items()
    return _facts(tuple(attributes)) if attributes else _PLAIN_FACTS


# Word repeats the same few attribute sets on every run: their facts are remembered.
@lru_cache(maxsize=4096)
def _facts(attributes: tuple[tuple[str, str], ...]) -> _Facts:
    attrs = dict(attributes)
    style, face = attrs.get("style") or "", attrs.get("face") or ""
    font = legacy.font_encoding(f"{style} {face}") if style or face else None
    return _Facts(
        hidden=bool(style) and _HIDDEN.search(style) is not None,
        font=font,
        names_font=font is not None or bool(face) or "font-family" in style.lower(),
        note_body=_note_body_of(attrs.get("id") or "", style, attrs.get("class") or ""),
    )


def _owner_table(tr: etree._Element) -> etree._Element | None:
    for anc in tr.iterancestors():
        if isinstance(anc.tag, str) and anc.tag.lower() == "table":
            return anc
    return None


def _layout_words(raw: str) -> list[str]:
    """The words of a line as a browser lays it out: composed (NFC), split on space."""
    return words(unicodedata.normalize("NFC", raw))


def _layout(raw: str) -> str:
    """Text as a browser lays out a line: its words, one space between them."""
    return " ".join(_layout_words(raw))


def _colspan(td: etree._Element) -> int:
    span = (td.get("colspan") or "1").strip()
    return int(span) if span.isdigit() and int(span) > 0 else 1


def _cell_text(td: etree._Element) -> str:
    return _layout(text_content(td))


def _is_header_row(tr, cells, i: int, rows) -> bool:
    parent = tr.getparent()
    if parent is not None and isinstance(parent.tag, str) and parent.tag.lower() == "thead":
        return True
    if cells and all(c.tag.lower() == "th" for c in cells):
        return True
    if i == 0 and len(rows) > 1 and not any(c.tag.lower() == "th" for r in rows for c in r):
        first_has_numbers = any(_has_number(_cell_text(c)) for c in cells)
        rest_has_numbers = any(_has_number(_cell_text(c)) for r in rows[1:] for c in r)
        return rest_has_numbers and not first_has_numbers
    return False


_NUMBER = re.compile(r"^\s*[\d.,]+\s*%?\s*$")


def _has_number(s: str) -> bool:
    return bool(_NUMBER.match(s))


def is_data_table(table: etree._Element) -> bool:
    """Data tables show a grid, a header or a caption; layout tables hold a page's columns."""
    text = text_content(table)
    if _LAYOUT_WORDS.search(text):
        return False
    rows = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
    if len(rows) < 2:
        return False
    if any(
        t.tag.lower() in ("th", "thead", "caption") for t in table.iter() if isinstance(t.tag, str)
    ):
        return True
    border = table.get("border", "0").strip()
    if border.isdigit() and int(border) > 0:
        return True
    cells = [c for c in table.iter("td")]
    bordered = sum(1 for c in cells if _BORDER.search(c.get("style", "")))
    return bool(cells) and bordered / len(cells) > 0.5


def _note_body_of(id_: str, style: str, cls: str) -> int | None:
    """0 for a footnote container without a number, n for footnote n, None otherwise."""
    m = _NOTE_BODY_ID.match(id_)
    if m:
        return int(m.group(1))
    if "mso-element:footnote" in style.replace(" ", "") and "list" not in style:
        return 0
    if "MsoFootnoteText" in cls or "MsoEndnoteText" in cls:
        return 0
    return None


def _marker_number(el: etree._Element, tag: str) -> int | None:
    if tag == "a":
        m = _NOTE_REF.search(el.get("href", "") or "")
        return int(m.group(1)) if m else None
    if tag == "sup":
        inner = squash(text_content(el)).replace(" ", "")
        m = _DIGITS.match(inner)
        if m and not any(a.get("href") for a in el.iter("a")):
            return int(m.group(1))
        for a in el.iter("a"):
            if (ref := _NOTE_REF.search(a.get("href", "") or "")) or (
                m and a.get("href", "").startswith("#")
            ):
                return int(ref.group(1)) if ref else int(m.group(1)) if m else None
    return None


# Inline elements that only style their text. Word wraps nearly every run of text
# in one (`<span style=...>`, `<o:p>`); those whose attributes say nothing the walk
# cares about are unwrapped in C before it, which halves the elements it visits.
INLINE_TAGS = ("span", "font", "b", "i", "u", "strong", "em", "small", "big", "o:p")
_KEEP = "baocao-keep"


def _unwrap_plain_inline(root: etree._Element, fonts: bool) -> None:
    """Unwrap inline elements that are not hidden, open no footnote and change no font
    (naming a Unicode font ends a legacy run, so such elements stay when any run does).

    Nearly all are plain: the few that stay are renamed while one `strip_tags` unwraps
    every other, then given their names back (renaming costs more than stripping)."""
    keep: list[tuple[etree._Element, str]] = []
    named: list[tuple[etree._Element, str]] = []  # plain, but naming a font
    legacy_runs = False
    for el in root.iterdescendants(*INLINE_TAGS):
        facts = _facts_of(el)
        legacy_runs = legacy_runs or facts.font is not None
        if facts.font is not None or facts.hidden or facts.note_body is not None:
            keep.append((el, el.tag))
        elif facts.names_font:
            named.append((el, el.tag))
    if fonts and legacy_runs:
        keep += named
    for el, _ in keep:
        el.tag = _KEEP
    etree.strip_tags(root, *INLINE_TAGS)
    for el, tag in keep:
        el.tag = tag


def html_lines(root: etree._Element, repair: bool = True, fonts: bool = True) -> Lines:
    """Walk an article subtree; the result's text is `\\n`.join of its blocks."""
    _unwrap_plain_inline(root, fonts)
    w = _Walker(repair=repair, fonts=fonts)
    w.walk(root)
    w.flush()
    text = "\n".join(w.pieces)
    return Lines(text, w.blocks, w.markers, w.tables, w.repairs, tuple(sorted(w.fonts_seen)))
