"""Sources from a WARC archive: re-run parsing and extraction offline, from the bytes kept.

Each URL's latest archived response is used (files are read in name order, which
is time order); listing pages are left out by the same rule the harvest used;
revisit records point at a copy already read. Nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from parsers.article import parse_html
from parsers.parse import doc_id_for
from pipeline.inputs import InputError
from pipeline.process import Source
from scrapers.discover import role_of
from scrapers.sites import profile_for

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def warc_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.glob("*.warc*") if p.is_file())


def responses(path: Path, base: Path) -> Iterator[Source | InputError]:
    """Every HTML 200 response of one WARC file (the unit of sharding for clusters)."""
    try:
        with open(path, "rb") as f:
            it = ArchiveIterator(f)
            for rec in it:
                if rec.rec_type != "response" or rec.http_headers is None:
                    continue
                if rec.http_headers.get_statuscode() != "200":
                    continue
                ctype = rec.http_headers.get_header("Content-Type") or ""
                if ctype.split(";")[0].strip().lower() not in PAGE_TYPES:
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                body = rec.content_stream().read()
                yield Source(
                    url=url,
                    body=body,
                    content_type=ctype,
                    fetched_at=rec.rec_headers.get_header("WARC-Date"),
                    warc_file=str(path.relative_to(base)) if base in path.parents else path.name,
                    warc_offset=it.get_record_offset(),
                )
    except Exception as e:  # noqa: BLE001 - a torn or foreign file is recorded, the rest go on
        yield InputError(str(path), "archive", f"unreadable WARC: {type(e).__name__}: {e}")


def archive_sources(folder: Path) -> Iterator[Source | InputError]:
    """The latest version of every report page in an archive folder."""
    if not folder.exists():
        yield InputError(str(folder), "archive", "no such folder or file")
        return
    files = warc_files(folder)
    if not files:
        yield InputError(str(folder), "archive", "no .warc or .warc.gz files")
        return
    latest: dict[str, Source] = {}
    for path in files:
        for item in responses(path, folder.parent):
            if isinstance(item, InputError):
                yield item
            else:
                latest[item.url] = item
    for url in sorted(latest, key=doc_id_for):  # the harvest's order: tables come out identical
        src = latest[url]
        tree = parse_html(src.body.decode("utf-8", errors="replace"))
        if role_of(url, tree, profile_for(url)) == "article":
            yield src
