"""baocao as a spaCy pipeline component (the optional extra `baocao[spacy]`).

    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("baocao")
    doc = nlp(text)
    [(s.text, s.label_, s._.value, s._.unit) for s in doc.spans["baocao"]]

The component reads `doc.text` exactly as given (no glue repair, no unwrapping:
spaCy's offsets are the text's), finds its footnotes and sections as for a text
file, runs the figure and citation extractors, and puts each finding in
`doc.spans["baocao"]`: figures labelled by kind in capitals (`MONEY`, `PEOPLE`,
…), citations as `REFERENCE`, each with `value`, `unit`, `kind`, `qualifier`,
`subject` (figures) or `doc_type`, `number`, `date`, `issuer` (citations) as
extension attributes. `displacy_data(doc)` gives displaCy's manual format.

The factory is registered through the package's `spacy_factories` entry point, so
`nlp.add_pipe("baocao")` works without importing baocao first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from baocao.parsers.document import Block, Document
from baocao.parsers.parse import add_structure
from baocao.pipeline.registry import EXTRACTORS

KEY = "baocao"
ATTRIBUTES = ("value", "value_max", "unit", "kind", "qualifier", "subject")
ATTRIBUTES += ("doc_type", "number", "date", "issuer")


def _extensions() -> None:
    for name in ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class BaocaoComponent:
    def __init__(self, nlp: Language, name: str = KEY):
        self.name = name
        _extensions()

    def __call__(self, doc: Doc) -> Doc:
        parsed = read_exactly(doc.text)
        spans = [s for q in parsed.quantities if (s := _figure(doc, q)) is not None]
        spans += [s for r in parsed.references if (s := _reference(doc, r)) is not None]
        doc.spans[self.name] = sorted(spans, key=lambda s: (s.start_char, s.end_char))
        return doc


@Language.factory(KEY)
def make_component(nlp: Language, name: str) -> BaocaoComponent:
    return BaocaoComponent(nlp, name)


def read_exactly(text: str) -> Document:
    """The text's structure and findings, with offsets into `text` itself: one block
    a line, as the text stands."""
    blocks, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Block(pos, pos + len(line)))
        pos += len(line) + 1
    doc = add_structure(Document("spacy", "urn:spacy", text, blocks))
    for extract in EXTRACTORS.values():
        doc = extract(doc)
    return doc


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _figure(doc: Doc, q) -> Span | None:
    span = _span(doc, q.start, q.end, str(q.kind).upper())
    if span is not None:
        for name in ("value", "value_max", "unit", "kind", "qualifier", "subject"):
            setattr(span._, name, getattr(q, name))
    return span


def _reference(doc: Doc, r) -> Span | None:
    span = _span(doc, r.start, r.end, "REFERENCE")
    if span is not None:
        for name in ("doc_type", "number", "date", "issuer"):
            setattr(span._, name, getattr(r, name, None))
    return span


def displacy_data(doc: Doc, key: str = KEY) -> dict:
    """The spans in displaCy's manual format: `displacy.render(displacy_data(doc),
    style="ent", manual=True)`."""
    spans = doc.spans[key] if key in doc.spans else []
    ents = [{"start": s.start_char, "end": s.end_char, "label": s.label_} for s in spans]
    return {"text": doc.text, "ents": _no_overlaps(ents), "title": None}


def _no_overlaps(ents: list[dict]) -> list[dict]:
    """displaCy draws one mark at a time: of two that overlap, the first stays."""
    out: list[dict] = []
    for e in sorted(ents, key=lambda e: (e["start"], -e["end"])):
        if not out or e["start"] >= out[-1]["end"]:
            out.append(e)
    return out
