"""baocao: Vietnamese administrative documents into traceable research tables.

The library's front door. The four rooms install beneath it — `baocao.scrapers`
(HTTP, sites, archive, state), `baocao.parsers` (decoding, HTML to text, structure,
extractors), `baocao.outputs` (tables, data package), `baocao.pipeline` (CLI, runs,
executors) — and the few calls a notebook needs are here:

    import baocao
    doc = baocao.read_file("bao_cao.html")   # or read_html(bytes | str), read_text(str)
    doc.sections, doc.quantities, doc.to_frames()["quantities"]
    tables = baocao.load("out/")             # a run's tables as DataFrames
"""

from __future__ import annotations

from baocao.api import Document, load, read_bytes, read_file, read_html, read_text
from baocao.pipeline import __version__

__all__ = ["Document", "__version__", "load", "read_bytes", "read_file", "read_html", "read_text"]
