"""What every column means: one source for `datapackage.json`'s field descriptions and
enums and for the `README.md` codebook written into every output folder."""

from __future__ import annotations

from pathlib import Path

from baocao.outputs.tables import PRIMARY_KEYS, TABLES

FIELD_DESCRIPTIONS = {
    "doc_id": "The document: first 16 hex of sha256 of its URL (or file path).",
    "start": "Start of the span: a character offset into texts/<doc_id>.txt.",
    "end": "End of the span (exclusive): text[start:end] is the mention.",
    "section_id": "Path of section numbers (I.2.b; CII.M1.D15.2.a; ~2 for a repeat).",
    "mention": "The exact characters of the text that were read.",
    "url": "Canonical URL, or file: URI for local input.",
    "documents.title": "The page's or article's own headline.",
    "documents.document_title": "The document's subject line under its type line.",
    "documents.doc_type": "Type from the header: Báo cáo, Kế hoạch, Quyết định, ...",
    "documents.doc_number": "Number and symbol as written in the header (06/BC-LHH).",
    "documents.issuer": "Issuing body, re-cased as written in prose.",
    "documents.parent_issuer": "The body above the issuer in a two-line header.",
    "documents.place": "Place in the header's date line.",
    "documents.issued_date": "Date in the header's date line.",
    "documents.published_date": "Date the page was published on its site.",
    "documents.signer": "Name in the signature block.",
    "documents.sha256": "sha256 of the response body, as decoded from its transfer encoding.",
    "documents.text_sha256": "sha256 of the normalised text (texts/<doc_id>.txt).",
    "documents.period_label": "The reporting period its title names, as written.",
    "documents.period_start": "First day of the reporting period.",
    "documents.period_end": "Last day of the reporting period.",
    "documents.duplicate_of": "doc_id of an earlier copy: same text, or same number, "
    "issuer and date.",
    "documents.segmenter": "How the article was found in the page, or how a file was read "
    "(docx, pdf, doc>docx through LibreOffice, pdf>ocr through Tesseract).",
    "documents.format": "What the document came as: html, text, docx, pdf, doc or rtf.",
    "documents.parent_doc_id": "doc_id of the page that linked this file (attachments).",
    "documents.pages": "Pages of a PDF, or of a Word file as Word last counted them.",
    "documents.file_name": "A file's own name: the server's Content-Disposition, else the "
    "last part of its address or path.",
    "documents.page_attributes": "Fields the header did not show, filled from the page's "
    "own attribute table (Số hiệu, Ngày ban hành, ...).",
    "sections.level": "Depth in the document's own tree (1 = outermost numbered kind).",
    "sections.number": "The marker exactly as written.",
    "sections.kind": "The marker's style.",
    "quantities.kind": "What the figure measures.",
    "quantities.value": "The resolved number (5,3 tỷ đồng -> 5300000000).",
    "quantities.unit": "VND, ha, kg, m, l, %, a time word, or the counted noun.",
    "quantities.qualifier": "exact, or how the text hedges the number.",
    "quantities.sentence": "The sentence it stands in (at most 280 characters each side).",
    "references.reference_id": "r1, r2, ... in text order within the document.",
    "references.footnote": "Footnote number when the citation stands in a footnote.",
    "figures.section_title": "Title of the innermost section holding the figure.",
    "figures.doc_title": "The document's subject line (or its page title).",
    "errors.stage": "Where it failed: read, fetch, robots, host, limit, article, parse, "
    "timeout, harvest, file (a corrupt or locked file), converter (LibreOffice missing or "
    "failing), needs_ocr (a scanned PDF, OCR not installed), ocr, or an extractor's name.",
    "runs.status": "completed, partial, failed, stopped (or running).",
}
KINDS = ["money", "people", "count", "area", "percent", "length", "mass", "volume"]
KINDS += ["duration", "other"]
QUALIFIERS = ["exact", "approx", "more_than", "less_than", "at_least", "range"]
ENUMS = {
    "quantities.kind": KINDS,
    "figures.kind": KINDS,
    "quantities.qualifier": QUALIFIERS,
    "figures.qualifier": QUALIFIERS,
    "sections.kind": [
        "phan", "chuong", "muc", "tieumuc", "dieu",
        "upper_letter", "roman", "arabic", "decimal", "letter",
    ],
    "documents.segmenter": [
        "profile", "generator", "generic", "body", "text", "docx", "pdf", "doc>docx",
        "rtf>docx", "pdf>ocr",
    ],
    "documents.format": ["html", "text", "docx", "pdf", "doc", "rtf"],
    "runs.status": ["running", "completed", "partial", "failed", "stopped"],
}  # fmt: skip


def describe(table: str, name: str) -> str:
    return FIELD_DESCRIPTIONS.get(f"{table}.{name}") or FIELD_DESCRIPTIONS.get(name, "")


def write_codebook(folder: Path, names: list[str], run: dict[str, object]) -> Path:
    """README.md beside the tables: each table, its key, and what each column means."""
    from baocao.outputs.datapackage import DESCRIPTIONS

    lines = [
        "# Codebook",
        "",
        "Tables written by baocao "
        f"{run.get('version', '')} (`{run.get('command', '')}`). Each table is a UTF-8 CSV "
        "and, beside it, the same table as Parquet (exact text; in the CSV a cell that a "
        "spreadsheet would run as a formula begins with `'`). `start`/`end` are character "
        "offsets into `texts/<doc_id>.txt`. `datapackage.json` says the same for tools.",
    ]
    for name in names:
        key = ", ".join(PRIMARY_KEYS.get(name, [])) or "none"
        lines += ["", f"## {name}", "", DESCRIPTIONS[name], "", f"Key: {key}", ""]
        lines += ["| column | type | meaning |", "|---|---|---|"]
        for f in TABLES[name]:
            enum = ENUMS.get(f"{name}.{f.name}")
            about = describe(name, f.name) + (f" One of: {', '.join(enum)}." if enum else "")
            lines.append(f"| `{f.name}` | {f.type} | {about.strip()} |")
    path = folder / "README.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
