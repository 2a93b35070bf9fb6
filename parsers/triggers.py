"""Where the trigger words of every rule stand in one text, found in a single pass.

A rule (`rules.py`) is tried only where one of its trigger words occurs, and a
page holds a few hundred of them among ten thousand characters. Looking for
each of some two hundred words with its own `str.find` would read the text two
hundred times; an Aho-Corasick automaton (`ahocorasick_rs`) finds them all in
one reading. This is the one speed device the rules rely on (see the ledger in
bench/results.md). A `Document` makes its `Places` once, on first use.
"""

from __future__ import annotations

from functools import cache

from ahocorasick_rs import AhoCorasick


def lowercase(text: str) -> str:
    """The text in small letters with every offset kept: a letter whose small form is
    longer (`İ`) stays as written."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def opens_word(text: str, start: int) -> bool:
    """A trigger word counts where it opens a word: after no letter, or after a small
    letter when it is written with a capital (`theoQuyết định`, a line break a scraper
    deleted). Its end is left to the rule's `after` (`thángđầu năm` is glued too)."""
    if start == 0 or not text[start].isalpha():
        return True
    before = text[start - 1]
    return not before.isalpha() or (before.islower() and text[start].isupper())


class Places:
    """Every place where one of `vocabulary`'s words opens a word of `text`, in any case."""

    def __init__(self, text: str, vocabulary: tuple[str, ...]) -> None:
        self.text = text
        found: list[list[int]] = [[] for _ in vocabulary]
        hits = _automaton(vocabulary).find_matches_as_indexes(lowercase(text), overlapping=True)
        for i, start, _ in hits:  # in order of their ends: each word's starts in order
            if opens_word(text, start):
                found[i].append(start)
        self._at = dict(zip(vocabulary, found, strict=True))

    def of(self, words: tuple[str, ...]) -> list[tuple[int, str]]:
        """(start, word) for each place of `words` (small letters, each in the vocabulary),
        in text order."""
        out = [(start, w) for w in words for start in self._at[w]]
        return sorted(out) if len(words) > 1 else out


@cache
def _automaton(vocabulary: tuple[str, ...]) -> AhoCorasick:
    return AhoCorasick(list(vocabulary))  # standard match kind: every match, overlapping
