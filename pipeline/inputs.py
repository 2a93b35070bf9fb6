"""Command-line inputs to tasks: local files and folders (read by the worker) or URLs
(fetched here, politely, one at a time).

Each bad input becomes an `InputError` naming it and what is wrong, so the run
can record it and go on with the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from baocao.parsers.formats import PAGE_TYPES, sniff
from baocao.pipeline.process import Source
from baocao.pipeline.tasks import FileTask, SourceTask, Task, display

SUFFIXES = (".html", ".htm", ".txt", ".pdf", ".docx", ".doc", ".rtf")


@dataclass
class InputError:
    input: str
    stage: str
    error: str


MAX_FILE_BYTES = 50 * 1024 * 1024  # a larger local file is refused, not read into memory


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


def local_task(arg: str, repair: bool) -> Task | InputError:
    p, name = Path(arg), display(arg)
    if not p.exists():
        return InputError(name, "read", "no such file")
    if p.is_dir():
        return InputError(name, "read", f"folder holds no {', '.join(SUFFIXES)} files")
    if not p.is_file():  # a FIFO or a device (/dev/zero) would never end
        return InputError(name, "read", "not a regular file")
    if p.suffix.lower() not in SUFFIXES:
        return InputError(
            name,
            "read",
            f"unsupported file type {p.suffix or '(none)'}; baocao reads {', '.join(SUFFIXES)}",
        )
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        return InputError(
            name, "read", f"file of {size} bytes is over the {MAX_FILE_BYTES}-byte limit"
        )
    return FileTask(arg, repair)


def url_task(arg: str, repair: bool, settings=None) -> Task | InputError:
    from baocao.scrapers.fetch import FetchError, fetch  # requests is imported only for URLs

    try:
        page = fetch(arg, settings=settings)
    except FetchError as e:
        return InputError(display(arg), "fetch", e.reason)
    ctype = (page.content_type or "").split(";")[0].strip().lower()
    if ctype and ctype not in PAGE_TYPES and sniff(page.body, arg, ctype) is None:
        return InputError(arg, "fetch", f"not a page or a document file (Content-Type {ctype})")
    if not page.body.strip():
        return InputError(arg, "fetch", "empty response")
    src = Source(
        url=page.final_url or arg,
        body=page.body,
        content_type=page.content_type,
        as_text=ctype == "text/plain",
        fetched_at=page.fetched_at,
        repair=repair,
        file_name=page.file_name,
    )
    return SourceTask(src)


def tasks(args: list[str], repair: bool = True) -> Iterator[Task | InputError]:
    for arg in expand(args):
        yield url_task(arg, repair) if is_url(arg) else local_task(arg, repair)
