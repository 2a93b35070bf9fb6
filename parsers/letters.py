"""Character classes for "a capital letter" and "a small letter", built from Unicode data.

`[A-ZĐÀ-Ỹ]` looks like "a Vietnamese capital" but the range À-Ỹ also holds 65 small
toned letters (`ấ`, `ở`, …), so `Luật ấy` would read as a law's name. These classes
hold exactly the letters that `str.isupper()` / `str.islower()` say, over the Latin
blocks Vietnamese is written in.
"""

from __future__ import annotations

import re

_LATIN = [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]


def _class(test) -> str:
    return "[" + "".join(re.escape(chr(c)) for c in _LATIN if test(chr(c))) + "]"


UPPER = _class(str.isupper)  # a capital letter, for use inside a regular expression
LOWER = _class(str.islower)  # a small letter
