"""One run's output folder: every table, the texts, errors.csv and datapackage.json."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from baocao.outputs.datapackage import write_datapackage
from baocao.outputs.duplicates import mark_duplicates
from baocao.outputs.generations import Generation
from baocao.outputs.tables import DOCUMENT_TABLES, TABLES, Row
from baocao.outputs.writers import Rendered, TableWriter, render, write_text_atomic


@dataclass(frozen=True)
class RenderedDocument:
    """One document's rows as CSV text per table, and its text: what a worker returns."""

    doc_id: str
    text: str
    tables: dict[str, Rendered]


def render_document(doc_id: str, rows: dict[str, list[Row]], text: str) -> RenderedDocument:
    tables = {name: render(rows.get(name, []), TABLES[name]) for name in DOCUMENT_TABLES}
    return RenderedDocument(doc_id, text, tables)


class OutputFolder:
    """Open with `start()`, feed documents and errors, close with `finish()`. Everything
    is written into a new generation that `finish()` publishes whole (generations.py)."""

    def __init__(self, folder: Path | str) -> None:
        self.out = Path(folder)
        self.names = (*DOCUMENT_TABLES, "errors")

    def start(self) -> OutputFolder:
        self.generation = Generation(self.out)
        self.folder = self.generation.dir
        self.writers = {n: TableWriter(self.folder, n, TABLES[n]) for n in self.names}
        for w in self.writers.values():
            w.start()
        (self.folder / "texts").mkdir(parents=True, exist_ok=True)
        return self

    def add_document(self, doc: RenderedDocument) -> None:
        write_text_atomic(self.folder / "texts" / f"{doc.doc_id}.txt", doc.text, parents=False)
        for name in DOCUMENT_TABLES:
            self.writers[name].export_rendered(doc.tables[name])

    def add_error(self, input_: str, stage: str, error: str) -> None:
        at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.writers["errors"].export_rows([dict(input=input_, stage=stage, error=error, at=at)])

    def count(self, name: str) -> int:
        return self.writers[name].rows_written

    def finish(self, run: dict[str, object]) -> None:
        try:
            for w in self.writers.values():
                w.finish()
            mark_duplicates(self.folder)
            write_datapackage(self.folder, list(self.writers), run)
            self.generation.commit()
        except BaseException:
            self.generation.abort()
            raise

    def abort(self) -> None:
        for w in self.writers.values():
            w.abort()
        self.generation.abort()
