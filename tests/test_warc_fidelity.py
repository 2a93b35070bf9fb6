"""The WARC is a faithful capture: bytes as received, robots.txt too, one WARC version,
one WARC-Profile per revisit, 304s as server-not-modified; `warcio check` accepts it."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from warcio.archiveiterator import ArchiveIterator

from baocao.pipeline.config import Settings
from baocao.pipeline.harvest import Harvester
from baocao.pipeline.localsite import LocalServer, Response
from baocao.pipeline.progress import Reporter
from baocao.scrapers.state import State

FAST = Settings(delay=0.0, backoff=0.01, timeout=2.0, retries=1)
PROSE = "Trong năm, Hội đã tổ chức {n} lớp tập huấn cho hội viên, thu hút 1.200 lượt người. "


def page(n: int) -> bytes:
    return f"<html><body><article><p>{PROSE.format(n=n) * 10}</p></article></body></html>".encode()


def records(out):
    found = []
    for path in sorted((out / "archive").glob("*.warc.gz")):
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                found.append((rec, rec.raw_stream.read()))
    return found


@pytest.fixture()
def site():
    with LocalServer() as s:
        s.routes["/robots.txt"] = Response(body=b"User-agent: *\nAllow: /\n")
        s.routes["/"] = Response(
            body=b"<html><body><a href='/gz.html'>Bao cao so 1 cua Hoi</a></body></html>"
        )
        s.routes["/gz.html"] = Response(
            body=gzip.compress(page(12)),
            headers={"Content-Encoding": "gzip", "Content-Type": "text/html; charset=utf-8"},
            etag=True,
        )
        yield s


def harvest(site, out):
    return Harvester(FAST, out, Reporter(quiet=True)).run([site.url("/")])


def test_a_gzip_page_is_archived_as_received_and_parsed_decoded(site, tmp_path):
    harvest(site, tmp_path)
    gz = [
        (r, raw)
        for r, raw in records(tmp_path)
        if r.rec_type == "response"
        and r.rec_headers.get_header("WARC-Target-URI").endswith("/gz.html")
    ]
    rec, raw = gz[0]
    assert rec.http_headers.get_header("Content-Encoding") == "gzip"
    assert raw == gzip.compress(page(12)) or gzip.decompress(raw) == page(12)
    assert raw[:2] == b"\x1f\x8b"  # the bytes as they came, not decoded
    q = pd.read_csv(tmp_path / "quantities.csv")
    assert 12 in set(q.value)


def test_robots_txt_is_in_the_archive_and_every_record_is_warc_1_1(site, tmp_path):
    harvest(site, tmp_path)
    recs = records(tmp_path)
    uris = [r.rec_headers.get_header("WARC-Target-URI") or "" for r, _ in recs]
    assert any(u.endswith("/robots.txt") for u in uris)
    assert {r.rec_headers.protocol for r, _ in recs} == {"WARC/1.1"}


def test_revisits_carry_one_profile_and_a_304_says_server_not_modified(site, tmp_path):
    harvest(site, tmp_path)
    harvest(site, tmp_path)  # the second night: If-None-Match -> 304
    revisits = [r for r, _ in records(tmp_path) if r.rec_type == "revisit"]
    assert revisits
    for r in revisits:
        profiles = [v for k, v in r.rec_headers.headers if k == "WARC-Profile"]
        assert len(profiles) == 1
    assert any(
        p.endswith("/server-not-modified")
        for r in revisits
        for k, p in r.rec_headers.headers
        if k == "WARC-Profile"
    )


def test_warcio_check_accepts_the_archive(site, tmp_path):
    warcio = Path(sys.executable).parent / "warcio"
    if not warcio.exists():
        pytest.skip("the warcio command is not installed beside this Python")
    harvest(site, tmp_path)
    for path in (tmp_path / "archive").glob("*.warc.gz"):
        done = subprocess.run(
            [str(warcio), "check", "-v", str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_every_warc_of_a_resumed_run_is_in_runs_csv(tmp_path):
    state = State(tmp_path)
    run_id, _ = state.open_run("2026-01-01T00:00:00Z")
    state.set_run_warc(run_id, "baocao-1.warc.gz")
    state.set_run_warc(run_id, "baocao-2.warc.gz")  # the run resumed after a crash
    (files,) = state.db.execute("SELECT warc_file FROM runs").fetchone()
    state.close()
    assert files == "baocao-1.warc.gz baocao-2.warc.gz"
