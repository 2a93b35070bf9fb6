"""The archive: every request and response in gzipped WARC files, written with warcio.

Each run writes its own file (`baocao-<UTC time>-<run>.warc.gz`), starting with
a `warcinfo` record, and when it closes, its CDXJ index beside it
(`….warc.gz.cdxj`); a file is never appended to after a crash, so a torn last
record can only ever be the last record of a file that is finished. Unchanged
pages are `revisit` records that point at the digest of the copy already held.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from baocao.pipeline import __version__

REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
WARC_VERSION = "1.1"  # every record, and the warcinfo that says so
PROFILES_FIELD = "baocao-profiles"  # the run's site profiles, as JSON, in the warcinfo


@dataclass(frozen=True)
class Stored:
    file: str  # name of the WARC file, relative to the archive folder
    offset: int  # byte offset of the response (or revisit) record


def payload_digest(body: bytes) -> str:
    import base64

    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


class Archive:
    def __init__(self, folder: Path, run_id: int, operator: str = "", profiles: tuple = ()) -> None:
        """`profiles`: the site profiles the run was configured with, kept in the
        warcinfo record so that the archive alone rebuilds the same tables."""
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        _index_unindexed(folder)  # a stopped run's WARC was never closed
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
        self.name = f"baocao-{stamp}-{run_id:05d}.warc.gz"
        self._file = open(folder / self.name, "ab")
        self._lock = threading.Lock()
        self._writer = WARCWriter(self._file, gzip=True, warc_version=WARC_VERSION)
        info = {
            "software": f"baocao/{__version__}",
            "format": "WARC File Format 1.1",
            "operator": operator or "baocao user",
            "robots": "obey",
        }
        if profiles:
            info[PROFILES_FIELD] = json.dumps([asdict(p) for p in profiles], ensure_ascii=False)
        self._write(self._writer.create_warcinfo_record(self.name, info))

    def _write(self, record) -> int:
        """One whole record at its offset; a worker archiving a robots.txt and the writer
        archiving a page never interleave their bytes."""
        with self._lock:
            offset = self._file.tell()
            self._writer.write_record(record)
            self._file.flush()
            return offset

    def response(
        self,
        url: str,
        status: int,
        reason: str,
        headers: dict[str, str],
        body: bytes,
        request_headers: dict[str, str],
        fetched_at: str,
    ) -> Stored:
        http = StatusAndHeaders(f"{status} {reason}", list(headers.items()), protocol="HTTP/1.1")
        when = {"WARC-Date": fetched_at}
        response = self._writer.create_warc_record(
            url, "response", payload=BytesIO(body), http_headers=http, warc_headers_dict=when
        )
        offset = self._write(response)
        self._write_request(url, request_headers, response, fetched_at)
        return Stored(self.name, offset)

    def revisit(
        self,
        url: str,
        status: int,
        headers: dict[str, str],
        digest: str,
        original_date: str | None,
        request_headers: dict[str, str],
        fetched_at: str,
    ) -> Stored:
        http = StatusAndHeaders(
            f"{status} Not Modified" if status == 304 else f"{status} OK",
            list(headers.items()),
            protocol="HTTP/1.1",
        )
        record = self._writer.create_revisit_record(
            url, digest, url, original_date or fetched_at, http_headers=http
        )
        record.rec_headers.replace_header("WARC-Date", fetched_at)
        profile = NOT_MODIFIED_PROFILE if status == 304 else REVISIT_PROFILE
        record.rec_headers.replace_header("WARC-Profile", profile)  # one, never two
        offset = self._write(record)
        self._write_request(url, request_headers, record, fetched_at)
        return Stored(self.name, offset)

    def _write_request(
        self, url: str, headers: dict[str, str], concurrent, fetched_at: str
    ) -> None:
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        http = StatusAndHeaders(f"GET {path} HTTP/1.1", list(headers.items()), is_http_request=True)
        request = self._writer.create_warc_record(
            url,
            "request",
            http_headers=http,
            warc_headers_dict={
                "WARC-Date": fetched_at,
                "WARC-Concurrent-To": concurrent.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        self._write(request)

    def close(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        write_index(self.folder / self.name)


def _index_unindexed(folder: Path) -> None:
    """Index the WARCs that have none: a run killed before it closed its file left it
    unindexed (a torn last record is left out, as replay tools would skip it)."""
    for warc in sorted(folder.glob("*.warc.gz")):
        if not warc.with_name(warc.name + ".cdxj").exists():
            try:
                write_index(warc)
            except Exception:  # noqa: BLE001 - a torn file stays unindexed, never stops a run
                continue


def write_index(warc: Path) -> Path:
    """`<warc>.cdxj` beside a finished WARC: the sorted CDXJ index (URL key, time,
    offset, length, digest of every capture) that replay tools (pywb, ReplayWeb.page)
    look captures up in, written by cdxj-indexer. Written to a temporary name first,
    so an index that exists is whole."""
    from cdxj_indexer.main import write_cdx_index

    index = warc.with_name(warc.name + ".cdxj")
    tmp = index.with_name(index.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        write_cdx_index(out, [str(warc)], {"sort": True})
    tmp.replace(index)
    return index
