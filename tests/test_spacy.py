"""The spaCy component (`baocao[spacy]`): figures and citations as `doc.spans`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

SEED = Path(__file__).parent.parent / "pipeline" / "sample" / "lavusta_seed_scraped.txt"
BLANK = {"nlp": {"tokenizer": {"use_pyvi": False}}}  # spaCy's Vietnamese without pyvi


@pytest.fixture(scope="module")
def doc():
    nlp = spacy.blank("vi", config=BLANK)
    nlp.add_pipe("baocao")
    return nlp(SEED.read_text("utf-8"))


def test_figures_and_citations_are_spans_with_their_values(doc):
    spans = doc.spans["baocao"]
    money = [s for s in spans if s.label_ == "MONEY"]
    assert any(s._.value == 2_227_360_000 and s._.unit == "VND" for s in money)
    people = [s for s in spans if s.label_ == "PEOPLE" and s._.value == 3200]
    assert people and people[0]._.qualifier == "more_than"
    refs = [s for s in spans if s.label_ == "REFERENCE"]
    assert any(s._.number == "9737/QĐ-UBND" and s._.date == "2023-10-13" for s in refs)
    assert all(s.doc is doc for s in spans)


def test_the_spans_are_the_texts_own_characters(doc):
    """No repair, no unwrapping: what spaCy holds is what baocao marked."""
    for s in doc.spans["baocao"]:
        assert doc.text[s.start_char : s.end_char] == s.text


def test_displacy_renders_the_figures(doc):
    from spacy import displacy

    from baocao.nlp import displacy_data

    data = displacy_data(doc)
    html = displacy.render(data, style="ent", manual=True, page=False)
    assert data["ents"] and "MONEY" in html and "REFERENCE" in html
    assert all(a["end"] <= b["start"] for a, b in zip(data["ents"], data["ents"][1:], strict=False))


def test_add_pipe_finds_the_component_without_importing_baocao():
    code = (
        "import spacy; nlp = spacy.blank('vi', config={'nlp': {'tokenizer': {'use_pyvi': False}}});"
        "nlp.add_pipe('baocao'); d = nlp('Tổng số tiền 2.227.360.000 đồng.');"
        "print([(s.label_, s._.value) for s in d.spans['baocao']])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[('MONEY', 2227360000.0)]", done.stderr
