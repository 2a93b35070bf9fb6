"""Every figure in a report: value, kind, unit, qualifier, and its exact span.

For each numeral (digits, or a word numeral before a counted noun) that no
non-quantity pattern covers (`blocked.py`), read what follows it: a multiplier
(`triệu`), a unit (`đồng`, `ha`, `%`), a time word, or a counted noun. A number
with nothing after it is a figure only when a noun stands before it
(`Ban chấp hành: 27`, `tổng số hội viên tập thể là 3`). Then the qualifier
nearest the number, ranges, rates (`/suất`, `mỗi xã`), fractions (`145/151 xã`),
and the organisation the clause credits (`Hội Đông Y: ...`).
"""

from __future__ import annotations

import re
from functools import cache

from baocao.parsers.blocked import Blocked
from baocao.parsers.document import Document, Quantity
from baocao.parsers.glue import split_glued
from baocao.parsers.lexicon import table, words
from baocao.parsers.matchkey import match_key
from baocao.parsers.numbers import NUMBER_TEXT, parse_number
from baocao.parsers.phrases import (
    colon_before,
    kind_cues,
    last_word,
    money_cues,
    phrase_after,
    phrase_before,
    qualifiers,
)
from baocao.parsers.rules import vocabulary
from baocao.parsers.sentences import line_bounds
from baocao.parsers.syllables import is_syllable
from baocao.parsers.triggers import Places
from baocao.parsers.units import (
    counted_noun,
    match_multiplier,
    match_unit,
    noun_before,
    opens_noun,
)

NUMBER = re.compile(rf"(?<![\d.,])(?:{NUMBER_TEXT})(?![\d])")
NUMERAL = re.compile(rf"(?:{NUMBER_TEXT})(?![\d])")  # NUMBER, but where NUMBER begins: below
SPACE_AND_WORD = re.compile(r"\s+[^\W\d_]")  # what follows a word numeral that counts
RANGE_JOIN = re.compile(r"\s*(?:[-–—]|đến|tới)\s*")
TRAILING_CUE = re.compile(r"(?:\b(?:là|đạt|lên đến|lên tới|gồm|có)|:)\s*$", re.I)
CLAUSE_START = re.compile(r"[;:!?\n(]|[.,](?=\s)")
FRACTION = re.compile(r"/(\d{1,6})(?![\d/])")  # `145/151 xã`
GLUED_AFTER = re.compile(r"[\w%]")
FROM_BEFORE = re.compile(r"\btừ\s*$", re.I)
PER_SLASH = re.compile(r"\s*/\s*([^\W\d_]+)")  # `500.000 đồng/suất`
EACH = re.compile(r"\bmỗi\s+([^\W\d_]+)", re.I)
EACH_WORD = re.compile("mỗi", re.I)
WHOLE_KINDS = ("people", "count")
MIN_PROSE_LINE = 40  # a `Label: N` line shorter than this is page furniture


def _reading(
    start: int,
    end: int,
    value: float,
    raw: float,
    kind: str,
    unit: str | None,
    unit_raw: str | None,
    value_max: float | None = None,
    qualifier: str = "exact",
    denominator: float | None = None,
) -> Quantity:
    """A figure as first read; qualifier, range, rate and kind cue refine it in place."""
    return Quantity(
        start,
        end,
        kind,
        value,
        unit,
        qualifier,
        value_max,
        denominator=denominator,
        value_raw=raw,
        unit_raw=unit_raw,
    )


@cache
def _word_numbers() -> dict[str, int]:
    return {k: int(v) for k, v in table("word_numbers.tsv").items()}


@cache
def _word_numerals() -> tuple[str, ...]:
    return tuple(w.lower() for w in _word_numbers())


def extract(doc: Document) -> Document:
    doc.quantities = find_quantities(doc.text, doc.places)
    labels = Labels(doc.text)
    for q in doc.quantities:
        q.subject = labels.subject_at(q.start)
    return doc


