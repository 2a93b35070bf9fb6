"""The speed tricks change how fast text is scanned, never what is found."""

from __future__ import annotations

import re

from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from baocao.parsers import fastre
from baocao.parsers.blocked import Blocked
from baocao.parsers.fastre import (
    FEW_WORDS,
    FastPattern,
    WordIndex,
    leading_words,
    lowered,
    share_words,
    split_lead,
    text_index,
    unroll_opening,
    word_positions,
)
from baocao.parsers.lexicon import rows
from baocao.parsers.quantities import NUMBER, WORD_NUMBER, _labels, _numerals, _org_heads, last_word
from baocao.parsers.references import LAW, _elliptic, _typed, _typed_matches
from baocao.parsers.sentences import _END
from baocao.parsers.spaces import squash

PATTERNS = [row[1] for row in rows("non_quantities.tsv")]
# And the other patterns the code scans whole texts with (a `(?i)` one was lowercased).
PATTERNS += [LAW.pattern, _elliptic().pattern, _END.pattern, "(?i)" + WORD_NUMBER.pattern]
TEXT = "\n".join(
    (FIXTURES / name).read_text("utf-8")
    for name in (
        "lavusta_bao_cao_6_thang_2024.expected_main_text.txt",
        "dongthap_lhh_tong_ket_hoi_thi_2021.expected_main_text.txt",
    )
)
# Letters, digits and the punctuation the patterns care about, in both cases;
# `İ` lowercases to two characters, which sends a pattern down its slow path.
ALPHABET = "aăâđeêioôơuưyàảãáạằẳẵắặẦỦĐHhNgnyTtSsốQquíKkỳLlGgMm0123456789 /.-,:()[]@İ\n"
SNIPPETS = [
    "ngày 15/3/2024",
    "Ngày 5 tháng 6 năm 2024",
    "tháng 6/2024",
    "6 tháng đầu năm",
    "năm 2024",
    "giai đoạn 2021 - 2025",
    "lúc 14h30 ngày",
    "Quận 3",
    "khu phố 2",
    "lần thứ 5",
    "kỳ họp thứ 7",
    "số 83/2015/QH13",
    "bão số 3",
    "1 trong",
    "COVID-19",
    "ĐT: 0272 3826 123",
    "a.b@x.vn",
    "www.lhh.vn",
    "[12]",
    "cấp 2",
    "tổng số 5",
    "trường lớp 3",
    "Luật Hợp tác xã",
    "Bộ luật Lao động",
    "Hội Luật gia",
    "Hiến pháp năm 2013",
    "hai người",
    "Ba hội",
    ". Năm",
]


def spans(found) -> list[tuple[int, int]]:
    return [m.span() for m in found]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(SNIPPETS)), max_size=12),
    st.sampled_from(PATTERNS),
)
def test_a_fast_pattern_finds_what_the_pattern_finds(pieces, pattern):
    text = " ".join(pieces)
    assert spans(FastPattern(pattern).finditer(text)) == spans(re.finditer(pattern, text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(SNIPPETS)), max_size=12),
    st.sampled_from(PATTERNS),
    st.lists(st.integers(0, 160), max_size=8),
)
def test_spans_in_windows_are_what_a_scan_of_each_window_finds(pieces, pattern, cuts):
    text = " ".join(pieces)
    edges = sorted(set(cuts))
    windows = [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=False) if a < b]
    fast = FastPattern(pattern)
    index = WordIndex(text.lower() if fast.caseless else text, fast.words or ())
    expected = [m.span() for a, b in windows for m in re.compile(pattern).finditer(text, a, b)]
    assert fast.spans(text, windows=windows) == expected
    assert fast.spans(text, windows=windows, index=index) == expected
    if (low := lowered(text)) is not None:  # one index over the lowercase serves both texts
        shared = WordIndex(low, [w.upper() for w in fast.words or ()], original=text)
        assert fast.spans(text, low, windows=windows, index=shared) == expected


def every_match(text: str) -> list[tuple[int, int, str]]:
    """What a plain scan of the whole text with each pattern finds."""
    found = {
        (m.start(), m.end(), reason)
        for reason, pattern, *_ in rows("non_quantities.tsv")
        for m in re.finditer(pattern, text)
        if m.end() > m.start()
    }
    return sorted(found)


def test_blocked_spans_are_every_match_of_every_pattern_in_real_reports():
    expected = every_match(TEXT)
    assert Blocked(TEXT).spans == expected
    assert len(expected) > 100


