"""Write tables as they come: CSV and Parquet side by side, atomically.

Rows are appended per document and never held whole, so memory does not grow
with the run. Each file is written under a temporary name and renamed into
place by `finish()`: a crash leaves the previous complete tables untouched.
Modelled on Scrapy's exporters (`start` / `export_rows` / `finish`).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from outputs.tables import Field, Row
from parsers.numbers import plain

ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "date": pa.date32(),
    "datetime": pa.timestamp("s", tz="UTC"),
}
BATCH_ROWS = 5000  # rows buffered before a Parquet row group is written


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return plain(value)
    return str(value)


def arrow_value(value: object, typ: str) -> object:
    if value is None or value == "":
        return None
    if typ == "date":
        return dt.date.fromisoformat(str(value))
    if typ == "datetime":
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if typ == "integer":
        return int(value)  # type: ignore[call-overload]
    if typ == "number":
        return float(value)  # type: ignore[arg-type]
    return str(value)


class TableWriter:
    """One table: `<name>.csv` and `<name>.parquet` in a folder."""

    def __init__(self, folder: Path, name: str, fields: tuple[Field, ...]) -> None:
        self.folder, self.name, self.fields = folder, name, fields
        self.rows_written = 0
        self._buffer: list[Row] = []
        self._schema = pa.schema([(f.name, ARROW_TYPES[f.type]) for f in fields])

    def _tmp(self, ext: str) -> Path:
        return self.folder / f".{self.name}.{ext}.tmp"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._csv_file = open(self._tmp("csv"), "w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file, lineterminator="\n")
        self._csv.writerow([f.name for f in self.fields])
        self._parquet = pq.ParquetWriter(self._tmp("parquet"), self._schema)

    def export_rows(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self._csv.writerow([csv_cell(row.get(f.name)) for f in self.fields])
            self._buffer.append(row)
            self.rows_written += 1
        if len(self._buffer) >= BATCH_ROWS:
            self._flush_parquet()

    def _flush_parquet(self) -> None:
        if not self._buffer:
            return
        columns = {
            f.name: [arrow_value(r.get(f.name), f.type) for r in self._buffer] for f in self.fields
        }
        self._parquet.write_table(pa.table(columns, schema=self._schema))
        self._buffer = []

    def finish(self) -> None:
        self._flush_parquet()
        self._parquet.close()
        self._csv_file.close()
        for ext in ("csv", "parquet"):
            os.replace(self._tmp(ext), self.folder / f"{self.name}.{ext}")

    def abort(self) -> None:
        for closer in (getattr(self, "_csv_file", None), getattr(self, "_parquet", None)):
            if closer is not None:
                try:
                    closer.close()
                except Exception:  # noqa: BLE001 - best effort on the way out
                    pass
        for ext in ("csv", "parquet"):
            self._tmp(ext).unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)
