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

from baocao.parsers.document import Block
from baocao.parsers.letters import LOWER, UPPER
from baocao.parsers.lexicon import table, words
from baocao.parsers.syllables import is_syllable

MOTTO = re.compile(
    r"(?i:CỘNG\s+H[OÒ]À?\s*A?\s*XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc)"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",  # the Party's documents carry its name instead
)
# The motto cut after `CỘNG` (`CỘNG` / `HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`) is still the motto.
MOTTO_TAIL = re.compile(r"^H[OÒ]À?\s*A?\s*XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
DATE_LINE = re.compile(
    r"(?:(?P<place>[^\W\d_][^,\n]{1,40}?)\s*,\s*)?ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.I,
)
NUMBER_LINE = re.compile(r"(?<![\w])Số\s*[:.]?\s*(?P<num>\d[\w/.\-–]*[\w])", re.I)
CAPACITY = re.compile(rf"\b(?:TM|KT|TL|TUQ|Q)\s*\.\s*{UPPER}(?:{UPPER}| ){{2,40}}(?<! )")
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
    """`BÁO CÁO` -> `Báo cáo` when the whole line is a document type word (markdown's
    `**` and `##` around it aside)."""
    return _doc_types().get(WS.sub(" ", line.strip(" *#_\t").lower()))


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
MARKUP = re.compile(r"\*+|^#{1,6}\s+|^>\s*|</?\w+>?")  # markdown and stray tags around cells
COLUMNS = re.compile(r"\s{3,}|\s*\|\s*|[_\-=*~]{3,}")  # what stands between header columns
NUMBER = re.compile(
    r"(?:(?<!\w)(?:Số|SỐ)\s*(?:hiệu\s*)?[:.]?|(?<!\w)số\s*:)\s*(?P<num>(?:\d+|…|\.{2,})[\w.]*(?:\s*[/\-–]\s*[\w.&]+)*)"
)
MOTTO_ANYWHERE = re.compile(MOTTO_TAIL.pattern.lstrip("^") + r"|^CỘNG$", re.I)
DRAFT = re.compile(r"^dự\s+thảo\s+", re.I)  # `DỰ THẢO KẾ HOẠCH`: a draft is still a plan
TITLE_LEAD = re.compile(r"^(?:V/v|Về\s+việc)\b", re.I)
PLACE_WORD = re.compile(rf"^(?:{UPPER}|TP\.|TX\.)|^[-–]$")
PLACE_WORDS = 5
PLACE_LINKS = frozenset({"phố", "xã", "thị", "trấn"})  # `Thành phố`, `Thị trấn` in a place


@cache
def _lower_list(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in words(name))


@cache
def _opening(name: str) -> re.Pattern[str]:
    """One pattern for a list of opening words: the part's first words, whole."""
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _lower_list(name))
    return re.compile(rf"(?:{alts})(?=[\s:]|$)", re.I)


def _opens_with(part: str, name: str) -> bool:
    return _opening(name).match(part.lstrip()) is not None


def is_body_opener(line: str) -> bool:
    """`Căn cứ …`, `Thực hiện …`: the document's text has begun."""
    line = line.lstrip(" *_#>")
    return not is_upper_line(line) and _opens_with(line, "body_openers.txt")


def header_parts(line: str) -> list[str]:
    """A header line cut into its cells (columns, `|` cells, rules) without markup; a
    type word run into its title in capitals (`KẾ HOẠCH TRIỂN KHAI …`) is two cells."""
    line = MARKUP.sub(" ", line)
    line = MOTTO_ANYWHERE.sub(" | ", MOTTO.sub(" | ", line))
    parts = [p for p in (WS.sub(" ", x).strip(" -–:") for x in COLUMNS.split(line)) if p]
    return [cell for p in parts for cell in _type_and_title(p)]


def _type_and_title(part: str) -> list[str]:
    if not part.isupper() or " " not in part:
        return [part]  # (only capitals can be a type word run into its title)
    words_ = part.split(" ")
    for n in (3, 2, 1):
        head, rest = " ".join(words_[:n]), " ".join(words_[n:])
        if rest and head.isupper() and is_upper_line(rest) and doc_type_of(head):
            return [head, rest]
    return [part]


