"""Tables from the harvest state: every document once, at its latest version.

The state database is the source of truth; the CSV and Parquet files are
rewritten from it (streamed, in doc_id order) at the end of every run, under
temporary names and renamed into place. Running the export twice on the same
state gives byte-identical CSV files.
"""

from __future__ import annotations

from pathlib import Path

from outputs.datapackage import write_datapackage
from outputs.tables import DOCUMENT_TABLES, TABLES
from outputs.writers import TableWriter, write_text_atomic
from pipeline import __version__


def export_tables(state, out: Path) -> dict[str, int]:
    """Write every table of the output contract, plus runs and errors; returns row counts.

    When no document changed since the last complete export (an unchanged nightly
    run), the document tables are left as they are and only runs and errors are
    rewritten: the unchanged re-run does no work proportional to the archive.
    """
    current = state.tables_current() and all(
        (out / f"{n}.csv").exists() and (out / f"{n}.parquet").exists() for n in DOCUMENT_TABLES
    )
    names = ("errors", "runs") if current else (*DOCUMENT_TABLES, "errors", "runs")
    writers = {n: TableWriter(out, n, TABLES[n]) for n in names}
    for w in writers.values():
        w.start()
    documents = 0
    try:
        for doc_id, rows, text in () if current else state.docs():
            write_text_atomic(out / "texts" / f"{doc_id}.txt", text)
            for name in DOCUMENT_TABLES:
                writers[name].export_rows(rows.get(name, []))
            documents += 1
        writers["errors"].export_rows(state.errors())
        writers["runs"].export_rows(state.runs())
    except BaseException:
        for w in writers.values():
            w.abort()
        raise
    for w in writers.values():
        w.finish()
    state.mark_exported()
    counts = {name: w.rows_written for name, w in writers.items()}
    if current:
        counts.update({n: _csv_rows(out / f"{n}.csv") for n in DOCUMENT_TABLES})
        documents = counts["documents"]
    run = {"command": "run", "version": __version__, "documents": documents}
    write_datapackage(out, [*DOCUMENT_TABLES, "errors", "runs"], run)
    return counts


def _csv_rows(path: Path) -> int:
    """Rows of a CSV written by us (RFC 4180; a value may span lines, so parse it)."""
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        return max(sum(1 for _ in csv.reader(f)) - 1, 0)
