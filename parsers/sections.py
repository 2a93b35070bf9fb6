"""Sections from the numbering in the text, not from tags.

Vietnamese documents number their parts in a few fixed ways (parsers/data/markers.tsv):
`PHẦN THỨ NHẤT`, `Chương I`, `Mục 1`, `Điều 1.` in legal texts; `A.`, `I.`, `1.`,
`1.1.`, `a)` in reports and plans, with `/`, `-` and `)` for the dot. The level of a
heading is its depth in the document's own tree: a stack of the kinds open above
it. Kinds whose order is fixed (a `Chương` holds `Điều`, an article holds its
khoản `1.` and điểm `a)`) nest by rank; kinds of equal rank (`A.` and `I.`) nest
in the order the document first uses them. Real documents repeat a letter and jump
from `2.` to `4)`, so the numbers are checked only loosely, to tell a heading from a
numbered line that merely starts a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from baocao.parsers.document import Block, Section
from baocao.parsers.lexicon import rows, table, words
from baocao.parsers.numerals import roman_value

MAX_TITLE = 160  # a longer heading block is a numbered paragraph: its title ends at ':' or '.'
MARKUP = re.compile(r"^(?:#{1,6}\s+|>\s*)|\*\*|__")  # markdown around a heading: `#### I.`
GAP = re.compile(r"^[\s.:\-–—]+")
TOC_LEADER = re.compile(r"(?:\.{3,}|…+)\s*\d{1,3}$")  # `I. Mở đầu ........ 3`
TOC_PAGE = re.compile(r"\s\d{1,3}$")  # `I. Mở đầu 3`, on a short line
TOC_SHORT = 100
TOC_TAIL = 40  # a contents line's dot leaders and page number are at its end
HEAD_CHARS = 64  # a marker, markdown and all, stands within a line's first characters
ROMAN_MARKS = frozenset("IVXL")  # a section marker's roman numerals stay below C
ATTACHMENT = re.compile(r"^\(?\s*(?:Ban\s+hành\s+)?kèm\s+theo\b", re.I)
MAX_JUMP = 3  # `2.` may be followed by `4)`; a bigger jump is a numbered line, not a heading


@dataclass(frozen=True)
class MarkerKind:
    kind: str
    rank: int
    prefix: str
    numbering: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Heading:
    """A numbering marker found at the start of a line."""

    kind: str
    token: str  # the number as the section id writes it
    marker: str  # as written: `Điều 2.`, `1.1.`, `a)`
    rest: int  # where the title starts in the line
    value: int  # the number as a number, for the sequence check


@cache
def marker_kinds() -> tuple[MarkerKind, ...]:
    return tuple(
        MarkerKind(kind, int(rank), prefix, numbering, re.compile(pattern))
        for kind, rank, prefix, numbering, pattern in rows("markers.tsv")
    )


@cache
def _any_marker() -> re.Pattern[str]:
    """Every kind's pattern in one alternation, tried in the table's order: most lines
    open with no marker, and are passed over in one match."""
    parts = [
        f"(?P<k{i}>{mk.pattern.pattern.replace('(?P<n>', f'(?P<n{i}>')})"
        for i, mk in enumerate(marker_kinds())
    ]
    return re.compile("|".join(parts))


@cache
def _not_markers() -> tuple[str, ...]:
    return tuple(w.lower() for w in words("not_markers.txt"))


@cache
def _ordinals() -> dict[str, str]:
    return table("ordinal_words.tsv")


def _number(raw: str, numbering: str) -> tuple[str, int] | None:
    """(token, value) of a marker's number, or None when it is no number."""
    if raw.isdecimal():
        return str(int(raw)), int(raw)
    if numbering == "decimal":
        return raw, int(raw.split(".")[-1])
    if raw and all(c in ROMAN_MARKS for c in raw) and numbering in ("roman", "any"):
        return raw, roman_value(raw)
    if len(raw) == 1 and raw.isalpha():
        return raw, ord(raw.lower().replace("đ", "d")) - ord("a") + 1
    if numbering == "any" and raw[:-1].isdecimal():
        return raw, int(raw[:-1])  # `Điều 5a`
    word = _ordinals().get(raw.lower())
    return (word, int(word)) if word else None


def clean_line(line: str) -> str:
    """The line without markdown marks around its start (`#### I.`, `**Điều 1.**`).
    (A marker's `rest` is an offset into this cleaned line.)"""
    return MARKUP.sub("", line).strip() if ("*" in line[:8] or "#" in line[:1]) else line


