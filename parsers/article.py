"""Find the article in a page: the report, not the portal around it.

A cascade, most precise first, each stage used only when the one before found
nothing: (1) the site profile's selectors, (2) the container named for the
program that wrote the page (`data/generators.tsv`: a document Word saved as a
web page is the whole `<body>`), (3) generic scoring of containers by the prose
their paragraphs hold (readability's idea: a paragraph credits its parent fully
and its grandparent half; links count against), (4) the `<body>`.
The path taken is kept in `Article.method` so a review can tell how a page was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector

from baocao.parsers.css import first_matches
from baocao.parsers.document import SkipDocument
from baocao.parsers.lexicon import table, words
from baocao.parsers.tree import drop, text_content
from baocao.scrapers.sites import SiteProfile

_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
PROSE_TAGS = ("p", "td", "li", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6")
NOISE_HINT = re.compile(
    r"comment|footer|menu|nav|related|share|sidebar|banner|breadcrumb|tin-?khac", re.I
)
CHROME_HINT = re.compile(rf"{NOISE_HINT.pattern}|header|logo|slogan|copyright", re.I)
MIN_PROSE_CHARS = 25  # shorter paragraphs are labels, not prose
MIN_DOCUMENT_CHARS = 40  # fewer visible characters outside links: no document
MAX_LINK_SHARE = 0.5  # a container whose text is mostly links is a listing or a menu
ERROR_PAGE_CHARS = 1500  # an error page says so in few words
GRANDPARENT_SHARE = 0.5


@dataclass
class Article:
    root: etree._Element
    title: str | None
    published: str | None  # as written on the page
    method: str  # profile | generator | generic | body


def clean(s: str | None) -> str:
    return " ".join((s or "").split())  # str.split: the whitespace of `\s`, quickly


def canonical_url(doc: etree._Element) -> str | None:
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href").strip()
    for meta in doc.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            return meta.get("content").strip()
    return None


@lru_cache(maxsize=256)
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def select(root: etree._Element, selector: str) -> list[etree._Element]:
    """`root.cssselect(selector)`, with the selector compiled once (profiles repeat them)."""
    return _compiled(selector)(root)


def find_article(doc: etree._Element, profile: SiteProfile) -> Article:
    method = "profile"
    selectors = (profile.body, profile.title, profile.published)
    root, title_el, published_el = first_matches(doc, selectors, select)
    if root is None:
        root, method = _generated_container(doc), "generator"
    if root is None:
        root, method = _best_container(doc), "generic"
    if root is not None and method == "generic":
        root = _with_footnotes(doc, root)
    if root is None:
        root, method = (doc.find("body") if doc.find("body") is not None else doc), "body"
    for sel in profile.drop:
        for el in select(root, sel):
            drop(el)
    if profile.drop:  # what the title and date selectors found may be gone
        _, title_el, published_el = first_matches(doc, (None, *selectors[1:]), select)
    title = _text_of(title_el) or _generic_title(doc, root)
    published = _text_of(published_el) or _generic_published(doc, root)
    if method in ("generic", "body"):
        reason = no_document(root, title)
        if reason:
            raise SkipDocument(reason)
    return Article(root, title, published, method)


def no_document(root: etree._Element, title: str | None) -> str | None:
    """Why a page found by generic search holds no document (a listing, a search
    result, an error page served with 200), or None when it holds one."""
    size = _visible_chars(text_content(root))  # letters and digits: spacing aside
    links = sum(_visible_chars(text_content(a)) for a in root.iter("a"))
    prose = size - links
    if title and size < ERROR_PAGE_CHARS and _says_not_found(title):
        return f"an error page ({title[:60]!r})"
    if prose < MIN_DOCUMENT_CHARS:
        return f"no document: {prose} characters of text outside links"
    if root.tag in ("footer", "nav", "header", "aside") or _in_chrome(root) or _is_chrome(root):
        return f"no document: the text found is the page's {root.tag} chrome"
    if size and links / size > MAX_LINK_SHARE:
        return f"a listing: {links * 100 // size}% of its text is links"
    return None


def _visible_chars(text: str) -> int:
    """Characters a reader sees, counted without building a cleaned copy of the text."""
    return len(text) - sum(map(text.count, (" ", "\n", "\t", "\r", "\xa0")))


def _is_chrome(el: etree._Element) -> bool:
    return CHROME_HINT.search(f"{el.get('class', '')} {el.get('id', '')}") is not None


def _says_not_found(title: str) -> bool:
    low = title.lower()
    return any(p.lower() in low for p in words("not_found_phrases.txt"))


def _text_of(el: etree._Element | None) -> str | None:
    return clean(text_content(el)) or None if el is not None else None


def generator(doc: etree._Element) -> str | None:
    """What `<meta name="generator">` says wrote the page, if anything does."""
    head = doc.find("head")
    for meta in (head if head is not None else doc).iter("meta"):
        if (meta.get("name") or "").lower() == "generator":
            return clean(meta.get("content")) or None
    return None


def _generated_container(doc: etree._Element) -> etree._Element | None:
    """The document's container in a page saved whole by a program that says so."""
    program = generator(doc)
    if program is None:
        return None
    for prefix, selector in table("generators.tsv").items():
        if program.startswith(prefix):
            found = select(doc, selector)
            return found[0] if found else None
    return None


def _link_chars(el: etree._Element) -> int:
    return sum(len(clean(text_content(a))) for a in el.iter("a"))


