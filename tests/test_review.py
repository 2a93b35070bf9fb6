"""`baocao review OUT`: the pages a person looks at, checked as files and in a real
browser (Debian's headless Chromium; skipped where it is not installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from baocao.pipeline.cli import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [  # a root run on a closed network: no sandbox, no background connections
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("review") / "out"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--delay", "0"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["review", str(out)])
    assert result.exit_code == 0, result.output
    assert "review/index.html" in result.output
    return out


def page(demo: Path, name: str) -> str:
    return (demo / "review" / name).read_text("utf-8")


def test_every_document_has_a_page_linked_from_the_index(demo):
    docs = pd.read_csv(demo / "documents.csv")
    index = page(demo, "index.html")
    for doc_id in docs.doc_id:
        assert f'href="doc/{doc_id}.html"' in index
        assert (demo / "review" / "doc" / f"{doc_id}.html").exists()


def test_a_document_page_marks_every_figure_and_links_notes_both_ways(demo):
    docs = pd.read_csv(demo / "documents.csv")
    pdf = docs[docs.format == "pdf"].doc_id.iloc[0]
    html = page(demo, f"doc/{pdf}.html")
    figures = pd.read_csv(demo / "quantities.csv")
    text = html.split("id=text>", 1)[1]  # the text, after the outline and the legend
    assert text.count('<mark class="q') == (figures.doc_id == pdf).sum()
    ids = set(re.findall(r'id="([^"]+)"', html))
    targets = re.findall(r'href="#([^"]+)"', html)
    assert targets and all(t in ids for t in targets)  # every in-page link lands
    assert sum(t.startswith("fn-") for t in targets) == 6  # six markers to their notes
    assert sum(t.startswith("fnref-") for t in targets) == 6  # and six notes back
    assert 'title="money: 136000000.0 VND · more_than · HộiIuật gia"' in html
    assert "WARC archive/baocao-" in html  # where the bytes are kept


def test_the_pages_need_nothing_from_the_network(demo):
    for path in (demo / "review").rglob("*.html"):
        text = path.read_text("utf-8")
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?:', text), path


def test_the_harvest_page_shows_the_night(demo):
    html = page(demo, "harvest.html")
    assert "<svg class=bars" in html and 'aria-label="6 · 0 · 0 · 0"' in html
    assert "Errors (0)" in html


def test_review_of_a_folder_without_tables_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["review", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        result.output.strip() == f"Error: {tmp_path}: no baocao tables here (no documents.parquet)"
    )


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def browse(url: str, tmp_path: Path, *extra: str) -> str:
    """The page's DOM after its script ran, as Chromium shows it."""
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    return done.stdout


@needs_chromium
def test_in_a_browser_the_index_sorts_and_searches_without_diacritics(demo, tmp_path):
    index = (demo / "review" / "index.html").as_uri()
    dom = browse(f"{index}#sort=-figures&q=dong%20thap", tmp_path, "--dump-dom")
    visible = re.findall(r'<tr data-doc="(\w+)"(?! class="hidden")', dom)
    hidden = re.findall(r'<tr data-doc="\w+" class="hidden"', dom)
    assert len(visible) == 1 and len(hidden) == 5  # "dong thap" finds "Đồng Tháp" alone
    dom = browse(f"{index}#sort=-figures", tmp_path, "--dump-dom")
    figures = [int(n) for n in re.findall(r'<td data-key="figures">(\d+)</td>', dom)]
    assert figures == sorted(figures, reverse=True) and 'class="desc"' in dom


@needs_chromium
def test_in_a_browser_a_document_page_shows_its_marks(demo, tmp_path):
    docs = pd.read_csv(demo / "documents.csv")
    doc_id = docs[docs.format == "docx"].doc_id.iloc[0]
    url = (demo / "review" / "doc" / f"{doc_id}.html").as_uri()
    dom = browse(url, tmp_path, "--dump-dom")
    assert dom.count('<mark class="q') > 40 and dom.count('class="fnref"') == 6
    shot = tmp_path / "document.png"
    browse(url, tmp_path, f"--screenshot={shot}", "--window-size=1280,900")
    assert shot.stat().st_size > 20_000  # a page was drawn, not a blank one
