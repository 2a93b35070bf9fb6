"""The output contract (`design/tables.md`): each table's fields and how a Document fills them.

Field order is the contract: columns may be added at the end, none renamed.
Types are Frictionless types; they drive the Parquet schema and datapackage.json.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from baocao.parsers.document import Document
from baocao.parsers.footnotes import footnote_at
from baocao.parsers.periods import period_of
from baocao.parsers.sections import section_at


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "string"  # string | integer | number | date | datetime
    description: str = ""


def F(spec: str) -> tuple[Field, ...]:
    """'name:type name ...' -> Fields (type defaults to string)."""
    out = []
    for item in spec.split():
        name, _, typ = item.partition(":")
        out.append(Field(name, typ or "string"))
    return tuple(out)


TABLES: dict[str, tuple[Field, ...]] = {
    "documents": F(
        "doc_id url site title doc_type doc_number issuer parent_issuer place issued_date:date "
        "published_date:date signer signer_title fetched_at:datetime sha256 warc_file "
        "warc_offset:integer n_chars:integer encoding repairs:integer document_title "
        "signing_capacity segmenter text_sha256 period_label period_start:date period_end:date "
        "duplicate_of page_attributes format parent_doc_id pages:integer file_name"
    ),
    "sections": F(
        "doc_id section_id parent_id level:integer number title start:integer end:integer kind"
    ),
    "footnotes": F(
        "doc_id n:integer section_id marker_start:integer text start:integer end:integer"
    ),
    "quantities": F(
        "doc_id quantity_id section_id footnote:integer subject kind value:number value_max:number "
        "unit qualifier per denominator:number value_raw:number unit_raw mention start:integer "
        "end:integer sentence"
    ),
    "references": F(
        "doc_id mention doc_type number date:date issuer start:integer end:integer "
        "reference_id section_id footnote:integer"
    ),
    "tables": F("doc_id table_id row:integer col:integer header value number:number"),
    # One row per figure with what a reader groups by: no joins needed.
    "figures": F(
        "doc_id quantity_id kind value:number value_max:number unit qualifier per "
        "denominator:number subject mention section_id section_title footnote:integer "
        "doc_title doc_type doc_number issuer parent_issuer place issued_date:date "
        "period_label period_start:date period_end:date url"
    ),
    "errors": F("input stage error at:datetime run_id:integer"),
    "runs": F(
        "run_id:integer started:datetime ended:datetime status pages_fetched:integer new:integer "
        "changed:integer unchanged:integer failed:integer bytes:integer warc_file"
    ),
    "hosts": F(
        "run_id:integer host pages_fetched:integer new:integer changed:integer "
        "unchanged:integer failed:integer bytes:integer"
    ),
}
PRIMARY_KEYS = {
    "documents": ["doc_id"],
    "sections": ["doc_id", "section_id"],
    "footnotes": ["doc_id", "n"],
    "quantities": ["doc_id", "quantity_id"],
    "tables": ["doc_id", "table_id", "row", "col"],
    "references": ["doc_id", "reference_id"],
    "figures": ["doc_id", "quantity_id"],
    "runs": ["run_id"],
    "hosts": ["run_id", "host"],
}
DOCUMENT_TABLES = (
    "documents",
    "sections",
    "footnotes",
    "quantities",
    "references",
    "tables",
    "figures",
)

Row = dict[str, object]


def document_row(doc: Document, source: dict[str, object]) -> Row:
    m = doc.meta
    row: Row = {f.name: m.get(f.name) for f in TABLES["documents"]}
    row.update(doc_id=doc.doc_id, url=doc.url, n_chars=len(doc.text))
    row["text_sha256"] = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    period = period_of(m.get("document_title") or m.get("title"), m.get("issued_date"))
    if period:
        row.update(period_label=period.label, period_start=period.start, period_end=period.end)
    row.update({k: v for k, v in source.items() if k in row})
    return row


def section_rows(doc: Document) -> Iterator[Row]:
    for s in doc.sections:
        yield {
            "doc_id": doc.doc_id,
            "section_id": s.section_id,
            "parent_id": s.parent_id,
            "level": s.level,
            "number": s.number,
            "title": s.title,
            "start": s.start,
            "end": s.end,
            "kind": s.kind,
        }


def footnote_rows(doc: Document) -> Iterator[Row]:
    for n in doc.footnotes:
        yield {
            "doc_id": doc.doc_id,
            "n": n.n,
            "section_id": n.section_id,
            "marker_start": n.marker_start,
            "text": doc.text[n.start : n.end],
            "start": n.start,
            "end": n.end,
        }


def quantity_rows(doc: Document) -> Iterator[Row]:
    from baocao.parsers.sentences import Sentences

    sentences = Sentences(doc.text)
    for i, q in enumerate(sorted(doc.quantities, key=lambda q: q.start), 1):
        note = footnote_at(doc.footnotes, q.start)
        section = note.section_id if note else section_at(doc.sections, q.start)
        yield {
            "doc_id": doc.doc_id,
            "quantity_id": f"q{i}",
            "section_id": section,
            "footnote": note.n if note else None,
            "subject": q.subject,
            "kind": q.kind,
            "value": q.value,
            "value_max": q.value_max,
            "unit": q.unit,
            "qualifier": q.qualifier,
            "per": q.per,
            "denominator": q.denominator,
            "value_raw": q.value_raw,
            "unit_raw": q.unit_raw,
            "mention": doc.text[q.start : q.end],
            "start": q.start,
            "end": q.end,
            "sentence": sentences.at(q.start, q.end),
        }


def reference_rows(doc: Document) -> Iterator[Row]:
    for i, r in enumerate(sorted(doc.references, key=lambda r: r.start), 1):
        note = footnote_at(doc.footnotes, r.start)
        yield {
            "doc_id": doc.doc_id,
            "mention": doc.text[r.start : r.end],
            "doc_type": r.doc_type,
            "number": r.number,
            "date": r.date,
            "issuer": r.issuer,
            "start": r.start,
            "end": r.end,
            "reference_id": f"r{i}",
            "section_id": note.section_id if note else section_at(doc.sections, r.start),
            "footnote": note.n if note else None,
        }


def table_rows(doc: Document) -> Iterator[Row]:
    """Long form: one row per body cell; a cell of several paragraphs is joined by a space."""
    from baocao.parsers.numbers import cell_number

    for src in doc.source_tables:
        cells: dict[tuple[int, int], list[str]] = {}
        for b in doc.blocks:
            if b.table == src.index and b.row and b.col:
                cells.setdefault((b.row, b.col), []).append(doc.text[b.start : b.end])
        for (row, col), parts in cells.items():
            value = " ".join(parts)
            header = src.header[col - 1] if col <= len(src.header) else None
            yield {
                "doc_id": doc.doc_id,
                "table_id": f"t{src.index + 1}",
                "row": row,
                "col": col,
                "header": header,
                "value": value,
                "number": cell_number(value),
            }


FIGURE_FROM_QUANTITY = (
    "doc_id quantity_id kind value value_max unit qualifier per denominator subject mention "
    "section_id footnote"
).split()
FIGURE_FROM_DOCUMENT = (
    "doc_type doc_number issuer parent_issuer place issued_date period_label period_start "
    "period_end url"
).split()


def figure_rows(doc: Document, document: Row, quantities: list[Row]) -> Iterator[Row]:
    """Each figure with its document's title, issuer, place, date and period and its
    section's title beside it: a table ready for `groupby`, with no join to make."""
    titles = {s.section_id: s.title for s in doc.sections}
    doc_title = doc.meta.get("document_title") or doc.meta.get("title")
    for q in quantities:
        row = {k: q[k] for k in FIGURE_FROM_QUANTITY}
        row.update({k: document[k] for k in FIGURE_FROM_DOCUMENT})
        row["section_title"] = titles.get(q["section_id"])
        row["doc_title"] = doc_title
        yield row


