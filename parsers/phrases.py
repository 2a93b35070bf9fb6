"""Phrases that stand right next to a number and change what it means.

A qualifier (`hơn`, `ít nhất`, `trở lên`: `qualifiers.tsv`), a word that decides
the kind (`gấp`: `kind_cues.tsv`) or one that names money (`trị giá`:
`money_cues.txt`) is one to three words. The words next to a number are read as
match keys (`Uỷ`/`ủy` alike) and looked up whole in the list, the longest phrase
first: no pattern is built from the lists.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from baocao.parsers.lexicon import rows, words
from baocao.parsers.matchkey import match_key

WORD = re.compile(r"[^\W\d_]+")
MOST_WORDS = 3  # the longest phrase a list may hold: WORDS_BEFORE and WORDS_AFTER read 3
REACH = 40  # characters: three words and the spaces between them, with room to spare
# Read backwards from the number (the `regex` library's reverse matching), so that the
# match ends where the number begins.
LAST_WORD = regex.compile(r"[^\W\d_]+\s*", regex.REVERSE)
WORDS_BEFORE = regex.compile(r"(?:[^\W\d_]+\s+){0,2}[^\W\d_]+\s*", regex.REVERSE)
FIRST_WORD = re.compile(r"\s*([^\W\d_]+)")
WORDS_AFTER = re.compile(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2}")
COLON_BEFORE = regex.compile(r"\s*:\s*", regex.REVERSE)

Words = list[tuple[int, int, str]]  # (start, end, match key), in text order


class Phrases:
    """One list's phrases, as tuples of match keys, with the words they end and begin
    with: most numbers have no qualifier or cue, and one word settles that."""

    def __init__(self, meanings: dict[tuple[str, ...], str]) -> None:
        self.meanings = meanings
        self.last_words = frozenset(p[-1] for p in meanings)
        self.first_words = frozenset(p[0] for p in meanings)
        self.most = max(len(p) for p in meanings)
        if self.most > MOST_WORDS:
            longest = " ".join(max(meanings, key=len))
            raise ValueError(f"phrase {longest!r} has more than {MOST_WORDS} words")


def phrase_before(text: str, pos: int, phrases: Phrases) -> tuple[int, str] | None:
    """(start, meaning) of the longest phrase of the list that ends right before `pos`
    (spaces between)."""
    last = last_word(text, pos)
    if last is None or match_key(last) not in phrases.last_words:
        return None
    m = WORDS_BEFORE.match(text, max(0, pos - REACH), pos)
    found = _keys(text, m.start(), m.end())
    longest = _longest(tuple(k for _, _, k in found), phrases, ending=True)
    return (found[-longest[0]][0], longest[1]) if longest else None


def phrase_after(text: str, pos: int, phrases: Phrases) -> tuple[int, str] | None:
    """(end, meaning) of the longest phrase of the list that begins right after `pos`."""
    first = FIRST_WORD.match(text, pos, pos + REACH)
    if first is None or match_key(first.group(1)) not in phrases.first_words:
        return None
    m = WORDS_AFTER.match(text, pos, pos + REACH)
    found = _keys(text, m.start(), m.end())
    longest = _longest(tuple(k for _, _, k in found), phrases, ending=False)
    return (found[longest[0] - 1][1], longest[1]) if longest else None


def _longest(keys: tuple[str, ...], phrases: Phrases, ending: bool) -> tuple[int, str] | None:
    """(number of words, meaning) of the longest phrase the keys end (or begin) with."""
    for n in range(min(len(keys), phrases.most), 0, -1):
        meaning = phrases.meanings.get(keys[-n:] if ending else keys[:n])
        if meaning is not None:
            return n, meaning
    return None


def last_word(text: str, pos: int) -> str | None:
    """The word that ends right before `pos`, spaces aside."""
    m = LAST_WORD.match(text, max(0, pos - REACH), pos)
    return m.group().rstrip() if m else None


def _keys(text: str, start: int, end: int) -> Words:
    return [(w.start(), w.end(), match_key(w.group())) for w in WORD.finditer(text, start, end)]


def _phrase(written: str) -> tuple[str, ...]:
    return tuple(match_key(written).split())


@cache
def qualifiers(where: str) -> Phrases:
    """The qualifiers written `before` the number, or `after` its unit."""
    return Phrases({_phrase(w): q for w, q, at in rows("qualifiers.tsv") if at == where})


@cache
def kind_cues() -> Phrases:
    return Phrases({_phrase(w): kind for w, kind in rows("kind_cues.tsv")})


@cache
def money_cues() -> Phrases:
    return Phrases({_phrase(w): "money" for w in words("money_cues.txt")})


def colon_before(text: str, pos: int) -> int:
    """Where a `:` (and the spaces around it) right before `pos` begins, or `pos`."""
    m = COLON_BEFORE.match(text, max(0, pos - REACH), pos)
    return m.start() if m else pos
