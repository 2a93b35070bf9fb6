"""robots.txt, read with protego (Scrapy's maintained parser), one per host per run.

A missing robots.txt (4xx) allows everything; a server error or a timeout on
robots.txt disallows the host for this run, as Google does: when we cannot know
the rules we do not crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from scrapers.fetch import FetchError


@dataclass
class HostRules:
    robots: Protego | None  # None: no robots.txt, everything allowed
    reachable: bool = True
    error: str | None = None

    def allowed(self, url: str, agent: str) -> bool:
        if not self.reachable:
            return False
        return self.robots is None or self.robots.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float | None:
        if self.robots is None:
            return None
        delay = self.robots.crawl_delay(agent)
        return float(delay) if delay is not None else None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def rules_from(fetch_robots, url: str) -> HostRules:
    """Fetch and parse a host's robots.txt with the given fetch function."""
    try:
        page = fetch_robots(robots_url(url))
    except FetchError as e:
        if e.status is not None and 400 <= e.status < 500:
            return HostRules(None)
        return HostRules(None, reachable=False, error=f"robots.txt: {e.reason}")
    text = page.body.decode("utf-8", errors="replace")
    return HostRules(Protego.parse(text))
