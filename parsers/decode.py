"""Bytes to Unicode, honestly: say what the bytes were and whether the label lied.

Order of evidence (WHATWG's, plus one rule the Vietnamese web needs): a BOM wins;
then bytes that are valid UTF-8 *and* hold multi-byte sequences are UTF-8 whatever
a stale `<meta>` says, because Latin-1 or windows-1258 text almost never forms
valid UTF-8 by chance; then the HTTP header, then `<meta>`, then detection.
Legacy font encodings (TCVN3, VNI) hide inside "valid" single-byte text, so they
are looked for afterwards by `parsers.legacy`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can stand behind."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # what the bytes were: utf-8, windows-1258, tcvn3, ...
    declared: str | None  # what the header or meta said, if anything
    mislabeled: bool  # the declaration disagreed with the bytes
    utf8_as_is: bool = False  # `text` is the bytes decoded as UTF-8 and nothing else

    @property
    def provenance(self) -> str:
        if self.mislabeled and self.declared:
            return f"{self.encoding} (declared {self.declared})"
        return self.encoding


# Python's codec names to the labels the web (and our users) know them by.
_WEB_NAMES = {
    "cp1258": "windows-1258",
    "cp1252": "windows-1252",
    "iso8859-1": "iso-8859-1",
    "latin-1": "iso-8859-1",
    "cp1250": "windows-1250",
    "utf-8-sig": "utf-8",
}


def canonical(name: str | None) -> str | None:
    if not name:
        return None
    try:
        pyname = codecs.lookup(name).name.replace("_", "-")
    except LookupError:
        return None
    return _WEB_NAMES.get(pyname, pyname)


def declared_charset(raw: bytes, content_type: str | None = None) -> str | None:
    """The charset the server or the page claims: header first, as a browser does."""
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m and canonical(m.group(1)):
            return canonical(m.group(1))
    m = _META_CHARSET.search(raw[:8192])
    return canonical(m.group(1).decode("ascii", "ignore")) if m else None


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # not tab, newline, form feed, return


def _is_binary(raw: bytes) -> bool:
    head = raw[:4096]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(raw: bytes, content_type: str | None = None) -> Decoded:
    """Decode a page or text file; the result is NFC."""
    declared = declared_charset(raw, content_type)
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return _done(raw[len(bom) :].decode(enc, "replace"), enc, declared)
    if _is_binary(raw):
        raise DecodeError("binary content, not text")
    utf8 = _strict(raw, "utf-8")
    if utf8 is not None and not utf8.isascii():
        return _done(utf8, "utf-8", declared, utf8_of=raw)
    if utf8 is not None:  # pure ASCII
        return _done(utf8, declared or "ascii", declared)
    if declared and declared not in WESTERN and (text := _strict(raw, declared)) is not None:
        return _done(text, declared, declared)
    text, enc = _guess(raw, declared)
    return _done(text, enc, declared)


# Single-byte charsets whose letters a legacy Vietnamese font re-uses: a page that says
# it is one of these (or says nothing) may really be TCVN3, VNI or windows-1258.
WESTERN = frozenset({"windows-1252", "iso-8859-1", "iso8859-15", "ascii"})
_TAGS = re.compile(rb"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def _guess(raw: bytes, declared: str | None) -> tuple[str, str]:
    """The reading of non-UTF-8 bytes in which most words are Vietnamese syllables:
    the declared charset, windows-1258, a legacy font encoding, or the detector's pick."""
    from baocao.parsers import legacy

    prose = _TAGS.sub(b" ", raw)
    surface = legacy.surface_decode(prose)
    candidates: dict[str, str] = {}
    for enc in filter(None, (declared, _detected_name(raw), "windows-1258")):
        if (text := _strict(prose, enc)) is not None:
            candidates[enc] = unicodedata.normalize("NFC", text)
    found = legacy.detect(surface)
    if found:
        candidates[found] = legacy.convert(surface, found)
    best = max(candidates, key=lambda enc: legacy.valid_share(candidates[enc]), default=None)
    if best in legacy.LEGACY:
        return legacy.restore_capitals(legacy.convert(legacy.surface_decode(raw), best)), best
    enc = best or "windows-1258"
    return raw.decode(enc, "replace"), enc


def _detected_name(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:65536]).best()
    return canonical(best.encoding) if best is not None else None


def _done(text: str, encoding: str, declared: str | None, utf8_of: bytes | None = None) -> Decoded:
    """`utf8_of`: the bytes `text` was decoded from as UTF-8, when it was."""
    enc = canonical(encoding) or encoding
    mislabeled = bool(declared) and declared != enc and not (declared == "ascii")
    if utf8_of is not None and _utf8_is_nfc(utf8_of):
        return Decoded(text, enc, declared, mislabeled, utf8_as_is=True)
    nfc = unicodedata.normalize("NFC", text)
    return Decoded(nfc, enc, declared, mislabeled, utf8_as_is=utf8_of is not None and nfc is text)


_ASCII = bytes(range(128))
_ACCENTS = (b"\xcc", b"\xcd")  # UTF-8 of U+0300-U+037F: the marks an ASCII letter takes


def _utf8_is_nfc(raw: bytes) -> bool:
    """Whether valid UTF-8 `raw` is in NFC, read from its non-ASCII characters alone: a
    page is mostly ASCII markup, and checking every character of it cost more than
    decoding it. Sound: an ASCII character is a starter already in NFC that composes
    only with a following mark of U+0300-U+036F (none here), and it separates the
    characters on either side, so no composition or reordering is lost by dropping
    it (at worst one is imagined, and the caller normalises as before). False when
    unsure."""
    if any(mark in raw for mark in _ACCENTS):
        return False
    return unicodedata.is_normalized("NFC", raw.translate(None, _ASCII).decode("utf-8"))
