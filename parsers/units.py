"""What follows a number: a multiplier, a unit symbol, a time word or a counted noun.

Every list is data (`data/*.tsv`, `data/*.txt`). Nouns are compared by match
key, so `Uỷ viên` finds `ủy viên`; a glued noun (`cánhân`) is read through its
syllables without changing the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from baocao.parsers.glue import split_glued
from baocao.parsers.lexicon import rows, table, words
from baocao.parsers.matchkey import match_key
from baocao.parsers.syllables import is_syllable

WORD = re.compile(r"[^\W\d_]+(?:&[^\W\d_]+)?")


@dataclass(frozen=True)
class UnitWord:
    written: str
    kind: str
    unit: str
    factor: float


@cache
def unit_words() -> tuple[UnitWord, ...]:
    out = [UnitWord(r[0], r[1], r[2], float(r[3])) for r in rows("units.tsv")]
    out += [UnitWord(w, "duration", w, 1.0) for w in words("durations.txt")]
    return tuple(sorted(out, key=lambda u: len(u.written), reverse=True))


@cache
def multipliers() -> tuple[tuple[str, float], ...]:
    items = [(k, float(v)) for k, v in table("multipliers.tsv").items()]
    return tuple(sorted(items, key=lambda kv: len(kv[0]), reverse=True))


def _boundary(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalpha() or text[end].isdigit())


@cache
def _multipliers_by_first_char() -> dict[str, tuple[tuple[str, float], ...]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for written, factor in multipliers():  # longest first, kept within each first character
        out.setdefault(written[:1], []).append((written, factor))
    return {c: tuple(ms) for c, ms in out.items()}


def match_multiplier(text: str, pos: int) -> tuple[int, float] | None:
    """(end, factor) of a multiplier at pos (after optional spaces), e.g. `triệu`."""
    i = _skip_spaces(text, pos)
    low = text[i : i + 12].lower()
    for written, factor in _multipliers_by_first_char().get(low[:1], ()):
        if low.startswith(written) and _boundary(text, i + len(written)):
            return i + len(written), factor
    return None


@cache
def _units_by_first_char() -> dict[str, tuple[UnitWord, ...]]:
    out: dict[str, list[UnitWord]] = {}
    for u in unit_words():  # longest first, kept within each first character
        out.setdefault(u.written[:1], []).append(u)
    return {c: tuple(us) for c, us in out.items()}


def match_unit(text: str, pos: int) -> tuple[int, UnitWord] | None:
    """(end, unit) of a unit symbol or time word at pos, glued or after spaces."""
    i = _skip_spaces(text, pos)
    for u in _units_by_first_char().get(text[i : i + 1], ()):
        if text.startswith(u.written, i) and _boundary(text, i + len(u.written)):
            return i + len(u.written), u
    return None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \u00a0":
        pos += 1
    return pos


@cache
def _nouns() -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for w in words("count_nouns.txt"):
        out[tuple(match_key(w).replace(",", " ,").split())] = "count"
    for w in words("people_nouns.txt"):
        out.setdefault(tuple(match_key(w).replace(",", " ,").split()), "people")
    return out


@cache
def _max_noun_words() -> int:
    return max(len(k) for k in _nouns())


@cache
def stopwords() -> frozenset[str]:
    return frozenset(match_key(w) for w in words("stopwords.txt"))


@dataclass(slots=True)  # not frozen: made for most numbers, and frozen costs a call a field
class Noun:
    start: int
    end: int
    kind: str | None  # people | count | None (not in the lexicon)
    written: str
    unit: str  # the noun's words, glue split, lower-cased: `cá nhân` for `cánhân`


_TOKEN = re.compile(rf"[ \u00a0]*(?:(,)|({WORD.pattern}))")  # a comma or a word, after spaces


def noun_tokens(text: str, pos: int, limit: int = 6) -> list[tuple[int, int, str]]:
    """Word tokens from pos on, stopping at punctuation other than a comma inside a list."""
    out: list[tuple[int, int, str]] = []
    i = pos
    while len(out) < limit:
        m = _TOKEN.match(text, i)
        if m is None:
            break
        i = m.end()
        comma, word = m.groups()
        if comma:
            if not out:
                break
            out.append((i - 1, i, ","))
        elif _glued(word):
            out.extend((a, b, text[a:b]) for a, b in _pieces(word, i - len(word)))
        else:
            out.append((i - len(word), i, word))  # most words: whole, not glued
    return out


def _pieces(word: str, start: int) -> list[tuple[int, int]]:
    parts = _glued(word)
    if not parts:
        return [(start, start + len(word))]
    out, pos = [], start
    for p in parts:
        out.append((pos, pos + len(p)))
        pos += len(p)
    return out


@lru_cache(maxsize=65536)
def _glued(word: str) -> tuple[str, ...] | None:
    """`split_glued`, remembered: the words after numbers repeat."""
    return split_glued(word)


def _keys(tokens: list[tuple[int, int, str]]) -> tuple[str, ...]:
    return tuple([match_key(t) for _, _, t in tokens])


def lexicon_noun(tokens: list[tuple[int, int, str]]) -> tuple[int, str] | None:
    """(number of tokens, kind) of the longest lexicon noun at the start of tokens."""
    return _longest_noun(_keys(tokens))


def _longest_noun(keys: tuple[str, ...]) -> tuple[int, str] | None:
    nouns, breaks = _nouns(), _noun_breaks()
    for n in range(min(len(keys), _max_noun_words()), 0, -1):
        kind = nouns.get(keys[:n])
        if kind and keys[n - 1 : n + 1] not in breaks:
            return n, kind
    return None


@cache
def _noun_breaks() -> frozenset[tuple[str, ...]]:
    """Two words that are no noun's end and the word after it (`sinh sống`)."""
    return frozenset(tuple(match_key(w).split()) for w in words("noun_breaks.txt"))


