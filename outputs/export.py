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
    """Write every table of the output contract, plus runs and errors; returns row counts."""
    writers = {n: TableWriter(out, n, TABLES[n]) for n in (*DOCUMENT_TABLES, "errors", "runs")}
    for w in writers.values():
        w.start()
    documents = 0
    try:
        for doc_id, rows, text in state.docs():
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
    write_datapackage(
        out, list(writers), {"command": "run", "version": __version__, "documents": documents}
    )
    return {name: w.rows_written for name, w in writers.items()}
