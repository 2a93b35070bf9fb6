"""The HTML tree: parsed with lxml's plain element classes, and the two things
about an element that `lxml.html`'s classes used to give.

`lxml.html` makes every element a Python-subclassed proxy found through a
Python lookup method, which is called each time an element is touched (about a
microsecond each, for every element of every page). Plain `etree` elements cost
nothing of the kind, and all baocao needs from `lxml.html` is an element's text
and dropping an element while keeping the text after it.
"""

from __future__ import annotations

import re
from functools import partial

from lxml import etree

# Recovers from broken markup, never touches the network, and keeps markup nested deeper
# than libxml2's default of 256 levels (which it would cut off, text and all).
_PARSER = etree.HTMLParser(huge_tree=True)
_UTF8_PARSER = etree.HTMLParser(encoding="utf-8", huge_tree=True)  # no `<meta>` overrides it
MAX_DEPTH = 120  # deeper markup is flattened: its text kept, its wrappers dropped
_AT_MAX_DEPTH = etree.XPath("/" + "/".join(["*"] * MAX_DEPTH))
_AT_TWICE_MAX_DEPTH = etree.XPath("/" + "/".join(["*"] * 2 * MAX_DEPTH))
WRAPPERS = ("div", "span", "font", "section", "article", "center", "blockquote", "b", "i", "u")
WRAPPERS += ("strong", "em", "small", "big", "main", "aside", "header", "footer", "nav")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def parse_html(text: str) -> etree._Element:
    """The document's root element (`<html>`), however broken the markup."""
    # lxml refuses str input that carries an XML encoding declaration.
    text = _XML_DECLARATION.sub("", text, count=1)
    return _root(etree.fromstring(text or "<html></html>", _PARSER))


def parse_utf8(raw: bytes, text: str) -> etree._Element:
    """What `parse_html(text)` gives, for `text` that is exactly `raw` decoded as UTF-8:
    lxml would encode the str back to these bytes before parsing (1% of a page's time)."""
    if _XML_DECLARATION.match(text):
        return parse_html(text)
    return _root(etree.fromstring(raw, _UTF8_PARSER))


def _root(root: etree._Element | None) -> etree._Element:
    if root is None:
        raise etree.ParserError("Document is empty")
    for deep in _AT_MAX_DEPTH(root):  # wrappers go; paragraphs, cells and their text stay
        etree.strip_tags(deep, *WRAPPERS)
    for deep in _AT_TWICE_MAX_DEPTH(root):
        etree.strip_tags(deep, "*")  # still deeper: only the text, in order
    return root


# Serialising as text is the string value XPath's `string()` gives, without
# setting up an XPath evaluation for each element (a third quicker).
_TEXT = partial(etree.tostring, method="text", encoding=str, with_tail=False)


def text_content(el: etree._Element) -> str:
    """All the text inside an element, markup removed (not its tail)."""
    return _TEXT(el)


def drop(el: etree._Element) -> None:
    """Remove an element and what it holds; the text after it stays in its place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)
