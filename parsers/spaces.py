"""Whitespace collapsed the way a browser lays text out, quickly.

`str.split()` splits on exactly the characters that `re`'s `\\s` matches
(`str.isspace`: tabs, newlines, NBSP, U+2028...), in a tight C loop: several
times faster on long text than a regex substitution. Zero-width spaces and
byte-order marks, which Word scatters in its HTML, count as space here too.
"""

from __future__ import annotations

_INVISIBLE = ("\u200b", "\ufeff")


def _visible(raw: str) -> str:
    for ch in _INVISIBLE:
        if ch in raw:
            raw = raw.replace(ch, " ")
    return raw


def words(raw: str) -> list[str]:
    """The whitespace-separated words of a text."""
    return _visible(raw).split()


def squash(raw: str) -> str:
    """Every run of whitespace as one space, and none at the edges."""
    return " ".join(words(raw))
