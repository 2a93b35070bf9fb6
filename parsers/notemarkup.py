"""Footnote markup of every common kind, told in the one way the walker reads.

Word writes `<a href="#_ftn1">` markers and `_ftn1` bodies; blogs and CMSs write
`<sup><a href="#fn1">1</a></sup>` with an `<ol class="footnotes">` list, or
`<a href="#note-1">` with bodies in a `<div class="footnotes">`. Rather than a second
reader for each, the page's own links are followed once: a link whose text is a
footnote number and whose target is in the page makes that target note `n`, and both
are renamed to Word's convention (`#_ftn{n}`, `id="_ftn{n}"`), which the walker and the
article finder already understand. Only attributes change; the text is untouched.
"""

from __future__ import annotations

import re

from lxml import etree

from baocao.parsers.tree import text_content

NUMBER = re.compile(r"^\[?(\d{1,3})\]?$")
WORD_NOTE = re.compile(r"^#?_?(?:ftn|edn)(?:ref)?\d+$", re.I)
NOTE_LIST = re.compile(r"foot-?notes?|end-?notes?", re.I)  # `ol.footnotes`, `div#endnotes`
# In-page links that are not Word's own footnote links, with a short text (a number)
_ANCHORS = etree.XPath(
    "//a[starts-with(@href, '#') and not(starts-with(@href, '#_ftn'))"
    " and not(starts-with(@href, '#_edn')) and string-length(normalize-space(.)) < 8]"
)
_NAMED = etree.XPath("//*[@id or @name]")
_NOTE_LISTS = etree.XPath(
    "//@class[contains(., 'ootnote') or contains(., 'ndnote')]/.."
    " | //@id[contains(., 'ootnote') or contains(., 'ndnote')]/.."
)


def _number_of(a: etree._Element) -> int | None:
    """The footnote number a link shows, in itself or in the `<sup>` around it."""
    for el in (a, a.getparent()):
        if el is None:
            continue
        m = NUMBER.match("".join(text_content(el).split()))
        if m:
            return int(m.group(1))
    return None


def normalise_note_markup(doc: etree._Element, raw: bytes | None = None) -> int:
    """Rename footnote links and their targets to Word's `_ftn` convention; the count.
    `raw`, the page's bytes when the caller has them, says in C which searches can find
    nothing (most pages have no in-page link and no footnote list)."""
    anchors = raw is None or b"href" in raw
    lists = raw is None or b"ootnotes" in raw or b"ndnotes" in raw  # `footnotes` lists
    links = [
        (a, n)
        for a in (_ANCHORS(doc) if anchors else ())
        if not WORD_NOTE.match(a.get("href") or "") and (n := _number_of(a)) is not None
    ]
    renamed = _rename_links(doc, links) if links else 0
    return renamed + (_number_note_lists(doc) if lists else 0)


def _rename_links(doc: etree._Element, links: list[tuple[etree._Element, int]]) -> int:
    named: dict[str, etree._Element] = {}
    for el in _NAMED(doc):
        for key in (el.get("id"), el.get("name")):
            if key:
                named.setdefault(key, el)
    renamed = 0
    order: dict[etree._Element, int] | None = None
    for a, n in links:
        target = named.get((a.get("href") or "")[1:])
        if target is None or target is a:
            continue
        if order is None:
            order = {el: i for i, el in enumerate(doc.iter())}
        if order.get(target, 0) < order.get(a, 0):
            continue  # a note's link back to its marker: markers come first
        a.set("href", f"#_ftn{n}")
        if not WORD_NOTE.match(target.get("id") or ""):
            target.set("id", f"_ftn{n}")
        renamed += 1
    return renamed


def _in_note_list(el: etree._Element) -> bool:
    cls = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(cls.strip()) and NOTE_LIST.search(cls) is not None


def _number_note_lists(doc: etree._Element) -> int:
    """Items of a `footnotes` list that no link named are notes 1, 2, … in order."""
    count = 0
    for lst in _NOTE_LISTS(doc):
        if lst.tag not in ("ol", "div", "section", "aside") or not _in_note_list(lst):
            continue
        items = [c for c in lst if isinstance(c.tag, str) and c.tag in ("li", "p", "div")]
        if lst.tag != "ol" and not items:
            continue
        for i, item in enumerate(items, 1):
            if not WORD_NOTE.match(item.get("id") or ""):
                item.set("id", f"_ftn{i}")
                count += 1
    return count
