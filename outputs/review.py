"""`baocao review OUT`: a static site beside the tables, for looking at what was read.

Three kinds of page, all offline (the one style sheet and the one script ship in
the package and are copied beside the pages; no CDN, no server):
- `review/index.html`: every document, sortable and searchable;
- `review/doc/<doc_id>.html`: one document: its header fields, its sections as a
  collapsible outline, its text with every figure coloured by kind (value, unit,
  qualifier and subject on hover), references underlined, footnote markers and
  notes linked both ways, and links to the source and its WARC record;
- `review/harvest.html`: each night's counts, and each host's in each night, as
  small SVG bars; documents by site profile; the errors.

Everything is read from the folder's Parquet tables (exact text; the CSVs guard
formulas) and `texts/`, so a review can be made again at any time, offline.
"""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyarrow.parquet as pq

from baocao.outputs.reviewmarks import escape as _e
from baocao.outputs.reviewmarks import marked_text

ASSETS = ("review.css", "review.js")
INDEX_COLUMNS = [  # (column, heading)
    ("title", "Tiêu đề / title"),
    ("doc_type", "Loại"),
    ("doc_number", "Số"),
    ("issuer", "Cơ quan ban hành"),
    ("issued_date", "Ngày"),
    ("site", "Site"),
    ("format", "Format"),
    ("sections", "Sections"),
    ("footnotes", "Notes"),
    ("figures", "Figures"),
    ("errors", "Errors"),
]
FIELDS = [
    "doc_type", "doc_number", "issuer", "parent_issuer", "place", "issued_date",
    "document_title", "period_label", "signer", "signer_title", "format", "pages",
    "file_name", "site", "published_date", "encoding", "segmenter", "duplicate_of",
    "parent_doc_id",
]  # fmt: skip


class ReviewError(ValueError):
    """The folder holds no tables to review."""


@dataclass
class Folder:
    """An output folder's tables as lists of row dicts."""

    path: Path
    tables: dict[str, list[dict]]

    def rows(self, name: str) -> list[dict]:
        return self.tables.get(name, [])

    def by_doc(self, name: str) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = defaultdict(list)
        for row in self.rows(name):
            out[str(row.get("doc_id"))].append(row)
        return out

    def text(self, doc_id: str) -> str:
        path = self.path / "texts" / f"{doc_id}.txt"
        return path.read_text("utf-8") if path.exists() else ""


def read_folder(path: Path) -> Folder:
    if not (path / "documents.parquet").exists():
        raise ReviewError(f"{path}: no baocao tables here (no documents.parquet)")
    names = ("documents", "sections", "footnotes", "quantities", "references", "errors", "runs")
    names += ("hosts",)
    tables = {
        name: pq.read_table(path / f"{name}.parquet").to_pylist()
        for name in names
        if (path / f"{name}.parquet").exists()
    }
    return Folder(path, tables)


def write_review(path: Path) -> Path:
    """Write `path/review/` and return the index page's path."""
    folder = read_folder(path)
    site = path / "review"
    (site / "doc").mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        source = resources.files("baocao.outputs") / "assets" / name
        with resources.as_file(source) as f:
            shutil.copyfile(f, site / name)
    counts = _counts(folder)
    for doc in folder.rows("documents"):
        page = _document_page(folder, doc)
        (site / "doc" / f"{doc['doc_id']}.html").write_text(page, "utf-8")
    (site / "index.html").write_text(_index_page(folder, counts), "utf-8")
    (site / "harvest.html").write_text(_harvest_page(folder), "utf-8")
    return site / "index.html"


def _counts(folder: Folder) -> dict[str, Counter]:
    out = {
        name: Counter(str(r["doc_id"]) for r in folder.rows(name))
        for name in ("sections", "footnotes", "quantities")
    }
    by_url = {d["url"]: str(d["doc_id"]) for d in folder.rows("documents")}
    out["errors"] = Counter(
        by_url[e["input"]] for e in folder.rows("errors") if e.get("input") in by_url
    )
    return out


