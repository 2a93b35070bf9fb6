"""One polite HTTP GET, done completely: retries, caps, validators, honest errors.

Retries what is worth retrying (timeouts, resets, truncated bodies, 429, 5xx)
with exponential backoff, honouring `Retry-After`; never retries a 4xx that
will not change. Caps the body size and the time. Sends `If-None-Match` /
`If-Modified-Since` when validators from the last fetch are given.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import unquote, urljoin, urlsplit

import requests
import urllib3

from baocao.parsers.formats import PAGE_TYPES
from baocao.pipeline import __version__

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
MAX_RETRY_AFTER = 120.0  # seconds; a server asking for longer is treated as down for this run
CHUNK = 65536


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = f"baocao/{__version__} (+https://github.com/baocao/baocao)"
    timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024  # a page
    max_file_bytes: int = 50 * 1024 * 1024  # a response that is no page (a PDF, a DOCX)
    retries: int = 3
    backoff: float = 1.0  # first retry waits this long, then doubles
    deadline: float = 120.0  # wall-clock seconds for one response, however it trickles
    max_redirects: int = 5


@dataclass
class Page:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes  # decoded from its Content-Encoding: what parsing reads
    fetched_at: str
    request_headers: dict[str, str] = field(default_factory=dict)
    attempts: int = 1
    raw: bytes | None = None  # the bytes as received, when a Content-Encoding changed them

    @property
    def received(self) -> bytes:
        """The body exactly as the server sent it: what the archive keeps."""
        return self.body if self.raw is None else self.raw

    @property
    def content_type(self) -> str | None:
        return self.headers.get("Content-Type") or self.headers.get("content-type")

    @property
    def file_name(self) -> str:
        """The name a browser would save the body under: Content-Disposition's
        (RFC 6266, `filename*=UTF-8''…` included), else the URL path's last part."""
        return file_name(self.headers.get("Content-Disposition"), self.final_url)


class FetchError(Exception):
    def __init__(
        self,
        url: str,
        reason: str,
        status: int | None = None,
        retryable: bool = False,
        wait: float | None = None,
    ):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status, self.retryable = url, reason, status, retryable
        self.wait = wait  # seconds the server asked us to wait (Retry-After)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # `-0000` or no zone: RFC 5322 reads it as UTC
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _read_capped(resp: requests.Response, url: str, cap: int, until: float) -> bytes:
    """The body as received (still in its Content-Encoding), up to `cap` bytes and
    until the monotonic time `until`: read with `read1`, which returns what one read
    of the socket gave, so that a body sent a byte at a time cannot hold the fetch
    past its deadline."""
    declared = resp.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(url, f"body of {int(declared)} bytes is over the {cap}-byte limit")
    chunks, size = [], 0
    while chunk := resp.raw.read1(CHUNK, decode_content=False):
        size += len(chunk)
        if size > cap:
            raise FetchError(url, f"body is over the {cap}-byte limit")
        if time.monotonic() > until:
            raise FetchError(url, "body still arriving at the fetch deadline (limits: deadline)")
        chunks.append(chunk)
    body = b"".join(chunks)
    if declared and declared.isdigit() and len(body) < int(declared):
        raise FetchError(url, f"truncated body: {len(body)} of {declared} bytes", retryable=True)
    return body


def decoded(raw: bytes, encoding: str | None, url: str, cap: int) -> bytes:
    """The body without its Content-Encoding (gzip, deflate), never more than `cap`
    bytes however well it was compressed."""
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
    body = raw
    for coding in reversed(codings):
        if coding in ("identity", ""):
            continue
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(url, f"unsupported Content-Encoding {coding}")
        wbits = 47 if coding != "deflate" else 15  # gzip or zlib header; raw deflate below
        try:
            body = _inflate(body, wbits, cap, url)
        except zlib.error:
            if coding != "deflate":
                raise FetchError(url, "body does not decode as its Content-Encoding says") from None
            body = _inflate(body, -15, cap, url)
    return body


def _inflate(data: bytes, wbits: int, cap: int, url: str) -> bytes:
    d = zlib.decompressobj(wbits)
    out = d.decompress(data, cap + 1)
    if len(out) > cap:
        raise FetchError(url, f"decoded body is over the {cap}-byte limit")
    return out


RedirectCheck = Callable[[str], "str | None"]  # a URL -> why it may not be fetched, or None


