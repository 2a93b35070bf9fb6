"""Split a glued token into Vietnamese syllables: `nhândân` -> `nhân dân`.

A careless extractor deletes line breaks and glues words. A token that is not a
valid syllable but is a sequence of valid syllables is split, with the fewest
pieces (so `cácchủ` is `các chủ`, never `cá cchủ`). Tokens that are not
Vietnamese in shape (abbreviations, foreign names, codes) are left alone.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from parsers.syllables import is_syllable

MAX_SYLLABLE = 7  # `nghiêng` is the longest Vietnamese syllable


@lru_cache(maxsize=65536)
def split_glued(token: str) -> tuple[str, ...] | None:
    """The syllables of a glued token, or None when it is not one."""
    if len(token) < 4 or not token.isalpha() or is_syllable(token):
        return None
    n = len(token)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (pieces, previous cut)
    best[0] = (0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_SYLLABLE), end):
            if best[start] is None:
                continue
            if not _piece_ok(token, start, end):
                continue
            cand = (best[start][0] + 1, start)  # type: ignore[index]
            if best[end] is None or cand[0] < best[end][0]:  # type: ignore[index]
                best[end] = cand
    if best[n] is None or best[n][0] < 2:  # type: ignore[index]
        return None
    pieces, end = [], n
    while end > 0:
        start = best[end][1]  # type: ignore[index]
        pieces.append(token[start:end])
        end = start
    return tuple(reversed(pieces))


def _piece_ok(token: str, start: int, end: int) -> bool:
    """A syllable (capital only at its start, or all capitals), or a run of capitals
    standing between case changes: an abbreviation or numeral (`UBNDtỉnh`, `khóaXIII`)."""
    piece = token[start:end]
    if piece.isupper() and len(piece) >= 2:
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
    if start > 0 and _vowel(token[start - 1]) and _vowel(token[start]):
        return False  # a cut between two vowels is a guess (`HộiIuật` stays a typo)
    return piece[1:].islower() or piece.isupper()


def _vowel(ch: str) -> bool:
    return unicodedata.normalize("NFD", ch.lower())[0] in "aeiouy"
