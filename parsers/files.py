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
from baocao.parsers.docx import docx_html
from baocao.parsers.formats import ReaderOptions
from baocao.parsers.ocr import ocr_pdf, ocr_ready
from baocao.parsers.pdf import NeedsOCR, pdf_html


@dataclass
class Reading:
    body: etree._Element | None  # markup for the HTML walk, or
    text: str | None  # plain text (OCR) for the text reader
    pages: int | None
    method: str  # how it was read: docx, pdf, doc>docx, rtf>docx, pdf>ocr


def read_file(raw: bytes, fmt: str, options: ReaderOptions) -> Reading:
    if fmt == "docx":
        body, pages = docx_html(raw)
        return Reading(body, None, pages, "docx")
    if fmt in ("doc", "rtf"):
        converted = to_docx(raw, fmt, options.doc_converter, options.converter_timeout)
        body, pages = docx_html(converted)
        return Reading(body, None, pages, f"{fmt}>docx")
    try:
        body, pages = pdf_html(raw)
        return Reading(body, None, pages, "pdf")
    except NeedsOCR:
        if options.ocr == "off" or not ocr_ready(options.ocr_language):
            raise
    text, pages = ocr_pdf(raw, options.ocr_language, options.converter_timeout)
    return Reading(None, text, pages, "pdf>ocr")
