"""Footnotes: markers `[n]` in the body linked to their bodies at the end.

Markup says it best (Word's `_ftnref`/`_ftn` anchors, `<sup>` links), and the
HTML walker keeps what it said as `Marker`s and footnote blocks. Text that lost
its markup (a scraper's `.txt`) still shows `[1]`..`[n]` twice: the last run of
`[1]`, `[2]`, ... in order is the bodies, the earlier occurrences the markers,
even when a body is glued to the line before it (`- Lưu.[1] Hội Luật gia`).
"""

from __future__ import annotations

import re

from baocao.parsers.document import Block, Footnote, Marker

NOTE = re.compile(r"\[(\d{1,3})\]")


def find_footnotes(text: str, blocks: list[Block], markers: list[Marker]) -> list[Footnote]:
    hits: dict[int, list[int]] = {}
    for m in NOTE.finditer(text):
        hits.setdefault(int(m.group(1)), []).append(m.start())
    note_blocks = [b for b in blocks if b.kind == "footnote"]
    marked = {mk.n: mk.start for mk in markers}
    notes: list[Footnote] = []
    n, last_body = 1, -1
    tail = _tail_lines(text, blocks, markers) if markers and not note_blocks else []
    while True:
        body = _body_start(n, hits, note_blocks, text, last_body)
        if body is None and n in marked:
            body = _line_body(n, tail, text, last_body)
        if body is None:
            break
        marker = marked.get(n)
        if marker is None:
            marker = next((p for p in hits.get(n, []) if p < body), None)
        if marker is None and not note_blocks:
            break  # a lone "[n]" in plain text is not a footnote
        notes.append(Footnote(n, marker, body, body))
        last_body, n = body, n + 1
    _close(text, blocks, notes, note_blocks)
    return notes


LINE_NOTE = re.compile(r"\[?(\d{1,3})\]?[.)]?\s")


def _tail_lines(text: str, blocks: list[Block], markers: list[Marker]) -> list[Block]:
    """The lines after the last marker: where notes written as `1 …` or `[1] …` lines
    under the text stand when the page marked their numbers with `<sup>` alone."""
    last = max(mk.end for mk in markers)
    return [b for b in blocks if b.start >= last and LINE_NOTE.match(text[b.start : b.end])]


def _line_body(n: int, tail: list[Block], text: str, after: int) -> int | None:
    for b in tail:
        m = LINE_NOTE.match(text[b.start : b.end])
        if b.start > after and m and int(m.group(1)) == n:
            return b.start
    return None


def _body_start(
    n: int, hits: dict[int, list[int]], note_blocks: list[Block], text: str, after: int
):
    for b in note_blocks:
        if b.footnote == n and b.start > after:
            return b.start
    positions = [p for p in hits.get(n, []) if p > after]
    if not positions:
        return None
    if note_blocks:
        inside = [p for p in positions if any(b.start <= p < b.end for b in note_blocks)]
        return inside[0] if inside else None
    return positions[-1] if len(hits.get(n, [])) > 1 else None


def _close(text: str, blocks: list[Block], notes: list[Footnote], note_blocks: list[Block]) -> None:
    """Text spans: after the visible `[n]`, to the next body or the end of the notes."""
    area_end = max((b.end for b in note_blocks), default=None)
    for i, note in enumerate(notes):
        start = note.start
        m = re.match(r"\s*\[\d{1,3}\]|\s*\d{1,3}[.)]?(?=\s)", text[start : start + 8])
        if m:
            start += m.end()
        if i + 1 < len(notes):
            end = notes[i + 1].start
        else:
            own = next((b for b in blocks if b.start <= note.start < b.end), None)
            end = (
                area_end if area_end and area_end > note.start else (own.end if own else len(text))
            )
        while start < end and text[start] in " \u00a0":
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        note.start, note.end = start, end


def footnote_at(notes: list[Footnote], offset: int) -> Footnote | None:
    for note in notes:
        if note.start <= offset < note.end:
            return note
    return None
