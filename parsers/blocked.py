"""Spans that look numeric but are not quantities: dates, years, terms, ordinals, codes.

The rules live in `data/non_quantities.tsv`, one a row with the reason, its trigger
words and an example (`rules.py`), so a reader can see and extend what is excluded
without reading code.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from baocao.parsers.rules import not_figures
from baocao.parsers.triggers import Places


class Blocked:
    """The non-quantity spans of one text, queried by overlap."""

    def __init__(self, text: str, places: Places) -> None:
        found = {
            (start, end, rule.name)
            for rule in not_figures()
            for start, end in rule.spans(text, places)
            if end > start
        }
        self.spans = sorted(found)
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
