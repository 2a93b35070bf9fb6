"""HTML is laid out into lines as a browser shows it: what a reader of the page sees."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from baocao.parsers.decode import decode_bytes
from baocao.parsers.htmltext import html_lines
from baocao.parsers.tree import drop, parse_html, parse_utf8, text_content
from baocao.pipeline.sample import sample_dir


def lines(body: str, **kw):
    return html_lines(parse_html(f"<html><body>{body}</body></html>").find("body"), **kw)


def texts(body: str) -> list[str]:
    return lines(body, repair=False).text.split("\n")


def test_a_newline_inside_a_paragraph_is_a_space_not_a_deletion():
    assert texts("<p>nhân\ndân   tỉnh</p>") == ["nhân dân tỉnh"]


def test_inline_elements_join_without_adding_or_losing_spaces():
    assert texts("<p><b>Hội</b> <i>Luật</i><span> gia </span>tỉnh</p>") == ["Hội Luật gia tỉnh"]
    assert texts("<p><span>Hội</span><span>   </span><span>viên</span></p>") == ["Hội viên"]
    assert texts("<p>cá<span>nhân</span></p>") == ["cánhân"]  # glued in the source


def test_blocks_and_breaks_end_lines_and_empty_blocks_leave_none():
    assert texts("<div>I. MỞ ĐẦU<p>Một</p><p> </p>Hai<br>Ba</div>") == [
        "I. MỞ ĐẦU",
        "Một",
        "Hai",
        "Ba",
    ]


def test_block_offsets_are_the_lines_in_the_joined_text():
    out = lines("<p>Một</p><p>Hai  ba</p>")
    assert [out.text[b.start : b.end] for b in out.blocks] == ["Một", "Hai ba"]


def test_scripts_styles_comments_and_hidden_elements_vanish_but_their_tails_stay():
    body = (
        "<p>Một<script>var x=1;</script> hai<!-- note --> ba"
        '<span style="display: none">ẩn</span> bốn</p>'
    )
    assert texts(body) == ["Một hai ba bốn"]


def test_a_wide_nbsp_gap_is_a_column_break_but_list_indent_is_a_space():
    nbsp = "\u00a0" * 6
    assert texts(f"<p>TỈNH ĐOÀN LONG AN{nbsp}CỘNG HÒA</p>") == ["TỈNH ĐOÀN LONG AN", "CỘNG HÒA"]
    assert texts(f"<p>1.{nbsp}Công tác tuyên truyền</p>") == ["1. Công tác tuyên truyền"]
    spaced = "\u00a0 \u00a0\n \u00a0 "  # spaces around and between Word's NBSPs
    assert texts(f"<p>SỐ: 12/BC {spaced}Long An</p>") == ["SỐ: 12/BC", "Long An"]
    assert texts(f"<p> {spaced}Long An {spaced}</p>") == ["Long An"]
    assert texts(f"<p>a.  {spaced}Một hai</p>") == ["a. Một hai"]


def test_text_is_composed_even_when_a_mark_sits_in_its_own_run():
    assert texts("<p>Ho\u0302<span>\u0323</span>i</p>") == ["Hội"]


def test_zero_width_spaces_and_byte_order_marks_are_spaces():
    assert texts("<p>Hội\u200bviên\ufeff tỉnh</p>") == ["Hội viên tỉnh"]


def test_a_footnote_marker_is_found_where_it_stands_in_the_line():
    out = lines('<p>trong toàn tỉnh <a href="#_ftn2"><sup>[2]</sup></a> năm 2024</p>')
    assert {(m.n, out.text[m.start : m.end]) for m in out.markers} == {(2, "[2]")}
    assert out.text == "trong toàn tỉnh [2] năm 2024"


def test_every_table_cell_is_its_own_block():
    out = lines(
        '<table border="1"><tr><th>Đơn vị</th><th>Số hội viên</th></tr>'
        "<tr><td>Hội Luật gia</td><td>1.200</td></tr></table>"
    )
    cells = [(b.kind, b.row, b.col, out.text[b.start : b.end]) for b in out.blocks]
    assert cells == [
        ("cell", 0, 1, "Đơn vị"),
        ("cell", 0, 2, "Số hội viên"),
        ("cell", 1, 1, "Hội Luật gia"),
        ("cell", 1, 2, "1.200"),
    ]


def test_glue_repair_keeps_the_marker_on_its_characters():
    out = lines('<p>Hội viênnhân dân <sup><a href="#_ftn1">[1]</a></sup></p>')
    assert out.text == "Hội viên nhân dân [1]" and out.repairs == 1
    assert {(m.n, out.text[m.start : m.end]) for m in out.markers} == {(1, "[1]")}


def test_dropping_an_element_keeps_the_text_that_follows_it():
    root = parse_html("<html><body><p>Một <span class='share'>Chia sẻ</span> hai</p></body></html>")
    drop(root.find(".//span"))
    assert text_content(root.find(".//p")) == "Một  hai"


def test_an_elements_text_is_its_xpath_string_value():
    page = (
        "<html><head><title>T</title><script>var a = 1;</script></head><body>"
        "<div>Một <b>hai</b><!-- ghi chú --> ba<br/>bốn &amp; năm<p>sáu</p>bảy</div>"
        "<table><tr><td>1.200</td><td><![CDATA[x]]>người</td></tr></table></body></html>"
    )
    string_value = etree.XPath("string()")
    samples = [p.read_bytes() for p in sample_dir().iterdir() if p.suffix in (".html", ".htm")]
    for tree in [parse_html(page), *(parse_html(decode_bytes(b).text) for b in samples)]:
        for el in tree.iter():
            if isinstance(el.tag, str):
                assert text_content(el) == string_value(el), el.tag


def test_utf8_bytes_parse_to_the_tree_their_text_parses_to():
    """A page that is valid UTF-8 is parsed from its bytes (lxml would encode the text
    back to them): the same tree, whatever a stale `<meta>` or a declaration says."""
    pages = [p.read_bytes() for p in sample_dir().iterdir() if p.suffix in (".html", ".htm")]
    pages += [
        '<html><head><meta charset="windows-1252"></head><body><p>Hội viên</p></body></html>',
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Tỉnh Long An</p></body></html>',
    ]
    exact = 0
    for raw in (p if isinstance(p, bytes) else p.encode("utf-8") for p in pages):
        decoded = decode_bytes(raw)
        if not decoded.utf8_as_is:
            continue
        exact += 1
        expected = etree.tostring(parse_html(decoded.text), encoding=str)
        assert etree.tostring(parse_utf8(raw, decoded.text), encoding=str) == expected
    assert exact >= 3
    assert not decode_bytes("Hội".encode("utf-8-sig")).utf8_as_is  # the mark is not text
    assert not decode_bytes("Ho\u0323i vie\u0302n".encode()).utf8_as_is  # composed: changed


def test_a_page_with_nothing_in_it_is_an_error_not_a_crash():
    with pytest.raises(etree.ParserError):
        parse_html("   ")


INLINE_ATTRS = [
    "",
    ' style="color:red"',
    ' style="DISPLAY: none"',
    ' style="font-family:.VnTime"',
    ' style="font-family:Arial"',
    ' face="VNI-Times"',
    ' id="ftn2"',
    ' class="MsoFootnoteText"',
    " style='mso-element:footnote'",
]


def unwrapped_one_by_one(root, fonts: bool) -> None:
    """What `_unwrap_plain_inline` does, element by element: the plain way."""
    from baocao.parsers.htmltext import INLINE_TAGS, _facts_of

    facts = [(el, _facts_of(el)) for el in root.iterdescendants(*INLINE_TAGS)]
    legacy_runs = any(f.font is not None for _, f in facts)
    for el, f in facts:
        plain = f.font is None and not f.hidden and f.note_body is None
        if plain and not (fonts and legacy_runs and f.names_font):
            el.tag = "gone"
    etree.strip_tags(root, "gone")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["span", "b", "font", "o:p", "p"]), st.sampled_from(INLINE_ATTRS)
        ),
        max_size=8,
    ),
    st.booleans(),
)
def test_plain_inline_elements_are_unwrapped_and_only_they(elements, fonts):
    from baocao.parsers.htmltext import _unwrap_plain_inline

    body = "".join(f"<{tag}{attrs}>x<i>y</i></{tag}>" for tag, attrs in elements)
    pages = [parse_html(f"<html><body><div>{body}</div></body></html>") for _ in range(2)]
    _unwrap_plain_inline(pages[0], fonts)
    unwrapped_one_by_one(pages[1], fonts)
    assert etree.tostring(pages[0]) == etree.tostring(pages[1])
