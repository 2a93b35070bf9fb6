"""Files that are not pages (DOCX, PDF, DOC, RTF) as markup for the one HTML walk.

Each reader renders its format to the markup Word's own HTML has, so that text,
spans, footnotes, layout tables and legacy-font runs come out of
`parsers/htmltext.py` exactly as they do for a page pasted from Word. DOC and RTF
go through LibreOffice to DOCX first; a PDF with no text layer goes through OCR
when Tesseract is installed, and is then read as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from baocao.parsers.convert import to_docx
from baocao.parsers.document import NeedsOCR
from baocao.parsers.docx import docx_html
from baocao.parsers.formats import ReaderOptions
from baocao.parsers.legacy import (
    SAMPLE,
    convert,
    detect,
    font_encoding,
    might_be_legacy,
    restore_capitals,
)
from baocao.parsers.ocr import ocr_pdf, ocr_ready
from baocao.parsers.pdf import pdf_html


@dataclass
class Reading:
    body: etree._Element | None  # markup for the HTML walk, or
    text: str | None  # plain text (OCR) for the text reader
    pages: int | None
    method: str  # how it was read: docx, pdf, doc>docx, rtf>docx, pdf>ocr
    legacy: str | None = None  # a legacy encoding told by the characters (no font said it)


def read_file(raw: bytes, fmt: str, options: ReaderOptions) -> Reading:
    if fmt == "docx":
        body, pages = docx_html(raw)
        return Reading(body, None, pages, "docx", legacy_by_characters(body))
    if fmt in ("doc", "rtf"):
        converted = to_docx(raw, fmt, options.doc_converter, options.converter_timeout)
        body, pages = docx_html(converted)
        return Reading(body, None, pages, f"{fmt}>docx", legacy_by_characters(body))
    try:
        body, pages = pdf_html(raw)
        return Reading(body, None, pages, "pdf", legacy_by_characters(body))
    except NeedsOCR:
        if options.ocr == "off" or not ocr_ready(options.ocr_language):
            raise
    text, pages = ocr_pdf(raw, options.ocr_language, options.converter_timeout)
    return Reading(None, text, pages, "pdf>ocr")


def legacy_by_characters(body: etree._Element) -> str | None:
    """TCVN3 or VNI text whose font no longer says so (a PDF printed with a substitute
    font, a style naming a theme font): told by the characters, as for a page whose
    bytes are legacy, and converted in place. Used only when no run names a legacy
    font (those runs are converted by the walk). The lost `.VnTimeH` capitals come
    back per paragraph (`legacy.restore_capitals`)."""
    spans = (el for el in body.iter("span") if font_encoding(el.get("style", "")))
    if next(spans, None) is not None:
        return None
    text = " ".join(body.itertext())
    name = detect(text[:SAMPLE]) if might_be_legacy(text) else None
    if name is None:
        return None
    for el in body.iter():
        if el.text:
            el.text = convert(el.text, name)
        if el.tail and el is not body:
            el.tail = convert(el.tail, name)
    for p in body.iter("p"):
        if restore_capitals(t := "".join(p.itertext())) != t:
            for el in p.iter():
                el.text = el.text.upper() if el.text else el.text
                if el is not p and el.tail:
                    el.tail = el.tail.upper()
    return name
