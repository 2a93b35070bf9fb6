"""Lines of a plain text back into paragraphs.

Text from a PDF's text layer, a legal database or an HTML source copied as is
arrives hard-wrapped: a paragraph, a heading or a header field is cut over two or
three lines (`I. TÌNH HÌNH VÀ` / `KẾT QUẢ THỰC HIỆN`, `Hà` / `Nội, ngày …`). A reader
sees one paragraph there; so must the parser, or a heading loses half its title
and a figure is cut from its unit. A wrap is a space, as a browser makes it.

Whether a line goes on in the next is decided from the two lines alone, the way a
reader decides: a line that ends a sentence, a line that opens an item or a
heading, a rule line and a document type line stand alone; a next line that
starts in lower case, a one-word fragment, capitals continuing capitals, and a
line that fills the page's width go on.
"""

from __future__ import annotations

import re

from baocao.parsers.header import doc_type_of, ends_open, is_upper_line
from baocao.parsers.sections import heading_of

RULE = re.compile(r"^[\s\-_=*~.|–—·•]+$")  # `-------`, `*****`, `|`: layout, not text
ITEM = re.compile(r"^(?:[-+•*–]\s|[-+•–]\S)")
ENDS = (".", ";", "!", "?", ":", "…")
LABEL = re.compile(r"^(?:Số|Số\s*hiệu|Ký\s*hiệu)\s*[:.]?$")  # `Số:` alone: its value follows
WRAP_BAND = 0.7  # a line this close to the page's width was cut by the width
WRAPPED_SHARE = 0.35  # this share of lines in the band: the text is hard-wrapped
WORDED = frozenset({"phan", "chuong", "muc", "tieumuc", "dieu"})
MIN_WIDTH = 50  # pages and editors wrap prose at 60-100 characters, not shorter
MAX_WIDTH = 200  # longer "lines" are paragraphs; such a text is not hard-wrapped


def is_rule(line: str) -> bool:
    return bool(RULE.match(line))


def opens_item(line: str) -> bool:
    """A heading marker or a list item starts here: never a continuation."""
    return bool(ITEM.match(line)) or heading_of(line) is not None


def _titled_heading(line: str) -> bool:
    """A heading of a worded kind (Điều, Chương, Mục, Phần) with its title on the line."""
    h = heading_of(line)
    return h is not None and h.kind in WORDED and len(line) > h.rest + 1


def wrap_width(lines: list[str]) -> int | None:
    """The page width when the text is hard-wrapped, else None."""
    lengths = sorted(len(x) for x in lines if len(x) > 1)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    near = sum(1 for n in lengths if n >= WRAP_BAND * width)
    return width if near / len(lengths) >= WRAPPED_SHARE else None


def continues(prev: str, nxt: str, width: int | None, bold_open: bool = False) -> bool:
    """Does `nxt` go on the paragraph that `prev` ends?"""
    if not prev or not nxt or is_rule(prev) or is_rule(nxt):
        return False
    if LABEL.match(prev):
        return True  # `Số:` alone: its value follows
    if opens_item(nxt) or doc_type_of(prev.rstrip(":")) or doc_type_of(nxt.rstrip(":")):
        return False
    if bold_open:
        return True  # markdown's `**` opened in this paragraph and not yet closed
    if prev.endswith(ENDS) or prev.endswith((")", "”", '"')) and prev[:1] in '(“"':
        return False
    first = nxt[0]
    if first.islower() or first.isdigit():
        return True
    if ends_open(prev):
        return True
    if first.isupper() and is_upper_line(prev) != is_upper_line(nxt):
        return False  # capitals then prose: a title line, then the text
    if first.isupper() and _titled_heading(prev):
        return False  # `Điều 17. Theo dõi …` filling the line, then the article's text
    if " " not in prev.strip() and prev.isalpha() and first.isupper():
        return True  # `BỘ` / `LAO ĐỘNG`, `Hà` / `Nội`: a one-word fragment
    if is_upper_line(prev) and is_upper_line(nxt) and heading_of(prev) is not None:
        return True  # a capitals heading wrapped: `I. MỤC ĐÍCH,` / `YÊU CẦU`
    return width is not None and len(prev) >= WRAP_BAND * width and first.isupper()


def _bare_marker(line: str) -> bool:
    """`Chương I`, `1.` alone on a line: its title is the next line."""
    h = heading_of(line)
    return h is not None and not line[h.rest :].strip(" .:-–")


def paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines; an empty line always ends a paragraph and is dropped.

    A marker alone on its line takes the next line as its title; that title then
    goes on only in a line that starts in lower case (the text follows it)."""
    width = wrap_width(lines)
    out: list[str] = []
    prev, title_only = "", False
    for line in lines:
        if not line:
            prev, title_only = "", False
            continue
        if prev and _bare_marker(prev) and not (is_rule(line) or opens_item(line)):
            joins, title_only = True, True
        elif title_only:  # lower case goes on; so do capitals under a capitals title
            capitals = is_upper_line(prev) and is_upper_line(line)
            joins = (line[0].islower() or capitals) and not prev.endswith(ENDS)
            joins = joins and not (is_rule(line) or opens_item(line))
        else:
            bold_open = bool(out) and out[-1].count("**") % 2 == 1
            joins = bool(prev) and continues(prev, line, width, bold_open)
        if joins:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
            title_only = False
        prev = line
    return out
