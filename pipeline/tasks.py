"""Units of work that any executor can ship: small, picklable, and self-contained.

A task names where its bytes are (a local file, offsets in one WARC file) or
carries them (a page the driver fetched); `work(task)` reads, parses and
extracts, and returns one outcome per document: its rows already rendered as
CSV text (formatting is done in parallel, the driver only appends), or the
reason it failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from baocao.outputs.folder import RenderedDocument, render_document
from baocao.pipeline.process import Source, StageError, process


@dataclass(frozen=True)
class FileTask:
    path: str
    repair: bool = True


@dataclass(frozen=True)
class WarcTask:
    """Records of one WARC file (the unit of sharding for an archive)."""

    path: str
    offsets: tuple[int, ...]
    label: str  # the file's name relative to the output folder, for documents.warc_file
    profiles: tuple = ()  # the site profiles the harvest ran with (from the warcinfo)


@dataclass(frozen=True)
class SourceTask:
    source: Source


Task = FileTask | WarcTask | SourceTask


@dataclass(frozen=True)
class Failure:
    input: str
    stage: str
    error: str
    skipped: bool = False  # the input holds no document: recorded, not counted as failed


Outcome = RenderedDocument | Failure


def work(task: Task) -> list[Outcome]:
    if isinstance(task, FileTask):
        return [_file(task)]
    if isinstance(task, WarcTask):
        return list(_warc(task))
    return [_process(task.source, task.source.url)]


def _process(src: Source, name: str) -> Outcome:
    name = display(name)
    try:
        result = process(src)
    except StageError as e:
        return Failure(name, e.stage, str(e), e.skipped)
    return render_document(result.doc_id, result.rows, result.text)


def display(arg: str) -> str:
    """A name fit to print and to write in errors.csv: a file name that is not valid
    UTF-8 (its bytes kept by Python as lone surrogates) shows `�` where they were."""
    return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _file(task: FileTask) -> Outcome:
    p = Path(task.path)
    try:
        body = p.read_bytes()
    except OSError as e:
        return Failure(display(task.path), "read", e.strerror or str(e))
    if not body.strip():
        return Failure(display(task.path), "read", "empty file")
    src = Source(
        url=p.resolve().as_uri(),
        body=body,
        as_text=p.suffix.lower() == ".txt",
        repair=task.repair,
        file_name=p.name,
    )
    return _process(src, task.path)


def _warc(task: WarcTask):
    from warcio.archiveiterator import ArchiveIterator

    from baocao.parsers.formats import sniff
    from baocao.parsers.parse import doc_id_for, is_plain_text
    from baocao.scrapers.fetch import file_name
    from baocao.scrapers.sites import profile_for

    out: list[Outcome] = []
    with open(task.path, "rb") as f:
        for offset in task.offsets:  # each record is its own gzip member: seek straight to it
            f.seek(offset)
            records = iter(ArchiveIterator(f))
            rec = next(records)
            url = rec.rec_headers.get_header("WARC-Target-URI")
            body = rec.content_stream().read()
            ctype = rec.http_headers.get_header("Content-Type")
            text = is_plain_text(ctype)
            profile = profile_for(url, task.profiles or None)  # as the harvest chose it
            name = file_name(rec.http_headers.get_header("Content-Disposition"), url)
            is_file = sniff(body, name, ctype) is not None
            if not (text or is_file) and not _is_report_page(url, body, ctype, profile):
                continue  # a listing page: walked by the harvest, not a document
            parent = _referer(records, rec) if is_file else None
            src = Source(
                url=url,
                body=body,
                content_type=ctype,
                as_text=text,
                profile=profile,
                fetched_at=rec.rec_headers.get_header("WARC-Date"),
                warc_file=task.label,
                warc_offset=offset,
                parent_doc_id=doc_id_for(parent) if parent else None,
                file_name=name if is_file else None,
            )
            out.append(_process(src, url))
    return out


def _is_report_page(url: str, body: bytes, ctype: str | None, profile) -> bool:
    """The harvest's own judgement of a page, made again from the archived bytes."""
    from baocao.parsers.parse import page_tree
    from baocao.scrapers.discover import attachment_links, role_of

    tree = page_tree(body, ctype)
    host = {(urlsplit(url).hostname or "").lower()}
    files = bool(attachment_links(url, tree, host))
    return role_of(url, tree, profile, links_files=files) == "article"


def _referer(records, response) -> str | None:
    """The page that linked a file, from the Referer of the request the archive wrote
    right after its response (WARC-Concurrent-To names the response)."""
    record_id = response.rec_headers.get_header("WARC-Record-ID")
    request = next(records, None)
    if request is None or request.rec_type != "request":
        return None
    if request.rec_headers.get_header("WARC-Concurrent-To") != record_id:
        return None
    return request.http_headers.get_header("Referer") if request.http_headers else None
