"""`process(source) -> records`: a pure function of the raw bytes, the profile and the code.

That purity is what makes runs resumable, results reproducible from the WARC
alone, and work shardable across processes or a Dask cluster.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from baocao.outputs.tables import Row, rows_for
from baocao.parsers.document import Document, NeedsOCR, SkipDocument, UnreadableFile
from baocao.parsers.formats import ReaderOptions
from baocao.parsers.parse import parse_page
from baocao.pipeline.deadline import DocumentTimeout, time_limit
from baocao.pipeline.registry import EXTRACTORS
from baocao.scrapers.sites import SiteProfile


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may cost; past either, it is recorded and skipped."""

    timeout: float = 120.0  # seconds (config: document_timeout)
    max_chars: int = 5_000_000  # of its text (config: max_document_chars)


@dataclass(frozen=True)
class Source:
    """Raw bytes and where they came from: a fetched page or a local file."""

    url: str  # canonical URL or file: URI; doc_id derives from it
    body: bytes
    content_type: str | None = None
    as_text: bool = False  # a .txt file: already-extracted text
    fetched_at: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    profile: SiteProfile | None = None
    repair: bool = True  # glue repair; `--no-repair` keeps the text as given
    extra: dict[str, str] = field(default_factory=dict)
    limits: DocumentLimits = DocumentLimits()
    readers: ReaderOptions = ReaderOptions()
    parent_doc_id: str | None = None  # the page that linked this file
    file_name: str | None = None  # a file's own name (Content-Disposition, or the path's)


@dataclass
class Result:
    doc_id: str
    text: str
    rows: dict[str, list[Row]]


class StageError(Exception):
    """A document failed in a named stage; the run records it and goes on. `skipped`
    says the input holds no document (a listing, an error page): recorded, not failed."""

    def __init__(self, stage: str, message: str, skipped: bool = False) -> None:
        super().__init__(message)
        self.stage = stage
        self.skipped = skipped

    def __reduce__(self):  # sent back from a parsing process whole
        return (StageError, (self.stage, str(self), self.skipped))


def build_document(src: Source) -> Document:
    try:
        with time_limit(src.limits.timeout):
            return _build(src)
    except DocumentTimeout as e:
        raise StageError("timeout", str(e)) from None


def _build(src: Source) -> Document:
    try:
        doc = parse_page(
            src.body,
            src.url,
            content_type=src.content_type,
            profile=src.profile,
            as_text=src.as_text,
            repair=src.repair,
            readers=src.readers,
            file_name=src.file_name,
        )
    except NeedsOCR as e:
        raise StageError("needs_ocr", _message(e), skipped=True) from e
    except UnreadableFile as e:
        raise StageError(e.stage, _message(e)) from e
    except SkipDocument as e:
        raise StageError("article", _message(e), skipped=True) from e
    except DocumentTimeout:
        raise
    except Exception as e:  # noqa: BLE001 - any failure of one document is recorded, not raised
        raise StageError("parse", _message(e)) from e
    if len(doc.text) > src.limits.max_chars:
        raise StageError(
            "limit",
            f"text of {len(doc.text)} characters is over the limit of {src.limits.max_chars}"
            " (limits: max_document_chars)",
        )
    for name, extract in EXTRACTORS.items():
        try:
            out = extract(doc)
        except DocumentTimeout:
            raise
        except Exception as e:  # noqa: BLE001
            raise StageError(name, _message(e)) from e
        if not isinstance(out, Document):
            raise StageError(
                name, f"extractor {name!r} returned {type(out).__name__}, not Document"
            )
        doc = out
    return doc


def process(src: Source) -> Result:
    import hashlib

    doc = build_document(src)
    source_cols = {
        "fetched_at": src.fetched_at,
        "sha256": hashlib.sha256(src.body).hexdigest(),
        "warc_file": src.warc_file,
        "warc_offset": src.warc_offset,
        "parent_doc_id": src.parent_doc_id,
        "file_name": src.file_name if doc.meta.get("format") not in ("html", "text") else None,
    }
    return Result(doc.doc_id, doc.text, rows_for(doc, source_cols))


def _message(e: Exception) -> str:
    """The first line of the error, or its type when it has no message."""
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
