"""Text a scraper already extracted (`.txt`): find the document inside the chrome.

Such text starts with the portal's clock and counters and ends with
"Các tin khác:"; page columns arrive as wide runs of spaces and NBSPs. The
document starts at the national motto's line (backing up over the issuer lines
above it) or, without a motto, at the first line of prose; it ends before the
first line that opens the portal's related-news list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from baocao.parsers.document import Block
from baocao.parsers.header import (
    DATE_LINE,
    DMY,
    MOTTO,
    MOTTO_TAIL,
    NUMBER,
    doc_type_of,
    is_body_opener,
    is_upper_line,
)
from baocao.parsers.htmltext import MARKER_CHARS
from baocao.parsers.letters import UPPER
from baocao.parsers.lexicon import words
from baocao.parsers.pagechrome import drop_chrome
from baocao.parsers.repair import repair_line
from baocao.parsers.sections import heading_of
from baocao.parsers.unwrap import is_rule, paragraphs

COLUMN_GAP = re.compile(r"[ \t\u00a0]{3,}")
WS = re.compile(r"[\s\u00a0\u200b\ufeff]+")
PROSE_LINE = 120  # a first line this long is the article, not chrome
HEAD_LINES = 80  # a header starts within this many lines of the page's text
MOTTO_LINE = 250  # a line holding the motto is a header line: a paragraph is longer
ISSUER_LINES = 8  # the issuer column above the motto: lines, rules and cell bars


@dataclass
class TextPage:
    text: str
    blocks: list[Block]
    title: str | None
    published: str | None
    repairs: int = 0


LITERAL_BREAK = re.compile(r"(?:\\r)?\\n")  # `\r\n` written out as four characters


FLAT_LINES, FLAT_CHARS = 3, 1500  # a text this long in so few lines was flattened


@cache
def _flat_breaks() -> re.Pattern[str]:
    """Where a flattened text's line breaks were (parsers/data/flat_breaks.txt)."""
    return re.compile("|".join(p.replace("{UPPER}", UPPER) for p in words("flat_breaks.txt")))


def _split_lines(raw: str) -> list[str]:
    """Lines and column parts; an empty string stands for an empty line."""
    text = unicodedata.normalize("NFC", raw)
    if text.count("\n") < 3 and len(LITERAL_BREAK.findall(text)) >= 3:
        text = LITERAL_BREAK.sub("\n", text)
    if text.count("\n") < FLAT_LINES and len(text) > FLAT_CHARS:
        text = _flat_breaks().sub("\n", text)
    out = []
    for line in text.splitlines():
        if not WS.sub("", line):
            out.append("")
            continue
        parts: list[str] = []
        for part in COLUMN_GAP.split(line):
            part = WS.sub(" ", part).strip()
            if parts and len(parts[-1]) <= MARKER_CHARS:  # `1.` then list indent
                parts[-1] = f"{parts[-1]} {part}".strip()
            elif part:
                parts.append(part)
        out.extend(p for p in parts if p)
    return out


def _header_line(line: str) -> bool:
    """An issuer line, the number line, or the layout between the header's columns."""
    if not line or is_rule(line) or NUMBER.search(line):
        return True
    return is_upper_line(line) and len(line) <= 80 and not DMY.search(line)


def _anchor(lines: list[str], within: int = HEAD_LINES, motto_only: bool = False) -> int | None:
    """The first line that only a header holds: the motto; else the type line, the
    `Số:` line or the `…, ngày … tháng … năm …` line."""
    for i, line in enumerate(lines[:within]):
        if len(line) <= MOTTO_LINE and (MOTTO.search(line) or MOTTO_TAIL.search(line)):
            return i
    if motto_only:
        return None
    for i, line in enumerate(lines[:within]):
        if heading_of(line) or is_body_opener(line):
            return None  # the text began before any header line: nothing to cut
        if doc_type_of(line) or (len(line) <= 160 and (NUMBER.search(line) or _dated(line))):
            return i
    return None


def _dated(line: str) -> bool:
    return "ngày" in line.lower() and DATE_LINE.search(line) is not None


def header_start(
    lines: list[str], within: int = HEAD_LINES, motto_only: bool = False
) -> int | None:
    """Where the document's header begins: its anchor line, backed up over the issuer
    lines above it (and the rules and cell bars between); None without an anchor."""
    i = _anchor(lines, within, motto_only)
    if i is None:
        return None
    back = 0
    while i > 0 and back < ISSUER_LINES and _header_line(lines[i - 1]):
        i, back = i - 1, back + (1 if lines[i - 1] else 0)
    while i < len(lines) and (not lines[i] or is_rule(lines[i])):
        i += 1
    return i


def _start(lines: list[str]) -> int:
    i = header_start(lines)
    if i is not None:
        return i
    for i, line in enumerate(lines):
        if len(line) >= PROSE_LINE:
            j = next((j for j in range(i - 1, -1, -1) if lines[j]), None)
            prev = lines[j] if j is not None else ""
            return j if j is not None and DMY.search(prev) is None and len(prev) > 20 else i
    return 0


def _end(lines: list[str], start: int) -> int:
    stops = tuple(s.lower() for s in words("boilerplate_end.txt"))
    for i in range(start + 1, len(lines)):
        if lines[i].lower().startswith(stops):
            return i
    return len(lines)


def read_text_page(raw: str, repair: bool = True) -> TextPage:
    lines = drop_chrome(_split_lines(raw))
    repairs = 0
    if repair:
        fixed = [repair_line(line) if line else (line, 0) for line in lines]
        lines, repairs = [f for f, _ in fixed], sum(n for _, n in fixed)
    start = _start(lines)
    end = _end(lines, start)
    title = published = None
    before = [x for x in lines[:start] if x]
    if before and (m := DMY.search(before[-1])):
        published = m.group(0)
        title = before[-1][: m.start()].strip() or None
    paras = paragraphs(lines[start:end])
    blocks, pos = [], 0
    for line in paras:
        blocks.append(Block(pos, pos + len(line)))
        pos += len(line) + 1
    return TextPage("\n".join(paras), blocks, title, published, repairs)
