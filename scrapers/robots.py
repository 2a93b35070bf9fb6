"""robots.txt, read with protego (Scrapy's maintained parser), as RFC 9309 says.

One robots.txt per origin (scheme, host and port: another port is another site). A
4xx other than 429 means there is none: everything is allowed. A 429, a 5xx, a
timeout or an unreachable host disallows the origin for this run: when we cannot
know the rules we do not crawl. Redirects are followed (five at most); a byte-order
mark is skipped; only the first 512 KiB are read. Crawl-delay is honoured up to
MAX_CRAWL_DELAY seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from baocao.scrapers.fetch import FetchError

MAX_CRAWL_DELAY = 60.0  # seconds; a longer Crawl-delay is capped to this
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309: at least 500 KiB must be read


@dataclass
class HostRules:
    robots: Protego | None  # None: no robots.txt, everything allowed
    reachable: bool = True
    error: str | None = None

    def allowed(self, url: str, agent: str) -> bool:
        if not self.reachable:
            return False
        return self.robots is None or self.robots.can_fetch(url, agent)

    def crawl_delay(self, agent: str, cap: float = MAX_CRAWL_DELAY) -> float | None:
        """The Crawl-delay for `agent`, capped: a site asking for a day between pages
        (or for 1e308 seconds) gets `cap`, and a nonsense value is ignored."""
        if self.robots is None:
            return None
        try:
            delay = float(self.robots.crawl_delay(agent))
        except (TypeError, ValueError, OverflowError):
            return None
        if math.isnan(delay) or delay <= 0:
            return None
        return min(delay, cap)


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port): what a robots.txt and a politeness delay belong to."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def rules_from(fetch_robots, url: str) -> HostRules:
    """Fetch and parse a host's robots.txt with the given fetch function."""
    try:
        page = fetch_robots(robots_url(url))
    except FetchError as e:
        if e.status is not None and 400 <= e.status < 500 and e.status != 429:
            return HostRules(None)
        return HostRules(None, reachable=False, error=f"robots.txt: {e.reason}")
    text = page.body[:MAX_ROBOTS_BYTES].decode("utf-8-sig", errors="replace")
    return HostRules(Protego.parse(text))