def rows_for(doc: Document, source: dict[str, object]) -> dict[str, list[Row]]:
    """Every table's rows for one document: what a worker sends back to the writer."""
    document = document_row(doc, source)
    quantities = list(quantity_rows(doc))
    return {
        "documents": [document],
        "sections": list(section_rows(doc)),
        "footnotes": list(footnote_rows(doc)),
        "quantities": quantities,
        "references": list(reference_rows(doc)),
        "tables": _fill_empty_cells(list(table_rows(doc)), doc),
        "figures": list(figure_rows(doc, document, quantities)),
    }


def _fill_empty_cells(rows: list[Row], doc: Document) -> list[Row]:
    """An empty cell has no block; the long form still has its row (value '')."""
    by_table: dict[str, list[Row]] = {}
    for r in rows:
        by_table.setdefault(str(r["table_id"]), []).append(r)
    out: list[Row] = []
    for tid, cells in by_table.items():
        src = doc.source_tables[int(tid[1:]) - 1]
        ncols = max(len(src.header), max(int(c["col"]) for c in cells))
        have = {(c["row"], c["col"]): c for c in cells}
        for r in sorted({int(c["row"]) for c in cells}):
            for c in range(1, ncols + 1):
                cell = have.get((r, c))
                if cell is None:
                    header = src.header[c - 1] if c <= len(src.header) else None
                    cell = dict(
                        doc_id=doc.doc_id,
                        table_id=tid,
                        row=r,
                        col=c,
                        header=header,
                        value="",
                        number=None,
                    )
                out.append(cell)
    return out
