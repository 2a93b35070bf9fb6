"""Header and signature of a Vietnamese administrative document (Decree 30/2020/NĐ-CP).

Left column: parent issuer, issuer, `Số: 06/BC-LHH`. Right column: the national
motto and `Long An, ngày 11 tháng 6 năm 2024`. Then the type (`BÁO CÁO`) and
title. At the end: `Nơi nhận`, the capacity (`TM. BAN THƯỜNG VỤ`), the title
(`P. CHỦ TỊCH`), `Đã ký` and the signer's name. Columns may arrive as table
cells or as one NBSP-padded line, so fields are searched for, not placed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from parsers.document import Block
from parsers.lexicon import table, words
from parsers.syllables import is_syllable

MOTTO = re.compile(
    r"CỘNG\s+H[OÒ]À?\s*A?\s*XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc",
    re.I,
)
# The motto cut after `CỘNG` (`CỘNG` / `HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`) is still the motto.
MOTTO_TAIL = re.compile(r"^H[OÒ]À?\s*A?\s*XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
DATE_LINE = re.compile(
    r"(?:(?P<place>[^\W\d_][^,\n]{1,40}?)\s*,\s*)?ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.I,
)
NUMBER_LINE = re.compile(r"(?<![\w])Số\s*[:.]?\s*(?P<num>\d[\w/.\-–]*[\w])", re.I)
CAPACITY = re.compile(r"\b(?:TM|KT|TL|TUQ|Q)\s*\.\s*[A-ZÀ-ỸĐ][A-ZÀ-ỸĐ ]{2,40}(?<! )")
RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận", re.I)
SIGNED = re.compile(r"\(?\s*Đã\s+ký\s*\)?", re.I)
WS = re.compile(r"\s+")


def is_upper_line(s: str) -> bool:
    letters = "".join(filter(str.isalpha, s))  # the loops in C: a header line is long
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.85


def iso_date(d: str | int, m: str | int, y: str | int) -> str | None:
    """ISO date, or None for a date that is not on the calendar (`31/02/2024`)."""
    import datetime as dt

    try:
        day = dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2100 else None


DMY = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b")


def dmy_to_iso(text: str | None) -> str | None:
    m = DMY.search(text or "")
    return iso_date(*m.groups()) if m else None


@cache
def _doc_types() -> dict[str, str]:
    return table("doc_types.tsv")


def doc_type_of(line: str) -> str | None:
    """`BÁO CÁO` -> `Báo cáo` when the whole line is a document type word."""
    return _doc_types().get(WS.sub(" ", line.strip().lower()))


# -- casing ------------------------------------------------------------------
@cache
def _name_terms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The name words by their first word, longest first."""
    terms = {tuple(t.lower().split()) for t in words("name_words.txt")}
    return _by_first_word(sorted(terms, key=len, reverse=True))


@cache
def _admin_units() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The administrative unit words by their first word, in the file's order."""
    return _by_first_word(tuple(t.lower().split()) for t in words("admin_units.txt"))


