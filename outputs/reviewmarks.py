"""A document's text as HTML with its spans marked: figures, references, footnote
markers and bodies, section starts. Offsets are the tables' own (characters of
`texts/<doc_id>.txt`), so what the page shows is what the rows say.

Spans that cross one another cannot both be elements; the wider, earlier one is
kept and the other dropped from the page (never from the tables).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_MARKER = re.compile(r"\[?\d{1,3}\]?")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    open: str
    close: str
    rank: int = 0  # at one start: lower ranks open first (outside)


def escape(value: object) -> str:
    """Text for the pages: `None` is empty, quotes escaped (it goes in attributes too)."""
    return html.escape("" if value is None else str(value), quote=True)


def _figure(q: dict) -> Span:
    tip = f"{q.get('kind')}: {q.get('value')}"
    if q.get("value_max") is not None:
        tip += f"–{q['value_max']}"
    tip += f" {q.get('unit') or ''} · {q.get('qualifier')}"
    if q.get("subject"):
        tip += f" · {q['subject']}"
    kind, value = escape(q.get("kind")), escape(q.get("value"))
    attrs = f'class="q k-{kind}" title="{escape(tip.strip())}" data-value="{value}"'
    return Span(int(q["start"]), int(q["end"]), f"<mark {attrs}>", "</mark>", 2)


def _reference(r: dict) -> Span:
    tip = " ".join(str(r[k]) for k in ("doc_type", "number", "date", "issuer") if r.get(k))
    return Span(
        int(r["start"]), int(r["end"]), f'<span class=ref title="{escape(tip)}">', "</span>", 1
    )


def _notes(text: str, notes: list[dict]) -> list[Span]:
    out = []
    for n in notes:
        num = n["n"]
        if n.get("marker_start") is not None:
            start = int(n["marker_start"])
            m = _MARKER.match(text, start)
            end = m.end() if m else start + len(str(num))
            a = f'<a class=fnref id="fnref-{num}" href="#fn-{num}">'
            out.append(Span(start, end, a, "</a>", 3))
        back = f' <a class=back href="#fnref-{num}" title="back to the text">↩</a>'
        out.append(
            Span(
                int(n["start"]),
                int(n["end"]),
                f'<span class=fn id="fn-{num}">',
                f"{back}</span>",
                0,
            )
        )
    return out


def _sections(sections: list[dict]) -> list[Span]:
    return [
        Span(
            int(s["start"]),
            int(s["start"]),
            f'<span class=anchor id="s-{escape(s["section_id"])}"></span>',
            "",
            -1,
        )
        for s in sections
    ]


def marked_text(
    text: str, sections: list[dict], notes: list[dict], figures: list[dict], refs: list[dict]
) -> str:
    spans = _sections(sections) + _notes(text, notes)
    spans += [_figure(q) for q in figures] + [_reference(r) for r in refs]
    spans.sort(key=lambda s: (s.start, -(s.end - s.start), s.rank))
    out: list[str] = []
    stack: list[Span] = []
    pos = 0
    for span in spans:
        if not 0 <= span.start <= span.end <= len(text):
            continue
        while stack and stack[-1].end <= span.start:
            pos = _close(out, text, pos, stack.pop())
        if stack and span.end > stack[-1].end:
            continue  # it crosses the span it starts in: left off the page
        out.append(escape(text[pos : span.start]))
        pos = span.start
        out.append(span.open)
        if span.end == span.start:
            out.append(span.close)
        else:
            stack.append(span)
    while stack:
        pos = _close(out, text, pos, stack.pop())
    out.append(escape(text[pos:]))
    return "".join(out)


def _close(out: list[str], text: str, pos: int, span: Span) -> int:
    out.append(escape(text[pos : span.end]))
    out.append(span.close)
    return span.end