def line_head(text: str, b: Block) -> str:
    """The start of a block's line: enough to tell whether a marker opens it, without
    copying a long paragraph."""
    return text[b.start : min(b.end, b.start + HEAD_CHARS)]


def heading_of(line: str) -> Heading | None:
    """The numbering marker that opens a line, if one does."""
    line = clean_line(line)
    if not _any_marker().match(line) or line[:8].lower().startswith(_not_markers()):
        return None
    for mk in marker_kinds():
        m = mk.pattern.match(line)
        if not m or not m.group("n"):
            continue
        num = _number(m.group("n"), mk.numbering)
        if num is None:
            continue
        rest = line[m.end() :]
        title = GAP.sub("", rest)
        glued = bool(rest) and not rest[0].isspace()
        loose = glued or m.group(0).rstrip().endswith("-") or mk.kind == "decimal"
        if title and title[0].islower() and loose:
            continue  # `1 - các`, `2.5 ha` and `I.các` are prose
        marker = re.sub(r"\s+", " ", m.group(0).strip())
        return Heading(mk.kind, num[0], marker, len(line) - len(rest), num[1])
    return None


def _title(text: str) -> str:
    title = GAP.sub("", MARKUP.sub("", text).replace("**", "")).strip()
    if len(title) > MAX_TITLE:
        cut = re.search(r"[:.](\s|$)", title)
        title = title[: cut.start() + 1] if cut and cut.start() < MAX_TITLE else title[:MAX_TITLE]
    return title


@dataclass
class _Open:
    """A heading on the stack while its children are read."""

    key: tuple[str, int]
    rank: int
    section: Section
    last_child: dict[tuple[str, int], int]  # (kind, depth) -> last number under it


def _key(h: Heading) -> tuple[str, int]:
    """Arabic `1.` and decimal `1.1.` are one family at different depths."""
    if h.kind in ("arabic", "decimal"):
        return ("num", h.token.count(".") + 1 if h.kind == "decimal" else 1)
    return (h.kind, 1)


@cache
def _kinds_by_name() -> dict[str, MarkerKind]:
    return {mk.kind: mk for mk in marker_kinds()}


def _rank(h: Heading) -> float:
    return _kinds_by_name()[h.kind].rank + (_key(h)[1] - 1) * 0.1


@dataclass
class _Candidate:
    index: int  # of the block
    heading: Heading
    title: str
    start: int
    tree: int  # 0 for the document, 1.. for its attachments
    paged: bool = False  # the line ends in a page number, as a contents line does
    leader: bool = False  # ... with dot leaders: a contents line wherever it stands


def find_sections(
    text: str, blocks: list[Block], body_end: int, attachments: list[int] | None = None
) -> list[Section]:
    """Sections over the body blocks and over attachments that begin after the body."""
    attachments = attachments or []
    cands = _candidates(text, blocks, body_end, attachments)
    cands = _without_contents(cands, blocks)
    sections: list[Section] = []
    stack: list[_Open] = []
    top_last: dict[tuple[str, int], int] = {}
    seen: dict[str, int] = {}
    tree = 0
    for c in cands:
        if c.tree != tree:
            tree, stack, top_last = c.tree, [], {}
        sec = _place(c, stack, top_last, seen)
        if sec is not None:
            sections.append(sec)
    _close(text, sections, body_end, attachments)
    return sections


def _in_scope(b: Block, body_end: int, attachments: list[int]) -> int | None:
    """0 inside the body, n inside the n-th attachment, None elsewhere."""
    if b.kind != "p":
        return None
    if b.start < body_end:
        return 0
    inside = [i for i, a in enumerate(attachments, 1) if b.start >= a]
    return inside[-1] if inside else None


def _candidates(
    text: str, blocks: list[Block], body_end: int, attachments: list[int]
) -> list[_Candidate]:
    out = []
    for i, b in enumerate(blocks):
        tree = _in_scope(b, body_end, attachments)
        if tree is None:
            continue
        h = heading_of(line_head(text, b))
        if h is None:
            continue
        line = text[b.start : b.end]
        title = _title(clean_line(line[: h.rest + 4 * MAX_TITLE])[h.rest :])
        if not title and i + 1 < len(blocks) and blocks[i + 1].kind == "p":
            nxt = text[blocks[i + 1].start : blocks[i + 1].end]
            if heading_of(nxt) is None:
                title = _title(nxt)  # a marker alone on its line: the title is the next
        leader = bool(TOC_LEADER.search(line[-TOC_TAIL:]))
        paged = leader or (len(line) < TOC_SHORT and TOC_PAGE.search(line) is not None)
        out.append(_Candidate(i, h, title, b.start, tree, paged, leader))
    return out


