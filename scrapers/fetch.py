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
from dataclasses import dataclass, field

import requests

from pipeline import __version__

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # seconds; a server asking for longer is treated as down for this run


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = f"baocao/{__version__} (+https://github.com/baocao/baocao)"
    timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 3
    backoff: float = 1.0  # first retry waits this long, then doubles


@dataclass
class Page:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    request_headers: dict[str, str] = field(default_factory=dict)
    attempts: int = 1

    @property
    def content_type(self) -> str | None:
        return self.headers.get("Content-Type") or self.headers.get("content-type")


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
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _read_capped(resp: requests.Response, url: str, cap: int) -> bytes:
    declared = resp.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchError(url, f"body of {int(declared)} bytes is over the {cap}-byte limit")
    chunks, size = [], 0
    for chunk in resp.iter_content(65536):
        size += len(chunk)
        if size > cap:
            raise FetchError(url, f"body is over the {cap}-byte limit")
        chunks.append(chunk)
    body = b"".join(chunks)
    encoded = resp.headers.get("Content-Encoding")
    if declared and declared.isdigit() and not encoded and len(body) < int(declared):
        raise FetchError(url, f"truncated body: {len(body)} of {declared} bytes", retryable=True)
    return body


def _once(session: requests.Session, url: str, headers: dict[str, str], s: FetchSettings) -> Page:
    fetched_at = now_iso()
    try:
        with session.get(
            url, headers=headers, timeout=s.timeout, stream=True, allow_redirects=True
        ) as resp:
            if resp.status_code in RETRY_STATUS:
                wait = retry_after(resp.headers.get("Retry-After"))
                raise FetchError(url, f"HTTP {resp.status_code}", resp.status_code, True, wait)
            if resp.status_code >= 400:
                raise FetchError(url, f"HTTP {resp.status_code}", resp.status_code)
            body = b"" if resp.status_code == 304 else _read_capped(resp, url, s.max_bytes)
            return Page(
                url,
                resp.url,
                resp.status_code,
                dict(resp.headers),
                body,
                fetched_at,
                request_headers=dict(resp.request.headers),
            )
    except requests.TooManyRedirects:
        raise FetchError(url, "too many redirects (a redirect loop)") from None
    except (requests.Timeout, requests.ConnectionError) as e:
        kind = "timed out" if isinstance(e, requests.Timeout) else "connection failed"
        raise FetchError(url, f"{kind}: {type(e).__name__}", retryable=True) from None
    except requests.exceptions.ChunkedEncodingError:
        raise FetchError(
            url, "truncated body (connection closed mid-response)", retryable=True
        ) from None
    except requests.RequestException as e:
        raise FetchError(url, f"request failed: {type(e).__name__}") from None


def fetch(
    url: str,
    session: requests.Session | None = None,
    settings: FetchSettings | None = None,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    sleep=time.sleep,
) -> Page:
    """GET a URL with retries; a 304 comes back as a Page with status 304 and no body."""
    s = settings or FetchSettings()
    session = session or requests.Session()
    headers = {"User-Agent": s.user_agent, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for attempt in range(s.retries + 1):
        try:
            page = _once(session, url, headers, s)
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
