"""Citations of legal and administrative documents.

Three shapes, as Vietnamese documents cite:
1. a type word and an official number: `Quyết định số 9737/QĐ-UBND ngày 13/10/2023`,
   `chỉ thị 42/CT-TW`, `Nghị quyết số 120/2020/QH14\\nngày 19 tháng 6 năm 2020`;
2. a law by its name, closed by a date or by the end of the name:
   `Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015`, `Luật Bảo hiểm y tế`;
3. an elliptical `số 83/2015/QH13 ngày ...` in a list after a typed citation.
The date joins the mention when it follows directly; the issuer (`của Bộ Chính trị`)
goes in its column, not the mention. A line that starts `Số:` is the document's own
number, not a citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from baocao.parsers.document import Document, Reference
from baocao.parsers.header import iso_date
from baocao.parsers.letters import UPPER
from baocao.parsers.lexicon import table, words
from baocao.parsers.rules import first_word
from baocao.parsers.triggers import Places

NUMBER = rf"\d+(?:/\d{{2,4}})?\s?[/-]\s?{UPPER}[\wĐđ&.]*(?:\s?[/-]\s?[\wĐđ&]+)*"
DATE = (
    r"(?P<date>ngày\s+(?P<d1>\d{1,2})\s*[/.-]\s*(?P<m1>\d{1,2})\s*[/.-]\s*(?P<y1>\d{4})"
    r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))"
)
DATE_AFTER = re.compile(rf"\s*,?\s*(?:ban\s+hành\s+)?{DATE}", re.I)
ISSUER_START = re.compile(rf"\s*,?\s*của\s+(?={UPPER})")
# A word of an issuer's name; `Bà Rịa - Vũng Tàu`, `Lao động - Thương binh`: a spaced dash
# between capitalised words joins them.
ISSUER_WORD = re.compile(rf"[ \t]*\n?[ \t]*((?:[-–][ \t]+(?={UPPER}))?[\wĐđ&]+(?:[.-][\wĐđ&]+)*)")
MAX_ISSUER_WORDS = 10
WORDS = re.compile(r"\w+")
OWN_NUMBER = re.compile(r"(?:^|\n)\s*Số\s*[:.]?\s*$", re.I)


def _alternation(phrases: Iterable[str]) -> str:
    """Phrases of a word list as one alternation, longest first, any spaces between words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


def _typed_pattern(types: list[str]) -> re.Pattern[str]:
    alternation = _alternation(types)
    return re.compile(rf"(?P<type>{alternation})\s+(?:số\s*[:.]?\s*)?(?P<number>{NUMBER})", re.I)


@cache
def _typed_by_first_word() -> dict[str, re.Pattern[str]]:
    """The citation pattern for the types that open with each first word (small letters):
    a citation is looked for only where a type's first word stands."""
    groups: dict[str, list[str]] = {}
    for t in words("reference_types.txt"):
        groups.setdefault(first_word(t), []).append(t)
    return {word: _typed_pattern(types) for word, types in groups.items()}


def _typed_matches(text: str, places: Places) -> Iterator[re.Match[str]]:
    patterns = _typed_by_first_word()
    after = 0
    for start, word in places.of(tuple(patterns)):
        if start >= after and (m := patterns[word].match(text, start)):
            yield m
            after = m.end()


ELLIPTIC = re.compile(rf"số\s*[:.]?\s*(?P<number>{NUMBER})", re.I)


@cache
def _types() -> dict[str, str]:
    return {t.lower(): t for t in words("reference_types.txt")}


def extract(doc: Document) -> Document:
    text, places = doc.text, doc.places
    refs = _typed_refs(text, places)
    refs += _law_refs(text, places, refs)
    refs += _elliptic_refs(text, places, refs)
    doc.references = sorted(refs, key=lambda r: r.start)
    return doc


def _canonical_type(written: str) -> str:
    return _types().get(" ".join(written.lower().split()), written)


def _tidy_number(n: str) -> str:
    return "".join(n.split()).rstrip(".")


def _typed_refs(text: str, places: Places) -> list[Reference]:
    out = []
    for m in _typed_matches(text, places):
        if OWN_NUMBER.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        ref = Reference(
            m.start(), m.end(), _canonical_type(m.group("type")), _tidy_number(m.group("number"))
        )
        _close(text, ref)
        out.append(ref)
    return out


def _elliptic_refs(text: str, places: Places, found: list[Reference]) -> list[Reference]:
    """`...; số 83/2015/QH13 ngày ...`: a number in a list continues the citation before it."""
    out, after = [], 0
    for start, _ in places.of(("số",)):
        m = ELLIPTIC.match(text, start) if start >= after else None
        if m is None:
            continue
        after = m.end()
        if _inside(found, m.start()):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start : m.start()].strip():  # `Số: 06/BC-LHH`: the document's own
            continue
        before = [r for r in found if r.end <= m.start() and m.start() - r.end < 200]
        if not before or not re.search(
            r"[;,]\s*$", text[before[-1].end : m.start()].split("\n")[-1] or ";"
        ):
            continue
        ref = Reference(m.start(), m.end(), before[-1].doc_type, _tidy_number(m.group("number")))
        _close(text, ref)
        out.append(ref)
    return out


def _inside(found: list[Reference], pos: int) -> bool:
    """Whether a citation already found covers `pos` (a loop: asked for every `số`)."""
    for r in found:
        if r.start <= pos < r.end:
            return True
    return False


