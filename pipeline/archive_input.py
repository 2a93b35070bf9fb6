"""Tasks from a WARC archive: re-run parsing and extraction offline, from the bytes kept.

The driver only indexes the archive (which record is each URL's latest 200
HTML response; files are read in name order, which is time order). The work is
sharded by WARC file: each task names one file and the record offsets to read
there, and the worker reads, classifies (listing pages are skipped by the rule
the harvest used) and processes them. Documents come out in doc_id order, the
harvest's order, in windows, so memory stays bounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from baocao.parsers.formats import FILE_TYPES, PAGE_TYPES
from baocao.parsers.parse import doc_id_for
from baocao.pipeline.inputs import InputError
from baocao.pipeline.tasks import WarcTask
from baocao.scrapers.sites import SiteProfile, profile_from_data
from baocao.scrapers.warc import PROFILES_FIELD

WINDOW = 256  # documents per ordered batch


def warc_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    found = [*folder.glob("*.warc"), *folder.glob("*.warc.gz")]  # not their .cdxj indexes
    return sorted(p for p in found if p.is_file())


def profiles_of(path: Path) -> tuple[SiteProfile, ...]:
    """The site profiles a harvest recorded in the file's warcinfo (none: the bundled)."""
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "warcinfo":
                return ()
            fields = rec.content_stream().read().decode("utf-8", "replace")
            for line in fields.splitlines():
                key, _, value = line.partition(":")
                if key.strip() == PROFILES_FIELD:
                    data = json.loads(value)
                    return tuple(profile_from_data(f"{path} warcinfo", d) for d in data)
            return ()
    return ()


def index(path: Path) -> Iterator[tuple[str, int]]:
    """(url, offset) of every 200 response in one file that may hold a document: a
    page, or a file served as one of FILE_TYPES (its bytes decide later)."""
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        for rec in it:
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = (rec.http_headers.get_header("Content-Type") or "").split(";")[0].strip()
            url = rec.rec_headers.get_header("WARC-Target-URI")
            if urlsplit(url).path == "/robots.txt":
                continue  # archived so a replay shows the rules; never a document
            kind = ctype.lower()
            if rec.http_headers.get_statuscode() == "200" and kind in PAGE_TYPES + FILE_TYPES:
                yield url, it.get_record_offset()


def archive_batches(folder: Path) -> Iterator[list[WarcTask | InputError]]:
    if not folder.exists():
        yield [InputError(str(folder), "archive", "no such folder or file")]
        return
    files = warc_files(folder)
    if not files:
        yield [InputError(str(folder), "archive", "no .warc or .warc.gz files")]
        return
    latest: dict[str, tuple[Path, int]] = {}
    errors: list[WarcTask | InputError] = []
    profiles: dict[Path, tuple[SiteProfile, ...]] = {}
    for path in files:
        try:
            profiles[path] = profiles_of(path)
            for url, offset in index(path):
                latest[url] = (path, offset)
        except Exception as e:  # noqa: BLE001 - a torn or foreign file is recorded, the rest go on
            errors.append(InputError(str(path), "archive", f"unreadable WARC: {type(e).__name__}"))
    if errors:
        yield errors
    ordered = sorted(latest.items(), key=lambda kv: doc_id_for(kv[0]))
    base = folder if folder.is_dir() else folder.parent
    for start in range(0, len(ordered), WINDOW):
        by_file: dict[Path, list[int]] = {}
        for _, (path, offset) in ordered[start : start + WINDOW]:
            by_file.setdefault(path, []).append(offset)
        yield [
            WarcTask(
                str(path), tuple(offsets), f"{base.name}/{path.relative_to(base)}", profiles[path]
            )
            for path, offsets in by_file.items()
        ]
