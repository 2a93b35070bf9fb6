"""Glue repair: what a careless extractor glued comes apart; correct text is untouched."""

from __future__ import annotations

import random
import unicodedata

from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from baocao.parsers.matchkey import match_key
from baocao.parsers.repair import _numeric_token, _token, repair_line, repair_text
from baocao.parsers.syllables import is_syllable

CLEAN = (FIXTURES / "lavusta_bao_cao_6_thang_2024.expected_main_text.txt").read_text("utf-8")
CLEAN += "\n" + (FIXTURES / "dongthap_lhh_tong_ket_hoi_thi_2021.expected_main_text.txt").read_text(
    "utf-8"
)
LINES = [ln for ln in CLEAN.split("\n") if len(ln.split()) > 3]


def test_correct_text_is_unchanged():
    assert repair_text(CLEAN).text == CLEAN


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LINES), st.integers(0, 10_000))
def test_repairing_correct_lines_changes_nothing(line, _):
    assert repair_line(line) == (line, 0)


def _glue_pairs(seed: int, n: int = 300) -> list[tuple[str, str]]:
    """Glue random adjacent Vietnamese syllables of real sentences, as a lost wrap does."""
    rng = random.Random(seed)
    pairs = []
    while len(pairs) < n:
        words = rng.choice(LINES).split()
        i = rng.randrange(len(words) - 1)
        a, b = words[i], words[i + 1]
        if is_syllable(a) and is_syllable(b):
            pairs.append((f"{a}{b}", f"{a} {b}"))
    return pairs


def test_gluing_random_syllables_and_repairing_gives_the_original_back():
    pairs = _glue_pairs(2024)
    right = sum(repair_line(glued)[0] == original for glued, original in pairs)
    assert right / len(pairs) >= 0.97, right


@given(st.text(alphabet="abcđêôơưáàảãạ ", min_size=1, max_size=30))
def test_repair_only_inserts_spaces(text):
    fixed, _ = repair_line(text)
    assert fixed.replace(" ", "") == text.replace(" ", "")


def test_things_that_are_never_split():
    for tok in (
        "Okayama",
        "Webstie",
        "KH&CN",
        "UBND",
        "TP.HCM",
        "MTTQVN",
        "XIII",
        "01-KL/TW",
        "lavusta.longan.gov.vn",
        "2.227.360.000",
        "m2",
        "km2",
        "100ha",
        "COVID-19",
    ):
        assert repair_line(tok) == (tok, 0), tok


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789aăđêngàyhviênNQTWCTr/-.,;:()[]%“”", min_size=1, max_size=16))
def test_a_token_with_digits_is_repaired_as_its_digits_are_read(tok):
    """Tokens with digits are repaired through their shape (digits as 0): the same
    result as repairing the token itself."""
    assert _numeric_token(tok) == _token.__wrapped__(tok)


def test_match_key_folds_case_and_tone_placement():
    assert match_key("Hội Đông y") == match_key("Hội Đông Y")
    assert match_key("hoà giải") == match_key("hòa giải")
    assert match_key("Uỷ ban") == match_key("Ủy ban")
    assert unicodedata.is_normalized("NFC", match_key("thuỷ"))