def _close(text: str, ref: Reference) -> None:
    """Extend through a date that follows directly; read the issuer that follows it."""
    d = DATE_AFTER.match(text, ref.end)
    if d:
        ref.date = iso_date(d["d1"] or d["d2"], d["m1"] or d["m2"], d["y1"] or d["y2"])
        ref.end = d.end()
    ref.issuer = _issuer_after(text, ref.end)
    if not ref.issuer and ref.number:
        ref.issuer = _issuer_from_code(ref.number)


@cache
def _issuer_stops() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Stop phrases by their first word, in file order."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in words("issuer_stops.txt"):
        out.setdefault(phrase.split()[0], []).append(tuple(phrase.split()))
    return {first: tuple(stops) for first, stops in out.items()}


def _issuer_after(text: str, pos: int) -> str | None:
    """`của Thủ tướng Chính phủ về ...` -> `Thủ tướng Chính phủ`: capitalised first word,
    then any words up to a verb or function word (`và` only before a capital)."""
    start = ISSUER_START.match(text, pos)
    if not start:
        return None
    names: list[str] = []
    at = start.end()
    while len(names) < MAX_ISSUER_WORDS:
        w = ISSUER_WORD.match(text, at)
        if not w or w.group(1)[0].isdigit():
            break
        word = w.group(1)
        stop = _stop_at(text, word, w.end())
        if stop == ("và",):
            nxt = ISSUER_WORD.match(text, w.end())
            if nxt and nxt.group(1)[0].isupper():
                names.append(word)
                at = w.end()
                continue
        if stop:
            break
        names.append(word)
        at = w.end()
    return " ".join(names).strip(" ,.") or None


def _stop_at(text: str, word: str, end: int) -> tuple[str, ...] | None:
    """The stop phrase that `word` (ending at `end`) opens, if any: `về`, `ban hành`."""
    candidates = _issuer_stops().get(word.lower())
    if not candidates:
        return None
    ahead = [word.lower()] + [x.lower() for x in WORDS.findall(text, end, end + 20)[:2]]
    return next((st for st in candidates if tuple(ahead[: len(st)]) == st), None)


def _issuer_from_code(number: str) -> str | None:
    codes = table("issuer_codes.tsv")
    parts = re.split(r"/", number)
    last = parts[-1] if parts else ""
    if last in codes:
        return codes[last]
    tail = last.split("-")[-1]
    return codes.get(tail)


# -- laws by name ------------------------------------------------------------------
@cache
def _law_stops() -> frozenset[str]:
    return frozenset(words("law_name_stops.txt"))


@cache
def _law_exclusions() -> frozenset[str]:
    return frozenset(words("law_name_exclusions.txt"))


LAW_TYPES = ("Bộ luật", "Luật", "Hiến pháp", "Pháp lệnh")  # cited by name, not number


LAW = re.compile(
    rf"(?<![\w])(?P<type>{'|'.join(LAW_TYPES)})\s+"
    rf"(?={UPPER}|(?:{_alternation(words('law_name_openers.txt'))})\s)"
)
NAME_PHRASE = re.compile(rf"\s*(?:{_alternation(words('law_name_phrases.txt'))})(?!\w)", re.I)
LAW_WORDS = tuple({first_word(t): None for t in LAW_TYPES})
AMENDING = re.compile(r"[Ss]ửa\s+đổi,?\s+bổ\s+sung(?:\s+một\s+số\s+điều)?(?:\s+của)?\s+", re.S)
NAME_WORD = re.compile(r"\s*([^\W\d_]+)")
LAW_NUMBER = re.compile(rf"\s*(?:số\s*)?(?P<number>{NUMBER})")
AND = re.compile(r"\s+và\s+")
BLANK_LINE = re.compile(r"\s*\n\s*\n")
ASSOCIATION_BEFORE = re.compile(r"\bHội\s*$")


def _law_refs(text: str, places: Places, found: list[Reference]) -> list[Reference]:
    out: list[Reference] = []
    exclusions = _law_exclusions()
    for start, _ in places.of(LAW_WORDS):
        m = LAW.match(text, start)
        if (
            m is None
            or _inside(found, m.start())
            or (
                out and m.start() < out[-1].end  # law names found here follow one another
            )
        ):
            continue
        if ASSOCIATION_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
            continue  # Hội Luật gia: an association
        first = NAME_WORD.match(text, m.end())
        if not first or first.group(1) in exclusions:
            continue
        end = _law_name_end(text, m.end())
        if end <= m.end():
            continue
        ref = Reference(m.start(), end, _canonical_type(m.group("type")), None)
        num = LAW_NUMBER.match(text, end)
        if num and "/" in num.group("number"):
            ref.number, ref.end = _tidy_number(num.group("number")), num.end()
        _close(text, ref)
        out.append(ref)
    return out


def _law_name_end(text: str, pos: int) -> int:
    """End of a law's name: before its date, its number, punctuation or a verb."""
    end, count = pos, 0
    amend = AMENDING.match(text, pos)
    if amend:  # `Luật Sửa đổi, bổ sung một số điều của Luật A và Luật B`
        end = pos = amend.end()
        nxt = LAW.match(text, pos)
        while nxt:
            end = _law_name_end(text, nxt.end())
            join = AND.match(text, end)
            nxt = LAW.match(text, join.end()) if join else None
        return end
    while count < 14:
        if phrase := NAME_PHRASE.match(text, end):  # `, chống`, `có công với cách mạng`
            end, count = phrase.end(), count + 1
            continue
        w = NAME_WORD.match(text, end)
        if not w or w.group(1).lower() in _law_stops() or w.start(1) - end > 2:
            break
        if BLANK_LINE.match(text, end, w.start(1)):
            break
        end, count = w.end(), count + 1
    return end
