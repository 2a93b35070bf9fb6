"""Rules as rows (parsers/data/non_quantities.tsv): every row's example sentence shows
what the row does, and the trigger-word scan finds what a plain search would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import baocao
from baocao.parsers.blocked import Blocked
from baocao.parsers.rules import make_rule, not_figures, vocabulary
from baocao.parsers.triggers import Places, lowercase, opens_word

RULES = not_figures()


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.name}:{r.expected}" for r in RULES])
def test_a_rule_covers_the_span_its_example_names(rule):
    places = Places(rule.example, vocabulary())
    covered = [rule.example[s:e].strip() for s, e in rule.spans(rule.example, places)]
    assert rule.expected in covered


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.name}:{r.expected}" for r in RULES])
def test_no_figure_is_read_inside_a_rule_example_span(rule):
    doc = baocao.read_text(rule.example)
    start = doc.text.index(rule.expected)
    end = start + len(rule.expected)
    assert not [q for q in doc.quantities if q.start < end and start < q.end]


def test_every_rule_row_has_an_example_and_its_span():
    assert len(RULES) > 40
    for rule in RULES:
        assert rule.triggers and rule.example and rule.expected in rule.example, rule


def test_before_is_read_backwards_as_far_as_it_reaches():
    """No hidden window: a file name's number forty characters before `.pdf` is covered."""
    rule = make_rule("file_name", r"[\w.-]+", ".pdf", r"\b")
    text = "Tệp 2024-bao-cao-ket-qua-hoat-dong-cua-hoi-nong-dan-tinh.pdf đính kèm"
    spans = rule.spans(text, Places(text, (".pdf",)))
    assert [text[s:e] for s, e in spans] == [
        "2024-bao-cao-ket-qua-hoat-dong-cua-hoi-nong-dan-tinh.pdf"
    ]
    assert Blocked(text, Places(text, vocabulary())).reason(4, 8) == "file_name"


def test_a_trigger_word_opens_a_word_or_follows_a_glued_small_letter():
    text = "theoQuyết định; quyếtđịnh; tổ chức; cấp ủy; Ngày"
    assert opens_word(text, text.index("Quyết"))  # a line break deleted by a scraper
    assert not opens_word(text, text.index("ấp"))  # `ấp` inside `cấp` is no hamlet
    assert opens_word(text, text.index("tổ")) and opens_word(text, text.index("Ngày"))


WORDS = ["ngày", "số", "tổ", "khu", "khu phố", "/", "-", "20", ".pdf", "ấp"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*WORDS, "Ngày", "cấp", "Khu Phố", " ", "x", "1", "İ"]), max_size=25)
)
def test_places_are_what_a_search_for_each_word_finds(pieces):
    text = "".join(pieces)
    places = Places(text, tuple(sorted(WORDS)))
    low = lowercase(text)
    assert len(low) == len(text)
    for word in WORDS:
        expected = [
            (i, word) for i in range(len(text)) if low.startswith(word, i) and opens_word(text, i)
        ]
        assert places.of((word,)) == expected


def test_a_document_scans_its_text_once_for_every_extractor():
    doc = baocao.read_text("Theo Quyết định số 12/QĐ-UBND ngày 3/4/2024, hỗ trợ 120 hộ.")
    assert doc.parsed.places is doc.parsed.places
    assert [r.number for r in doc.references] == ["12/QĐ-UBND"]
    assert [(q.value, q.unit) for q in doc.quantities] == [(120.0, "hộ")]


def test_no_data_file_holds_a_row_twice():
    from importlib import resources

    folder = resources.files("baocao.parsers") / "data"
    for path in folder.iterdir():
        if not path.name.endswith((".txt", ".tsv")):
            continue
        lines = [ln.strip() for ln in path.read_text("utf-8").splitlines()]
        rows = [ln for ln in lines if ln and not ln.startswith("#")]
        assert len(rows) == len(set(rows)), path.name


def test_a_rule_woken_again_inside_its_own_span_is_not_tried_again():
    """A token of twenty thousand `http://` is one URL, read once (not once a trigger)."""
    text = "Xem " + "http://" * 20_000 + " 12 hội viên"
    blocked = Blocked(text, Places(text, vocabulary()))
    assert [why for _, _, why in blocked.spans] == ["url"]
    assert [q.value for q in baocao.read_text(text).quantities] == [12.0]
