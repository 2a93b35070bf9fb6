"""Running heads, page numbers and signature stamps inside a text layer.

A gazette PDF's text repeats `CÔNG BÁO/Số 294/Ngày 31-05-2026`, the page number and
a digital-signature stamp (`Ký bởi:` / `Cơ quan:` / `Ngày ký:`) on every page, in
the middle of a paragraph or an article. A reader skips them; left in, they cut
paragraphs and become figures. A page's chrome is recognised by what it is on the
page, not by its words: lines that come back, with only their numbers changed,
next to other such lines; and a bare number beside them is the page number.
"""

from __future__ import annotations

import re
from collections import Counter

from baocao.parsers.sections import heading_of
from baocao.parsers.unwrap import is_rule

DIGITS = re.compile(r"\d+")
PAGE_NUMBER = re.compile(r"^\d{1,4}$")
MAX_CHROME = 100  # a running head is short
NEAR = 3  # chrome lines stand together
PAGE_LINES = 20  # a page holds at least this many lines


def _key(line: str) -> str:
    return DIGITS.sub("#", line.strip())


def _may_be_chrome(line: str) -> bool:
    """Short, not a rule, and not a heading (`Mục 1` comes back in every chapter)."""
    line = line.strip()
    return 4 <= len(line) <= MAX_CHROME and not is_rule(line) and heading_of(line) is None


def running_lines(lines: list[str]) -> set[int]:
    """Indexes of chrome lines: lines that come back on every page, and page numbers."""
    keys = [_key(x) if _may_be_chrome(x) else "" for x in lines]
    counts = Counter(k for k in keys if k)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
        last[k] = i
    # a running line comes back a page later, not a few lines on
    repeated = [bool(k) and last[k] - first[k] >= PAGE_LINES for k in keys]
    numbers = [bool(PAGE_NUMBER.match(x.strip())) for x in lines]
    chrome: set[int] = set()
    for i, rep in enumerate(repeated):
        if not rep:
            continue
        near = range(max(0, i - NEAR), min(len(lines), i + NEAR + 1))
        beside_number = any(numbers[j] for j in near)
        beside_other = any(repeated[j] and keys[j] != keys[i] for j in near)
        numbered_head = "#" in keys[i] and (beside_number or counts[keys[i]] >= 3)
        if beside_other or numbered_head:
            chrome.add(i)
    for i in list(chrome):
        for j in range(max(0, i - NEAR), min(len(lines), i + NEAR + 1)):
            if numbers[j]:
                chrome.add(j)
    return chrome


def drop_chrome(lines: list[str]) -> list[str]:
    """The lines without page chrome; the empty lines around a page break go with it,
    so that a paragraph cut by the page is whole again."""
    chrome = running_lines(lines)
    if not chrome:
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i not in chrome:
            out.append(lines[i])
            i += 1
            continue
        while out and not out[-1].strip():
            out.pop()
        while i < len(lines) and (i in chrome or not lines[i].strip()):
            i += 1
    return out
