"""Walk a site: which links to follow, and which pages are reports.

Listing pages (pagination, section pages, menus) are walked, not kept; article
pages are documents and leaves. A site profile's URL patterns decide when it
has them; otherwise a page is an article when its main content is prose (long
paragraphs, few links) and a listing when it is mostly links.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree

from baocao.parsers.lexicon import words
from baocao.parsers.tree import text_content
from baocao.scrapers.sites import SiteProfile

SKIP_EXT = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|webp|svg|mp[34]|avi|css|js|ico|xml)$",
    re.I,
)
ARTICLE_PROSE_CHARS = 600  # prose in paragraphs of 80+ characters that makes a page a report
LONG_PARAGRAPH = 80
MAX_LINK_SHARE = 0.35  # of the page's text that sits inside links, for an article


def same_site(url: str, hosts: set[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


def _anchors(base: str, tree: etree._Element, hosts: set[str]):
    """(absolute URL without fragment, its `<a>`) for each same-site http(s) link."""
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        if urlsplit(url).scheme in ("http", "https") and same_site(url, hosts):
            yield url, a


def links(base: str, tree: etree._Element, hosts: set[str]) -> list[str]:
    """Same-site links to pages, in page order (files: see attachment_links)."""
    seen: dict[str, None] = {}
    for url, _ in _anchors(base, tree, hosts):
        if not SKIP_EXT.search(urlsplit(url).path) and not _download_link().search(url):
            seen.setdefault(url, None)
    return list(seen)


@cache
def _download_link() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words("download_links.txt")), re.I)


def attachment_links(base: str, tree: etree._Element, hosts: set[str]) -> list[str]:
    """Same-site links to a report's file: by extension, by a download handler's
    address, or by the link's words (`Tải về`, `06-BC-LHH.pdf`); the bytes fetched
    say later whether it is a PDF, a Word file or none of them."""
    pattern = _download_link()
    seen: dict[str, None] = {}
    for url, a in _anchors(base, tree, hosts):
        said = " ".join(text_content(a).split())
        if pattern.search(url) or (said and pattern.search(said)):
            seen.setdefault(url, None)
    return list(seen)


def worth_following(url: str, profile: SiteProfile) -> bool:
    """With URL patterns in its profile, a site is walked only along them."""
    patterns = [p for p in (profile.article_links, profile.listing_links) if p]
    return not patterns or any(re.search(p, url) for p in patterns)


def role_of(url: str, tree: etree._Element, profile: SiteProfile, links_files: bool = False) -> str:
    """`article` or `listing`. A page that links a report's file (`Tải về: …pdf`) is
    the report's page when it holds one paragraph of its own: portals often publish
    the signed file with a short summary."""
    if profile.article_links and re.search(profile.article_links, url):
        return "article"
    if profile.listing_links and re.search(profile.listing_links, url):
        return "listing"
    least = LONG_PARAGRAPH if links_files else ARTICLE_PROSE_CHARS
    return "article" if _is_prose_page(tree, least) else "listing"


def _is_prose_page(tree: etree._Element, least: int = ARTICLE_PROSE_CHARS) -> bool:
    body = tree.find("body")
    if body is None:
        return False
    prose = 0
    for p in body.iter("p", "td", "div"):
        if p.tag == "div" and any(
            isinstance(c.tag, str) and c.tag in ("p", "div", "table") for c in p
        ):
            continue
        text = " ".join(text_content(p).split())
        link_text = sum(len(" ".join(text_content(a).split())) for a in p.iter("a"))
        if len(text) >= LONG_PARAGRAPH and link_text < len(text) * MAX_LINK_SHARE:
            prose += len(text)
    total = len(" ".join(text_content(body).split())) or 1
    linked = sum(len(" ".join(text_content(a).split())) for a in body.iter("a"))
    if linked == 0 and total >= least:
        return True  # text and no link to follow: a document in short paragraphs
    return prose >= least and linked / total < MAX_LINK_SHARE
