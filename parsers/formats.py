"""Which reader a file needs, told by its bytes first, its name and type second.

A portal's `DownloadFile.aspx?id=…` says nothing of the format, and a `.doc`
link often serves RTF or even a DOCX, so the magic bytes decide; the name and
`Content-Type` only separate what the bytes cannot (an OLE file may be Word,
Excel or a password-protected DOCX).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")  # read as pages
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, Excel 97-2003, encrypted OOXML
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
FILE_FORMATS = ("docx", "pdf", "doc", "rtf")  # read by parsers.attachments, not as pages
NOT_DOCUMENTS = {  # formats seen behind report links that hold no report text
    "xls": "a spreadsheet",
    "xlsx": "a spreadsheet",
    "ppt": "a slide deck",
    "pptx": "a slide deck",
    "zip": "a ZIP archive",
}
# Content types a report's file is served under (the bytes still decide the format).
FILE_TYPES = (
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/rtf",
    "text/rtf",
    "application/octet-stream",
    "binary/octet-stream",
    "application/download",
    "application/x-download",
    "application/force-download",
)
_OLE_KINDS = {".xls": "xls", ".ppt": "ppt", "excel": "xls", "powerpoint": "ppt"}


@dataclass(frozen=True)
class ReaderOptions:
    """How files that need outside tools are read (config keys of the same names)."""

    doc_converter: str = ""  # LibreOffice's `soffice`; empty: found on PATH
    ocr: str = "auto"  # `auto`: OCR scanned PDFs when Tesseract is installed; `off`
    ocr_language: str = "vie"
    converter_timeout: float = 120.0


def sniff(raw: bytes, name: str = "", content_type: str | None = None) -> str | None:
    """`pdf`, `docx`, `doc`, `rtf`, a NOT_DOCUMENTS key, or None for a page or text."""
    head = raw[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return _zip_kind(raw)
    if raw.startswith(OLE):
        if ENCRYPTED_OOXML in raw[:65536]:
            return "docx"  # an encrypted DOCX: the DOCX reader says so
        hint = (name.lower().rsplit("?", 1)[0], (content_type or "").lower())
        for key, kind in _OLE_KINDS.items():
            if hint[0].endswith(key) or key in hint[1]:
                return kind
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    return None


def _zip_kind(raw: bytes) -> str:
    try:
        names = zipfile.ZipFile(BytesIO(raw)).namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return "docx"  # a damaged DOCX is still a DOCX: its reader says what is wrong
    folders = {n.split("/", 1)[0] for n in names}
    if "word" in folders:
        return "docx"
    if "xl" in folders:
        return "xlsx"
    if "ppt" in folders:
        return "pptx"
    return "zip"