def _page(title: str, body: str, root: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang=vi><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        f'<title>{_e(title)}</title><link rel=stylesheet href="{root}review.css"></head>'
        f'<body><nav><a href="{root}index.html">Documents</a> · '
        f'<a href="{root}harvest.html">Harvest</a></nav>{body}'
        f'<script src="{root}review.js"></script></body></html>'
    )


def _index_page(folder: Folder, counts: dict[str, Counter]) -> str:
    heads = "".join(f'<th data-key="{k}">{_e(h)}</th>' for k, h in INDEX_COLUMNS)
    rows = []
    for doc in folder.rows("documents"):
        doc_id = str(doc["doc_id"])
        values = {
            **doc,
            "title": doc.get("title") or doc.get("document_title") or doc.get("url"),
            "sections": counts["sections"][doc_id],
            "footnotes": counts["footnotes"][doc_id],
            "figures": counts["quantities"][doc_id],
            "errors": counts["errors"][doc_id],
        }
        cells = []
        for key, _ in INDEX_COLUMNS:
            shown = _e(values.get(key))
            if key == "title":
                shown = f'<a href="doc/{_e(doc_id)}.html">{shown}</a>'
            cells.append(f'<td data-key="{key}">{shown}</td>')
        rows.append(f'<tr data-doc="{_e(doc_id)}">{"".join(cells)}</tr>')
    body = (
        f"<h1>{len(rows)} documents</h1>"
        '<input id=search type=search placeholder="Tìm / search" aria-label=search>'
        f"<table id=documents class=sortable><thead><tr>{heads}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _page("baocao review", body)


def _document_page(folder: Folder, doc: dict) -> str:
    doc_id = str(doc["doc_id"])
    text = folder.text(doc_id)
    sections = folder.by_doc("sections").get(doc_id, [])
    notes = folder.by_doc("footnotes").get(doc_id, [])
    figures = folder.by_doc("quantities").get(doc_id, [])
    refs = folder.by_doc("references").get(doc_id, [])
    title = doc.get("title") or doc.get("document_title") or doc_id
    fields = "".join(
        f"<tr><th>{_e(k)}</th><td>{_field(k, doc.get(k))}</td></tr>"
        for k in FIELDS
        if doc.get(k) not in (None, "")
    )
    url = _e(doc.get("url"))
    marked = marked_text(text, sections, notes, figures, refs)
    body = (
        f"<h1>{_e(title)}</h1>"
        f'<p class=source><a href="{url}">{url}</a>{_warc_link(doc)}</p>'
        f"<div class=columns><aside><h2>Sections</h2>{_outline(sections)}"
        f"<h2>Header</h2><table class=fields>{fields}</table>"
        f"<h2>Figures</h2>{_legend(figures)}</aside>"
        f"<main><div class=text id=text>{marked}</div></main></div>"
    )
    return _page(str(title), body, root="../")


def _field(key: str, value: object) -> str:
    if key in ("duplicate_of", "parent_doc_id") and value:
        return f'<a href="{_e(value)}.html">{_e(value)}</a>'
    return _e(value)


def _warc_link(doc: dict) -> str:
    """Where the bytes are kept: the WARC file (relative to the folder) and offset."""
    if not doc.get("warc_file"):
        return ""
    where = f"{doc['warc_file']}#{doc.get('warc_offset')}"
    return f' · <a class=warc href="../../{_e(doc["warc_file"])}">WARC {_e(where)}</a>'


def _outline(sections: list[dict]) -> str:
    """Nested, collapsible: a section's children inside its `<details>`."""
    children: dict[object, list[dict]] = defaultdict(list)
    for s in sections:
        children[s.get("parent_id")].append(s)

    def tree(parent: object) -> str:
        items = []
        for s in children.get(parent, []):
            link = f'<a href="#s-{_e(s["section_id"])}">{_e(s["number"])} {_e(s["title"])}</a>'
            inner = tree(s["section_id"])
            if inner:
                items.append(f"<li><details open><summary>{link}</summary>{inner}</details></li>")
            else:
                items.append(f"<li>{link}</li>")
        return f"<ul class=outline>{''.join(items)}</ul>" if items else ""

    return tree(None) or "<p>(none)</p>"


def _legend(figures: list[dict]) -> str:
    kinds = Counter(str(f.get("kind")) for f in figures)
    items = "".join(
        f'<li><mark class="q k-{_e(k)}">{_e(k)}</mark> {n}</li>' for k, n in sorted(kinds.items())
    )
    return f"<ul class=legend>{items}</ul>" if items else "<p>(none)</p>"


def _harvest_page(folder: Folder) -> str:
    runs = folder.rows("runs")
    nights = "".join(
        f"<tr><td>{_e(r['run_id'])}</td><td>{_e(r.get('started'))}</td><td>{_e(r.get('status'))}</td>"
        f"<td>{_bars(r)}</td><td>{_e(r.get('pages_fetched'))}</td></tr>"
        for r in runs
    )
    hosts = "".join(
        f"<tr><td>{_e(h['run_id'])}</td><td>{_e(h['host'])}</td><td>{_bars(h)}</td>"
        f"<td>{_e(h.get('pages_fetched'))}</td></tr>"
        for h in folder.rows("hosts")
    )
    sites = Counter(str(d.get("site")) for d in folder.rows("documents"))
    site_rows = "".join(f"<tr><td>{_e(s)}</td><td>{n}</td></tr>" for s, n in sorted(sites.items()))
    errors = "".join(
        f"<tr><td>{_e(e.get('run_id'))}</td><td>{_e(e.get('stage'))}</td>"
        f"<td>{_e(e.get('input'))}</td><td>{_e(e.get('error'))}</td></tr>"
        for e in folder.rows("errors")
    )
    body = (
        "<h1>Harvest</h1><h2>Nights</h2>"
        "<table id=nights><thead><tr><th>run</th><th>started</th><th>status</th>"
        "<th>new · changed · unchanged · failed</th><th>fetched</th></tr></thead>"
        f"<tbody>{nights}</tbody></table>"
        "<h2>Hosts, night by night</h2>"
        "<table id=hosts><thead><tr><th>run</th><th>host</th>"
        "<th>new · changed · unchanged · failed</th><th>fetched</th></tr></thead>"
        f"<tbody>{hosts}</tbody></table>"
        "<h2>Documents by site profile</h2><table id=sites><thead><tr><th>site</th>"
        f"<th>documents</th></tr></thead><tbody>{site_rows}</tbody></table>"
        f"<h2>Errors ({len(folder.rows('errors'))})</h2><table id=errors><thead><tr><th>run</th>"
        f"<th>stage</th><th>input</th><th>error</th></tr></thead><tbody>{errors}</tbody></table>"
    )
    return _page("baocao harvest", body)


BAR_KINDS = ("new", "changed", "unchanged", "failed")


def _bars(run: dict) -> str:
    """A night's four counts as one small horizontal stacked bar, labelled."""
    values = [int(run.get(k) or 0) for k in BAR_KINDS]
    total = sum(values) or 1
    x, rects = 0.0, []
    for kind, v in zip(BAR_KINDS, values, strict=True):
        w = 200 * v / total
        box = f'x="{x:.1f}" y="0" width="{w:.1f}" height="14"'
        rects.append(f'<rect class="b-{kind}" {box}><title>{kind}: {v}</title></rect>')
        x += w
    label = " · ".join(str(v) for v in values)
    svg = f'<svg class=bars width="200" height="14" role="img" aria-label="{label}">'
    return f"{svg}{''.join(rects)}</svg> {label}"
