"""Roman numerals and list letters, both ways: `IV` <-> 4, `c` <-> 3, `aa` <-> 27.

Section markers are read with these (`sections.py`) and Word's list numbers are
written with them (`numbering.py`), so that both agree on what `XL` or `aa` is.
"""

from __future__ import annotations

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_WRITE = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip


def roman_value(s: str) -> int:
    """`XIV` -> 14 (subtractive pairs counted the usual way; no validation)."""
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = ROMAN[a]
        total += -v if b in ROMAN and ROMAN[b] > v else v
    return total


def to_roman(n: int) -> str:
    """14 -> `XIV`; zero and negatives have no roman numeral, so they stay arabic."""
    if n <= 0:
        return str(n)
    out = []
    for value, letters in _WRITE:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def to_letters(n: int) -> str:
    """1 -> `a`, 26 -> `z`, 27 -> `aa`, 28 -> `bb`: Word's way of going past z."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