def find_quantities(text: str, places: Places | None = None) -> list[Quantity]:
    """The figures of `text`; `places`, its trigger words, when a `Document` has them."""
    places = places or Places(text, vocabulary())
    numerals = _numerals(text, places)
    blocked = Blocked(text, places)
    out: list[Quantity] = []
    taken_until = -1
    for m in numerals:
        if m[0] < taken_until or blocked.reason(m[0], m[1]):
            continue
        if not _clean_left(text, m[0]):
            continue
        reading = _read(text, m, blocked)
        if reading is None:
            continue
        taken_until = reading.end
        out.append(reading)
    return out


def _numerals(text: str, places: Places):
    """Numerals in digits, and word numerals (`ba`, `mười`) followed by a word."""
    found = [
        (m.start(), m.end(), m.group(0), False)
        for m in NUMERAL.finditer(text)  # (a look-behind first would make `re` try every place)
        if not m.start() or not (text[m.start() - 1].isdigit() or text[m.start() - 1] in ".,")
    ]
    for at, word in places.of(_word_numerals()):
        end = at + len(word)
        if SPACE_AND_WORD.match(text, end):
            found.append((at, end, text[at:end], True))
    return sorted(found)


def _clean_left(text: str, start: int) -> bool:
    """Reject `Q1`, `A1`, `COVID-19`, `=445`: a number glued to a code, not to a word."""
    if start == 0:
        return True
    before = text[start - 1]
    if before in "-–/+=_#@$\\" or before.isdigit():
        return False
    if before.isalpha():  # `trên100ha`, `dựng02`: a word glued by a lost line break
        word = last_word(text, start) or ""
        return word.islower() and (is_syllable(word) or bool(split_glued(word)))
    return True


def _read(text: str, m, blocked: Blocked) -> Quantity | None:
    start, end, written, is_word = m
    raw = float(_word_numbers().get(written.lower(), 0)) if is_word else parse_number(written)
    if raw is None:
        return None
    r = _after(text, start, end, raw, written, is_word) or _unit_after_range(text, start, end, raw)
    if r is None:
        if is_word:
            return None
        r = _money_by_context(text, start, end, raw) or _noun_first(text, start, end, raw)
        if r is None:
            return None
    if r.qualifier != "range":
        _range(text, r, blocked)
    _qualifier(text, r)
    _rate(text, r)
    _kind_cue(text, r)
    return r


def _kind_cue(text: str, r: Quantity) -> None:
    """A word before the number that decides the kind: `gấp 2,6 lần` is a ratio (other)."""
    found = phrase_before(text, r.start, kind_cues())
    if found:
        r.kind = found[1]


def _after(text: str, start: int, end: int, raw: float, written: str, is_word: bool):
    """Read the multiplier, unit or counted noun after a numeral."""
    pos, factor, unit_raw = end, 1.0, []
    mult = None if is_word else match_multiplier(text, pos)
    if mult:
        unit_raw.append(text[pos : mult[0]].strip())
        pos, factor = mult
    denominator = None
    fraction = factor == 1 and not is_word and text.startswith("/", pos)  # (what it opens with)
    frac = FRACTION.match(text, pos) if fraction else None
    if frac:
        denominator, pos = float(frac.group(1)), frac.end()
    unit = None if is_word else match_unit(text, pos)
    if unit and opens_noun(text, unit[0], unit[1].written):  # the longer reading: `đồng chí`
        noun = counted_noun(text, pos)
        unit = None if noun and noun.kind and noun.end > unit[0] else unit
    if unit:
        u_end, u = unit
        if u.kind == "duration" and (factor > 1 or denominator):
            unit = None
        else:
            unit_raw.append(text[pos:u_end].strip())
            return _reading(
                start,
                u_end,
                raw * factor * u.factor,
                raw,
                u.kind,
                u.unit,
                " ".join(unit_raw),
                denominator=denominator,
            )
    noun = counted_noun(text, pos)
    if noun and (noun.kind or not is_word):
        kind = noun.kind or "count"
        whole = parse_number(written, whole=True) if kind in WHOLE_KINDS and factor == 1 else None
        value = (whole if whole is not None else raw) * factor
        if _is_money_word(noun.written):
            return _reading(start, pos, value, raw, "money", "VND", " ".join(unit_raw) or None)
        unit_raw.append(noun.written)
        return _reading(
            start,
            noun.end,
            value,
            whole or raw,
            kind,
            noun.unit,
            " ".join(unit_raw),
            denominator=denominator,
        )
    if factor > 1:  # `250triệu;`: a bare multiplier is an amount of money
        return _reading(start, pos, raw * factor, raw, "money", "VND", " ".join(unit_raw))
    return None


