"""A key for matching words, not for display: NFC, one tone placement, case-folded.

Editors mix tone placements (`hoà`/`hòa`, `thuỷ`/`thủy`, `Uỷ ban`/`Ủy ban`). The
published text is never changed (offsets point into it); lexicons and organisation
names are compared by this key instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONE = "[\u0300\u0301\u0303\u0309\u0323]"
# In an open syllable ending in oa/oe/uy, put the tone on the first vowel (`hoà` -> `hòa`).
# `qu` is an onset, so `quý` keeps its tone where it is.
_OPEN_GLIDE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])({_TONE})(?![^\W\d_])")


@lru_cache(maxsize=65536)
def match_key(word: str) -> str:
    """The key of a word or lexicon entry (remembered: a text repeats its words)."""
    return text_key(word)


def text_key(text: str) -> str:
    """The key of a stretch of running text (not remembered: nearly always new)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    moved = _OPEN_GLIDE.sub(r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", moved)
