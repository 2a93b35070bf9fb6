"""The records that pass between stages.

A `Document` holds one normalised text; everything else is a span into it
(spaCy's `Doc` model). Nothing downstream of `parsers.html` re-reads HTML, so
the offsets in every output table point into `Document.text` and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from baocao.parsers.triggers import Places


@dataclass(slots=True)  # not frozen: made for every line, and frozen costs a call a field
class Block:
    """One line of the main text: a paragraph, a table cell, a caption (never changed
    once made)."""

    start: int
    end: int
    kind: str = "p"  # p | cell | caption | footnote
    table: int | None = None  # index into Document.source_tables for data-table cells
    row: int | None = None
    col: int | None = None
    footnote: int | None = None  # footnote number when markup says it holds that note


@dataclass(frozen=True)
class Marker:
    """A footnote reference that markup identified (`<a href="#_ftn1">`, `<sup>`)."""

    n: int
    start: int
    end: int


@dataclass
class SourceTable:
    """A data table of the source, as cell blocks; layout tables are not kept."""

    index: int
    header: list[str] = field(default_factory=list)
    header_is_row: bool = False  # True when the first row holds the header text


@dataclass
class Section:
    section_id: str
    parent_id: str | None
    level: int
    number: str
    title: str
    start: int
    end: int
    kind: str = ""  # the marker's style: phan, chuong, muc, dieu, roman, arabic, letter, ...


@dataclass
class Footnote:
    n: int
    marker_start: int | None
    start: int
    end: int
    section_id: str | None = None


@dataclass
class Quantity:
    start: int
    end: int
    kind: str
    value: float
    unit: str | None = None
    qualifier: str = "exact"
    value_max: float | None = None
    per: str | None = None
    denominator: float | None = None
    value_raw: float | None = None
    unit_raw: str | None = None
    subject: str | None = None


@dataclass
class Reference:
    start: int
    end: int
    doc_type: str
    number: str | None = None
    date: str | None = None
    issuer: str | None = None


@dataclass
class Document:
    """The text of one report and every layer recovered from it."""

    doc_id: str
    url: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    source_tables: list[SourceTable] = field(default_factory=list)
    meta: dict[str, str | None] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    body_start: int = 0
    body_end: int = 0  # where the signature block or the footnotes begin
    _places: Places | None = field(default=None, init=False, repr=False, compare=False)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def places(self) -> Places:
        """Where every rule's trigger words stand in the text: one scan, made when the
        first extractor asks and shared by the others (figures, citations)."""
        if self._places is None or self._places.text is not self.text:
            from baocao.parsers.rules import vocabulary
            from baocao.parsers.triggers import Places

            self._places = Places(self.text, vocabulary())
        return self._places


class UnreadableFile(Exception):
    """A file that holds a document baocao cannot open: corrupt, password-protected,
    or in a format whose converter is not installed. Recorded as a failure of its
    `stage` (`file`, `converter`), unlike a `SkipDocument`."""

    def __init__(self, stage: str, message: str):
        super().__init__(message)
        self.stage = stage


class SkipDocument(Exception):
    """Raised by a stage that cannot make a document of its input; carries the reason."""


class NeedsOCR(SkipDocument):
    """A PDF with no text layer: its pages are pictures of text."""

    def __init__(self, pages: int):
        super().__init__(f"a scanned PDF: {pages} page(s) with no text layer (needs OCR)")
        self.pages = pages
