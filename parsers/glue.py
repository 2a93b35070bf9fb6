"""Split a glued token into Vietnamese syllables: `nhândân` -> `nhân dân`.

A careless extractor deletes line breaks and glues words. A token that is not a
valid syllable but is a sequence of valid syllables is split, with the fewest
pieces (so `cácchủ` is `các chủ`, never `cá cchủ`). Tokens that are not
Vietnamese in shape (abbreviations, foreign names, codes) are left alone.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache, lru_cache

from baocao.parsers.lexicon import words
from baocao.parsers.matchkey import match_key
from baocao.parsers.syllables import ONSETS, is_syllable

MAX_SYLLABLE = 7  # `nghiêng` is the longest Vietnamese syllable


@cache
def common_syllables() -> frozenset[str]:
    return frozenset(match_key(w) for line in words("common_syllables.txt") for w in line.split())


def split_glued(token: str, vocabulary: Counter[str] | None = None) -> tuple[str, ...] | None:
    """The syllables of a glued token, or None when it is not one.

    The fewest pieces win; between equally short splits, the one whose syllables
    are more common (in the shipped list, then in the document's own words).
    """
    if len(token) < 4 or not token.isalpha() or is_syllable(token):
        return None
    splits = _splits(token)
    if not splits:
        return None
    splits = [s for s in splits if len(s) > 1 and _vowel_cuts_ok(s)]
    if not splits:
        return None
    fewest = min(len(s) for s in splits)
    best = [s for s in splits if len(s) == fewest]
    return max(best, key=lambda s: _score(s, vocabulary))


def _vowel_cuts_ok(pieces: tuple[str, ...]) -> bool:
    """A cut between two vowels is a guess unless both halves are common (`đề|án`);
    so the typo `nưóc` and `HộiIuật` stay as typed."""
    for a, b in zip(pieces, pieces[1:], strict=False):
        if _vowel(a[-1]) and _vowel(b[0]):
            if not (match_key(a) in common_syllables() and match_key(b) in common_syllables()):
                return False
    return True


def _vowel(ch: str) -> bool:
    return unicodedata.normalize("NFD", ch.lower())[0] in "aeiouy"


ONSETS_BY_LENGTH = sorted(ONSETS, key=len, reverse=True)


def _onset(piece: str) -> str:
    low = piece.lower()
    return next((o for o in ONSETS_BY_LENGTH if low.startswith(o)), "")


def _score(pieces: tuple[str, ...], vocabulary: Counter[str] | None) -> tuple[int, ...]:
    """Common syllables first, then the document's own words, then the spelling prior:
    later syllables that start with a consonant, and with a digraph (`cá|nhân`)."""
    keys = [match_key(p) for p in pieces]
    common = sum(k in common_syllables() for k in keys)
    seen = sum(min(vocabulary[k], 50) for k in keys) if vocabulary else 0
    onsets = [
        o if o != "p" else "" for o in (_onset(p) for p in pieces[1:])
    ]  # `p` is loanword-only
    return common, seen, sum(bool(o) for o in onsets), sum(len(o) for o in onsets)


@lru_cache(maxsize=65536)
def _splits(token: str) -> list[tuple[str, ...]]:
    """Every segmentation of token into valid pieces, up to three pieces."""
    out: list[tuple[str, ...]] = []

    def walk(start: int, acc: tuple[str, ...]) -> None:
        if start == len(token):
            out.append(acc)
            return
        if len(acc) == 3:
            return
        for end in range(start + 1, min(len(token), start + MAX_SYLLABLE) + 1):
            if _piece_ok(token, start, end):
                walk(end, (*acc, token[start:end]))

    walk(0, ())
    return out


def _piece_ok(token: str, start: int, end: int) -> bool:
    """A syllable (capital only at its start, or all capitals), or a run of capitals
    standing between case changes: an abbreviation or numeral (`UBNDtỉnh`, `khóaXIII`)."""
    piece = token[start:end]
    if piece.isupper() and len(piece) >= 2 and not token.isupper():
        before_ok = start == 0 or token[start - 1].islower()
        after_ok = (
            end == len(token)
            or token[end].islower()
            or (end + 1 < len(token) and token[end + 1].islower())  # `CNViệt`
        )
        if before_ok and after_ok:
            return True
    lone_capital = len(piece) == 1 and piece.isupper() and 0 < start and end < len(token)
    if not is_syllable(piece) or lone_capital:
        return False
    return len(piece) == 1 or piece[1:].islower() or piece.isupper()
