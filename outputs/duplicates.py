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


KEYS = ["doc_id", "text_sha256", "doc_number", "issuer", "issued_date"]
BATCH = 1000  # rows of the documents table rewritten at a time: memory stays flat


def mark_duplicates(folder: Path) -> int:
    """Fill `duplicate_of` in `folder`'s documents table; the number of duplicates. Only
    the columns that decide are read whole; the table is rewritten a batch at a time."""
    import pyarrow.parquet as pq

    path = folder / "documents.parquet"
    if not path.exists():
        return 0
    duplicate_of = _duplicates(pq.read_table(path, columns=KEYS).to_pylist())
    if duplicate_of:
        _rewrite(folder, path, duplicate_of)
    return len(duplicate_of)


def _duplicates(rows: list[dict]) -> dict[str, str]:
    """doc_id -> the doc_id of the first copy, for every later copy."""
    first: dict[object, str] = {}
    out: dict[str, str] = {}
    for row in rows:
        for key in (("text", row.get("text_sha256")), ("header", _key_of(row))):
            if key[1] is None:
                continue
            if key in first and first[key] != row["doc_id"]:
                out.setdefault(row["doc_id"], first[key])
            else:
                first.setdefault(key, row["doc_id"])
    return out


def _rewrite(folder: Path, path: Path, duplicate_of: dict[str, str]) -> None:
    import pyarrow.parquet as pq

    writer = TableWriter(folder, "documents", TABLES["documents"])
    writer.start()
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH):
            rows = batch.to_pylist()
            for row in rows:
                _iso(row)
                row["duplicate_of"] = duplicate_of.get(row["doc_id"])
            writer.export_rows(rows)
        writer.finish()
    except BaseException:
        writer.abort()
        raise


def _iso(row: dict) -> None:
    """Parquet gives dates and times back as objects; the CSV wants ISO text."""
    for name, value in row.items():
        if hasattr(value, "isoformat"):
            text = value.isoformat()
            row[name] = text.replace("+00:00", "Z") if name == "fetched_at" else text
