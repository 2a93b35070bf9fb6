"""The same document met twice: a portal that posts a report under two addresses, or a
report and its repost. A later copy's `duplicate_of` names the first copy's `doc_id`, so
that a sum over documents counts each report once (`docs[docs.duplicate_of.isna()]`).

Two documents are the same when their texts are identical, or when both show the same
number, issuer and date in their headers. Decided once every document of a generation
is written, over the `documents` table alone (one row a document), which is then
rewritten in place with the column filled.
"""

from __future__ import annotations

from pathlib import Path

from baocao.outputs.tables import TABLES
from baocao.outputs.writers import TableWriter


def _key_of(row: dict) -> tuple | None:
    parts = (row.get("doc_number"), row.get("issuer"), row.get("issued_date"))
    return parts if all(parts) else None


def mark_duplicates(folder: Path) -> int:
    """Fill `duplicate_of` in `folder`'s documents table; the number of duplicates."""
    import pyarrow.parquet as pq

    path = folder / "documents.parquet"
    if not path.exists():
        return 0
    rows = pq.read_table(path).to_pylist()
    first: dict[object, str] = {}
    found = 0
    for row in rows:
        row["duplicate_of"] = None
        for key in (("text", row.get("text_sha256")), ("header", _key_of(row))):
            if key[1] is None:
                continue
            if key in first and first[key] != row["doc_id"]:
                row["duplicate_of"] = row["duplicate_of"] or first[key]
            else:
                first.setdefault(key, row["doc_id"])
        found += row["duplicate_of"] is not None
    if found:
        _rewrite(folder, rows)
    return found


def _rewrite(folder: Path, rows: list[dict]) -> None:
    for row in rows:  # Parquet gives dates and times back as objects; the CSV wants ISO
        for name, value in row.items():
            if hasattr(value, "isoformat"):
                text = value.isoformat()
                row[name] = text.replace("+00:00", "Z") if name == "fetched_at" else text
    writer = TableWriter(folder, "documents", TABLES["documents"])
    writer.start()
    try:
        writer.export_rows(rows)
        writer.finish()
    except BaseException:
        writer.abort()
        raise
