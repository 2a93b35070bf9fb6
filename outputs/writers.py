"""Write tables as they come: CSV and Parquet side by side, atomically.

Rows are appended per document and never held whole, so memory does not grow
with the run. Each file is written under a temporary name and renamed into
place by `finish()`: a crash leaves the previous complete tables untouched.
Modelled on Scrapy's exporters (`start` / `export_rows` / `finish`).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from baocao.outputs.tables import Field, Row
from baocao.parsers.numbers import plain


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
PART_CHARS = 500_000  # CSV text per table buffered before it is appended and becomes a row group


# A spreadsheet runs a cell that begins with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Where a cell of rendered CSV text could begin so: at a line's start or after a comma,
# quoted or not. Most tables have none, and one search of the text settles them.
FORMULA_IN_CSV = re.compile(r'(?:^|,)"?[=+@\t\r-]', re.M)


def render(rows: Iterable[Row], fields: tuple[Field, ...]) -> Rendered:
    """Rows as header-less CSV text: what a worker sends the writer, so that the
    formatting is done in parallel and the driver only appends. `csv` is the exact
    text (it becomes the Parquet); `safe`, when it differs, is what the CSV file gets:
    a text cell that a spreadsheet would run as a formula begins with `'` there."""
    names = tuple(f.name for f in fields)
    texts = tuple(i for i, f in enumerate(fields) if f.type == "string")
    cells = [csv_cells(row, names) for row in rows]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(cells)
    text = buf.getvalue()
    if not FORMULA_IN_CSV.search(text) or not any(_formula(r[i]) for r in cells for i in texts):
        return Rendered(text, len(cells))
    safe = io.StringIO()
    csv.writer(safe, lineterminator="\n").writerows([_neutralised(r, texts) for r in cells])
    return Rendered(text, len(cells), safe.getvalue())


def _formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def _neutralised(cells: list[object], texts: tuple[int, ...]) -> list[object]:
    out = list(cells)
    for i in texts:
        if _formula(out[i]):
            out[i] = "'" + out[i]
    return out


@dataclass(frozen=True)
class Rendered:
    csv: str  # exact: the Parquet's
    rows: int
    safe: str | None = None  # the CSV file's, when a cell had to be neutralised


def csv_cells(row: Row, names: tuple[str, ...]) -> list[object]:
    """A row's cells in column order. The csv module writes None as an empty cell and
    other values with str(); only floats need `plain` (never `2.23e9`, `5.0`)."""
    return [plain(v) if type(v) is float else v for v in map(row.get, names)]


class TableWriter:
    """One table: `<name>.csv` and `<name>.parquet`, written side by side as rows come.

    Rendered CSV text is held until a part's worth has come; then it is
    appended to the CSV file and the very same text is parsed by
    pyarrow's CSV reader, typed by the table's schema, into one Parquet row
    group. The two files therefore hold the same data, and memory stays flat
    however many rows (a whole-file conversion at the end held the file in
    Arrow's read-ahead buffers).
    """

    def __init__(
        self, folder: Path, name: str, fields: tuple[Field, ...], part_chars: int = PART_CHARS
    ) -> None:
        self.folder, self.name, self.fields = folder, name, fields
        self.part_chars = part_chars
        self.rows_written = 0
        self._parquet: ParquetPart | None = None

    def _tmp(self, ext: str) -> Path:
        return self.folder / f".{self.name}.{ext}.tmp"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._csv_file = open(self._tmp("csv"), "w", encoding="utf-8", newline="")
        csv.writer(self._csv_file, lineterminator="\n").writerow([f.name for f in self.fields])
        self._pending: list[str] = []  # rendered CSV text not yet written (exact)
        self._pending_safe: list[str] = []  # the same for the CSV file (neutralised)
        self._pending_chars = 0

    def export_rows(self, rows: Iterable[Row]) -> None:
        self.export_rendered(render(rows, self.fields))

    def export_rendered(self, part: Rendered) -> None:
        self._pending.append(part.csv)
        self._pending_safe.append(part.safe if part.safe is not None else part.csv)
        self._pending_chars += len(part.csv)
        self.rows_written += part.rows
        if self._pending_chars >= self.part_chars:
            self._flush()

    def _flush(self) -> None:
        text, safe = "".join(self._pending), "".join(self._pending_safe)
        self._pending, self._pending_safe, self._pending_chars = [], [], 0
        if self._parquet is None:
            self._parquet = ParquetPart(self._tmp("parquet"), self.fields)
        if text:
            self._csv_file.write(safe)
            self._parquet.write(text.encode("utf-8"))

    def finish(self) -> None:
        self._flush()
        self._csv_file.close()
        if self._parquet is not None:
            self._parquet.close()
        for ext in ("csv", "parquet"):
            os.replace(self._tmp(ext), self.folder / f"{self.name}.{ext}")

    def abort(self) -> None:
        """Give up this table: close what is open (a full disk may fail that too; the
        files go anyway) and remove the temporary files."""
        csv_file = getattr(self, "_csv_file", None)
        for close in (csv_file.close if csv_file else None, self._parquet and self._parquet.close):
            try:
                if close is not None:
                    close()
            except OSError:
                pass
        for ext in ("csv", "parquet"):
            self._tmp(ext).unlink(missing_ok=True)


class ParquetPart:
    """A Parquet file fed with pieces of header-less CSV text, one row group each."""

    def __init__(self, path: Path, fields: tuple[Field, ...]) -> None:
        import pyarrow as pa
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        self._schema = pa.schema([(f.name, ARROW_TYPES[f.type]()) for f in fields])
        self._read = pacsv.ReadOptions(column_names=[f.name for f in fields], use_threads=False)
        self._convert = pacsv.ConvertOptions(column_types=self._schema, strings_can_be_null=True)
        self._writer = pq.ParquetWriter(path, self._schema)

    def write(self, csv_bytes: bytes) -> None:
        assert self._writer is not None, "write after close"
        import pyarrow as pa
        import pyarrow.csv as pacsv

        table = pacsv.read_csv(
            pa.py_buffer(csv_bytes), read_options=self._read, convert_options=self._convert
        )
        self._writer.write_table(table)

    def close(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.close()
            finally:
                writer.is_open = False  # never closed again when it is collected


def write_text_atomic(path: Path, text: str, parents: bool = True) -> None:
    """Write a file whole or not at all; `parents=False` when the folder is known to exist."""
    if parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)
