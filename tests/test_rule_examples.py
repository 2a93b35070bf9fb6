"""Every example sentence of parsers/data/examples.tsv and citation_examples.tsv gives
exactly its rows, and every row of the rule lists is shown by one of them: adding a
rule is adding a data row and an example (README: "How to add a rule")."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

import baocao
from baocao.parsers.lexicon import rows, words
from baocao.parsers.matchkey import match_key, text_key

FIGURES: dict[str, set[tuple]] = defaultdict(set)
for sentence, mention, kind, value, unit, qualifier, *_ in rows("examples.tsv"):
    if mention != "-":
        FIGURES[sentence].add((mention, kind, float(value), unit, qualifier))
    else:
        FIGURES.setdefault(sentence, set())

CITATIONS: dict[str, set[tuple]] = defaultdict(set)
for sentence, mention, doc_type, number, date, issuer in rows("citation_examples.tsv"):
    CITATIONS[sentence].add((mention, doc_type, number or None, date or None, issuer or None))


def figures(sentence: str) -> set[tuple]:
    doc = baocao.read_text(sentence)
    return {
        (doc.text[q.start : q.end], q.kind, q.value, q.unit, q.qualifier) for q in doc.quantities
    }


def citations(sentence: str) -> set[tuple]:
    doc = baocao.read_text(sentence)
    return {
        (doc.text[r.start : r.end], r.doc_type, r.number, r.date, r.issuer) for r in doc.references
    }


@pytest.mark.parametrize("sentence", sorted(FIGURES))
def test_an_example_gives_its_figures(sentence):
    assert figures(sentence) == FIGURES[sentence]


@pytest.mark.parametrize("sentence", sorted(CITATIONS))
def test_an_example_gives_its_citations(sentence):
    assert citations(sentence) == CITATIONS[sentence]


def _found() -> list[tuple[str, str, object]]:
    """(sentence, mention, the figure) for every figure of every example sentence."""
    out = []
    for sentence in FIGURES:
        doc = baocao.read_text(sentence)
        out += [(doc.text, doc.text[q.start : q.end], q) for q in doc.quantities]
    return out


def _has_words(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def test_every_unit_multiplier_and_time_word_is_shown_by_an_example():
    written = " | ".join(q.unit_raw or "" for _, _, q in _found())
    listed = [r[0] for r in rows("units.tsv")] + [r[0] for r in rows("multipliers.tsv")]
    listed += list(words("durations.txt"))
    assert [w for w in listed if not _has_words(written, w)] == []


def test_every_qualifier_and_cue_is_shown_by_an_example():
    found = _found()
    missing = []
    for phrase, qualifier, where in rows("qualifiers.tsv"):
        key = match_key(phrase)
        if not any(
            q.qualifier == qualifier
            and (text_key(m).startswith(key) if where == "before" else text_key(m).endswith(key))
            for _, m, q in found
        ):
            missing.append(phrase)
    cues = [(w, "money") for w in words("money_cues.txt")] + list(rows("kind_cues.tsv"))
    for cue, kind in cues:
        if not any(q.kind == kind and _has_words(text_key(t), match_key(cue)) for t, _, q in found):
            missing.append(cue)
    assert missing == []


def test_every_citation_type_is_shown_by_an_example():
    shown = {doc_type for rows_ in CITATIONS.values() for _, doc_type, *_ in rows_}
    assert [t for t in words("reference_types.txt") if t not in shown] == []


def test_every_counted_noun_and_people_word_is_shown_by_an_example():
    shown = {match_key(q.unit or "") for _, _, q in _found() if q.kind in ("people", "count")}
    shown |= {unit.removeprefix("lượt ") for unit in shown}
    listed = [*words("count_nouns.txt"), *words("people_nouns.txt")]
    assert [w for w in listed if match_key(w) not in shown] == []
