"""Phrases that stand right next to a number and change what it means.

A qualifier (`hơn`, `ít nhất`, `trở lên`: `qualifiers.tsv`), a word that decides
the kind (`gấp`: `kind_cues.tsv`) or one that names money (`trị giá`:
`money_cues.txt`) is one to three words. The words next to a number are read
once, as match keys (`Uỷ`/`ủy` alike), and looked up whole in the list, the
longest phrase first: no pattern is built from the lists.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from baocao.parsers.lexicon import rows, words
from baocao.parsers.matchkey import match_key

WORD = re.compile(r"[^\W\d_]+")
MOST_WORDS = 3  # the longest phrase of the lists
REACH = 40  # characters: three words and the spaces between them, with room to spare
# Read backwards from the number (the `regex` library's reverse matching), so that the
# match ends where the number begins.
WORDS_BEFORE = regex.compile(r"(?:[^\W\d_]+\s+){0,2}[^\W\d_]+\s*", regex.REVERSE)
WORDS_AFTER = re.compile(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,2}")
COLON_BEFORE = regex.compile(r"\s*:\s*", regex.REVERSE)

Words = list[tuple[int, int, str]]  # (start, end, match key), in text order


def words_before(text: str, pos: int) -> Words:
    """Up to three words that end right before `pos` (spaces between), in text order."""
    m = WORDS_BEFORE.match(text, max(0, pos - REACH), pos)
    return _keys(text, m.start(), m.end()) if m else []


def words_after(text: str, pos: int) -> Words:
    """Up to three words that begin right after `pos` (spaces between)."""
    m = WORDS_AFTER.match(text, pos, pos + REACH)
    return _keys(text, m.start(), m.end()) if m else []


def _keys(text: str, start: int, end: int) -> Words:
    return [(w.start(), w.end(), match_key(w.group())) for w in WORD.finditer(text, start, end)]


def ending(found: Words, phrases: dict[tuple[str, ...], str]) -> tuple[int, str] | None:
    """(start, meaning) of the longest phrase that the words end with."""
    for n in range(min(len(found), MOST_WORDS), 0, -1):
        meaning = phrases.get(tuple(k for _, _, k in found[-n:]))
        if meaning is not None:
            return found[-n][0], meaning
    return None


def opening(found: Words, phrases: dict[tuple[str, ...], str]) -> tuple[int, str] | None:
    """(end, meaning) of the longest phrase that the words begin with."""
    for n in range(min(len(found), MOST_WORDS), 0, -1):
        meaning = phrases.get(tuple(k for _, _, k in found[:n]))
        if meaning is not None:
            return found[n - 1][1], meaning
    return None


def _phrase(written: str) -> tuple[str, ...]:
    return tuple(match_key(written).split())


@cache
def qualifiers(where: str) -> dict[tuple[str, ...], str]:
    """The qualifiers written `before` the number, or `after` its unit."""
    return {_phrase(w): q for w, q, at in rows("qualifiers.tsv") if at == where}


@cache
def kind_cues() -> dict[tuple[str, ...], str]:
    return {_phrase(w): kind for w, kind in rows("kind_cues.tsv")}


@cache
def money_cues() -> dict[tuple[str, ...], str]:
    return {_phrase(w): "money" for w in words("money_cues.txt")}


def colon_before(text: str, pos: int) -> int:
    """Where a `:` (and the spaces around it) right before `pos` begins, or `pos`."""
    m = COLON_BEFORE.match(text, max(0, pos - REACH), pos)
    return m.start() if m else pos
