"""Rules as rows: what stands before a rule's trigger words, the words, what follows.

A rule of `data/non_quantities.tsv` says where a number is no figure (a date, a
phone number, `lần thứ 5`). It is woken only where one of its trigger words
stands (`triggers.py`), and there it holds when the text just before the word
matches its `before` pattern and the text just after matches its `after`
pattern; the span it covers runs from the start of `before` to the end of
`after`. Trigger words are matched in any case where they open a word; the
patterns are Python regular expressions, also matched in any case, where
`{capital}` is a capital letter as Unicode defines it. Each row carries an example sentence and
the span the rule must find in it: the test suite reads them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from baocao.parsers.letters import UPPER
from baocao.parsers.lexicon import rows, table, words
from baocao.parsers.triggers import Places

PLACEHOLDERS = {"{capital}": f"(?-i:{UPPER})"}
MAX_BEFORE = 200  # characters a `before` may reach back: far beyond any rule's, and a
# bound on the work a hostile page can ask for (a megabyte of `a.a.a…@` before each `@`)


@dataclass(frozen=True)
class Rule:
    name: str  # what the covered span is: date, phone, ordinal, ...
    triggers: tuple[str, ...]  # in small letters
    before: regex.Pattern[str] | None  # matched backwards, ending where the trigger begins
    after: re.Pattern[str]
    example: str
    expected: str  # the span the rule must find in its example

    def spans(self, text: str, places: Places) -> list[tuple[int, int]]:
        """Where the rule holds in `text`: (start, end) for each trigger place."""
        out, reached = [], 0
        for at, word in places.of(self.triggers):
            if at < reached:
                continue  # inside this rule's last span (a URL's `http://`s): in linear time
            after = self.after.match(text, at + len(word))
            if after is None:
                continue
            start = at
            if self.before is not None:
                before = self.before.match(text, max(0, at - MAX_BEFORE), at)
                if before is None:
                    continue
                start = before.start()
            out.append((start, after.end()))
            reached = after.end()
        return out


def _pattern(source: str) -> str:
    for name, pattern in PLACEHOLDERS.items():
        source = source.replace(name, pattern)
    return source


def make_rule(
    name: str, before: str, triggers: str, after: str, example: str = "", expected: str = ""
) -> Rule:
    return Rule(
        name,
        tuple(w.strip().lower() for w in triggers.split(",") if w.strip()),
        regex.compile(_pattern(before), regex.I | regex.REVERSE | regex.V0) if before else None,
        re.compile(_pattern(after), re.I),
        example,
        expected,
    )


@cache
def not_figures() -> tuple[Rule, ...]:
    """The rules of `data/non_quantities.tsv`: a number inside their spans is no figure."""
    return tuple(make_rule(*row) for row in rows("non_quantities.tsv"))


def first_word(phrase: str) -> str:
    return phrase.split()[0].lower()


@cache
def vocabulary() -> tuple[str, ...]:
    """Every word that wakes a rule: the non-figure rules' triggers, the first words of
    citation types (`quyết`, `luật`) and `số` (which opens a number of a list of
    citations), and the word numerals (`hai`, `ba`): one scan of a text finds them all."""
    found = {w for rule in not_figures() for w in rule.triggers}
    found.update(first_word(t) for t in words("reference_types.txt"))
    found.add("số")
    found.update(w.lower() for w in table("word_numbers.tsv"))
    return tuple(sorted(found))