def same_answers_around_numerals(text: str) -> None:
    """Scanning only around the numerals answers every question asked about them (one
    numeral, or a range `10 - 12`, `từ 5 đến 7` to the next) as scanning everything does."""
    numerals = [(m[0], m[1]) for m in _numerals(text)]
    whole, focused = Blocked(text), Blocked(text, numerals)
    for s, e in numerals:
        assert focused.reason(s, e) == whole.reason(s, e), text[s:e]
    for (s, _), (s2, e2) in zip(numerals, numerals[1:], strict=False):
        if s2 - s <= 24:
            assert focused.reason(s, e2) == whole.reason(s, e2), text[s:e2]


def test_blocked_around_numerals_answers_as_the_whole_scan_in_real_reports():
    same_answers_around_numerals(TEXT)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(SNIPPETS)), max_size=20))
def test_blocked_spans_are_every_match_of_every_pattern(pieces):
    """`near` windows, leading words and lowercasing lose nothing."""
    text = " ".join(pieces)
    assert Blocked(text).spans == every_match(text)
    same_answers_around_numerals(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text("abcđ ạ1", max_size=40),
    st.lists(st.text("abcđạ1", min_size=1, max_size=3), min_size=1, max_size=6),
    st.data(),
)
def test_a_word_index_finds_what_a_search_per_word_finds(text, words, data):
    """Every occurrence, overlapping ones too (`aa` in `aaa`, `khu` in `khu phố`), whether
    found by `str.find` (a few words) or by the automaton (more)."""
    asked = tuple(data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=4)))
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    unused = [f"§{i}" for i in range(FEW_WORDS)]
    for index in (WordIndex(text, words), WordIndex(text, [*words, *unused])):
        assert index.positions(asked, pos, end) == word_positions(asked, text, pos, end)
        assert index.positions(asked) == word_positions(asked, text)


def test_a_word_index_over_the_lowercase_finds_every_place_of_a_word_in_either_case():
    """Built over `lowered(text)`, an index gives a word's places in the original text
    too: its lowercase's places, which include every place of the word as written."""
    words = ("Hội", "hội", "Luật", "ngày", "UBND", "số")
    index = WordIndex(lowered(TEXT), words, original=TEXT)
    for word in words:
        places = set(index.positions((word,)))
        assert set(word_positions((word,), TEXT)) <= places
        assert places == set(word_positions((word.lower(),), TEXT.lower()))
    assert index.covers(TEXT) and index.covers(lowered(TEXT)) and not index.covers(TEXT[1:])


def test_the_shared_text_index_serves_every_extractor_that_shared_its_words(monkeypatch):
    monkeypatch.setattr(fastre, "_SHARED", set(fastre._SHARED))  # this test's word stays here
    share_words(["Hội đồng"])
    index = text_index(TEXT)
    assert index is text_index(TEXT)  # built once for the figures and the citations
    assert index.positions(("hội đồng",)) == word_positions(("hội đồng",), TEXT.lower())
    assert text_index("İstanbul 12") is None  # lowercasing shifts offsets: no index


def test_a_word_index_of_a_report_finds_every_opening_word():
    words = ("ngày", "tháng", "năm", "số", "Hội", "khu", "khu phố", "đ", "1", ".")
    index = WordIndex(TEXT, words)
    for word in words:
        assert index.positions((word,)) == word_positions((word,), TEXT)
    assert index.positions(words) == word_positions(words, TEXT)
    assert len(index.positions(("ngày",))) > 10


def test_leading_assertions_and_words_are_recognised():
    assert split_lead(r"(?<!tổng\s)(?<!tổng)\bsố\s+\d+") == (r"(?<!tổng\s)(?<!tổng)\b", r"số\s+\d+")
    assert split_lead(r"(?<![\d/])\d{1,2}") == (r"(?<![\d/])", r"\d{1,2}")
    assert leading_words(r"(?:quận|khu phố)\s+\d+") == ("quận", "khu phố")
    assert leading_words(r"(?P<type>Luật|Bộ luật)\s+") == ("Luật", "Bộ luật")
    assert leading_words(r"(?:cơn\s+)?bão") is None
    assert leading_words(r"(?:http://|www\.)\S+") == ("http://", "www.")
    assert leading_words(r"(?:a\d|b)x") is None
    assert leading_words(r"(?:a\|b|c)x") is None
    assert leading_words(r"(?:a|b)?x") is None
    assert leading_words(r"[/-]\s*[A-ZĐ]") == ("/", "-")
    assert leading_words(r"[\-.]x") == ("-", ".")
    assert leading_words(r"[A-Z]x") is None  # a range
    assert leading_words(r"[\d.]x") is None
    assert leading_words(r"[^a]x") is None
    assert leading_words(r"[ab]?x") is None


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(" \t\n\r\u00a0\u2028\u2003\u200b\ufeffaă"), max_size=24))
def test_whitespace_collapses_as_a_browser_does(raw):
    """`str.split()` stands in for the regex `[\\s\\u200b\\ufeff]+`: same result."""
    spaced = re.sub(r"[\s\u200b\ufeff]+", " ", raw)
    assert squash(raw) == spaced.strip()


