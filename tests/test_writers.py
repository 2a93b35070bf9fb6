"""Tables are written as they come: CSV and Parquet hold the same rows, in parts."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from baocao.outputs.tables import Field
from baocao.outputs.writers import TableWriter

FIELDS = (
    Field("doc_id", "string", ""),
    Field("n", "integer", ""),
    Field("value", "number", ""),
    Field("day", "date", ""),
    Field("text", "string", ""),
)


def rows(count: int):
    for i in range(count):
        yield {
            "doc_id": f"d{i // 10}",
            "n": i,
            "value": i / 4 if i % 3 else None,
            "day": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            "text": f'dòng "{i}",\nhai dòng' if i % 7 == 0 else f"Hội viên {i}",
        }


def test_a_long_table_is_written_in_parts_that_read_back_as_one(tmp_path):
    writer = TableWriter(tmp_path, "quantities", FIELDS, part_chars=2_000)
    writer.start()
    for k in range(0, 3_000, 10):  # ten rows per document, as a run appends them
        writer.export_rows(list(rows(3_000))[k : k + 10])
    writer.finish()

    parquet = pq.ParquetFile(tmp_path / "quantities.parquet")
    assert parquet.metadata.num_row_groups > 10  # written as it came, not at the end
    from_csv = pd.read_csv(tmp_path / "quantities.csv", parse_dates=["day"])
    from_parquet = parquet.read().to_pandas()
    from_parquet["day"] = pd.to_datetime(from_parquet["day"])
    assert len(from_csv) == 3_000 == writer.rows_written
    pd.testing.assert_frame_equal(from_csv, from_parquet, check_dtype=False)
    assert from_parquet.text[7] == 'dòng "7",\nhai dòng'
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_empty_table_still_has_its_columns(tmp_path):
    writer = TableWriter(tmp_path, "errors", FIELDS)
    writer.start()
    writer.finish()
    assert list(pd.read_csv(tmp_path / "errors.csv").columns) == [f.name for f in FIELDS]
    assert pq.read_schema(tmp_path / "errors.parquet").names == [f.name for f in FIELDS]


def test_an_aborted_table_leaves_the_previous_files(tmp_path):
    (tmp_path / "quantities.csv").write_text("old\n", encoding="utf-8")
    writer = TableWriter(tmp_path, "quantities", FIELDS, part_chars=100)
    writer.start()
    writer.export_rows(rows(50))
    writer.abort()
    assert (tmp_path / "quantities.csv").read_text(encoding="utf-8") == "old\n"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_a_spreadsheet_would_run_is_neutralised_wherever_it_stands(start):
    from baocao.outputs.writers import render

    fields = (Field("n", "number", ""), Field("a", "string", ""), Field("b", "string", ""))
    rows = [{"n": -5.0, "a": "ổn", "b": "x"}, {"n": 1.0, "a": "khác", "b": f"{start}1+1, rồi"}]
    out = render(rows, fields)
    assert out.safe is not None and f"'{start}1+1, rồi" in out.safe
    assert f"{start}1+1, rồi" in out.csv and "'" not in out.csv
    assert render(rows[:1], fields).safe is None  # a negative number is no formula
