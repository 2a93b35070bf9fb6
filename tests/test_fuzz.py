"""Fuzzing the whole parse and extraction with real pages, mutated.

Every input, however broken, either becomes a document whose every span holds its
mention (`text[start:end] == mention`), or is recorded with a stage and a reason; never
a traceback, never a hang (the document time limit turns one into a `timeout`, which
fails the test). `make test` tries a few dozen inputs; `make fuzz` many more
(BAOCAO_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os

from conftest import SAMPLE, fixture_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baocao.pipeline.process import DocumentLimits, Source, StageError, process

EXAMPLES = int(os.environ.get("BAOCAO_FUZZ_EXAMPLES", "40"))
SEEDS = [
    fixture_bytes("lavusta_bao_cao_6_thang_2024.mislabeled_latin1.html"),
    (SAMPLE / "dongthap_lhh_tong_ket_hoi_thi_2021.html").read_bytes(),
    (SAMPLE / "lavusta_seed_scraped.txt").read_bytes()[:20000],
]
PIECES = [
    b"<div>",
    b"</div>",
    b"<p>",
    b"</p>",
    b"<table><tr><td>",
    b"</td></tr></table>",
    b"<sup>1</sup>",
    b"<a href='#_ftn1'>[1]</a>",
    b"<!--",
    b"-->",
    b"<script>",
    b"\x00",
    b"\xff\xfe",
    b"\r\n",
    "I. TÌNH HÌNH\n".encode(),
    "Điều 1. ".encode(),
    "1.234.567 đồng ".encode(),
    "gần 500 hội viên ".encode(),
    "Số: 06/BC-LHH ".encode(),
    b" " * 50,
    "Quyết định số 12/QĐ-UBND ngày 1/2/2020 ".encode(),
    b"=SUM(A1)",
    b"9" * 300,
]
LIMITS = DocumentLimits(timeout=60.0)


@st.composite
def mutated(draw) -> tuple[bytes, bool]:
    i = draw(st.integers(0, len(SEEDS) - 1))
    data = bytearray(SEEDS[i])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["cut", "insert", "repeat", "truncate", "flip"]))
        a = draw(st.integers(0, max(0, len(data) - 1)))
        b = min(len(data), a + draw(st.integers(0, 4000)))
        if op == "cut":
            del data[a:b]
        elif op == "insert":
            data[a:a] = draw(st.sampled_from(PIECES)) * draw(st.integers(1, 40))
        elif op == "repeat":
            data[a:a] = data[a:b] * draw(st.integers(1, 5))
        elif op == "truncate":
            del data[a:]
        elif op == "flip" and data:
            data[a] = draw(st.integers(0, 255))
    return bytes(data), i == 2


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_no_traceback_no_hang_and_every_span_holds_its_mention(case):
    body, as_text = case
    try:
        result = process(
            Source(url="http://fuzz.test/page", body=body, as_text=as_text, limits=LIMITS)
        )
    except StageError as e:
        assert e.stage != "timeout", str(e)
        assert str(e).strip() and "\n" not in str(e)
        return
    text = result.text
    for table in ("quantities", "references"):
        for row in result.rows[table]:
            assert text[row["start"] : row["end"]] == row["mention"]
    for row in result.rows["sections"] + result.rows["footnotes"]:
        assert 0 <= row["start"] <= row["end"] <= len(text)


ALPHABET = sorted(set(SEEDS[2].decode("utf-8", "replace")) | set("<>/&;#=+-@[]()%.,:\n\t"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=4000), st.booleans())
def test_any_text_as_a_page_or_a_text_file(text, as_text):
    body = text.encode("utf-8") if as_text else f"<html><body><p>{text}</p></body></html>".encode()
    test_no_traceback_no_hang_and_every_span_holds_its_mention.hypothesis.inner_test(
        (body, as_text)
    )
