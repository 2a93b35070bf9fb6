"""A `.txt` that a scraper already extracted: the document is found inside the chrome."""

from __future__ import annotations

import difflib

from conftest import FIXTURES, expected, fixture_bytes

from baocao.parsers.parse import parse_page

LAVUSTA = "lavusta_bao_cao_6_thang_2024"


def seed(repair: bool = True):
    return parse_page(
        fixture_bytes("seed_lavusta.txt"), "file:///seed.txt", as_text=True, repair=repair
    )


def test_seed_gives_the_same_14_sections_and_6_footnotes_as_the_page():
    doc = seed()
    exp = expected(f"{LAVUSTA}.expected.json")
    assert [(s.section_id, s.level, s.parent_id, s.title) for s in doc.sections] == [
        (s["id"], s["level"], s["parent"], s["title"]) for s in exp["sections"]
    ]
    assert [(f.n, f.section_id) for f in doc.footnotes] == [
        (f["n"], f["ref_section"]) for f in exp["footnotes"]
    ]


def test_portal_chrome_is_cut_at_both_ends():
    doc = seed()
    assert doc.text.startswith("UBND TỈNH LONG AN")
    assert "Các tin khác" not in doc.text and "Số lượt truy cập" not in doc.text
    assert doc.meta["title"].startswith("BÁO CÁO KẾT QUẢ HOẠT ĐỘNG 6 THÁNG")
    assert doc.meta["published_date"] == "2024-06-17"


def test_glue_repair_restores_every_glued_word_and_keeps_typos():
    doc = seed()
    exp = expected(f"{LAVUSTA}.expected.json")
    assert [g for g in exp["glued_words_that_must_not_appear"] if g in doc.text] == []
    assert [t for t in exp["typos_that_must_survive"] if t not in doc.text] == []
    page_words = (FIXTURES / f"{LAVUSTA}.expected_main_text.txt").read_text("utf-8").split()
    agreement = difflib.SequenceMatcher(None, doc.text.split(), page_words, autojunk=False).ratio()
    assert agreement >= 0.98
    assert doc.meta["repairs"] >= 184


def test_no_repair_keeps_the_text_as_given():
    doc = seed(repair=False)
    assert "nhândân" in doc.text and doc.meta["repairs"] == 0


def test_footnote_glued_to_the_line_before_is_still_found():
    doc = seed(repair=False)  # `- Lưu.[1] Hội Luật gia` in the raw seed
    assert doc.text[doc.footnotes[0].start :].startswith("Hội Luật gia")


def test_impossible_dates_are_unknown_not_invented():
    from baocao.parsers.header import dmy_to_iso, iso_date

    assert iso_date(31, 2, 2024) is None and iso_date(29, 2, 2024) == "2024-02-29"
    assert dmy_to_iso("30/02/2021") is None and dmy_to_iso("17/06/2024") == "2024-06-17"
