"""Sitemaps and RSS/Atom feeds: a site's own lists of its pages, newest first.

Many portals publish `sitemap.xml` (named by robots.txt's `Sitemap:` lines) or an
RSS feed of their news (advertised by `<link rel="alternate">`); both list new
reports before a pager would reach them. They are read as listings: feeds with
feedparser, the format's maintained library; sitemaps (a tiny fixed XML format,
possibly gzipped, possibly an index of other sitemaps) with lxml, without
entities or network access. Entries are ordered newest first by their own dates,
so that a cut at `max_links_per_page` keeps the newest.
"""

from __future__ import annotations

import gzip
import io
import time
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from lxml import etree

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MAX_UNZIPPED = 50 * 1024 * 1024  # the sitemap protocol's own limit for one file
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
XML_TYPES = (*FEED_TYPES, "application/xml", "text/xml")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class SiteList:
    """What a sitemap or feed lists: pages (newest first) and further sitemaps."""

    kind: str  # sitemap | feed
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def kind_of(body: bytes) -> str | None:
    """`sitemap`, `feed`, or None for anything else (told by the root element)."""
    head = _unzipped(body, 4096)[:4096].lstrip()
    if not head.startswith((b"<?xml", b"<urlset", b"<sitemapindex", b"<rss", b"<feed", b"<rdf")):
        return None
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:RDF" in head:
        return "feed"
    return None


def read_list(body: bytes, base: str) -> SiteList | None:
    kind = kind_of(body)
    if kind == "sitemap":
        return _sitemap(_unzipped(body), base)
    if kind == "feed":
        return _feed(body, base)
    return None


def _sitemap(body: bytes, base: str) -> SiteList:
    out = SiteList("sitemap")
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return out
    dated: list[tuple[str, str]] = []
    for entry in root:
        loc = entry.findtext(f"{SITEMAP_NS}loc") or entry.findtext("loc")
        if not loc or not loc.strip():
            continue
        url = urldefrag(urljoin(base, loc.strip()))[0]
        if entry.tag in (f"{SITEMAP_NS}sitemap", "sitemap"):
            out.sitemaps.append(url)
        else:
            lastmod = entry.findtext(f"{SITEMAP_NS}lastmod") or entry.findtext("lastmod") or ""
            dated.append((lastmod.strip(), url))
    out.pages = _newest_first(dated)
    return out


def _feed(body: bytes, base: str) -> SiteList:
    import feedparser

    parsed = feedparser.parse(body)
    dated = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", when) if when else ""
        dated.append((stamp, urldefrag(urljoin(base, link))[0]))
    return SiteList("feed", _newest_first(dated))


def _newest_first(dated: list[tuple[str, str]]) -> list[str]:
    """By date, newest first (ISO dates sort as text); undated ones after, in order."""
    with_date = sorted((d for d in dated if d[0]), key=lambda d: d[0], reverse=True)
    without = [d for d in dated if not d[0]]
    return list(dict.fromkeys(url for _, url in [*with_date, *without]))


def _unzipped(body: bytes, limit: int = MAX_UNZIPPED) -> bytes:
    """A `sitemap.xml.gz` served as is (not as a Content-Encoding), at most `limit`."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
            return f.read(limit)
    except (OSError, EOFError):
        return b""


def advertised_feeds(base: str, tree: etree._Element) -> list[str]:
    """Feeds a page names in its head: `<link rel="alternate" type="application/rss+xml">`."""
    out = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            out.append(urldefrag(urljoin(base, href))[0])
    return list(dict.fromkeys(out))