def _place_before(text: str) -> str | None:
    """The place named just before `, ngày`: capitalised words, read backwards."""
    toks = text.split()
    picked: list[str] = []
    for tok in reversed(toks):
        low = tok.lower()
        if len(picked) >= PLACE_WORDS or any(c.isdigit() for c in tok) or "/" in tok:
            break
        if picked and len(tok) > 1 and tok.isupper() != picked[-1].isupper():
            break  # `KỸ THUẬT TỈNH Long An`: the issuer column ends where the place begins
        if PLACE_WORD.match(tok) or (picked and low in PLACE_LINKS):
            picked.append(tok)
            continue
        break
    while picked and not PLACE_WORD.match(picked[-1]) or (picked and picked[-1] in "-–"):
        picked.pop()
    return " ".join(reversed(picked)) or None


def _date_and_place(parts: list[str], meta: dict[str, str | None]) -> None:
    """The first calendar date in a `…, ngày d tháng m năm y` line, read in one cell,
    else across cells that the layout cut apart."""
    if not any("ngày" in p.lower() for p in parts):
        return
    cells = [NUMBER.sub(" | ", p) for p in parts if not is_body_opener(p)]
    pairs = [" ".join(cells[max(0, i - 1) : i + 1]) for i in range(len(cells))]
    for text in [*pairs, " ".join(cells)]:
        if "ngày" not in text.lower():
            continue
        for m in DATE_LINE.finditer(text):
            iso = iso_date(m["d"], m["m"], m["y"])
            if iso:
                meta["issued_date"] = iso
                before = text[: m.start("d")].rsplit("ngày", 1)[0].rstrip(", ")
                meta["place"] = _place_before(before)
                return


def _bodies(parts: list[str]) -> list[str]:
    """Issuer lines grouped into bodies: a line that opens with an organisation word
    starts one, unless the body above is still only its head (`ỦY BAN NHÂN DÂN`)."""
    bodies: list[str] = []
    for part in parts:
        head = WS.sub(" ", bodies[-1].lower()) if bodies else ""
        bare = head in _lower_list("bare_org_heads.txt")
        sub_body = bare and part.lower().split(" ", 1)[0] == head.split(" ", 1)[0]
        if bodies and ((bare and not sub_body) or not _opens_with(part, "org_head_words.txt")):
            bodies[-1] = f"{bodies[-1]} {part}"
        else:
            bodies.append(part)
    return bodies


def parse_header(text: str, blocks: list[Block]) -> dict[str, str | None]:
    """Fields from the blocks before the body (the caller passes only those).

    The header is read as a reader reads it, field by field: the number after `Số`,
    the date line and the place before it, the type line, the title under it (or a
    `V/v` subject line), and the issuer lines before the type line."""
    meta: dict[str, str | None] = {}
    zone = MOTTO.sub("\n|\n", "\n".join(text[b.start : b.end] for b in blocks))
    parts = [p for line in zone.split("\n") for p in header_parts(line)]
    _date_and_place(parts, meta)
    left: list[str] = []
    title: list[str] = []
    typed = dated = False
    for part in parts:
        numbered = False
        if "doc_number" not in meta and (m := NUMBER.search(part)):
            meta["doc_number"] = WS.sub("", m["num"])
            part, numbered = (part[: m.start()] + " " + part[m.end() :]).strip(), True
        if "ngày" in part.lower() and (m := DATE_LINE.search(part)):
            dated = True  # the date is the header's last row: no issuer line below it
            part = (part[: m.start()] + " " + part[m.end() :]).strip(" .,")
        if not part or MOTTO.fullmatch(part) or MOTTO_TAIL.match(part):
            continue
        if not typed and not numbered and (dt := doc_type_of(DRAFT.sub("", part.rstrip(":")))):
            meta["doc_type"], typed = dt, True
            continue
        if typed or TITLE_LEAD.match(part):
            title.append(part)
        elif is_upper_line(part) and len(part) <= 80 and not title and not dated:
            left.append(part)
    meta["document_title"] = _title_lines(title)
    bodies = _bodies(left)
    shown = meta.get("doc_number") or meta.get("issued_date") or typed or "|" in zone
    if bodies and shown:  # capitals above no header are a headline, not an issuer
        meta["issuer"] = name_case(bodies[-1])
        meta["parent_issuer"] = name_case(bodies[-2]) if len(bodies) > 1 else None
    return {k: v for k, v in meta.items() if v is not None or k == "parent_issuer"}