def _once(
    session: requests.Session,
    url: str,
    headers: dict[str, str],
    s: FetchSettings,
    check: RedirectCheck | None = None,
) -> Page:
    """One request, its redirects followed by hand: each hop is checked (robots.txt, the
    hosts allowed, the addresses allowed) before it is requested."""
    fetched_at = now_iso()
    until = time.monotonic() + s.deadline
    target = url
    for _ in range(s.max_redirects + 1):
        page = _request(session, url, target, headers, s, until, fetched_at)
        if isinstance(page, Page):
            return page
        nxt = page
        refused = check(nxt) if check is not None else None
        if refused:
            raise FetchError(url, f"redirect to {nxt} refused: {refused}")
        target = nxt
    raise FetchError(url, f"more than {s.max_redirects} redirects (limits: max_redirects)")


def _request(
    session: requests.Session,
    url: str,
    target: str,
    headers: dict[str, str],
    s: FetchSettings,
    until: float,
    fetched_at: str,
) -> Page | str:
    """A Page, or the absolute URL a redirect points to."""
    try:
        with session.get(
            target, headers=headers, timeout=s.timeout, stream=True, allow_redirects=False
        ) as resp:
            if resp.status_code in REDIRECT_STATUS and resp.headers.get("Location"):
                return urljoin(target, resp.headers["Location"])
            if resp.status_code in RETRY_STATUS:
                wait = retry_after(resp.headers.get("Retry-After"))
                raise FetchError(url, f"HTTP {resp.status_code}", resp.status_code, True, wait)
            if resp.status_code >= 400:
                raise FetchError(url, f"HTTP {resp.status_code}", resp.status_code)
            cap = s.max_bytes if _is_page(resp.headers.get("Content-Type")) else s.max_file_bytes
            raw = b"" if resp.status_code == 304 else _read_capped(resp, url, cap, until)
            body = decoded(raw, resp.headers.get("Content-Encoding"), url, cap)
            return Page(
                url,
                resp.url,
                resp.status_code,
                dict(resp.headers),
                body,
                fetched_at,
                request_headers=dict(resp.request.headers),
                raw=raw if body is not raw else None,
            )
    except (requests.Timeout, requests.ConnectionError) as e:
        kind = "timed out" if isinstance(e, requests.Timeout) else "connection failed"
        raise FetchError(url, f"{kind}: {type(e).__name__}", retryable=True) from None
    except urllib3.exceptions.ReadTimeoutError:
        raise FetchError(url, "timed out: ReadTimeout", retryable=True) from None
    except (requests.exceptions.ChunkedEncodingError, urllib3.exceptions.ProtocolError):
        raise FetchError(
            url, "truncated body (connection closed mid-response)", retryable=True
        ) from None
    except urllib3.exceptions.DecodeError:
        raise FetchError(url, "body does not decode as its Content-Encoding says") from None
    except requests.RequestException as e:
        raise FetchError(url, f"request failed: {type(e).__name__}") from None


def file_name(disposition: str | None, url: str) -> str:
    if disposition:
        msg = Message()
        msg["Content-Disposition"] = disposition
        name = msg.get_filename()
        if name:
            return name.replace("/", "_").replace("\\", "_").strip()
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


def _is_page(content_type: str | None) -> bool:
    """Pages are capped at max_bytes; anything else (a PDF, a Word file, a server that
    says nothing) is a file and gets the larger max_file_bytes."""
    return (content_type or "").split(";")[0].strip().lower() in PAGE_TYPES


def fetch(
    url: str,
    session: requests.Session | None = None,
    settings: FetchSettings | None = None,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    sleep=time.sleep,
    check: RedirectCheck | None = None,
    referer: str | None = None,
) -> Page:
    """GET a URL with retries; a 304 comes back as a Page with status 304 and no body.
    `check` is asked about every redirect's target before it is requested."""
    s = settings or FetchSettings()
    session = session or requests.Session()
    headers = {
        "User-Agent": s.user_agent,
        "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",  # what `decoded` reads
    }
    if referer:  # an attachment's page: the archive's request record keeps it
        headers["Referer"] = referer
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for attempt in range(s.retries + 1):
        try:
            page = _once(session, url, headers, s, check)
            page.attempts = attempt + 1
            return page
        except FetchError as e:
            if not e.retryable or attempt == s.retries:
                raise
            wait = e.wait
            if wait is not None and wait > MAX_RETRY_AFTER:
                raise FetchError(url, f"{e.reason}; Retry-After {wait:.0f}s is too long") from None
            sleep(wait if wait is not None else s.backoff * (2**attempt))
    raise AssertionError("unreachable")
