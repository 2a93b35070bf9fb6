"""The calls a notebook needs: a page, a text or a file in, a `Document` out; a run's
folder in, its tables out. Everything else stays in the four rooms beneath."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from baocao.outputs.tables import TABLES, rows_for
from baocao.parsers.document import Document as _Parsed
from baocao.parsers.parse import is_plain_text
from baocao.pipeline.inputs import SUFFIXES
from baocao.pipeline.process import Source, StageError, build_document

TEXT_SUFFIXES = (".txt",)


class NoDocument(ValueError):
    """The input holds no document (an empty page, a listing), or could not be read."""


@dataclass
class Document:
    """One document: its normalised `text` and every layer as spans into it."""

    parsed: _Parsed

    @property
    def text(self) -> str:
        return self.parsed.text

    @property
    def meta(self) -> dict:
        return self.parsed.meta

    @property
    def sections(self):
        return self.parsed.sections

    @property
    def footnotes(self):
        return self.parsed.footnotes

    @property
    def quantities(self):
        return self.parsed.quantities

    @property
    def references(self):
        return self.parsed.references

    @property
    def tables(self) -> list[dict]:
        """The data tables the source holds, one row per cell (the `tables` table)."""
        return self.rows()["tables"]

    def rows(self) -> dict[str, list[dict]]:
        """Every table's rows for this document, as the CSV files have them."""
        return rows_for(self.parsed, {})

    def to_frames(self) -> dict:
        """The tables as pandas DataFrames with nullable dtypes (pandas must be installed)."""
        pd = _pandas()
        frames = {}
        for name, rows in self.rows().items():
            columns = [f.name for f in TABLES[name]]
            frames[name] = _typed(pd.DataFrame(rows, columns=columns), name)
        return frames


def read_bytes(body: bytes, url: str | None = None, content_type: str | None = None) -> Document:
    """A document from bytes of any format baocao reads: told by the bytes themselves
    (a PDF or Word file), else by `content_type`, else taken as a page."""
    return _read(bytes(body), url, content_type, as_text=is_plain_text(content_type))


def read_html(html: bytes | str, url: str | None = None) -> Document:
    """A page's document. `bytes` are decoded as the page says (declared charset, BOM,
    detection, legacy fonts); a `str` is taken as already decoded."""
    if isinstance(html, str):
        body, ctype = html.encode("utf-8"), "text/html; charset=utf-8"
    elif isinstance(html, bytes | bytearray | memoryview):
        body, ctype = bytes(html), None
    else:
        raise TypeError(f"read_html() takes bytes or str, not {type(html).__name__}")
    return _read(body, url, ctype, as_text=False)


def read_text(text: str, url: str | None = None) -> Document:
    """A text a scraper already extracted (portal chrome and hard wraps are fine)."""
    if not isinstance(text, str):
        raise TypeError(f"read_text() takes str, not {type(text).__name__}")
    return _read(text.encode("utf-8"), url, "text/plain; charset=utf-8", as_text=True)


def read_file(path: str | Path) -> Document:
    """A page (`.html`, `.htm`), a text (`.txt`) or a file (`.docx`, `.pdf`, `.doc`,
    `.rtf`) from disk."""
    if not isinstance(path, str | Path):
        raise TypeError(f"read_file() takes a path, not {type(path).__name__}")
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        said = ", ".join(SUFFIXES)
        raise ValueError(f"{p}: baocao reads {said} files, not {suffix or 'this'}")
    body = p.read_bytes()
    return _read(body, p.resolve().as_uri(), None, as_text=suffix in TEXT_SUFFIXES)


def _read(body: bytes, url: str | None, ctype: str | None, as_text: bool) -> Document:
    url = url or f"urn:sha256:{hashlib.sha256(body).hexdigest()}"  # an id from the content
    try:
        return Document(build_document(Source(url, body, ctype, as_text=as_text)))
    except StageError as e:
        raise NoDocument(f"{url}: {e} (stage {e.stage})") from None


@dataclass
class Tables:
    """A run's output folder: `tables["quantities"]` is a DataFrame (from the Parquet,
    which keeps every text exactly), `tables.text(doc_id)` a document's text."""

    folder: Path
    frames: dict

    def __getitem__(self, name: str):
        return self.frames[name]

    def __iter__(self):
        return iter(self.frames)

    def text(self, doc_id: str) -> str:
        return (self.folder / "texts" / f"{doc_id}.txt").read_text("utf-8")


def load(folder: str | Path) -> Tables:
    """The tables of an output folder (`baocao extract` or `baocao run`) as DataFrames."""
    pd = _pandas()
    out = Path(folder)
    if not (out / "documents.parquet").exists():
        raise ValueError(f"{out}: no baocao tables here (no documents.parquet)")
    frames = {
        name: _typed(pd.read_parquet(out / f"{name}.parquet"), name)
        for name in TABLES
        if (out / f"{name}.parquet").exists()
    }
    return Tables(out, frames)


NULLABLE = {"string": "string", "integer": "Int64", "number": "Float64"}


def _typed(frame, name: str):
    """Each column in the nullable dtype its schema names; dates as datetimes."""
    pd = _pandas()
    for f in TABLES[name]:
        if f.name not in frame:
            continue
        if f.type in NULLABLE:
            frame[f.name] = frame[f.name].astype(NULLABLE[f.type])
        else:
            frame[f.name] = pd.to_datetime(frame[f.name], errors="coerce", utc=f.type == "datetime")
    return frame


def _pandas():
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_frames() and load() need pandas: pip install pandas") from None
    return pd
