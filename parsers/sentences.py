"""Sentence boundaries inside a block, for the `sentence` column of a figure.

A block (paragraph, cell, footnote) never shares a sentence with another. Inside
one, a sentence ends at `.`, `!` or `?` followed by space and a capital or an
opening quote, except after a short abbreviation (`Tp.`, `TS.`, `ThS.`).
"""

from __future__ import annotations

import re

_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(\-–]?[A-ZĐÀ-Ỹ0-9])")
_ABBREV_BEFORE = re.compile(r"(?:^|\s)(?:[A-ZĐ][a-zđ]{0,3}|[A-ZĐ]{1,3})\.$")
ABBREV_REACH = 7  # the longest text _ABBREV_BEFORE can match, and one character more


def sentence_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    block = text[start:end]
    pos = offset - start
    s_start, s_end = 0, len(block)
    for m in _END.finditer(block):
        if _ABBREV_BEFORE.search(block, max(0, m.start() - ABBREV_REACH), m.start()):
            continue
        if m.end() <= pos:
            s_start = m.end()
        elif m.start() >= pos:
            s_end = m.start()
            break
    return block[s_start:s_end].strip()
