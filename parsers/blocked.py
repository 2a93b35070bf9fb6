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


RADIUS = 32  # no pattern reaches further than this from a digit it contains
_DIGITS = re.compile(r"\d+")


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text around digits; a pattern that needs a digit lies inside one."""
    out: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        a, b = max(0, m.start() - RADIUS), min(len(text), m.end() + RADIUS)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


class Blocked:
    """The non-quantity spans of one text, queried by overlap."""

    def __init__(self, text: str) -> None:
        spans = []
        windows = _digit_windows(text)
        whole = [(0, len(text))]
        for reason, pattern in _patterns():
            # Patterns that need a digit are looked for only where digits are (speed);
            # the others (`lần thứ tám`) over the whole text.
            for a, b in windows if "\\d" in pattern.pattern else whole:
                for m in pattern.finditer(text, a, b):
                    if m.end() > m.start():
                        spans.append((m.start(), m.end(), reason))
        spans = sorted(set(spans))
        self.spans = spans
        self._starts = [s for s, _, _ in spans]

    def reason(self, start: int, end: int) -> str | None:
        """Why [start, end) is not a quantity, or None when nothing blocks it."""
        i = bisect_right(self._starts, end - 1)
        for s, e, why in reversed(self.spans[max(0, i - 64) : i]):
            if s < end and start < e:
                return why
        return None
