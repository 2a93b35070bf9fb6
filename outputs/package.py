"""`baocao package OUT --wacz`: the harvest as one WACZ file that replay tools open.

A WACZ (Web Archive Collection Zipped) holds the run's WARC files, their index
and a `pages.jsonl` listing the pages a viewer should offer; ReplayWeb.page and
pywb open it directly. baocao lists its documents there (the reports and their
files, with their titles and capture times), and leaves the packing, indexing
and checksums to py-wacz, the format's own tool.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "baocao documents"}


class PackageError(ValueError):
    """The folder cannot be packed (no archive, or py-wacz missing): one line says why."""


def write_wacz(folder: Path, out: Path | None = None) -> Path:
    warcs = sorted((folder / "archive").glob("*.warc.gz"))
    if not warcs:
        raise PackageError(f"{folder}/archive: no WARC files to package (run `baocao run` first)")
    try:
        from wacz.main import main as wacz_main
    except ImportError:
        raise PackageError("packing a WACZ needs py-wacz: pip install 'baocao[wacz]'") from None
    out = out or folder / "archive.wacz"
    with tempfile.TemporaryDirectory(prefix="baocao-wacz-") as tmp:
        pages = Path(tmp, "pages.jsonl")
        pages.write_text(_pages(folder), "utf-8")
        args = ["create", "-o", str(out), "-p", str(pages), "--title", f"baocao: {folder.name}"]
        code = wacz_main([*args, *map(str, warcs)])
    if code not in (0, None) or not out.exists():
        raise PackageError(f"{out}: py-wacz could not write the package (exit {code})")
    return out


def _pages(folder: Path) -> str:
    """One line a captured document: its URL, capture time and title."""
    lines = [json.dumps(PAGES_HEADER)]
    path = folder / "documents.parquet"
    docs = pq.read_table(path).to_pylist() if path.exists() else []
    for d in docs:
        if not d.get("warc_file"):
            continue
        page = {"id": d["doc_id"], "url": d["url"], "ts": _iso(d.get("fetched_at"))}
        if d.get("title"):
            page["title"] = d["title"]
        lines.append(json.dumps(page, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def _iso(value) -> str | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value) if value else None
