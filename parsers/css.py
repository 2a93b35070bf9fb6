"""The first element each of a site profile's selectors finds, in one walk of the page.

Profiles name a page's body, title and date with simple selectors
(`.article-title`, `.journal-content-article .content-detail`). Compiled by
cssselect, each is an XPath that libxml2 evaluates over every element of the
page: three full visits, about 0.6 ms of a long page's 15. Only the first
match of each is wanted, and it comes early: the title, the date and the body's
container all precede the body's content. One walk of the elements that stops
when every selector has its match does the work of the three. Selectors beyond
tag, class, id and the descendant combinator are evaluated the usual way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import cssselect
from lxml import etree

_XML_SPACE = str.maketrans("\t\n\r", "   ")  # what XPath's normalize-space() splits on


@dataclass(frozen=True)
class Compound:
    """One simple selector: `div#main.a.b` (any part may be absent)."""

    tag: str | None
    id: str | None
    classes: tuple[str, ...]

    def matches(self, el: etree._Element, classes: list[str] | None = None) -> bool:
        """`classes`, when the caller has them, are `class_names(el)`."""
        if self.tag is not None and el.tag != self.tag:
            return False
        if self.id is not None and el.get("id") != self.id:
            return False
        if self.classes:
            names = class_names(el) if classes is None else classes
            return all(c in names for c in self.classes)
        return True


def class_names(el: etree._Element) -> list[str]:
    """The element's class names, split where XPath's `normalize-space()` splits."""
    names = el.get("class")
    return names.translate(_XML_SPACE).split(" ") if names else []


Chain = tuple[Compound, ...]  # outermost first: `.a .b` is (.a, .b)


@lru_cache(maxsize=256)
def chain_of(selector: str) -> Chain | None:
    """The selector as compounds joined by descendant combinators, or None when it
    uses anything else (`>`, `+`, attributes, pseudo-classes, a group)."""
    try:
        parsed = cssselect.parse(selector)
    except cssselect.SelectorError:
        return None
    if len(parsed) != 1 or parsed[0].pseudo_element is not None:
        return None
    out: list[Compound] = []
    tree = parsed[0].parsed_tree
    while isinstance(tree, cssselect.parser.CombinedSelector):
        if tree.combinator != " " or (last := _compound(tree.subselector)) is None:
            return None
        out.append(last)
        tree = tree.selector
    first = _compound(tree)
    return (first, *reversed(out)) if first is not None else None


def _compound(tree: object) -> Compound | None:
    classes: list[str] = []
    ident = None
    while True:
        if isinstance(tree, cssselect.parser.Class):
            classes.append(tree.class_name)
            tree = tree.selector
        elif isinstance(tree, cssselect.parser.Hash):
            if ident is not None:
                return None
            ident, tree = tree.id, tree.selector
        elif isinstance(tree, cssselect.parser.Element) and tree.namespace is None:
            tag = tree.element.lower() if tree.element not in (None, "*") else None
            return Compound(tag, ident, tuple(reversed(classes)))
        else:
            return None


def _matches(chain: Chain, el: etree._Element, classes: list[str]) -> bool:
    """Whether `el` (whose class names are `classes`) matches the chain: its last
    compound, and the others, in order, on its ancestors (nearest first is right
    when every combinator is descendant)."""
    if not chain[-1].matches(el, classes):
        return False
    wanted = len(chain) - 2
    for anc in el.iterancestors():
        if wanted < 0:
            break
        if chain[wanted].matches(anc):
            wanted -= 1
    return wanted < 0


def first_matches(
    root: etree._Element,
    selectors: Sequence[str | None],
    fallback: Callable[[etree._Element, str], list[etree._Element]],
) -> list[etree._Element | None]:
    """For each selector, the first element under `root` (itself included, in document
    order) that it selects, as `fallback(root, selector)[0]` would give; None where
    a selector is None or finds nothing."""
    found: list[etree._Element | None] = [None] * len(selectors)
    pending: list[tuple[int, Chain]] = []
    whole_tree = root.getparent() is None  # ancestors above `root` must not count
    for i, selector in enumerate(selectors):
        if not selector:
            continue
        chain = chain_of(selector) if whole_tree else None
        if chain is None:
            hits = fallback(root, selector)
            found[i] = hits[0] if hits else None
        else:
            pending.append((i, chain))
    if not pending:
        return found
    for el in root.iter(etree.Element):
        hit, classes = False, class_names(el)
        for i, chain in pending:
            if _matches(chain, el, classes):
                found[i] = el
                hit = True
        if hit:
            pending = [(i, chain) for i, chain in pending if found[i] is None]
            if not pending:
                break
    return found
