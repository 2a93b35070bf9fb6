"""Every example sentence of parsers/data/examples.tsv gives exactly its rows: adding a
rule is adding a data row and an example here (README: "How to add a rule")."""

from __future__ import annotations

from collections import defaultdict

import pytest

import baocao
from baocao.parsers.lexicon import rows

EXAMPLES: dict[str, set[tuple]] = defaultdict(set)
for sentence, mention, kind, value, unit, qualifier, *_ in rows("examples.tsv"):
    if mention != "-":
        EXAMPLES[sentence].add((mention, kind, float(value), unit, qualifier))
    else:
        EXAMPLES.setdefault(sentence, set())


@pytest.mark.parametrize("sentence", sorted(EXAMPLES))
def test_an_example_gives_its_figures(sentence):
    doc = baocao.read_text(sentence)
    found = {
        (doc.text[q.start : q.end], q.kind, q.value, q.unit, q.qualifier) for q in doc.quantities
    }
    assert found == EXAMPLES[sentence]


def test_the_examples_cover_every_kind_of_rule_they_name():
    named = {row[6].split(":")[0] for row in rows("examples.tsv") if len(row) > 6 and row[6]}
    assert {"count_nouns.txt", "people_nouns.txt", "money_cues.txt", "non_quantities.tsv"} <= named