LABEL_PIECES = ["Hội Luật gia:", "; Hội Đông Y: 5", "(Ban X: ", " Sở Y :", "Hội A Hội B: c"]
LABEL_PIECES += [".  Trung tâm Z: ", "x Hội Q: ", " ", "…Quỹ T:", "] CLB K:", "Hội", ":", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LABEL_PIECES), min_size=1, max_size=8))
def test_labels_are_what_the_label_pattern_as_written_finds(pieces):
    """A label opens a clause (a line start, or after `.;(…]` and spaces): checked
    after `re` finds the organisation word, the same labels as one regex finds."""
    heads, name = _org_heads(), r"(?:\s*[^\W\d_][\w&.-]*){0,6}?"
    written = re.compile(rf"(?:^|(?<=[.;(…\]])\s*|(?<=[.;(…\]]))((?:{heads}){name})\s*:", re.M)
    line = "".join(pieces)
    expected = [(m.start(1), m.end()) for m in written.finditer(line)]
    assert [(m.start(1), m.end()) for m in _labels(line, 0, len(line))] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("0123456789.,/ -a٣"), max_size=30))
def test_numerals_are_what_the_number_pattern_finds(text):
    """The scan, its look-behind moved after the first digit, finds exactly what
    NUMBER, look-behind first, finds."""
    digits = [(s, e) for s, e, _, is_word in _numerals(text) if not is_word]
    assert digits == [m.span() for m in NUMBER.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab ờ\n\t1_²-."), max_size=20))
def test_the_last_word_read_backwards_is_what_a_search_for_it_finds(raw):
    """One match on the reversed text stands in for a search from every position."""
    m = re.search(r"([^\W\d_]+)\s*$", raw)
    assert last_word(raw) == (m.group(1) if m else None)


UNROLLED = [r"\d{1,2}\s*/\s*\d", r"\d+(?:/\d{2,4})?\s*[/-]\s*[A-Z]", r"[a-zA]+-\d+", r"\d{1,3}\d"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("0123 /-.aA:"), max_size=20))
def test_an_unrolled_opening_repeat_finds_what_the_repeat_finds(text):
    """`\\d{1,2}` is compiled as `\\d\\d{0,1}` so that `re` can skip ahead to a digit."""
    for body in UNROLLED:
        unrolled = re.compile(unroll_opening(body))
        assert [m.span() for m in unrolled.finditer(text)] == [
            m.span() for m in re.finditer(body, text)
        ]


def test_only_a_greedy_opening_repeat_of_one_item_is_unrolled():
    assert unroll_opening(r"\d{1,2}\s*/") == r"\d\d{0,1}\s*/"
    assert unroll_opening(r"[\w.+-]+@") == r"[\w.+-][\w.+-]*@"
    for body in (r"\d{1,2}?x", r"\d++x", r"\d{2,4}", r"(?:19|20)\d", r"x\d+"):
        assert unroll_opening(body) == body


CITATION_PIECES = ["Kế hoạch số 12/KH-UBND", "kết luận 01-KL/TW", "Nghị quyết\nsố 83/2015/QH13"]
CITATION_PIECES += [
    "Bộ luật 45/2019/QH14",
    "công tác",
    "Công văn số: 9/CV-LHH",
    "báo cáo",
    " ",
    ", ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CITATION_PIECES), min_size=1, max_size=8))
def test_citations_are_what_the_citation_pattern_finds(pieces):
    """Citations tried only where a type's first word stands, with its types: the
    same matches as the one pattern of every type."""
    text = "".join(pieces)
    assert [m.span() for m in _typed_matches(text)] == [m.span() for m in _typed().finditer(text)]


def test_citations_in_real_reports_are_what_the_citation_pattern_finds():
    found = [m.span() for m in _typed_matches(TEXT)]
    assert found == [m.span() for m in _typed().finditer(TEXT)] and len(found) > 5
