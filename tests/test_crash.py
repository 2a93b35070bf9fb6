"""Kill the harvest with SIGKILL at random moments, start it again: the tables come out
equal to those of an uninterrupted run (nothing lost, nothing twice)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from baocao.pipeline.localsite import LocalServer, Response
from baocao.pipeline.samplesite import REPORTS, routes

PAGES = 24
VOLATILE = {"fetched_at", "warc_file", "warc_offset", "at"}  # when and where, not what


def big_site(server: LocalServer) -> None:
    base = routes()
    server.routes.update(base)
    bodies = [base[p] for p in REPORTS]
    paths = []
    for i in range(PAGES):
        path = f"/bai-viet/{i:03d}.html"
        server.routes[path] = Response(
            body=bodies[i % 3].body, headers=bodies[i % 3].headers, etag=True
        )
        paths.append(path)
    for n in range(0, PAGES, 6):
        items = "".join(f'<li><a href="{p}">bài {p}</a></li>' for p in paths[n : n + 6])
        pager = f'<a href="/list/?page={n // 6 + 1}">Trang sau</a>' if n + 6 < PAGES else ""
        server.routes[f"/list/?page={n // 6}"] = Response(
            body=f"<html><body><ul>{items}</ul>{pager}</body></html>".encode(), etag=True
        )


def run_cmd(server: LocalServer, out) -> list[str]:
    return [
        sys.executable,
        "-m",
        "baocao.pipeline.cli",
        "run",
        server.url("/list/?page=0"),
        "--out",
        str(out),
        "--delay",
        "0.03",
        "--depth",
        "10",
        "--quiet",
    ]


def tables(out) -> dict[str, pd.DataFrame]:
    got = {}
    for name in ("documents", "sections", "footnotes", "quantities", "references", "tables"):
        df = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        got[name] = df.drop(columns=[c for c in df.columns if c in VOLATILE])
    return got


@pytest.mark.issue(5)
def test_sigkill_at_random_points_then_resume_gives_the_same_tables(tmp_path):
    with LocalServer() as server:
        big_site(server)
        reference = tmp_path / "reference"
        subprocess.run(run_cmd(server, reference), check=True, timeout=120)
        crashed = tmp_path / "crashed"
        rng = random.Random(5)
        kills = 0
        for _ in range(4):
            proc = subprocess.Popen(run_cmd(server, crashed))
            time.sleep(rng.uniform(0.4, 1.6))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait(timeout=30)
        subprocess.run(run_cmd(server, crashed), check=True, timeout=120)
    assert kills >= 2
    want, got = tables(reference), tables(crashed)
    assert len(want["documents"]) == PAGES
    for name in want:
        pd.testing.assert_frame_equal(got[name], want[name], check_like=False)
    runs = pd.read_csv(crashed / "runs.csv")
    assert runs.status.iloc[-1] == "completed"
