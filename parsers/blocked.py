"""Spans that look numeric but are not quantities: dates, years, terms, ordinals, codes.

The patterns live in `data/non_quantities.tsv` with the reason for each, so a
reader can see (and extend) what is excluded without reading code.

Speed matters here (see `fastre.py`): each pattern is compiled without its
leading assertions, which are checked where a match starts; case-insensitive
patterns run on the lowercased text; a pattern with a `near` regex is tried
only around its hits; the rules' opening words are found in one pass over the
text; and when the numerals are known, only the stretches around them are
scanned at all.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from baocao.parsers.fastre import FastPattern, WordIndex, lowered
from baocao.parsers.lexicon import rows

RADIUS = 32  # no match lies further than this from the `near` hit it contains or touches
NEAR_SLACK = 64  # near windows closer than this are scanned as one: a scan costs less


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: FastPattern
    near: FastPattern | None  # a fast regex found in, or right next to, every match


def make_rule(reason: str, pattern: str, near: str = "") -> Rule:
    return Rule(reason, FastPattern(pattern), FastPattern(near) if near else None)


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(make_rule(*row) for row in rows("non_quantities.tsv"))


def _windows(spans: list[tuple[int, int]], text: str, slack: int = 0) -> list[tuple[int, int]]:
    """Merged stretches of RADIUS characters around each span, widened so as not to
    cut a word (a file name or an e-mail address can be longer than RADIUS); those
    less than `slack` apart are merged too."""
    merged: list[tuple[int, int]] = []
    lo, hi = 0, None  # the stretch being merged
    for s, e in spans:
        if hi is not None and s - RADIUS <= hi + slack:
            hi = e + RADIUS
            continue
        if hi is not None:
            merged.append((lo, hi))
        lo, hi = s - RADIUS, e + RADIUS
    if hi is not None:
        merged.append((lo, hi))
    n, out = len(text), []
    find, rfind = text.find, text.rfind
    for a, b in merged:
        if a <= 0:
            a = 0
        elif text[a - 1] not in " \n":  # inside a word: back to its start
            space = rfind(" ", 0, a)  # (a line break, if any, is after that space)
            a = max(space, rfind("\n", space + 1, a)) + 1
        if b >= n:
            b = n
        elif text[b] not in " \n":  # on to the word's end
            space = find(" ", b)
            space = n if space < 0 else space
            newline = find("\n", b, space)
            b = space if newline < 0 else newline
        if out and a <= out[-1][1]:  # widening made them touch
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _scan(text: str, lower: str | None = None) -> list[tuple[int, int, str]]:
    """Every rule's matches in `text`, as (start, end, reason); `lower` is the text
    lowercased, if the caller has it (from `lowered()`)."""
    lower = lowered(text) if lower is None else lower
    index = _index(text, lower)
    spans = []
    around: dict[tuple[str, bool], list[tuple[int, int]]] = {}  # rules share a `near`
    for rule in rules():
        caseless = rule.pattern.caseless and lower is not None
        windows = None  # the whole text
        if rule.near:
            key = (rule.near.pattern, caseless)
            if key not in around:
                subject = lower if caseless else text  # caseless: lower is there
                found = rule.near.spans(subject, index=index)
                around[key] = _windows(found, text, NEAR_SLACK)
            windows = around[key]
        why = rule.reason
        found = rule.pattern.spans(text, lower, windows, index=index)
        spans += [(s, e, why) for s, e in found if e > s]
    return spans


def _index(text: str, lower: str | None) -> WordIndex:
    """The opening words of every rule and `near`, found in one pass over the text's
    lowercase, which serves the `(?i)` rules and the others alike (see `WordIndex`)."""
    words = _opening_words()
    if lower is None:  # `(?i)` rules take their slow path, nears run on the text
        return WordIndex(text, words)
    return WordIndex(lower, words, original=text)


@cache
def _opening_words() -> frozenset[str]:
    """The opening words of every rule and its `near`, `(?i)` or not."""
    return frozenset(
        word
        for rule in rules()
        for pattern in (rule.pattern, rule.near)
        if pattern is not None and pattern.words
        for word in pattern.words
    )


GAP = "\n\n"  # between the stretches cut out: whitespace to every pattern, and no word


def _scan_around(text: str, focus: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The spans of `_scan(text)` that reach into RADIUS of a focus span, found by
    scanning only those stretches, joined by GAP, and mapped back."""
    windows = _windows(focus, text)
    joined = GAP.join(text[a:b] for a, b in windows)
    low = lowered(text)  # the whole text's: cut the same way, it need not be lowercased again
    joined_low = GAP.join(low[a:b] for a, b in windows) if low is not None else None
    starts, shifts, at = [], [], 0  # where each window begins in `joined`, and its shift
    for a, b in windows:
        starts.append(at)
        shifts.append((a - at, b))
        at += b - a + len(GAP)
    out = []
    for s, e, why in _scan(joined, joined_low):
        shift, b = shifts[bisect_right(starts, s) - 1]
        end = e + shift
        if end > b:
            end = b  # GAP ends a match
        if s + shift < end:
            out.append((s + shift, end, why))
    return sorted(set(out))


class Blocked:
    """The non-quantity spans of one text, queried by overlap.

    With `focus` (the numerals that will be asked about), only the stretches
    around them are scanned: they are cut out and joined by blank lines into one
    shorter text, so every pattern still runs once, over half the text or less.
    """

    def __init__(self, text: str, focus: list[tuple[int, int]] | None = None) -> None:
        if focus is None:
            self.spans = sorted(set(_scan(text)))
        else:
            self.spans = _scan_around(text, focus)
        self._starts = [s for s, _, _ in self.spans]
        self._reach = list(accumulate((e for _, e, _ in self.spans), max, initial=0))

    def reason(self, start: int, end: int) -> str | None:
        """Why [start, end) is not a quantity, or None when nothing blocks it."""
        i = bisect_right(self._starts, end - 1)  # spans[:i] start before `end`
        if self._reach[i] <= start:  # and none of them reaches `start`: most numbers
            return None
        for k in range(i - 1, -1, -1):
            _, e, why = self.spans[k]
            if start < e:
                return why
        return None