def _by_first_word(terms: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for term in terms:
        out.setdefault(term[0], []).append(term)
    return {first: tuple(group) for first, group in out.items()}


def _term_at(
    low: list[str], i: int, terms: dict[str, tuple[tuple[str, ...], ...]]
) -> tuple[str, ...] | None:
    """The first of the terms that begins with `low[i]` and stands at `i`."""
    return next((t for t in terms.get(low[i], ()) if tuple(low[i : i + len(t)]) == t), None)


def _is_abbreviation(word: str) -> bool:
    core = word.strip(".,;:()")
    return bool(core) and (not is_syllable(core) or "&" in core) and core.isupper()


def name_case(line: str) -> str:
    """Re-case an all-capitals organisation name the way it is written in prose."""
    toks = WS.sub(" ", line.replace("&", " và ")).strip().split(" ")
    low = [t.lower() for t in toks]
    out = list(low)
    i, place = 0, False
    while i < len(toks):
        if _is_abbreviation(toks[i]):
            out[i], i = toks[i], i + 1
            continue
        if place:
            out[i], i = low[i].capitalize(), i + 1
            continue
        unit = _term_at(low, i, _admin_units())
        if unit:
            i += len(unit)
            place = True
            continue
        term = _term_at(low, i, _name_terms())
        if term:
            out[i] = low[i].capitalize()
            i += len(term)
            continue
        i += 1
    if out and not _is_abbreviation(toks[0]):
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def title_case(title: str) -> str:
    """`P. CHỦ TỊCH` -> `Phó Chủ tịch`; `GIÁM ĐỐC` -> `Giám đốc`."""
    abbrev = table("abbreviations.tsv")
    toks = WS.sub(" ", title.replace(".", ". ")).strip().split(" ")
    expanded: list[str] = []
    for t in toks:
        expanded.extend(abbrev.get(t, t.lower()).split(" "))
    out = [w.lower() for w in expanded if w]
    if not out:
        return title
    out[0] = out[0].capitalize()
    if out[0] in ("Phó", "Quyền") and len(out) > 1:
        out[1] = out[1].capitalize()
    return " ".join(out)


# -- header ------------------------------------------------------------------
def parse_header(text: str, blocks: list[Block]) -> dict[str, str | None]:
    """Fields from the blocks before the body (the caller passes only those)."""
    meta: dict[str, str | None] = {}
    left: list[str] = []
    for b in blocks:
        line = text[b.start : b.end]
        for part in re.split(r"\s{3,}", line):
            _header_part(part.strip(), meta, left)
    if left:
        meta["parent_issuer"] = name_case(left[0]) if len(left) > 1 else None
        meta["issuer"] = name_case(" ".join(left[1:] if len(left) > 1 else left))
    return meta


def _header_part(part: str, meta: dict[str, str | None], left: list[str]) -> None:
    if not part:
        return
    # (DATE_LINE tries every start for its place; only a part with `ngày` can hold it.)
    if "issued_date" not in meta and "ngày" in part.lower() and (m := DATE_LINE.search(part)):
        meta["issued_date"] = iso_date(m["d"], m["m"], m["y"])
        meta["place"] = m["place"].strip() if m["place"] else None
        part = (part[: m.start()] + part[m.end() :]).strip()
    if "doc_number" not in meta and (m := NUMBER_LINE.search(part)):
        meta["doc_number"] = WS.sub("", m["num"])
        part = (part[: m.start()] + part[m.end() :]).strip()
    part = MOTTO.sub("", part).strip(" -–")
    if not part:
        return
    if "doc_type" not in meta and (dt := doc_type_of(part)):
        meta["doc_type"] = dt
        return
    if "doc_type" in meta:
        if is_upper_line(part):
            prev = meta.get("document_title")
            meta["document_title"] = f"{prev} {part}" if prev else part
        return
    if is_upper_line(part) and len(part) <= 80:
        left.append(part)


# -- signature ---------------------------------------------------------------
@cache
def _name_pattern() -> re.Pattern[str]:
    sur = "|".join(sorted(words("surnames.txt"), key=len, reverse=True))
    return re.compile(rf"\b(?:{sur})(?:\s+[A-ZÀ-ỸĐ][a-zà-ỹđ]+){{1,4}}\b")


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile(
        r"^(?:(?:P|Q|PHÓ|QUYỀN)\.?\s*)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|BÍ\s+THƯ|"
        r"CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+PHÒNG|TỔNG\s+THƯ\s+KÝ|THƯỜNG\s+TRỰC|VIỆN\s+TRƯỞNG|"
        r"HIỆU\s+TRƯỞNG|CỤC\s+TRƯỞNG|BỘ\s+TRƯỞNG|THỦ\s+TRƯỞNG|TRƯỞNG\s+ĐOÀN|CHỦ\s+NHIỆM)\b.*$"
    )


def parse_signature(text: str, blocks: list[Block]) -> dict[str, str | None]:
    meta: dict[str, str | None] = {}
    for b in blocks:
        line = text[b.start : b.end]
        for part in re.split(r"\s{3,}", line):
            part = RECIPIENTS.sub("", part).strip(" :")
            if not part or part.startswith(("-", "+")):
                continue
            if "signing_capacity" not in meta and (m := CAPACITY.search(part)):
                meta["signing_capacity"] = WS.sub(" ", m.group(0))
                part = part[m.end() :].strip()
            if "signer_title" not in meta and _title_pattern().match(part):
                meta["signer_title"] = title_case(part)
                continue
            if (m := _name_pattern().search(part)) and not SIGNED.fullmatch(part):
                meta["signer"] = m.group(0)
    return meta


def signature_start(text: str, blocks: list[Block]) -> int | None:
    """Index of the first block of the signature area, if there is one."""
    for i, b in enumerate(blocks):
        line = text[b.start : b.end]
        if RECIPIENTS.match(line) or CAPACITY.match(line.strip()):
            return i
    return None