def _without_contents(cands: list[_Candidate], blocks: list[Block]) -> list[_Candidate]:
    """Drop a table of contents: headings listed back to back that come again later,
    or that end in a page number."""
    later: dict[tuple[str, str], int] = {}
    for c in cands:
        later[(c.heading.marker, c.title.lower())] = (
            later.get((c.heading.marker, c.title.lower()), 0) + 1
        )
    out = []
    for n, c in enumerate(cands):
        nxt = cands[n + 1] if n + 1 < len(cands) else None
        listed = nxt is not None and nxt.index == c.index + 1
        again = later[(c.heading.marker, c.title.lower())] > 1
        later[(c.heading.marker, c.title.lower())] -= 1
        if c.leader or (listed and (again or c.paged)):
            continue
        out.append(c)
    return out


def _plausible(h: Heading, last: dict[tuple[str, int], int]) -> bool:
    prev = last.get(_key(h))
    return prev is None or h.value == 1 or prev <= h.value <= prev + MAX_JUMP


def _place(
    c: _Candidate,
    stack: list[_Open],
    top_last: dict[tuple[str, int], int],
    seen: dict[str, int],
) -> Section | None:
    h, key, rank = c.heading, _key(c.heading), _rank(c.heading)
    depth = next((i for i, o in enumerate(stack) if o.key == key), None)
    if depth is None:
        depth = len(stack)
        while depth and stack[depth - 1].rank > rank:
            depth -= 1
    last = stack[depth - 1].last_child if depth else top_last
    if not _plausible(h, last):
        return None
    del stack[depth:]
    last[key] = h.value
    parent = stack[-1].section if stack else None
    token = _kinds_by_name()[h.kind].prefix + _token(h, parent)
    path = f"{parent.section_id}.{token}" if parent else token
    if c.tree and not parent:
        path = f"PL{c.tree}.{path}"
    seen[path] = seen.get(path, 0) + 1
    sid = path if seen[path] == 1 else f"{path}~{seen[path]}"
    sec = Section(
        section_id=sid,
        parent_id=parent.section_id if parent else None,
        level=len(stack) + 1,
        number=h.marker,
        title=c.title,
        start=c.start,
        end=c.start,
        kind=h.kind,
    )
    stack.append(_Open(key, rank, sec, {}))
    return sec


def _token(h: Heading, parent: Section | None) -> str:
    """A decimal `1.2.` under `1.` is `2` in the path; without its parent, all of it."""
    if h.kind != "decimal":
        return h.token
    head, _, tail = h.token.rpartition(".")
    if parent is not None and parent.number.rstrip(".)").strip() == head:
        return tail
    return h.token


def _close(
    text: str,
    sections: list[Section],
    body_end: int,
    attachments: list[int],
) -> None:
    """A section ends just before the next heading of the same or a higher level, or
    at the end of its tree (the body, or its attachment)."""
    ends = [body_end, *attachments[1:], len(text)]  # tree n ends where tree n+1 begins
    for i, sec in enumerate(sections):
        tree_end = body_end if sec.start < body_end else ends[_tree_of(sec.start, attachments)]
        end = tree_end
        for later in sections[i + 1 :]:
            if later.start >= tree_end:
                break
            if later.level <= sec.level:
                end = later.start
                break
        while end > sec.start and text[end - 1].isspace():
            end -= 1
        sec.end = end


def _tree_of(offset: int, attachments: list[int]) -> int:
    return max(i for i, a in enumerate(attachments, 1) if offset >= a)


def attachment_starts(text: str, blocks: list[Block], after: int) -> list[int]:
    """Where documents attached after the signature begin (`Ban hành kèm theo …`)."""
    out = []
    for b in blocks:
        if b.start >= after and ATTACHMENT.match(clean_line(text[b.start : b.end]).lstrip("*_ ")):
            out.append(b.start)
    return out


def section_at(sections: list[Section], offset: int) -> str | None:
    """The innermost section holding an offset."""
    best = None
    for sec in sections:
        if sec.start <= offset < sec.end and (best is None or sec.level >= best.level):
            best = sec
    return best.section_id if best else None
