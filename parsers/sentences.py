"""Sentence boundaries inside a block, for the `sentence` column of a figure.

A block (paragraph, cell, footnote) never shares a sentence with another. Inside
one, a sentence ends at `.`, `!` or `?` followed by space and a capital or an
opening quote, except after a short abbreviation (`Tp.`, `TS.`, `ThS.`).
"""

from __future__ import annotations

import re

from baocao.parsers.letters import LOWER, UPPER

_END = re.compile(rf"[.!?…]\s+(?=[\"“(\-–]?(?:{UPPER}|[0-9]))")  # the mark and the space after
_ABBREV_BEFORE = re.compile(rf"(?:^|\s)(?:{UPPER}{LOWER}{{0,3}}|{UPPER}{{1,3}})\.$")
ABBREV_REACH = 7  # the longest text _ABBREV_BEFORE can match, and one character more
MAX_SENTENCE = 600  # a longer "sentence" (a list of figures with no full stop) is cut
CONTEXT = 280  # characters kept on each side of the figure in a cut sentence


LINE_REACH = 4000  # how far from a figure its line is looked at: a longer line is cut


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the line (a block of the document) that holds `offset`, within
    LINE_REACH of it: asked once per figure, so that a paragraph of a million characters
    costs each figure the same small search, not a scan of the whole paragraph."""
    lo, hi = max(0, offset - LINE_REACH), min(len(text), offset + LINE_REACH)
    start = text.rfind("\n", lo, offset) + 1 or lo
    end = text.find("\n", offset, hi)
    return start, hi if end < 0 else end


class Sentences:
    """The sentences of a text's blocks, split once per block and asked for per figure."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._blocks: dict[int, list[tuple[int, int]]] = {}

    def at(self, offset: int, until: int | None = None) -> str:
        """The sentence holding `offset`, stripped; of a very long one, the words within
        CONTEXT characters of `offset`..`until`, so that a row's size stays bounded."""
        text = self.text
        start, end = line_bounds(text, offset)
        if start not in self._blocks:
            self._blocks[start] = _ends(text[start:end])
        ends = self._blocks[start]
        pos = offset - start
        s_start, s_end = 0, end - start
        for a, b in ends:
            if b <= pos:
                s_start = b
            elif a >= pos:
                s_end = a
                break
        a, b = start + s_start, start + s_end
        if b - a > MAX_SENTENCE:
            a, b = _window(text, a, b, offset, until if until is not None else offset)
        return text[a:b].strip()


def _window(text: str, a: int, b: int, start: int, end: int) -> tuple[int, int]:
    """Bounds within [a, b) around start..end, widened to the nearest spaces."""
    lo, hi = max(a, start - CONTEXT), min(b, end + CONTEXT)
    if lo > a:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < b:
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return lo, hi


def _ends(block: str) -> list[tuple[int, int]]:
    """The gaps between sentences: after `.`, `!`, `?` or `…`, before a capital."""
    gaps = [(m.start() + 1, m.end()) for m in _END.finditer(block)]
    return [
        (a, b) for a, b in gaps if not _ABBREV_BEFORE.search(block, max(0, a - ABBREV_REACH), a)
    ]
