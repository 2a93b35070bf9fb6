"""The benchmark scripts run: their page maker and every part `make count` counts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))

import instructions  # noqa: E402
from run import make_pages  # noqa: E402

from baocao.pipeline.sample import sample_dir  # noqa: E402


def test_bench_pages_are_the_sample_with_other_digits(tmp_path):
    sources = sorted(p for p in sample_dir().iterdir() if p.suffix in (".html", ".htm"))
    pages = make_pages(len(sources), tmp_path)
    for source, page in zip(sources, pages, strict=True):
        assert page.read_bytes() != source.read_bytes()
        assert re.sub(rb"\d", b"0", page.read_bytes()) == re.sub(rb"\d", b"0", source.read_bytes())


@pytest.mark.parametrize("part", sorted(instructions.PARTS))
def test_every_counted_part_runs_on_bench_pages(tmp_path, part):
    make_pages(instructions.WARM + 1, tmp_path)
    inputs, work = instructions.PARTS[part]([p.read_bytes() for p in sorted(tmp_path.iterdir())])
    assert len(inputs) == instructions.WARM + 1
    assert work(inputs[-1]) is not None
