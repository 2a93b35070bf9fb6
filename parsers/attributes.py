"""A page's own attribute table: legal databases show a document's number, type,
issuer, signer and date as a key/value table beside it (`Số hiệu: | 231/KH-UBND`).
Where the document's header does not show a field, the page's table fills it, and the
document row says which fields came from there (`page_attributes`)."""

from __future__ import annotations

from functools import cache

from lxml import etree

from baocao.parsers.header import dmy_to_iso, doc_type_of
from baocao.parsers.lexicon import table, words
from baocao.parsers.tree import text_content


@cache
def _tables() -> etree.XPath:
    """Innermost tables (a layout wraps them) that name an attribute, found in C."""
    names = " or ".join(f"contains(., '{k.capitalize()}')" for k in _keys())
    return etree.XPath(f"//table[not(.//table)][{names}]")


@cache
def _keys() -> dict[str, str]:
    return table("attribute_keys.tsv")


@cache
def _placeholders() -> frozenset[str]:
    return frozenset(w.lower() for w in words("attribute_placeholders.txt"))


def _clean(el: etree._Element) -> str:
    return " ".join(text_content(el).split())


def page_attributes(tree: etree._Element) -> dict[str, str]:
    """Field -> value from the first table that holds two attribute keys or more."""
    for tbl in _tables()(tree):
        found: dict[str, str] = {}
        for tr in tbl.iter("tr"):
            cells = [_clean(td) for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
            for key, value in zip(cells, cells[1:], strict=False):
                field = _keys().get(key.rstrip(": ").lower())
                if field and value and value.lower() not in _placeholders():
                    found.setdefault(field, value)
        if len(found) >= 2:
            return _normalised(found)
    return {}


def _normalised(found: dict[str, str]) -> dict[str, str]:
    out = dict(found)
    if "doc_type" in out:
        out["doc_type"] = doc_type_of(out["doc_type"]) or out["doc_type"]
    if "issued_date" in out:
        iso = dmy_to_iso(out["issued_date"])
        out.pop("issued_date")
        if iso:
            out["issued_date"] = iso
    return out


def fill_from_attributes(meta: dict, attributes: dict[str, str]) -> None:
    """Fields the header did not show, from the page's table; which ones, recorded."""
    used = [k for k, v in attributes.items() if not meta.get(k) and v]
    for k in used:
        meta[k] = attributes[k]
    if used:
        meta["page_attributes"] = " ".join(sorted(used))
