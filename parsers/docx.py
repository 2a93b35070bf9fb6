"""A Word file (DOCX) as the HTML Word itself would save, for the one HTML-to-text walk.

Reading DOCX is mostly reading what Word *shows*, which is not all in the text:
list numbering (`I.`, `1.`, `a)`) lives in `numbering.xml` and must be counted;
footnotes live in their own part and are numbered in order of reference; a
`.VnTime` font turns Latin-1 bytes into Vietnamese. So the file is rendered to
the markup that Word's "Save as Web Page" writes (`<p>`, tables, `_ftn` anchors,
`font-family` runs), and `parsers/htmltext.py` turns it into text and spans
exactly as it does for a page pasted from Word. Page headers and footers are
other parts, and are left out.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from posixpath import join, normpath

from lxml import etree

from baocao.parsers.document import UnreadableFile
from baocao.parsers.formats import OLE
from baocao.parsers.legacy import font_encoding
from baocao.parsers.numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_PART = 200 * 1024 * 1024  # a document.xml larger than this is a zip bomb, not a report
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_PUA = re.compile(r"[\uf000-\uf0ff]")  # Symbol/Wingdings glyphs: bullets in Word's lists


@dataclass
class Package:
    """The parts a reading needs, found through the package's relationships."""

    document: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None
    notes: dict[str, etree._Element]  # "footnote"/"endnote" -> part
    pages: int | None = None


# What a damaged ZIP or part raises on the way: bad CRCs, bad deflate streams, bad
# offsets, unsupported ZIP features, bytes that are not the XML's encoding.
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    etree.XMLSyntaxError,
    OSError,
    EOFError,
    NotImplementedError,
    ValueError,
    RuntimeError,
)


def open_package(raw: bytes) -> Package:
    """The parts, every one read whole now: a part that cannot be read makes the file
    unreadable (a report without its numbering or its notes would be wrong, not less)."""
    if raw.startswith(OLE):  # Office wraps an encrypted DOCX in an OLE container
        raise UnreadableFile("file", "a password-protected DOCX file")
    try:
        z = zipfile.ZipFile(BytesIO(raw))
        names = set(z.namelist())
        main = _main_part(z, names)
        rels = _relations(z, names, main)
        doc = _xml(z, main)

        def part(kind: str) -> etree._Element | None:
            target = rels.get(kind)
            return _xml(z, target) if target in names else None

        notes = {k: p for k in ("footnotes", "endnotes") if (p := part(k)) is not None}
        return Package(doc, part("styles"), part("numbering"), notes, _pages(z, names))
    except _DAMAGED as e:
        raise UnreadableFile("file", f"not a readable DOCX file ({_short(e)})") from None


def _main_part(z: zipfile.ZipFile, names: set[str]) -> str:
    rels = _relations(z, names, "")
    return rels.get("officeDocument", "word/document.xml")


