"""Legacy Vietnamese font encodings: TCVN3 (ABC, `.VnTime`) and VNI (`VNI-Times`).

Such text hides inside "valid" single-byte text: `th¸ng ®Çu n¨m` is TCVN3 for
`tháng đầu năm`. The conversion tables come from `viparse` (MIT), which derived
them from real government documents; this module decides *when* to use them:

- from font hints, when markup names the font (`.VnTime`, `VNI-Times`): only those
  runs are converted, and an `H` font (`.VnTimeH`) draws capitals, so its text is
  upper-cased;
- from the characters themselves, when nothing names a font: a conversion is
  accepted only if it makes markedly more of the words valid Vietnamese
  syllables, so ordinary Unicode or Latin-1 text is never touched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from baocao.parsers.syllables import is_syllable

LEGACY = ("tcvn3", "vni")
MIN_GAIN = 0.25  # the share of valid syllables must rise by this much
MIN_VALID = 0.75  # and reach this share after conversion
MIN_WORDS = 5
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]“”\"'/\\-]+")
_FONT_HINT = re.compile(r"(\.Vn[A-Za-z]+|VNI[- ][A-Za-z]+)", re.I)


@cache
def _pairs(name: str) -> tuple[tuple[str, str], ...]:
    from viparse.normalize.encodings import get_charmap

    charmap = get_charmap(name)
    if charmap is None:
        raise LookupError(f"no legacy table {name!r}; known: {', '.join(LEGACY)}")
    return charmap.pairs


@cache
def _pattern(name: str) -> re.Pattern[str]:
    pairs = _pairs(name)
    return re.compile("|".join(re.escape(src) for src, _ in pairs))


def convert(text: str, name: str) -> str:
    """Replace every legacy sequence (longest first) and compose to NFC."""
    table = dict(_pairs(name))
    out = _pattern(name).sub(lambda m: table[m.group(0)], text)
    return unicodedata.normalize("NFC", out)


def font_encoding(style_or_face: str) -> tuple[str, bool] | None:
    """(encoding, capitals) for a CSS font-family or `<font face>` naming a legacy font."""
    m = _FONT_HINT.search(style_or_face or "")
    if not m:
        return None
    font = m.group(1)
    name = "vni" if font.upper().startswith("VNI") else "tcvn3"
    capitals = font.endswith("H") and name == "tcvn3"  # .VnTimeH, .VnArialH draw capitals
    return name, capitals


def valid_share(text: str) -> float:
    words = [w for w in _WORD.findall(text) if any(c.isalpha() for c in w)]
    if not words:
        return 0.0
    return sum(is_syllable(w) for w in words) / len(words)


_VIETNAMESE_LATIN1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý\u00a0°"
_FOREIGN_LATIN1 = re.compile(
    "[" + "".join(chr(c) for c in range(0x80, 0x100) if chr(c) not in _VIETNAMESE_LATIN1) + "]"
)  # what TCVN3 and VNI text is full of, and Unicode Vietnamese has next to none of
SUSPECT_SHARE = 0.005
SAMPLE = 50_000  # characters enough to tell an encoding


def might_be_legacy(text: str) -> bool:
    """A cheap look before `detect`: a text with next to no Latin-1 characters that
    Vietnamese does not use cannot be TCVN3 or VNI."""
    sample = text[:SAMPLE]
    odd = len(_FOREIGN_LATIN1.findall(sample))
    return odd >= MIN_WORDS and odd >= SUSPECT_SHARE * len(sample)


def detect(text: str) -> str | None:
    """The legacy encoding the text is in, or None when it reads as it is."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    before = valid_share(text)
    best, best_share = None, before
    for name in LEGACY:
        share = valid_share(convert(text, name))
        if share > best_share:
            best, best_share = name, share
    if best and best_share >= MIN_VALID and best_share - before >= MIN_GAIN:
        return best
    return None


def restore_capitals(text: str) -> str:
    """A `.VnTimeH` heading typed with Shift decodes with lowercase toned letters
    (`KếT QUả`); a line whose plain letters are all capitals is upper-cased."""
    out = []
    for line in text.split("\n"):
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
            line = line.upper()
        out.append(line)
    return "\n".join(out)


def surface_decode(raw: bytes) -> str:
    """Bytes as a legacy font shows them: windows-1252, with its five holes as Latin-1."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) if b >= 0x80 else chr(b) for b in raw
    )
