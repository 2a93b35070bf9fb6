"""Spans that look numeric but are not quantities: dates, years, terms, ordinals, codes.

The patterns live in `data/non_quantities.tsv` with the reason for each, so a
reader can see (and extend) what is excluded without reading code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from parsers.lexicon import rows


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((reason, re.compile(pattern)) for reason, pattern in rows("non_quantities.tsv"))


class Blocked:
    """The non-quantity spans of one text, queried by overlap."""

    def __init__(self, text: str) -> None:
        spans = []
        for reason, pattern in _patterns():
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    spans.append((m.start(), m.end(), reason))
        spans.sort()
        self.spans = spans
        self._starts = [s for s, _, _ in spans]

    def reason(self, start: int, end: int) -> str | None:
        """Why [start, end) is not a quantity, or None when nothing blocks it."""
        i = bisect_right(self._starts, end - 1)
        for s, e, why in reversed(self.spans[max(0, i - 64) : i]):
            if s < end and start < e:
                return why
        return None