def _relations(z: zipfile.ZipFile, names: set[str], part: str) -> dict[str, str]:
    """Relationship type's last word -> target part name, for `part` (or the package)."""
    folder, name = part.rpartition("/")[::2] if part else ("", "")
    rels = join(folder, "_rels", f"{name}.rels")
    if rels not in names:
        return {}
    out = {}
    for rel in _xml(z, rels).iter(f"{REL_NS}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else normpath(join(folder, target))
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _xml(z: zipfile.ZipFile, name: str) -> etree._Element:
    info = z.getinfo(name)
    if info.file_size > MAX_PART:
        raise UnreadableFile("file", f"a DOCX part over {MAX_PART // 2**20} MB ({name})")
    return etree.fromstring(z.read(name), _PARSER)


def _pages(z: zipfile.ZipFile, names: set[str]) -> int | None:
    """The page count Word saved in `docProps/app.xml` (as of the last save)."""
    if "docProps/app.xml" not in names:
        return None
    m = re.search(rb"<(?:\w+:)?Pages>(\d+)<", z.read("docProps/app.xml")[:100_000])
    return int(m.group(1)) if m else None


def _short(e: Exception) -> str:
    return str(e).split("\n")[0][:80] or type(e).__name__


@dataclass
class _Html:
    """The HTML being written, and the notes met so far (in order of reference)."""

    body: etree._Element
    numbering: Numbering
    styles: Styles
    note_ids: dict[tuple[str, str], int] = field(default_factory=dict)


def docx_html(raw: bytes) -> tuple[etree._Element, int | None]:
    """The file as an HTML `<body>` element, and its page count when Word saved one."""
    pkg = open_package(raw)
    html = etree.Element("html")
    body = etree.SubElement(html, "body")
    styles = Styles(pkg.styles)
    out = _Html(body, Numbering(pkg.numbering, styles.numbering_of), styles)
    main = pkg.document.find(f"{W}body")
    if main is None:
        raise UnreadableFile("file", "a DOCX file with no body")
    _blocks(main, body, out)
    _notes(pkg, out)
    return body, pkg.pages


def _blocks(container: etree._Element, parent: etree._Element, out: _Html) -> None:
    for el in container:
        tag = el.tag
        if tag == f"{W}p":
            _paragraph(el, parent, out)
        elif tag == f"{W}tbl":
            _table(el, parent, out)
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{MC}AlternateContent"):
            inner = _content_of(el)
            if inner is not None:
                _blocks(inner, parent, out)


def _content_of(el: etree._Element) -> etree._Element | None:
    """The part of a wrapper that Word shows: a content control's content, an
    alternate content's first choice."""
    if el.tag == f"{W}sdt":
        return el.find(f"{W}sdtContent")
    if el.tag == f"{MC}AlternateContent":
        return el.find(f"{MC}Choice")
    return el


def _paragraph(p: etree._Element, parent: etree._Element, out: _Html) -> None:
    html_p = etree.SubElement(parent, "p")
    label = out.numbering.label(p)
    writer = _Runs(html_p, out)
    if label:
        writer.text(label + " ")
    writer.walk(p)
    for box in writer.boxes:  # text boxes drawn in the paragraph: paragraphs after it
        _blocks(box, parent, out)


class _Runs:
    """A paragraph's runs into one `<p>`: text, breaks, note references, font spans."""

    def __init__(self, p: etree._Element, out: _Html):
        self.p, self.out = p, out
        self.span: etree._Element | None = None  # the open legacy-font run, if any
        self.font: str | None = None
        self.in_instr: list[bool] = []  # per open field: still in its code?
        self.boxes: list[etree._Element] = []

    def walk(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{W}r":
                self.run(child)
            elif tag in (f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr"):
                continue
            elif tag == f"{MC}AlternateContent":
                if (choice := child.find(f"{MC}Choice")) is not None:
                    self.walk(choice)
            elif isinstance(tag, str):  # hyperlink, smartTag, ins, fldSimple, sdt...
                self.walk(child)

    def run(self, r: etree._Element) -> None:
        rpr = r.find(f"{W}rPr")
        if rpr is not None and _on(rpr.find(f"{W}vanish")):
            return
        self.set_font(self.out.styles.run_font(r, rpr))
        for child in r:
            self.piece(child)

    def piece(self, el: etree._Element) -> None:
        tag = el.tag
        if tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            if kind == "begin":
                self.in_instr.append(True)
            elif kind == "separate" and self.in_instr:
                self.in_instr[-1] = False
            elif kind == "end" and self.in_instr:
                self.in_instr.pop()
        elif self.in_instr and self.in_instr[-1]:
            return  # a field's code (`PAGE`, `HYPERLINK "…"`), not what it shows
        elif tag == f"{W}t":
            self.text(el.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            self.text("\u00a0\u00a0\u00a0")  # a column gap, as Word's HTML pads one
        elif tag in (f"{W}br", f"{W}cr"):
            self.br()
        elif tag == f"{W}noBreakHyphen":
            self.text("-")
        elif tag == f"{W}sym":
            char = chr(int(el.get(f"{W}char", "20"), 16))
            self.text("•" if _PUA.match(char) else char)
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            self.note_ref("footnote" if "foot" in tag else "endnote", el.get(f"{W}id", ""))
        elif tag in (f"{W}footnoteRef", f"{W}endnoteRef"):
            pass  # the note's own number: written by _notes
        elif tag in (f"{W}drawing", f"{W}pict", f"{MC}AlternateContent"):
            self.boxes += _text_boxes(el)

    def set_font(self, font: str | None) -> None:
        """Only legacy fonts matter to the reading: their runs become font spans."""
        if font == self.font:
            return
        self.font, self.span = font, None
        if font and font_encoding(font):
            self.span = etree.SubElement(self.p, "span", style=f"font-family:'{font}'")

    def text(self, s: str) -> None:
        if s:
            _append(self.span if self.span is not None else self.p, s)

    def br(self) -> None:
        self.span = None
        self.font = None
        etree.SubElement(self.p, "br")

    def note_ref(self, kind: str, note_id: str) -> None:
        ids = self.out.note_ids
        n = ids.setdefault((kind, note_id), len(ids) + 1)
        a = etree.SubElement(self.p, "a", href=f"#_ftn{n}", name=f"_ftnref{n}")
        a.text = f"[{n}]"
        self.span, self.font = None, None


def _append(el: etree._Element, s: str) -> None:
    """Text at the end of `el`: after its last child, or its own text when it has none."""
    if len(el):
        el[-1].tail = (el[-1].tail or "") + s
    else:
        el.text = (el.text or "") + s


def _text_boxes(el: etree._Element) -> list[etree._Element]:
    return [
        box
        for box in el.iter(f"{W}txbxContent")
        if not any(a.tag == f"{MC}Fallback" for a in box.iterancestors())
    ]


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(f"{W}val", "true") not in ("0", "false", "off")


def _table(tbl: etree._Element, parent: etree._Element, out: _Html) -> None:
    """Word's table as HTML: bordered ones say so (a data table), borderless ones are
    the header's and signature's layout."""
    table = etree.SubElement(parent, "table")
    if out.styles.table_has_borders(tbl):
        table.set("border", "1")
    for tr in tbl.iter(f"{W}tr"):
        if tr.getparent() is not tbl:
            continue
        row = etree.SubElement(table, "tr")
        for tc in tr.iterchildren(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            if merge is not None and merge.get(f"{W}val", "continue") == "continue":
                continue  # the cell above spans this one
            td = etree.SubElement(row, "td")
            span = tcpr.find(f"{W}gridSpan") if tcpr is not None else None
            if span is not None:
                td.set("colspan", span.get(f"{W}val", "1"))
            _blocks(tc, td, out)


def _notes(pkg: Package, out: _Html) -> None:
    """Each referenced note at the end, as Word's HTML writes it: a `_ftn` div whose
    paragraph starts with its `[n]` back-link."""
    if not out.note_ids:
        return
    bodies = {}
    for kind, part in pkg.notes.items():
        for note in part.iterchildren(f"{W}{kind[:-1]}"):
            bodies[(kind[:-1], note.get(f"{W}id", ""))] = note
    holder = etree.SubElement(out.body, "div")
    for key, n in sorted(out.note_ids.items(), key=lambda kv: kv[1]):
        note = bodies.get(key)
        if note is None:
            continue
        div = etree.SubElement(holder, "div", id=f"ftn{n}")
        before = len(div)
        _blocks(note, div, out)
        first = div[before] if len(div) > before else etree.SubElement(div, "p")
        a = etree.Element("a", href=f"#_ftnref{n}", name=f"_ftn{n}")
        a.text, a.tail = f"[{n}]", first.text
        first.text = None
        first.insert(0, a)


class Styles:
    """What paragraph and character styles say about numbering, fonts and borders,
    following `w:basedOn` the way Word inherits them."""

    def __init__(self, root: etree._Element | None):
        self.by_id: dict[str, etree._Element] = {}
        self.default_font: str | None = None
        self.default_para: str | None = None
        if root is None:
            return
        for st in root.iterchildren(f"{W}style"):
            self.by_id[st.get(f"{W}styleId", "")] = st
            if st.get(f"{W}default") in ("1", "true") and st.get(f"{W}type") == "paragraph":
                self.default_para = st.get(f"{W}styleId")
        fonts = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        self.default_font = _font_name(fonts)

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            st = self.by_id[style_id]
            yield st
            based = st.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def numbering_of(self, style_id: str | None) -> etree._Element | None:
        for st in self.chain(style_id or self.default_para):
            num = st.find(f"{W}pPr/{W}numPr")
            if num is not None:
                return num
        return None

    def run_font(self, r: etree._Element, rpr: etree._Element | None) -> str | None:
        if rpr is not None:
            if name := _font_name(rpr.find(f"{W}rFonts")):
                return name
            rstyle = rpr.find(f"{W}rStyle")
            for st in self.chain(rstyle.get(f"{W}val") if rstyle is not None else None):
                if name := _font_name(st.find(f"{W}rPr/{W}rFonts")):
                    return name
        p = next(r.iterancestors(f"{W}p"), None)
        ppr = p.find(f"{W}pPr") if p is not None else None
        pstyle = ppr.find(f"{W}pStyle") if ppr is not None else None
        for st in self.chain(pstyle.get(f"{W}val") if pstyle is not None else self.default_para):
            if name := _font_name(st.find(f"{W}rPr/{W}rFonts")):
                return name
        return self.default_font

    def table_has_borders(self, tbl: etree._Element) -> bool:
        tblpr = tbl.find(f"{W}tblPr")
        if tblpr is None:
            return False
        own = tblpr.find(f"{W}tblBorders")
        if own is not None:
            return _any_border(own)
        style = tblpr.find(f"{W}tblStyle")
        for st in self.chain(style.get(f"{W}val") if style is not None else None):
            borders = st.find(f"{W}tblPr/{W}tblBorders")
            if borders is not None:
                return _any_border(borders)
        return False


def _any_border(borders: etree._Element) -> bool:
    return any(b.get(f"{W}val", "nil") not in ("nil", "none") for b in borders)


def _font_name(fonts: etree._Element | None) -> str | None:
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")
