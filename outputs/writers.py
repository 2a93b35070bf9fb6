"""Write tables as they come: CSV and Parquet side by side, atomically.

Rows are appended per document and never held whole, so memory does not grow
with the run. Each file is written under a temporary name and renamed into
place by `finish()`: a crash leaves the previous complete tables untouched.
Modelled on Scrapy's exporters (`start` / `export_rows` / `finish`).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path

from outputs.tables import Field, Row
from parsers.numbers import plain


def _arrow(name: str, *args: object):
    def make():
        import pyarrow as pa

        return getattr(pa, name)(*args)

    return make


# Frictionless field types to Arrow types (pyarrow is imported only when Parquet is written).
ARROW_TYPES = {
    "string": _arrow("string"),
    "integer": _arrow("int64"),
    "number": _arrow("float64"),
    "date": _arrow("date32"),
    "datetime": _arrow("timestamp", "s", "UTC"),
}
BLOCK_BYTES = 1 << 20  # CSV read per Parquet batch


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return plain(value)
    return str(value)


class TableWriter:
    """One table: `<name>.csv`, then `<name>.parquet` converted from it.

    Rows stream into the CSV; at `finish()` pyarrow's streaming CSV reader turns
    it into Parquet batch by batch, typed by the table's schema. The two files
    therefore hold the same data, and memory stays flat however many rows.
    """

    def __init__(self, folder: Path, name: str, fields: tuple[Field, ...]) -> None:
        self.folder, self.name, self.fields = folder, name, fields
        self.rows_written = 0

    def _tmp(self, ext: str) -> Path:
        return self.folder / f".{self.name}.{ext}.tmp"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._csv_file = open(self._tmp("csv"), "w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file, lineterminator="\n")
        self._csv.writerow([f.name for f in self.fields])

    def export_rows(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self._csv.writerow([csv_cell(row.get(f.name)) for f in self.fields])
            self.rows_written += 1

    def finish(self) -> None:
        self._csv_file.close()
        csv_to_parquet(self._tmp("csv"), self._tmp("parquet"), self.fields)
        for ext in ("csv", "parquet"):
            os.replace(self._tmp(ext), self.folder / f"{self.name}.{ext}")

    def abort(self) -> None:
        csv_file = getattr(self, "_csv_file", None)
        if csv_file is not None:
            csv_file.close()
        for ext in ("csv", "parquet"):
            self._tmp(ext).unlink(missing_ok=True)


def csv_to_parquet(source: Path, target: Path, fields: tuple[Field, ...]) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    schema = pa.schema([(f.name, ARROW_TYPES[f.type]()) for f in fields])
    options = pacsv.ConvertOptions(column_types=schema, strings_can_be_null=True)
    read = pacsv.ReadOptions(block_size=BLOCK_BYTES, use_threads=False)  # no read-ahead
    with pq.ParquetWriter(target, schema) as writer:
        for batch in pacsv.open_csv(source, read_options=read, convert_options=options):
            writer.write_batch(batch)


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)
