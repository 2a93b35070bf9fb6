"""The same tables whatever runs the work: this process, a process pool, or Dask."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SAMPLE

from baocao.pipeline.cli import cli
from baocao.pipeline.config import Settings
from baocao.pipeline.harvest import Harvester
from baocao.pipeline.localsite import LocalServer
from baocao.pipeline.progress import Reporter
from baocao.pipeline.samplesite import routes

TABLES = ("documents", "sections", "footnotes", "quantities", "references", "tables", "errors")


def extract(tmp_path, name: str, *args: str):
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["extract", *args, "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    return {t: (out / f"{t}.csv").read_text("utf-8") for t in TABLES if t != "errors"}


def test_two_workers_give_the_same_rows_in_the_same_order(tmp_path):
    one = extract(tmp_path, "one", str(FIXTURES), str(SAMPLE))
    two = extract(tmp_path, "two", str(FIXTURES), str(SAMPLE), "--workers", "2")
    assert one == two and one["documents"].count("\n") > 5


def test_errors_and_documents_keep_the_input_order_across_batches(tmp_path):
    """More inputs than one batch, failures among them: every row lands in input
    order, whatever the number of workers."""
    page = (SAMPLE / "dongthap_lhh_tong_ket_hoi_thi_2021.html").read_bytes()
    inputs, failing = [], []
    for i in range(90):
        path = tmp_path / f"in_{i:03d}.html"
        path.write_bytes(b"" if i % 7 == 3 else page)  # an empty file fails
        inputs.append(str(path))
    inputs.insert(40, str(tmp_path / "missing.html"))  # an input that does not exist
    failing = [p for p in inputs if "missing" in p or Path(p).stat().st_size == 0]
    runs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        result = CliRunner().invoke(
            cli, ["extract", *inputs, "--workers", workers, "--out", str(out)]
        )
        assert result.exit_code == 1, result.output
        runs[workers] = {t: pd.read_csv(out / f"{t}.csv") for t in TABLES}
    for table in TABLES:
        one, two = runs["1"][table], runs["2"][table]
        pd.testing.assert_frame_equal(
            one.drop(columns="at", errors="ignore"), two.drop(columns="at", errors="ignore")
        )
    assert list(runs["2"]["errors"].input) == failing  # 13 empty files and the missing one
    assert len(runs["2"]["documents"]) == len(inputs) - len(failing)


def test_dask_local_cluster_gives_identical_tables(tmp_path):
    pytest.importorskip("dask.distributed")
    local = extract(tmp_path, "local", str(SAMPLE))
    dask = extract(tmp_path, "dask", str(SAMPLE), "--executor", "dask", "--workers", "2")
    assert local == dask


def test_dask_from_archive_is_sharded_by_warc_file_and_identical(tmp_path):
    pytest.importorskip("dask.distributed")
    data = tmp_path / "data"
    with LocalServer() as server:
        server.routes.update(routes())
        Harvester(Settings(delay=0.0), data, Reporter(quiet=True)).run([server.url("/tin-tuc/")])
    local = extract(tmp_path, "a", "--from-archive", str(data / "archive"))
    dask = extract(tmp_path, "b", "--from-archive", str(data / "archive"), "--executor", "dask")
    assert local == dask and local["documents"].count("\n") == 7  # header + 6 documents


def test_unreachable_scheduler_is_one_clear_line(tmp_path):
    pytest.importorskip("dask.distributed")
    result = CliRunner().invoke(
        cli,
        [
            "extract",
            str(FIXTURES),
            "--executor",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:1",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
