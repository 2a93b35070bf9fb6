"""Tables from the harvest state: every document once, at its latest version.

The state database is the source of truth; the CSV and Parquet files are
rewritten from it (streamed, in doc_id order) at the end of every run, as a new
generation of the folder published whole (outputs/generations.py). Running the
export twice on the same state gives byte-identical CSV files.
"""

from __future__ import annotations

from pathlib import Path

from baocao.outputs.datapackage import write_datapackage
from baocao.outputs.duplicates import mark_duplicates
from baocao.outputs.generations import Generation
from baocao.outputs.tables import DOCUMENT_TABLES, TABLES
from baocao.outputs.writers import TableWriter, write_text_atomic
from baocao.pipeline import __version__


def export_tables(state, out: Path, made_from: dict | None = None) -> dict[str, int]:
    """Write every table of the output contract, plus runs and errors; returns row counts.

    When no document changed since the last complete export (an unchanged nightly
    run), the document tables are left as they are and only runs and errors are
    rewritten: the unchanged re-run does no work proportional to the archive.
    """
    gen = Generation(out)
    current = state.tables_current() and _carried(gen)
    names = (
        ("errors", "runs", "hosts") if current else (*DOCUMENT_TABLES, "errors", "runs", "hosts")
    )
    writers = {n: TableWriter(gen.dir, n, TABLES[n]) for n in names}
    documents = 0
    try:
        for w in writers.values():
            w.start()
        (gen.dir / "texts").mkdir(exist_ok=True)
        for doc_id, rows, text in () if current else state.docs():
            write_text_atomic(gen.dir / "texts" / f"{doc_id}.txt", text, parents=False)
            for name in DOCUMENT_TABLES:
                writers[name].export_rows(rows.get(name, []))
            documents += 1
        writers["errors"].export_rows(state.errors())
        writers["runs"].export_rows(state.runs())
        writers["hosts"].export_rows(state.hosts())
        for w in writers.values():
            w.finish()
        if not current:
            mark_duplicates(gen.dir)
        counts = {name: w.rows_written for name, w in writers.items()}
        if current:
            counts.update({n: _csv_rows(gen.dir / f"{n}.csv") for n in DOCUMENT_TABLES})
            documents = counts["documents"]
        run = {"command": "run", "version": __version__, "documents": documents}
        run.update(made_from or {})
        write_datapackage(gen.dir, [*DOCUMENT_TABLES, "errors", "runs", "hosts"], run)
        gen.commit()
    except BaseException:
        for w in writers.values():
            w.abort()
        gen.abort()
        raise
    state.mark_exported()
    return counts


def _carried(gen: Generation) -> bool:
    """The previous generation's document tables and texts, linked into the new one
    when no document changed (an unchanged night rewrites nothing in proportion to
    the archive); False when there is nothing whole to carry."""
    files = [f"{n}.{ext}" for n in DOCUMENT_TABLES for ext in ("csv", "parquet")]
    if gen.previous is None or not all((gen.previous / f).exists() for f in files):
        return False
    for name in [*files, "texts"]:
        gen.carry(name)
    return True


def _csv_rows(path: Path) -> int:
    """Rows of a CSV written by us (RFC 4180; a value may span lines, so parse it)."""
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        return max(sum(1 for _ in csv.reader(f)) - 1, 0)
