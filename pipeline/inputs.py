"""Command-line inputs to `Source`s: local files and folders, or URLs to fetch.

Each bad input becomes an `InputError` naming it and what is wrong, so the run
can record it and go on with the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.process import Source
from scrapers.fetch import FetchError, FetchSettings, fetch

SUFFIXES = (".html", ".htm", ".txt")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass
class InputError:
    input: str
    stage: str
    error: str


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def expand(args: list[str]) -> Iterator[str]:
    """Folders stand for the report files inside them, in name order."""
    for arg in args:
        p = Path(arg)
        if not is_url(arg) and p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix.lower() in SUFFIXES and q.is_file())
            yield from (str(q) for q in found) if found else [arg]
        else:
            yield arg


def read_local(arg: str) -> Source | InputError:
    p = Path(arg)
    if not p.exists():
        return InputError(arg, "read", "no such file")
    if p.is_dir():
        return InputError(arg, "read", f"folder holds no {', '.join(SUFFIXES)} files")
    if p.suffix.lower() not in SUFFIXES:
        return InputError(
            arg,
            "read",
            f"unsupported file type {p.suffix or '(none)'}; baocao reads {', '.join(SUFFIXES)}",
        )
    try:
        body = p.read_bytes()
    except OSError as e:
        return InputError(arg, "read", e.strerror or str(e))
    if not body.strip():
        return InputError(arg, "read", "empty file")
    return Source(url=p.resolve().as_uri(), body=body, as_text=p.suffix.lower() == ".txt")


def read_url(arg: str, settings: FetchSettings) -> Source | InputError:
    try:
        page = fetch(arg, settings=settings)
    except FetchError as e:
        return InputError(arg, "fetch", e.reason)
    ctype = (page.content_type or "").split(";")[0].strip().lower()
    if ctype and ctype not in PAGE_TYPES:
        return InputError(arg, "fetch", f"not an HTML page (Content-Type {ctype})")
    if not page.body.strip():
        return InputError(arg, "fetch", "empty response")
    return Source(
        url=page.final_url or arg,
        body=page.body,
        content_type=page.content_type,
        as_text=ctype == "text/plain",
        fetched_at=page.fetched_at,
    )


def sources(
    args: list[str], settings: FetchSettings | None = None
) -> Iterator[Source | InputError]:
    settings = settings or FetchSettings()
    for arg in expand(args):
        yield read_url(arg, settings) if is_url(arg) else read_local(arg)