def _unit_after_range(text: str, start: int, end: int, raw: float) -> Quantity | None:
    """`130-150%`, `10.000 – 12.000 suất`: the unit is written once, after the second."""
    j = RANGE_JOIN.match(text, end)
    m = NUMBER.match(text, j.end()) if j else None
    if not m:
        return None
    second = _after(text, m.start(), m.end(), parse_number(m.group(0)) or 0.0, m.group(0), False)
    if second is None or not second.value_raw or second.value_raw <= raw:
        return None
    scale = second.value / second.value_raw
    return _reading(
        start,
        second.end,
        raw * scale,
        raw,
        second.kind,
        second.unit,
        second.unit_raw,
        value_max=second.value,
        qualifier="range",
    )


def _is_money_word(noun: str) -> bool:
    return match_key(noun).split()[0] in ("tiền", "kinh", "vốn")


MIN_AMOUNT = 1000  # a bare number named as money is đồng: smaller ones are something else


def _money_by_context(text: str, start: int, end: int, raw: float) -> Quantity | None:
    """`trị giá hơn 200.000`, `kinh phí: 35.000.000`: a number with no unit of its own,
    named as money by the words before it (parsers/data/money_cues.txt), is đồng."""
    if raw < MIN_AMOUNT:
        return None
    qual = phrase_before(text, start, qualifiers("before"))
    cue_end = colon_before(text, qual[0] if qual else start)
    if not phrase_before(text, cue_end, money_cues()):
        return None
    if counted_noun(text, end) or GLUED_AFTER.match(text, end):
        return None
    return _reading(start, end, raw, raw, "money", "VND", None)


def _noun_first(text: str, start: int, end: int, raw: float) -> Quantity | None:
    """`Ban chấp hành: 27`, `số người ... lên đến trên 1.200`: the noun precedes."""
    qual = phrase_before(text, start, qualifiers("before"))
    cue_end = qual[0] if qual else start
    cue = TRAILING_CUE.search(text[max(0, cue_end - 12) : cue_end])
    if not cue:
        return None
    if counted_noun(text, end) or GLUED_AFTER.match(text, end):
        return None
    cue_start = max(0, cue_end - 12) + cue.start()
    if cue.group(0).strip() == ":" and _line_length(text, start) < MIN_PROSE_LINE:
        return None  # `Khách: 3` on a line of its own is a widget or a form, not prose
    window = max(0, cue_start - 120)
    clause = max((m.end() for m in CLAUSE_START.finditer(text, window, cue_start)), default=window)
    found = noun_before(text, clause, cue_start)
    if not found:
        return None
    written, kind = found
    return _reading(start, end, raw, raw, kind, written.lower(), None)


def _line_length(text: str, offset: int) -> int:
    start, end = line_bounds(text, offset)
    return end - start


def _qualifier(text: str, r: Quantity) -> None:
    """`hơn`, `ít nhất`… right before the number; `trở lên` right after its unit."""
    found = phrase_before(text, r.start, qualifiers("before"))
    if found:
        r.start = found[0]
        if r.qualifier != "range":  # a range keeps its qualifier, and has none after
            r.qualifier = found[1]
    if r.qualifier == "range":
        return
    found = phrase_after(text, r.end, qualifiers("after"))
    if found:
        r.end, r.qualifier = found