@cache
def _two_word_starts() -> frozenset[tuple[str, ...]]:
    return frozenset(key[:2] for key in _nouns() if len(key) > 1)


NEXT_WORD = re.compile(r"[ \u00a0]*([^\W\d_]+)")


def opens_noun(text: str, unit_end: int, written: str) -> bool:
    """Whether a unit word and the word after it begin a counted noun (`đồng chí`)."""
    following = NEXT_WORD.match(text, unit_end)
    if following is None:
        return False
    return (match_key(written), match_key(following.group(1))) in _two_word_starts()


def counted_noun(text: str, pos: int) -> Noun | None:
    """The noun a number counts: a lexicon noun (`lượt` + noun too), else the plain words
    up to a function word. A capitalised word outside the lexicon is a name, not a noun."""
    tokens = noun_tokens(text, pos)
    if not tokens or tokens[0][2] == "," or tokens[0][0] - pos > 2:
        return None
    keys = _keys(tokens)
    prefix = 1 if keys[0] == "lượt" and len(tokens) > 1 else 0
    found = _longest_noun(keys[prefix:])
    if found is None and prefix and (whole := _longest_noun(keys)):
        prefix, found = 0, whole  # `lượt xem`: a noun of its own
    if found:
        n, kind = found
        last = tokens[prefix + n - 1]
        return Noun(
            tokens[0][0], last[1], kind, text[tokens[0][0] : last[1]], _unit(tokens[: prefix + n])
        )
    if prefix:
        return Noun(tokens[0][0], tokens[0][1], "count", tokens[0][2], _unit(tokens[:1]))
    first = tokens[0][2]
    if first[0].isupper() or match_key(first) in stopwords() or not is_syllable(first):
        return None
    used = 1
    for _, _, t in tokens[1:3]:
        if t == "," or t[0].isupper() or match_key(t) in stopwords():
            break
        used += 1
    end = tokens[used - 1][1]
    return Noun(tokens[0][0], end, None, text[tokens[0][0] : end], _unit(tokens[:used]))


def _unit(tokens: list[tuple[int, int, str]]) -> str:
    return " ".join([t for _, _, t in tokens]).replace(" ,", ",").lower()


def noun_before(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The last lexicon noun in text[start:end]: (written, kind). For `tổng số hội viên
    tập thể là 3` and `Ban chấp hành: 27`, where the noun comes before its number."""
    tokens = [
        piece
        for m in WORD.finditer(text, start, end)
        for piece in ((s, e, text[s:e]) for s, e in _pieces(m.group(0), m.start()))
    ]
    keys = [match_key(t) for _, _, t in tokens]
    after_so = next((i + 1 for i, k in enumerate(keys) if k == "số"), None)
    best = None
    i = after_so or 0
    while i < len(tokens):
        found = lexicon_noun(tokens[i:])
        if found:
            n, kind = found
            best = (text[tokens[i][0] : tokens[i + n - 1][1]], kind)
            if after_so is not None:
                return best  # `số X ... là N`: the number of X
            i += n
        else:
            i += 1
    return best
