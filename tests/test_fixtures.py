"""Each realistic page comes out as its expected.json says."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURES, expected, fixture_bytes

from baocao.outputs.tables import rows_for
from baocao.parsers.parse import parse_page

LAVUSTA = "lavusta_bao_cao_6_thang_2024"
DONGTHAP = "dongthap_lhh_tong_ket_hoi_thi_2021"
MISLABELED_HEADERS = json.loads(
    (FIXTURES / f"{LAVUSTA}.mislabeled_latin1.headers.json").read_text("utf-8")
)


def ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def content_type_of(headers: dict) -> str:
    found = {k.lower(): v for k, v in headers.items()}
    return found.get("content-type") or found.get("headers", {}).get("Content-Type", "")


CASES = [
    pytest.param(f"{LAVUSTA}.html", LAVUSTA, None, id="lavusta-utf8"),
    pytest.param(f"{LAVUSTA}.mislabeled_latin1.html", LAVUSTA, None, id="mislabeled-as-file"),
    pytest.param(
        f"{LAVUSTA}.mislabeled_latin1.html",
        LAVUSTA,
        "text/html; charset=utf-8",
        id="mislabeled-with-header",
    ),
    pytest.param(f"{DONGTHAP}.html", DONGTHAP, None, id="dongthap"),
]


def parse(page: str, content_type: str | None = None):
    url = f"file:///fixtures/{page}"
    return parse_page(fixture_bytes(page), url, content_type=content_type)


@pytest.mark.parametrize("page,gold,ctype", CASES)
def test_main_text_is_the_article_and_nothing_else(page, gold, ctype):
    doc = parse(page, ctype)
    want = (FIXTURES / f"{gold}.expected_main_text.txt").read_text("utf-8")
    assert ws(doc.text) == ws(want)
    exp = expected(f"{gold}.expected.json")
    assert [b for b in exp["boilerplate_strings"] if b in doc.text] == []


@pytest.mark.parametrize("page,gold,ctype", CASES)
def test_sections_and_footnotes_match_gold(page, gold, ctype):
    doc = parse(page, ctype)
    exp = expected(f"{gold}.expected.json")
    got = [(s.section_id, s.level, s.parent_id, s.title, s.start, s.end) for s in doc.sections]
    want = [
        (s["id"], s["level"], s["parent"], s["title"], s["start"], s["end"])
        for s in exp.get("sections", [])
    ]
    assert got == want
    notes = [(f.n, f.section_id, f.marker_start, doc.text[f.start : f.end]) for f in doc.footnotes]
    want_notes = [
        (f["n"], f["ref_section"], f["marker_start"], f["text"]) for f in exp.get("footnotes", [])
    ]
    assert notes == want_notes


@pytest.mark.parametrize("page,gold,ctype", CASES)
def test_metadata_matches_gold(page, gold, ctype):
    doc = parse(page, ctype)
    meta = expected(f"{gold}.expected.json")["metadata"]
    for key in (
        "title",
        "doc_type",
        "doc_number",
        "issuer",
        "parent_issuer",
        "place",
        "issued_date",
        "published_date",
        "signer",
        "signer_title",
    ):
        assert doc.meta.get(key) == meta.get(key), key


def test_glued_words_never_appear_and_typos_survive():
    doc = parse(f"{LAVUSTA}.html")
    exp = expected(f"{LAVUSTA}.expected.json")
    assert [g for g in exp["glued_words_that_must_not_appear"] if g in doc.text] == []
    assert [t for t in exp["typos_that_must_survive"] if t not in doc.text] == []


def test_data_table_in_long_form_and_layout_tables_dropped():
    doc = parse(f"{DONGTHAP}.html")
    got = [
        {k: r[k] for k in ("table_id", "row", "col", "header", "value", "number")}
        for r in rows_for(doc, {})["tables"]
    ]
    assert got == expected(f"{DONGTHAP}.expected.json")["tables"]
    lavusta = parse(f"{LAVUSTA}.html")
    assert rows_for(lavusta, {})["tables"] == []  # header and signature are layout


def test_every_character_of_a_section_lies_in_the_body():
    doc = parse(f"{LAVUSTA}.html")
    for s in doc.sections:
        assert doc.body_start <= s.start < s.end <= doc.body_end
        assert doc.text[s.start :].startswith(s.number)
    top = [s for s in doc.sections if s.level == 1]
    covered = sum(s.end - s.start for s in top) + len(top) - 1
    assert covered == top[-1].end - top[0].start


def test_page_date_is_the_publish_date_not_the_banner_clock():
    doc = parse(f"{LAVUSTA}.html")
    assert doc.meta["published_date"] == "2024-06-17"
    assert "18/07/2024" not in doc.text