def _range(text: str, r: Quantity, blocked: Blocked) -> None:
    """`10.000 – 12.000 suất`, `130-150%`, `từ 200.000đ đến 500.000đ`."""
    first_num = NUMBER.match(text, r.start)
    join_at = first_num.end() if first_num else r.end
    for anchor in (r.end, join_at):
        j = RANGE_JOIN.match(text, anchor)
        if not j:
            continue
        m = NUMBER.match(text, j.end())
        if not m or blocked.reason(r.start, m.end()):
            continue
        top = parse_number(m.group(0), whole=r.kind in WHOLE_KINDS)
        if top is None:
            continue
        second = _after(text, m.start(), m.end(), top, m.group(0), False)
        scale = r.value / r.value_raw if r.value_raw else 1.0
        r.value_max = second.value if second and second.kind == r.kind else top * scale
        if r.value_max <= r.value:
            r.value_max = None
            return
        r.qualifier = "range"
        r.end = max(r.end, second.end if second and second.kind == r.kind else m.end())
        if FROM_BEFORE.search(text[max(0, r.start - 5) : r.start]):
            r.start = (
                text.rfind("từ", 0, r.start) if "từ" in text[r.start - 5 : r.start] else r.start
            )
        return


def _rate(text: str, r: Quantity) -> None:
    m = PER_SLASH.match(text, r.end)
    if m and r.denominator is None:
        r.per = m.group(1).lower()
        return
    reach = max(0, r.start - 80)
    if not EACH_WORD.search(text, reach, r.start):
        return  # no `mỗi` before the number in reach: most numbers
    clause_start = max(
        (c.end() for c in CLAUSE_START.finditer(text, reach, r.start)), default=reach
    )
    each = list(EACH.finditer(text[clause_start : r.start]))
    if each:
        r.per = each[-1].group(1).lower()


# -- subject -------------------------------------------------------------------
@cache
def _org_heads() -> str:
    return "|".join(sorted((re.escape(w) for w in words("org_heads.txt")), key=len, reverse=True))


@cache
def _org_head() -> re.Pattern[str]:
    return re.compile(_org_heads())


@cache
def _org_label() -> re.Pattern[str]:
    name = r"(?:\s*[^\W\d_][\w&.-]*){0,6}?"
    return re.compile(rf"((?:{_org_heads()}){name})\s*:")


LABEL_OPENERS = ".;(…]"  # a label opens a clause: at a line start or after one of these


def _labels(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The `Hội X:` labels of the line text[start:end]: where an organisation word
    opens a clause (quick to find), the label is read."""
    out, pos = [], start
    while head := _org_head().search(text, pos, end):
        p = q = head.start()
        while q > start and text[q - 1].isspace():
            q -= 1
        m = None
        if p == start or (q > start and text[q - 1] in LABEL_OPENERS):
            m = _org_label().match(text, p, end)
        if m:
            out.append(m)
            pos = m.end()
        else:
            pos = p + 1
    return out


class Labels:
    """The `Hội X:` labels of a text, found once per line and asked for per figure."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, list[re.Match[str]]] = {}

    def subject_at(self, offset: int) -> str | None:
        """The organisation a clause credits: the last `Hội X:` label before the figure
        in the same block (footnotes list one association after another this way)."""
        line_start, line_end = line_bounds(self.text, offset)
        labels = self._lines.get(line_start)
        if labels is None:
            has_colon = self.text.find(":", line_start, line_end) >= 0  # every label has one
            found = _labels(self.text, line_start, line_end) if has_colon else []
            labels = self._lines[line_start] = found
        before = [m for m in labels if m.end() <= offset]
        return before[-1].group(1).strip() if before else None
