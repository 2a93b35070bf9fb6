"""Raw bytes to a `Document` with its structure: the parse half of `process()`.

HTML goes through decode -> article -> lines; `.txt` through decode -> text
page. Both then get the same structure pass: footnotes, signature, sections,
header metadata. Extractors run later, over the finished document.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit
from urllib.request import url2pathname

from lxml import etree

from baocao.parsers.article import canonical_url, find_article
from baocao.parsers.attributes import fill_from_attributes, page_attributes
from baocao.parsers.decode import decode_bytes
from baocao.parsers.document import Block, Document, SkipDocument
from baocao.parsers.footnotes import find_footnotes
from baocao.parsers.formats import NOT_DOCUMENTS, ReaderOptions, sniff
from baocao.parsers.header import (
    dmy_to_iso,
    doc_type_of,
    enacting_type,
    is_body_opener,
    is_upper_line,
    parse_header,
    parse_signature,
    signature_start,
)
from baocao.parsers.htmltext import Lines, html_lines
from baocao.parsers.legacy import LEGACY
from baocao.parsers.lexicon import words
from baocao.parsers.notemarkup import normalise_note_markup
from baocao.parsers.sections import (
    attachment_starts,
    find_sections,
    heading_of,
    line_head,
    section_at,
)
from baocao.parsers.textinput import header_start, read_text_page
from baocao.parsers.tree import parse_html, parse_utf8
from baocao.scrapers.sites import SiteProfile, profile_for

DEFAULT_READERS = ReaderOptions()
HEADER_BLOCKS = 25  # the header never runs longer than this many lines
PROSE_BLOCK = 250  # a paragraph this long is the text, not a header line
ENACTING_BLOCKS = 60  # `QUYẾT ĐỊNH:` comes after a preamble of this many lines at most


def doc_id_for(url: str, raw: bytes | None = None) -> str:
    """First 16 hex of sha256 of the canonical URL; for a local file, of its name and its
    bytes, so that the same file has the same id on every machine and in every folder."""
    if url.startswith("file:") and raw is not None:
        name = url2pathname(urlsplit(url).path).rsplit("/", 1)[-1]
        key = f"{name}\n{hashlib.sha256(raw).hexdigest()}"
    else:
        key = url2pathname(urlsplit(url).path) if url.startswith("file:") else url
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def looks_like_html(raw: bytes) -> bool:
    head = raw[:2048].lower()
    if head.lstrip().startswith((b"<!--", b"<!doctype", b"<?xml", b"<html")):
        return True  # markup, even when it holds nothing else
    return any(
        t in head for t in (b"<html", b"<!doctype html", b"<body", b"<p", b"<div", b"<table")
    )


def page_tree(raw: bytes, content_type: str | None = None) -> etree._Element:
    """A page's tree for walking a site (its links, its role), decoded as honestly as for
    parsing (a UTF-16 or windows-1258 page is not read as UTF-8); empty markup is `<html>`."""
    try:
        return parse_html(decode_bytes(raw, content_type).text)
    except (etree.ParserError, ValueError):
        return parse_html("")


def is_plain_text(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == "text/plain"


def parse_page(
    raw: bytes,
    url: str,
    *,
    content_type: str | None = None,
    profile: SiteProfile | None = None,
    as_text: bool = False,
    repair: bool = True,
    readers: ReaderOptions = DEFAULT_READERS,
    file_name: str | None = None,
) -> Document:
    """Parse one page, text file or attached file (DOCX, PDF, DOC, RTF). `url` is the
    canonical URL or the file: URI; `file_name` (a download's own name) helps tell an
    old Word file from an old Excel one."""
    if not raw.strip():
        raise SkipDocument("empty document")
    fmt = None if as_text else sniff(raw, file_name or url, content_type)
    if fmt in NOT_DOCUMENTS:
        raise SkipDocument(f"{NOT_DOCUMENTS[fmt]} ({fmt}), not a document")
    if fmt is not None:
        doc, encoding = _file_document(raw, url, fmt, profile, repair, readers)
    else:
        doc, encoding = _page_document(raw, url, content_type, profile, as_text, repair)
    if not doc.text.strip():
        raise SkipDocument("no text found in the page")
    runs = doc.meta.pop("font_runs", None)
    doc.meta["encoding"] = encoding + (f" + {runs} font runs" if runs else "")
    doc.meta["published_date"] = dmy_to_iso(doc.meta.get("published_as_written"))
    attributes = doc.meta.pop("page_attributes_found", None)
    doc = add_structure(doc)
    if attributes is not None:
        fill_from_attributes(doc.meta, attributes)
    if fmt is not None and not doc.meta.get("title"):
        doc.meta["title"] = _title_from_header(doc.meta)
    if doc.meta.get("segmenter") in ("generic", "body") and _is_listing(doc.meta):
        raise SkipDocument(f"a listing or search result ({doc.meta['title'][:60]!r})")
    return doc


def _page_document(
    raw: bytes,
    url: str,
    content_type: str | None,
    profile: SiteProfile | None,
    as_text: bool,
    repair: bool,
) -> tuple[Document, str]:
    """A web page or a text file, before its structure is found."""
    decoded = decode_bytes(raw, content_type)
    if as_text or not looks_like_html(raw):
        page = read_text_page(decoded.text, repair=repair)
        doc = Document(doc_id_for(url, raw), url, page.text, page.blocks)
        doc.meta["repairs"] = page.repairs
        doc.meta.update(title=page.title, published_as_written=page.published, site="generic")
        doc.meta.update(segmenter="text", format="text")
        return doc, decoded.provenance
    try:
        tree = parse_utf8(raw, decoded.text) if decoded.utf8_as_is else parse_html(decoded.text)
    except etree.ParserError:
        raise SkipDocument("empty document: markup with no content") from None
    prof = profile
    if prof is None:
        prof = profile_for(url if url.startswith("http") else canonical_url(tree))
    normalise_note_markup(tree, raw)
    attributes = page_attributes(tree)
    art = find_article(tree, prof)
    lines = html_lines(art.root, repair=repair, fonts=decoded.encoding not in LEGACY)
    doc = _from_lines(lines, url, raw)
    doc.meta.update(title=art.title, published_as_written=art.published, site=prof.name)
    doc.meta.update(segmenter=art.method, format="html", page_attributes_found=attributes)
    return doc, decoded.provenance


def _file_document(
    raw: bytes,
    url: str,
    fmt: str,
    profile: SiteProfile | None,
    repair: bool,
    readers: ReaderOptions,
) -> tuple[Document, str]:
    """An attached file, before its structure is found: its markup through the same
    walk as a page's, or its OCR text through the text reader."""
    from baocao.parsers.files import read_file  # PDFium and the rest: only for files

    reading = read_file(raw, fmt, readers)
    if reading.body is not None:
        doc = _from_lines(html_lines(reading.body, repair=repair), url, raw)
    else:
        page = read_text_page(reading.text or "", repair=repair)
        doc = Document(doc_id_for(url, raw), url, page.text, page.blocks)
        doc.meta["repairs"] = page.repairs
    site = profile.name if profile is not None else "generic"
    doc.meta.update(title=None, published_as_written=None, site=site)
    doc.meta.update(segmenter=reading.method, format=fmt, pages=reading.pages)
    legacy = f" + {reading.legacy} by characters" if reading.legacy else ""
    return doc, reading.method + legacy


def _from_lines(lines: Lines, url: str, raw: bytes) -> Document:
    doc = Document(doc_id_for(url, raw), url, lines.text, lines.blocks, lines.markers, lines.tables)
    doc.meta["repairs"] = lines.repairs
    if lines.font_runs:
        doc.meta["font_runs"] = " + ".join(lines.font_runs)
    return doc


def _title_from_header(meta: dict) -> str | None:
    """A file has no page title: its type line and title line stand for one."""
    parts = [meta.get("doc_type"), meta.get("document_title")]
    return " ".join(p.upper() if i == 0 else p for i, p in enumerate(parts) if p) or None


def _is_listing(meta: dict) -> bool:
    """Titled as a list (`Danh sách …`, `Kết quả tìm kiếm`) with no document header."""
    title = (meta.get("title") or "").strip().lower()
    said = any(title.startswith(w) for w in words("listing_titles.txt"))
    return said and not any(meta.get(k) for k in ("doc_number", "issued_date", "doc_type"))


PAGE_HEADER_BLOCKS = 400  # a portal's menus may come before a pasted document's header


def add_structure(doc: Document) -> Document:
    text = doc.text
    doc.footnotes = find_footnotes(text, doc.blocks, doc.markers)
    blocks = _document_blocks(text, doc.blocks)
    notes_area = _notes_area(text, doc)
    first_heading = _first_heading(text, blocks, notes_area)
    doc.meta.update(parse_header(text, blocks[: _header_end(text, blocks, first_heading)]))
    if "doc_type" not in doc.meta:
        doc.meta.update(_enacted_type(text, blocks, first_heading))
    after = blocks[first_heading or 0 :]
    after = [b for b in after if b.start < notes_area]
    sig = signature_start(text, after)
    doc.body_end = after[sig].start if sig is not None else notes_area
    doc.body_start = blocks[first_heading].start if first_heading is not None else 0
    if sig is not None:
        doc.meta.update(parse_signature(text, [b for b in after[sig:]]))
    attachments = attachment_starts(text, blocks, doc.body_end) if sig is not None else []
    doc.sections = find_sections(text, blocks, doc.body_end, attachments)
    for note in doc.footnotes:
        anchor = note.marker_start if note.marker_start is not None else note.start
        note.section_id = section_at(doc.sections, anchor)
    return doc


def _document_blocks(text: str, blocks: list[Block]) -> list[Block]:
    """The blocks from the document's header on: a page's menus and banners before a
    pasted document's national motto (and the issuer lines above it) are no part of
    its header or sections."""
    lines = [text[b.start : b.end] for b in blocks[:PAGE_HEADER_BLOCKS]]
    start = header_start(lines, within=PAGE_HEADER_BLOCKS, motto_only=True)
    return blocks[start:] if start else blocks


def _notes_area(text: str, doc: Document) -> int:
    """Where the footnote bodies begin (the end of the text when there are none)."""
    if not doc.footnotes:
        return len(text)
    first = doc.footnotes[0].start
    m = re.search(r"\[\d{1,3}\]\s*$", text[max(0, first - 8) : first])
    return max(0, first - 8) + m.start() if m else first


def _header_end(text: str, blocks: list[Block], first_heading: int | None) -> int:
    """The header runs until the first heading, the first line of the text's own
    (`Căn cứ …`, a long paragraph), or HEADER_BLOCKS lines."""
    limit = min(first_heading if first_heading is not None else len(blocks), HEADER_BLOCKS)
    typed = False  # the line under the type line is the title, whatever its first word
    for i, b in enumerate(blocks[:limit]):
        line = text[b.start : b.end]
        opener = is_body_opener(line) and not typed
        if opener or (len(line) > PROSE_BLOCK and not is_upper_line(line)):
            return i
        typed = doc_type_of(line) is not None
    return limit


def _enacted_type(text: str, blocks: list[Block], first_heading: int | None) -> dict[str, str]:
    """A decision whose type line is missing still says `QUYẾT ĐỊNH:` before its articles."""
    for b in blocks[: (first_heading or 0) + 1][:ENACTING_BLOCKS]:
        if dt := enacting_type(text[b.start : b.end]):
            return {"doc_type": dt}
    return {}


def _first_heading(text: str, blocks: list[Block], limit: int) -> int | None:
    for i, b in enumerate(blocks):
        if b.start >= limit:
            break
        if b.kind == "p" and heading_of(line_head(text, b)):
            return i
    return None
