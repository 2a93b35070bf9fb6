"""An archive that replays: a CDXJ index beside every WARC, a WACZ that `wacz validate`
accepts, and a report replayed from it by pywb on loopback."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from baocao.pipeline.cli import cli


@pytest.fixture(scope="module")
def harvest(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("replay") / "data"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--delay", "0"])
    assert result.exit_code == 0, result.output
    return out


def test_every_warc_has_its_index_beside_it(harvest):
    warcs = sorted((harvest / "archive").glob("*.warc.gz"))
    docs = pd.read_csv(harvest / "documents.csv")
    for warc in warcs:
        lines = (warc.parent / f"{warc.name}.cdxj").read_text("utf-8").splitlines()
        keys = [line.split(" ", 2)[0] for line in lines]
        assert keys == sorted(keys)  # a CDXJ index is sorted by its URL key
        urls = {json.loads(line.split(" ", 2)[2])["url"] for line in lines}
        assert set(docs.url) <= urls  # every document's capture can be looked up


def test_from_archive_reads_the_warcs_not_their_indexes(harvest, tmp_path):
    result = CliRunner().invoke(
        cli, ["extract", "--from-archive", str(harvest / "archive"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "errors.csv").read_text("utf-8").strip().count("\n")


wacz = pytest.importorskip("wacz", reason="py-wacz (baocao[wacz]) is not installed")


@pytest.fixture(scope="module")
def package(harvest) -> Path:
    result = CliRunner().invoke(cli, ["package", str(harvest)])
    assert result.exit_code == 0, result.output
    return harvest / "archive.wacz"


def test_the_package_validates_and_lists_the_documents(harvest, package):
    from wacz.main import main as wacz_main

    assert wacz_main(["validate", "-f", str(package)]) == 0
    with zipfile.ZipFile(package) as z:
        pages = [json.loads(x) for x in z.read("pages/pages.jsonl").splitlines()[1:]]
    docs = pd.read_csv(harvest / "documents.csv")
    assert sorted(p["url"] for p in pages) == sorted(docs.url)
    assert all(p["ts"].endswith("Z") and p.get("title") for p in pages)


def test_package_of_a_folder_without_an_archive_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["package", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().endswith("no WARC files to package (run `baocao run` first)")


WB_MANAGER = Path(sys.executable).with_name("wb-manager")
WAYBACK = Path(sys.executable).with_name("wayback")


@pytest.mark.skipif(not WAYBACK.exists(), reason="pywb is not installed")
def test_pywb_replays_a_report_and_its_pdf_from_the_package(harvest, package, tmp_path):
    subprocess.run(
        [str(WB_MANAGER), "init", "night"], cwd=tmp_path, check=True, capture_output=True
    )
    subprocess.run(
        [str(WB_MANAGER), "add", "--unpack-wacz", "night", str(package)],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [str(WAYBACK), "-p", str(port), "-b", "127.0.0.1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        docs = pd.read_csv(harvest / "documents.csv")
        page = docs[docs.url.str.endswith("lavusta-bao-cao-6-thang-2024.html")].url.iloc[0]
        pdf = docs[docs.format == "pdf"].url.iloc[0]
        replayed = _get(f"http://127.0.0.1:{port}/night/id_/{page}")
        assert "06/BC-LHH" in replayed.decode("utf-8")
        assert _get(f"http://127.0.0.1:{port}/night/id_/{pdf}").startswith(b"%PDF-")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, wait: float = 20.0) -> bytes:
    """The body, once the replay server answers (it takes a moment to start)."""
    until = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read()
        except OSError:
            if time.monotonic() > until:
                raise
            time.sleep(0.3)


def test_a_warc_left_unindexed_by_a_stopped_run_is_indexed_by_the_next(harvest, tmp_path):
    from baocao.scrapers.warc import Archive

    archive = tmp_path / "archive"
    shutil.copytree(harvest / "archive", archive)
    for index in archive.glob("*.cdxj"):
        index.unlink()  # as a killed run leaves its WARC
    Archive(archive, run_id=2).close()
    warcs = sorted(archive.glob("*.warc.gz"))
    assert len(warcs) == 2 and all(w.with_name(w.name + ".cdxj").exists() for w in warcs)