def _title_lines(parts: list[str]) -> str | None:
    """The subject under the type line: capitals lines while they last, or one line of
    prose; a line naming the enacting body (`CHÍNH PHỦ`) ends it."""
    out: list[str] = []
    for part in parts:
        if out and _opens_with(part, "enactors.txt"):
            break
        if out and is_upper_line(part) != is_upper_line(out[0]):
            break
        if out and not is_upper_line(part) and not _goes_on(out[-1], part):
            break
        if part.startswith("(") or is_body_opener(part):
            break
        out.append(part)
    return " ".join(out) or None


def _goes_on(prev: str, nxt: str) -> bool:
    """A prose title's line goes on in the next after a comma or an open word."""
    return prev.endswith(",") or nxt[:1].islower() or ends_open(prev)


@cache
def _open_words() -> frozenset[str]:
    return frozenset(words("open_words.txt"))


def ends_open(line: str) -> bool:
    """The line ends on a word no phrase ends on (`của`, `và`): it goes on in the next."""
    return line.rsplit(" ", 1)[-1].lower() in _open_words()


def enacting_type(line: str) -> str | None:
    """`QUYẾT ĐỊNH:` alone on its line, after a decision's preamble."""
    clean = WS.sub(" ", MARKUP.sub(" ", line)).strip()
    if not clean.endswith(":"):
        return None
    return table("enacting_words.tsv").get(clean[:-1].strip().lower())


# -- signature ---------------------------------------------------------------
@cache
def _name_pattern() -> re.Pattern[str]:
    sur = "|".join(sorted(words("surnames.txt"), key=len, reverse=True))
    return re.compile(rf"\b(?:{sur})(?:\s+{UPPER}{LOWER}+){{1,4}}\b")


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile(
        r"^(?:(?:P|Q|PHÓ|QUYỀN)\.?\s*)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|BÍ\s+THƯ|"
        r"CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+PHÒNG|TỔNG\s+THƯ\s+KÝ|THƯỜNG\s+TRỰC|VIỆN\s+TRƯỞNG|"
        r"HIỆU\s+TRƯỞNG|CỤC\s+TRƯỞNG|BỘ\s+TRƯỞNG|THỦ\s+TRƯỞNG|TRƯỞNG\s+ĐOÀN|CHỦ\s+NHIỆM)\b.*$"
    )


def parse_signature(text: str, blocks: list[Block]) -> dict[str, str | None]:
    """Capacity, title and name; the name is the first line that is a name and nothing
    else (a place or a street in the page's footer also looks like one)."""
    meta: dict[str, str | None] = {}
    alone = False
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
                whole = m.group(0) == part.strip(" .")
                if whole and not alone or "signer" not in meta:
                    meta["signer"], alone = m.group(0), whole
    return meta


SIGNATURE_TAIL = 15  # a signature without `TM.`/`KT.` is looked for in the last lines
SIGNATURE_LINES = 4  # a signer's title stands at most this many lines above the name


def signature_start(text: str, blocks: list[Block]) -> int | None:
    """Index of the first block of the signature area, if there is one: `Nơi nhận`, a
    capacity (`TM.`, `KT.`), or else a signer's title in capitals with a name below it
    (`PHÓ CHỦ TỊCH UBND HUYỆN` / `Phạm Văn Hoàn`), the title taken with any line of
    capitals right above it (`KÍNH THƯ`)."""
    for i, b in enumerate(blocks):
        line = text[b.start : b.end]
        if RECIPIENTS.match(line) or CAPACITY.match(line.strip()):
            return i
    tail = max(0, len(blocks) - SIGNATURE_TAIL)  # only at the end of the text
    lines = [text[b.start : b.end].strip(" *_") for b in blocks]
    for i, line in enumerate(lines):
        if i < tail or not _title_pattern().match(line):
            continue
        below = lines[i + 1 : i + 1 + SIGNATURE_LINES]
        if any(_name_pattern().fullmatch(x.strip(" .")) for x in below):
            while i > 0 and is_upper_line(lines[i - 1]) and len(lines[i - 1]) <= 40:
                i -= 1
            return i
    return None