def _link_holders(doc: etree._Element) -> set[etree._Element]:
    """The elements with a link inside: most paragraphs have none, and need no search."""
    holders: set[etree._Element] = set()
    for a in doc.iter("a"):
        for anc in a.iterancestors():
            if anc in holders:
                break  # and so are all of its ancestors
            holders.add(anc)
    return holders


HEADER_TABLE_WORDS = re.compile(r"CỘNG\s+H[OÒ]À|Độc\s+lập|Nơi\s+nhận|TM\.|KT\.", re.I)
LAYOUT_TABLE_CHARS = 600  # a header or signature table is short; a report in a table is not


def _layout_tables(doc: etree._Element) -> set[etree._Element]:
    """The header and signature tables: they lay out the document's columns and hold no
    prose, so their cells earn no score (the article is found around them)."""
    out = set()
    for tbl in doc.iter("table"):
        text = text_content(tbl)
        if len(text) < LAYOUT_TABLE_CHARS and HEADER_TABLE_WORDS.search(text):
            out.add(tbl)
    return out


def _in_any(el: etree._Element, tables: set[etree._Element]) -> bool:
    return bool(tables) and any(anc in tables for anc in el.iterancestors("table"))


def _best_container(doc: etree._Element) -> etree._Element | None:
    scores: dict[etree._Element, float] = {}
    holders = _link_holders(doc)
    layout = _layout_tables(doc)
    for tag in PROSE_TAGS:
        for el in doc.iter(tag):
            if layout and _in_any(el, layout):
                continue
            raw = text_content(el)
            if len(raw) < MIN_PROSE_CHARS:  # cleaning only shortens it
                continue
            text = clean(raw)
            if len(text) < MIN_PROSE_CHARS:
                continue
            links = _link_chars(el) if el in holders else 0
            value = max(len(text) - 2 * links, 0) + 10 * text.count(",")
            parent = el.getparent()
            if parent is None:
                continue
            scores[parent] = scores.get(parent, 0.0) + value
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + value * GRANDPARENT_SHARE
    best, best_score = None, 0.0
    for el, score in scores.items():
        hint = f"{el.get('class', '')} {el.get('id', '')}"
        if NOISE_HINT.search(hint) or el.tag in ("body", "html"):
            score *= 0.2
        if score > best_score:
            best, best_score = el, score
    if best is not None and best.tag in ("tr", "tbody", "table", "td"):
        # a report pasted as one big table: take the table's container
        while best is not None and best.tag in ("tr", "tbody", "td"):
            best = best.getparent()
    return best


_NOTE_ID = re.compile(r"^_?(?:ftn|edn)\d+$", re.I)
_NAMED = etree.XPath("//*[@id or @name]")  # lxml finds the few candidates in C


def _with_footnotes(doc: etree._Element, root: etree._Element) -> etree._Element:
    """Widen the article to the common ancestor that also holds its footnote bodies.

    Word puts the notes in a sibling of the body (`mso-element:footnote-list`), so
    a container chosen for its prose alone would cut them off.
    """
    notes = [
        el
        for el in _NAMED(doc)
        if isinstance(el.tag, str)
        and (_NOTE_ID.match(el.get("id") or "") or _NOTE_ID.match(el.get("name") or ""))
        and not el.get("href")
    ]
    outside = [el for el in notes if root not in el.iterancestors() and el is not root]
    if not outside:
        return root
    ancestors = [root, *root.iterancestors()]
    for anc in ancestors:
        if anc.tag in ("body", "html"):
            return anc if anc.tag == "body" else root
        if all(anc in el.iterancestors() for el in outside):
            return anc
    return root


def _preceding(doc: etree._Element, root: etree._Element, tags: tuple[str, ...]):
    """Elements before the article in document order, nearest first."""
    before = []
    for el in doc.iter(*tags):
        if el is root:
            break
        if root in el.iterancestors():
            break
        before.append(el)
    return reversed(before)


SITE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*::\s*")
MIN_TITLE_CHARS = 15


def _generic_title(doc: etree._Element, root: etree._Element) -> str | None:
    """The article's own heading: the first heading inside it, else the nearest one
    before it outside the page's header, menus and footer, else og:title, else the
    `<title>` without the site's name."""
    for el in root.iter("h1", "h2", "h3"):
        text = clean(text_content(el))
        if len(text) >= MIN_TITLE_CHARS and not _in_chrome(el, root):
            return text
        break
    for el in _preceding(doc, root, ("h1", "h2", "h3")):
        text = clean(text_content(el))
        if len(text) >= MIN_TITLE_CHARS and _link_chars(el) < len(text) and not _in_chrome(el):
            return text
    for meta in doc.iter("meta"):
        if (meta.get("property") or "").lower() == "og:title" and meta.get("content"):
            return clean(meta.get("content"))
    title = doc.find(".//title")
    text = clean(text_content(title)) if title is not None else ""
    parts = [p for p in SITE_SEPARATORS.split(text) if p.strip()]
    return max(parts, key=len) if parts else None


def _in_chrome(el: etree._Element, stop: etree._Element | None = None) -> bool:
    """Inside the page's header, menu, footer or sidebar."""
    for anc in el.iterancestors():
        if anc is stop:
            return False
        if anc.tag in ("header", "footer", "nav", "aside"):
            return True
        if CHROME_HINT.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return True
    return False


def _generic_published(doc: etree._Element, root: etree._Element) -> str | None:
    """The nearest short date-bearing element before the article: a page's dateline."""
    for i, el in enumerate(_preceding(doc, root, ("span", "div", "p", "time", "em", "small"))):
        if i > 40:
            break
        text = clean(text_content(el))
        if len(text) <= 40 and _DATE.search(text):
            return text
    return None
