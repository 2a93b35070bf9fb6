"""A profile's selectors, stopped at their first match, find the first element cssselect's
full XPath finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from baocao.parsers.article import select
from baocao.parsers.css import descendants_only, first_matches, first_xpath
from baocao.parsers.decode import decode_bytes
from baocao.parsers.tree import parse_html
from baocao.pipeline.sample import sample_dir
from baocao.scrapers.sites import bundled_profiles

SELECTORS = [".a", ".b", "#x", "div", "P", ".a .b", "div .a", "div#x .b", ".a.b", "p.b"]
SELECTORS += [".a div .b", "span#y.a", "* .a", "div > .b", ".a, .b", "p:first-child", "[id]"]


def first_by_xpath(root, selectors):
    out = []
    for s in selectors:
        hits = select(root, s) if s else []
        out.append(hits[0] if hits else None)
    return out


TAGS = st.sampled_from(["div", "p", "span"])
CLASSES = st.sampled_from(["", "a", "b", "a b", " b\ta ", "ab", "A", "a\nb"])
IDS = st.sampled_from(["", "x", "y", "X"])
element = st.recursive(
    st.tuples(TAGS, CLASSES, IDS, st.just([])),
    lambda children: st.tuples(TAGS, CLASSES, IDS, st.lists(children, max_size=3)),
    max_leaves=10,
)


def html(node) -> str:
    tag, classes, ident, children = node
    attrs = (f' class="{classes}"' if classes else "") + (f' id="{ident}"' if ident else "")
    return f"<{tag}{attrs}>t{''.join(html(c) for c in children)}</{tag}>"


@settings(max_examples=300, deadline=None)
@given(st.lists(element, min_size=1, max_size=4), st.lists(st.sampled_from(SELECTORS), max_size=4))
def test_the_first_match_of_each_selector_is_the_xpaths_first(body, selectors):
    root = parse_html(f"<html><body>{''.join(html(n) for n in body)}</body></html>")
    assert first_matches(root, selectors, select) == first_by_xpath(root, selectors)


def test_profiles_on_the_sample_pages_find_what_cssselect_finds():
    pages = [p for p in sample_dir().iterdir() if p.suffix in (".html", ".htm")]
    profiles = bundled_profiles()
    assert profiles
    checked = 0
    for page in pages:
        root = parse_html(decode_bytes(page.read_bytes()).text)
        for profile in profiles:
            selectors = [profile.body, profile.title, profile.published]
            found = first_matches(root, selectors, select)
            assert found == first_by_xpath(root, selectors)
            checked += sum(el is not None for el in found)
    assert checked >= 6  # each sample page has its profile's body, title and date


def test_only_tags_classes_ids_and_descendants_stop_at_the_first_match():
    assert descendants_only("div#Main.x .y") and descendants_only("DIV")
    assert first_xpath(".a .b").path.endswith("[1]")
    for selector in ("div > p", ".a, .b", "a[href]", "p:first-child", "p::before", "#a#b", "!"):
        assert not descendants_only(selector)
        assert first_xpath(selector) is None


def test_ancestors_above_the_element_asked_about_do_not_count():
    """`.a .b` under the inner div finds nothing: its `.a` is above it."""
    root = parse_html(
        '<html><body><div class="a"><div><p class="b">x</p></div></div></body></html>'
    )
    inner = root.find(".//div/div")
    assert first_matches(inner, [".a .b", ".b"], select) == [None, inner.find("p")]
    assert first_matches(inner, [".a .b", ".b"], select) == first_by_xpath(inner, [".a .b", ".b"])
