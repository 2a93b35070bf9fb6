"""Sentence boundaries inside a block, for the `sentence` column of a figure.

A block (paragraph, cell, footnote) never shares a sentence with another. Inside
one, a sentence ends at `.`, `!` or `?` followed by space and a capital or an
opening quote, except after a short abbreviation (`Tp.`, `TS.`, `ThS.`).
"""

from __future__ import annotations

import re

from parsers.fastre import FastPattern

# The end mark and the space after it: found from the marks (`str.find`), which
# are few, rather than by trying a look-behind at every character.
_END = FastPattern(r"[.!?…]\s+(?=[\"“(\-–]?[A-ZĐÀ-Ỹ0-9])")
_ABBREV_BEFORE = re.compile(r"(?:^|\s)(?:[A-ZĐ][a-zđ]{0,3}|[A-ZĐ]{1,3})\.$")
ABBREV_REACH = 7  # the longest text _ABBREV_BEFORE can match, and one character more


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the line (a block of the document) that holds `offset`."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


class Sentences:
    """The sentences of a text's blocks, split once per block and asked for per figure."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._blocks: dict[int, list[tuple[int, int]]] = {}

    def at(self, offset: int) -> str:
        """The sentence holding `offset`, stripped."""
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
        return text[start + s_start : start + s_end].strip()


def _ends(block: str) -> list[tuple[int, int]]:
    """The gaps between sentences: after `.`, `!`, `?` or `…`, before a capital."""
    gaps = [(m.start() + 1, m.end()) for m in _END.finditer(block)]
    return [
        (a, b) for a, b in gaps if not _ABBREV_BEFORE.search(block, max(0, a - ABBREV_REACH), a)
    ]
