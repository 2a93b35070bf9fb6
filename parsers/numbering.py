"""Word's automatic list numbering, counted the way Word counts it.

A numbered paragraph stores no marker: it points (`w:numPr`: a `numId` and a
level) at a `w:num`, which points at a `w:abstractNum` whose level says the
format (`upperRoman`, `decimal`, `lowerLetter`, ...) and the text (`%1.`,
`%1)`, `%1.%2.`). Counters belong to the abstract list, so two `w:num`s of one
list continue each other unless one overrides its start; a level restarts when
a level above it is used. The marker a reader sees (`II.`, `2.`, `b)`) is what
section finding needs, so it is rendered here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from baocao.parsers.numerals import to_letters, to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False  # `w:isLgl`: every number of the label in arabic
    suffix: str = "tab"


@dataclass
class _List:
    levels: dict[int, Level]
    counters: list[int | None] = field(default_factory=lambda: [None] * LEVELS)
    style_link: str | None = None  # `w:numStyleLink`: the levels live in a numbering style
    level_styles: dict[str, int] = field(default_factory=dict)  # paragraph style -> level


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int]  # level -> start override
    levels: dict[int, Level]  # level -> whole level override
    used: bool = False


def _int(el: etree._Element | None, default: int) -> int:
    try:
        return int(el.get(f"{W}val")) if el is not None else default
    except (TypeError, ValueError):
        return default


def _level(lvl: etree._Element) -> Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(f"{W}{tag}")
        return el.get(f"{W}val", default) if el is not None else default

    legal = lvl.find(f"{W}isLgl")
    return Level(
        fmt=val("numFmt", "decimal"),
        text=val("lvlText", ""),
        start=_int(lvl.find(f"{W}start"), 1),
        legal=legal is not None and legal.get(f"{W}val", "1") not in ("0", "false"),
        suffix=val("suff", "tab"),
    )


def _levels(parent: etree._Element) -> dict[int, Level]:
    return {_int_attr(lvl, "ilvl"): _level(lvl) for lvl in parent.iterchildren(f"{W}lvl")}


def _int_attr(el: etree._Element, name: str) -> int:
    try:
        return int(el.get(f"{W}{name}", "0"))
    except ValueError:
        return 0


class Numbering:
    """Labels for numbered paragraphs, in document order (call `label` for each)."""

    def __init__(
        self,
        root: etree._Element | None,
        style_numbering: Callable[[str | None], etree._Element | None],
    ):
        self.lists: dict[str, _List] = {}
        self.nums: dict[str, _Num] = {}
        self.style_numbering = style_numbering
        if root is None:
            return
        for a in root.iterchildren(f"{W}abstractNum"):
            link = a.find(f"{W}numStyleLink")
            lst = _List(_levels(a), style_link=link.get(f"{W}val") if link is not None else None)
            for lvl in a.iterchildren(f"{W}lvl"):
                if (ps := lvl.find(f"{W}pStyle")) is not None:
                    lst.level_styles[ps.get(f"{W}val", "")] = _int_attr(lvl, "ilvl")
            self.lists[a.get(f"{W}abstractNumId", "")] = lst
        for n in root.iterchildren(f"{W}num"):
            abstract = n.find(f"{W}abstractNumId")
            starts, levels = {}, {}
            for o in n.iterchildren(f"{W}lvlOverride"):
                i = _int_attr(o, "ilvl")
                if (s := o.find(f"{W}startOverride")) is not None:
                    starts[i] = _int(s, 1)
                if (lvl := o.find(f"{W}lvl")) is not None:
                    levels[i] = _level(lvl)
            key = abstract.get(f"{W}val", "") if abstract is not None else ""
            self.nums[n.get(f"{W}numId", "")] = _Num(key, starts, levels)

    def label(self, p: etree._Element) -> str | None:
        """The marker Word shows before paragraph `p`, or None when it has none."""
        num_id, ilvl, style = self._num_pr(p)
        num = self.nums.get(num_id or "")
        lst = self._list_of(num) if num else None
        if num is None or lst is None:
            return None
        if ilvl is None:  # the style gave the list, the list's levels name the style's level
            ilvl = lst.level_styles.get(style or "", 0)
        if not 0 <= ilvl < LEVELS:
            return None
        levels = {**lst.levels, **num.levels}
        if not num.used:
            num.used = True
            for i, start in num.starts.items():
                if 0 <= i < LEVELS:
                    lst.counters[i] = start - 1
        level = levels.get(ilvl, Level())
        current = lst.counters[ilvl]
        lst.counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            lst.counters[deeper] = None
        return self._render(level, levels, lst.counters) or None

    def _list_of(self, num: _Num) -> _List | None:
        """A list's own levels, or, for one that links a numbering style (Word's
        multilevel heading lists), the levels of the list that style points at."""
        lst = self.lists.get(num.abstract)
        for _ in range(3):  # a link leads to a list, not to another link; stop regardless
            if lst is None or lst.style_link is None:
                return lst
            pr = self.style_numbering(lst.style_link)
            num_id = pr.find(f"{W}numId") if pr is not None else None
            linked = self.nums.get(num_id.get(f"{W}val", "")) if num_id is not None else None
            target = self.lists.get(linked.abstract) if linked else None
            if target is None or target is lst:
                return lst
            lst = target
        return lst

    def _num_pr(self, p: etree._Element) -> tuple[str | None, int | None, str | None]:
        """(numId, level, paragraph style): level None when only the style numbers it
        and says no level."""
        ppr = p.find(f"{W}pPr")
        own = ppr.find(f"{W}numPr") if ppr is not None else None
        style_el = ppr.find(f"{W}pStyle") if ppr is not None else None
        style = style_el.get(f"{W}val") if style_el is not None else None
        inherited = self.style_numbering(style)
        num_id = ilvl = None
        for pr in (inherited, own):  # the paragraph's own settings win
            if pr is None:
                continue
            if (n := pr.find(f"{W}numId")) is not None:
                num_id = n.get(f"{W}val")
            if (lv := pr.find(f"{W}ilvl")) is not None:
                ilvl = _int(lv, 0)
        if num_id in (None, "0"):  # numId 0 switches a style's numbering off
            return None, 0, style
        if ilvl is None and own is not None:
            ilvl = 0
        return num_id, ilvl, style

    @staticmethod
    def _render(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
        if level.fmt == "bullet":
            text = level.text
            return "•" if text and "\uf000" <= text[0] <= "\uf0ff" else text
        out = level.text
        for i in range(LEVELS - 1, -1, -1):  # %10 does not exist; go high to low anyway
            token = f"%{i + 1}"
            if token not in out:
                continue
            lv = levels.get(i, Level())
            n = counters[i] if counters[i] is not None else lv.start
            fmt = "decimal" if level.legal else lv.fmt
            out = out.replace(token, _format(n, fmt))
        return out


FORMATS: dict[str, Callable[[int], str]] = {
    "upperRoman": to_roman,
    "lowerRoman": lambda n: to_roman(n).lower(),
    "upperLetter": lambda n: to_letters(n).upper(),
    "lowerLetter": to_letters,
    "decimalZero": lambda n: f"{n:02d}",
    "none": lambda n: "",
}  # and `decimal`, the default for the many formats Vietnamese documents do not use


def _format(n: int, fmt: str) -> str:
    return FORMATS.get(fmt, str)(n)
