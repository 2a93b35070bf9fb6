"""Numbers as Vietnamese writes them.

`.` groups thousands and `,` marks decimals (`2.227.360.000`, `5,3`). The
exceptions are forced by meaning or shape: `1.3 triệu` (a dot before fewer or
more than three digits is a decimal point, as in English-style headlines) and
`12,683 lượt đoàn viên` (people are whole: a comma before exactly three digits
groups thousands when the thing counted cannot be fractional). When both
separators appear, the last one is the decimal mark (`1.234,5`, `1,234.5`).
"""

from __future__ import annotations

import re

# A numeral: digit groups of three (`2.227.360.000`) or plain digits, with decimals.
# Written as one leading `\d` so that `re` can skip ahead to digits quickly.
NUMBER_TEXT = r"\d(?:\d{0,2}(?:[.,]\d{3})+(?:[.,]\d+)?|\d*(?:[.,]\d+)?)"
_GROUPED_DOTS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_GROUPED_COMMAS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_CELL = re.compile(r"^\s*[+-]?\d[\d.,]*\s*$")


def parse_number(s: str, whole: bool = False) -> float | None:
    """The value of a numeral; `whole=True` when the quantity cannot be fractional."""
    s = s.strip()
    if not s or not s[0].isdigit():
        return None
    has_dot, has_comma = "." in s, "," in s
    try:
        if has_dot and has_comma:
            if s.rfind(",") > s.rfind("."):
                return float(s.replace(".", "").replace(",", "."))
            return float(s.replace(",", ""))
        if has_dot:
            if _GROUPED_DOTS.match(s):
                return float(s.replace(".", ""))
            return float(s) if s.count(".") == 1 else None
        if has_comma:
            if _GROUPED_COMMAS.match(s) and (whole or s.count(",") > 1):
                return float(s.replace(",", ""))
            return float(s.replace(",", ".")) if s.count(",") == 1 else None
        return float(s)
    except ValueError:
        return None


def cell_number(value: str) -> float | None:
    """A table cell's value when the whole cell is a number (`04` -> 4, `-` -> None)."""
    if not _CELL.match(value):
        return None
    return parse_number(value.strip().lstrip("+"))


def plain(value: float | None) -> str:
    """A number as a plain numeral: `2227360000`, `5.3`; never `2.23e9`."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return format(value, ".15g") if "e" not in format(value, ".15g") else f"{value:f}".rstrip("0")
