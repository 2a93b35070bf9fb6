"""`baocao extract` as a user runs it, tables read back the way a researcher reads them."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import fixture_bytes, fixture_path

from baocao.pipeline.cli import cli
from baocao.pipeline.localsite import Response

TABLES = ("documents", "sections", "footnotes", "quantities", "references", "tables", "errors")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture()
def pages(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "lavusta_bao_cao_6_thang_2024.html",
        "dongthap_lhh_tong_ket_hoi_thi_2021.html",
        "seed_lavusta.txt",
    ):
        shutil.copy(fixture_path(name), folder / name)
    return folder


def test_extract_writes_every_table_as_csv_and_parquet(pages, tmp_path):
    out = tmp_path / "out"
    result = run("extract", str(pages), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "documents  3" in result.output
    for name in TABLES:
        csv = pd.read_csv(out / f"{name}.csv")
        parquet = pq.read_table(out / f"{name}.parquet").to_pandas()
        assert list(csv.columns) == list(parquet.columns)
        assert len(csv) == len(parquet)
    docs = pd.read_csv(out / "documents.csv")
    assert set(docs.doc_type.dropna()) == {"Báo cáo"}
    assert (docs.n_chars > 1000).all()


def test_every_span_points_into_the_documents_text(pages, tmp_path):
    out = tmp_path / "out"
    run("extract", str(pages), "--out", str(out))
    texts = {p.stem: p.read_text("utf-8") for p in (out / "texts").glob("*.txt")}
    q = pd.read_csv(out / "quantities.csv", dtype={"doc_id": str})
    assert len(q) > 50
    for row in q.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.mention
    refs = pd.read_csv(out / "references.csv", dtype={"doc_id": str})
    for row in refs.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.mention
    notes = pd.read_csv(out / "footnotes.csv", dtype={"doc_id": str})
    for row in notes.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text


def test_numbers_are_plain_and_dates_iso(pages, tmp_path):
    out = tmp_path / "out"
    run("extract", str(pages), "--out", str(out))
    raw = (out / "quantities.csv").read_text("utf-8")
    assert ",2227360000," in raw and "2.227.360.000," not in raw.split("\n")[0]
    docs = pd.read_csv(out / "documents.csv")
    assert "2024-06-11" in set(docs.issued_date.dropna())


def test_datapackage_is_valid_frictionless(pages, tmp_path):
    from frictionless import validate

    out = tmp_path / "out"
    run("extract", str(pages), "--out", str(out))
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_bad_inputs_are_recorded_and_the_rest_go_on(pages, tmp_path, server):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "image.html"
    binary.write_bytes(bytes(range(256)) * 20)
    server.routes["/report.html"] = Response(
        body=fixture_bytes("dongthap_lhh_tong_ket_hoi_thi_2021.html")
    )
    server.routes["/file.pdf"] = Response(
        body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "extract",
            str(pages / "seed_lavusta.txt"),
            str(tmp_path / "missing.html"),
            str(empty),
            str(binary),
            server.url("/report.html"),
            server.url("/gone.html"),
            server.url("/file.pdf"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = pd.read_csv(out / "errors.csv")
    assert len(errors) == 5
    messages = " ".join(errors.error)
    for expected_text in ("no such file", "empty file", "binary", "HTTP 404", "not a readable PDF"):
        assert expected_text in messages
    assert len(pd.read_csv(out / "documents.csv")) == 2


def test_usage_error_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 2


def test_a_failed_run_keeps_the_previous_tables(pages, tmp_path):
    out = tmp_path / "out"
    run("extract", str(pages), "--out", str(out))
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    # a folder where the switch to the new generation goes makes it fail at the very end
    (out / ".current.tmp").mkdir()
    result = CliRunner().invoke(cli, ["extract", str(pages), "--out", str(out)])
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before
    assert [p.name for p in (out / ".generations").iterdir()] == ["000001"]


def test_url_input_reads_the_http_charset(server, tmp_path):
    body = fixture_bytes("lavusta_bao_cao_6_thang_2024.mislabeled_latin1.html")
    server.routes["/a.html"] = Response(
        body=body, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    out = tmp_path / "out"
    result = run("extract", server.url("/a.html"), "--out", str(out))
    assert result.exit_code == 0, result.output
    docs = pd.read_csv(out / "documents.csv")
    assert docs.title[0].startswith("BÁO CÁO KẾT QUẢ")
    assert docs.fetched_at.notna().all()
