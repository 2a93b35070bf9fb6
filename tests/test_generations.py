"""An output folder changes generation whole or not at all: `baocao extract` killed at
random moments, or stopped by a full disk, leaves every table, `texts/` and
`datapackage.json` of one generation, readable."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLE

from baocao.outputs.tables import DOCUMENT_TABLES

PAGES = [
    SAMPLE / "lavusta_bao_cao_6_thang_2024.html",
    SAMPLE / "dongthap_lhh_tong_ket_hoi_thi_2021.html",
]


def inputs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        shutil.copy(PAGES[i % 2], folder / f"bao_cao_{i:03d}.html")
    return folder


def extract(inp: Path, out: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "baocao.pipeline.cli", "extract", str(inp), "--out", str(out)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def generation_of(out: Path) -> int:
    """The number of documents of the one generation every public name shows; fails
    when two names show different generations or a file is missing or unreadable."""
    docs = pd.read_csv(out / "documents.csv")
    ids = set(docs.doc_id)
    assert {p.stem for p in (out / "texts").glob("*.txt")} == ids
    for name in DOCUMENT_TABLES:
        table = pd.read_csv(out / f"{name}.csv")
        assert set(table.doc_id) <= ids, name
        assert len(pd.read_parquet(out / f"{name}.parquet")) == len(table), name
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert package["baocao"]["documents"] == len(ids)
    return len(ids)


def test_extract_killed_at_random_moments_leaves_one_whole_generation(tmp_path):
    out = tmp_path / "out"
    small, big = inputs(tmp_path / "small", 2), inputs(tmp_path / "big", 40)
    assert extract(small, out).wait(120) == 0
    assert generation_of(out) == 2
    start = time.monotonic()
    assert extract(big, out).wait(120) == 0
    full = time.monotonic() - start
    rng = random.Random(7)
    seen = set()
    for _ in range(8):
        proc = extract(small if rng.random() < 0.5 else big, out)
        time.sleep(rng.uniform(0.0, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        seen.add(generation_of(out))
    assert seen <= {2, 40}
    assert extract(small, out).wait(120) == 0 and generation_of(out) == 2
    assert len([p for p in (out / ".generations").iterdir()]) <= 2  # old ones are removed


@pytest.fixture()
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_leaves_the_previous_generation_whole(small_disk, tmp_path):
    out = small_disk / "out"
    assert extract(inputs(tmp_path / "small", 2), out).wait(120) == 0
    proc = extract(inputs(tmp_path / "big", 120), out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    message = err.decode().strip().splitlines()
    assert message[-1].startswith("Error: cannot write") and "Traceback" not in err.decode()
    assert generation_of(out) == 2


def test_a_harvest_that_fills_the_disk_stops_with_one_line(small_disk, server):
    from baocao.pipeline.localsite import Response

    page = PAGES[0].read_bytes()
    links = "".join(f"<a href='/r{i}.html'>Báo cáo số {i}</a> " for i in range(200))
    server.routes["/"] = Response(body=f"<html><body>{links}</body></html>".encode())
    server.routes["/robots.txt"] = Response(body=b"User-agent: *\nAllow: /\n")
    for i in range(200):
        server.routes[f"/r{i}.html"] = Response(body=page.replace(b"06/BC", f"{i}/BC".encode()))
    cmd = [sys.executable, "-m", "baocao.pipeline.cli", "run", server.url("/"), "--delay", "0"]
    done = subprocess.run(
        [*cmd, "--out", str(small_disk / "data"), "--quiet"], capture_output=True, timeout=300
    )
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("Error: cannot")
