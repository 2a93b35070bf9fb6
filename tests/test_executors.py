"""The same tables whatever runs the work: this process, a process pool, or Dask."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SAMPLE

from pipeline.cli import cli
from pipeline.config import Settings
from pipeline.harvest import Harvester
from pipeline.localsite import LocalServer
from pipeline.progress import Reporter
from pipeline.samplesite import routes

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
    assert local == dask and local["documents"].count("\n") == 4


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
