"""Sections from the numbering in the text, not from tags.

Vietnamese reports number `I.`/`II.`, then `1.`/`2.`, then `a)`/`b)`. Real
documents repeat a letter, mix `c.` with `a)`, and jump from `2.` to `4)`, so
the level comes from the marker's *style* (Roman, Arabic, letter) and a stack,
not from its punctuation or the previous number. `-` and `+` lines are list
items inside a section, never sections.
"""

from __future__ import annotations

import re

from parsers.document import Block, Section

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
HEADING = re.compile(
    rf"^(?P<marker>(?P<roman>{ROMAN})[.)]|(?P<arabic>\d{{1,2}})[.)](?!\d)|(?P<letter>[a-zđ])[.)])\s*(?=\S)"
)
STYLE_RANK = {"roman": 1, "arabic": 2, "letter": 3}
MAX_TITLE = 160  # a longer heading block is a numbered paragraph: its title ends at ':' or '.'


# What a heading's marker can begin with (HEADING's Roman, Arabic and letter styles):
# most paragraphs begin otherwise, and are passed over without trying the pattern.
_MARKER_FIRST = frozenset("IVXabcdefghijklmnopqrstuvwxyzđ")


def heading_of(line: str) -> tuple[str, str, str] | None:
    """(style, token, marker) when the line starts a numbered section."""
    first = line[:1]
    if first not in _MARKER_FIRST and not first.isdecimal():
        return None
    m = HEADING.match(line)
    if not m or not m.group("marker").strip(".)"):
        return None
    style = next(s for s in ("roman", "arabic", "letter") if m.group(s))
    token = m.group(style)
    if style == "arabic":
        token = str(int(token))
    return style, token, m.group("marker")


def _title(line: str, marker_end: int) -> str:
    title = line[marker_end:].strip()
    if len(title) > MAX_TITLE:
        cut = re.search(r"[:.](\s|$)", title)
        title = title[: cut.start() + 1] if cut and cut.start() < MAX_TITLE else title[:MAX_TITLE]
    return title


def find_sections(text: str, blocks: list[Block], body_end: int) -> list[Section]:
    """Sections over the body blocks (paragraphs only; cells and footnotes are not headings)."""
    stack: list[tuple[int, Section]] = []
    sections: list[Section] = []
    seen: dict[str, int] = {}
    for b in blocks:
        if b.kind != "p" or b.start >= body_end:
            continue
        line = text[b.start : b.end]
        found = heading_of(line)
        if not found:
            continue
        style, token, marker = found
        rank = STYLE_RANK[style]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        path = f"{parent.section_id}.{token}" if parent else token
        seen[path] = seen.get(path, 0) + 1
        sid = path if seen[path] == 1 else f"{path}~{seen[path]}"
        sec = Section(
            section_id=sid,
            parent_id=parent.section_id if parent else None,
            level=len(stack) + 1,
            number=marker,
            title=_title(line, len(marker)),
            start=b.start,
            end=body_end,
        )
        stack.append((rank, sec))
        sections.append(sec)
    _close(text, sections, body_end)
    return sections


def _close(text: str, sections: list[Section], body_end: int) -> None:
    """A section ends just before the next heading of the same or a higher level."""
    for i, sec in enumerate(sections):
        end = body_end
        for later in sections[i + 1 :]:
            if later.level <= sec.level:
                end = later.start
                break
        while end > sec.start and text[end - 1].isspace():
            end -= 1
        sec.end = end


def section_at(sections: list[Section], offset: int) -> str | None:
    """The innermost section holding an offset."""
    best = None
    for sec in sections:
        if sec.start <= offset < sec.end and (best is None or sec.level >= best.level):
            best = sec
    return best.section_id if best else None
