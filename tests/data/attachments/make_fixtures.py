"""Make the attachment fixtures from the Long An report (pipeline/sample/lavusta_…html).

    python tests/data/attachments/make_fixtures.py      # needs LibreOffice (soffice)

Writes `pipeline/sample/lavusta_bao_cao_6_thang_2024.docx` and `.pdf` (the bundled
sample site serves them as the report's files) and, beside this file, the rest:
- the DOCX: the report as its author would have it in Word: the header and the
  signature in borderless two-column tables, section markers as Word list numbering
  (`I.`, `1.`, `a)` come from `w:lvlText`, not from the text), `-`/`+` bullets as
  bullet lists, the six notes as real footnotes, a running head and a page-number
  footer;
- the PDF: that file printed to PDF by LibreOffice (a text layer, the running
  head and page numbers on every page, footnotes at the page bottoms);
- `longan.doc`: the same saved as Word 97-2003 by LibreOffice;
- `longan-scanned.pdf`: the PDF's pages as images only (no text layer);
- `longan-tcvn3.docx`: the DOCX with every run in TCVN3 bytes and `.VnTime` fonts
  (`.VnTimeH` for capitals, as those fonts draw them);
- `so-lieu.docx` and `so-lieu.pdf`: a short report with its figures in a bordered
  table, as Word and as LibreOffice's PDF of it (the table's rules drawn as paths);
- `longan-tcvn3.pdf`: that file printed on a machine without the `.VnTime` fonts:
  LibreOffice substitutes a Unicode font, so the PDF names no legacy font and the
  TCVN3 text can only be told by its characters (as in many real scans of old files).
  LibreOffice also drops U+00AD, TCVN3's `ư`, taking it for a soft hyphen.

The generator reads the HTML with baocao itself only to find the blocks, markers and
notes; the tests compare what each format gives with what the HTML gives.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from docxmaker import Docx, Level, NumberedList, Para, Run, Table, para  # noqa: E402

from baocao.parsers.legacy import _pairs  # noqa: E402
from baocao.parsers.parse import parse_page  # noqa: E402

SAMPLE = ROOT / "pipeline/sample"
SOURCE = SAMPLE / "lavusta_bao_cao_6_thang_2024.html"
DOCX = SAMPLE / "lavusta_bao_cao_6_thang_2024.docx"
PDF = SAMPLE / "lavusta_bao_cao_6_thang_2024.pdf"
STYLES = {  # marker style -> (numFmt, lvlText)
    "roman.": ("upperRoman", "%1."),
    "arabic.": ("decimal", "%1."),
    "arabic)": ("decimal", "%1)"),
    "letter)": ("lowerLetter", "%1)"),
    "letter.": ("lowerLetter", "%1."),
    "-": ("bullet", "-"),
    "+": ("bullet", "+"),
}
RIGHT = re.compile(r"CỘNG HÒA|Độc lập|, ngày")


def main() -> None:
    doc = parse_page(SOURCE.read_bytes(), "https://lavusta.longan.gov.vn/report")
    lists = {k: NumberedList(i + 1, [Level(*v)]) for i, (k, v) in enumerate(STYLES.items())}
    maker = _Numbering(lists)
    text, blocks = doc.text, [b for b in doc.blocks if b.kind != "footnote"]
    lines = [text[b.start : b.end] for b in blocks]
    notes = {f.n: text[f.start : f.end].strip() for f in doc.footnotes}
    heads = {s.start: s for s in doc.sections}
    typed = next(i for i, ln in enumerate(lines) if ln == "BÁO CÁO")
    body: list = [_columns(lines[:typed])]
    body += [para(ln, align="center") for ln in lines[typed : typed + 2]]
    sig = next(i for i, ln in enumerate(lines) if ln.startswith("Nơi nhận"))
    for b, line in zip(blocks[typed + 2 : sig], lines[typed + 2 : sig], strict=True):
        body.append(maker.paragraph(line, heads.get(b.start), notes))
    body.append(_columns([ln for ln in lines[sig:] if not ln.startswith("Bài:")], sign=True))
    d = Docx(
        body, list(lists.values()), running_head="Liên hiệp Hội tỉnh Long An", page_numbers=True
    )
    d.save(DOCX)
    _tcvn3(d).save(HERE / "longan-tcvn3.docx")
    _convert(HERE / "longan-tcvn3.docx", "pdf", HERE)  # no .VnTime here: a substitute font
    _convert(DOCX, "pdf", SAMPLE)
    _convert(DOCX, "doc", HERE, "longan.doc")
    _scanned(PDF, HERE / "longan-scanned.pdf")
    _figures_table().save(HERE / "so-lieu.docx")
    _convert(HERE / "so-lieu.docx", "pdf", HERE)


def _figures_table() -> Docx:
    """A short report whose figures stand in a bordered table (one name long enough
    to wrap inside its cell), for the tables a PDF's rules draw."""
    cell = lambda s: [para(s)]  # noqa: E731
    rows = [[cell("STT"), cell("Đơn vị"), cell("Số hội viên"), cell("Kinh phí (triệu đồng)")]]
    members = [
        ("Hội Luật gia", "1.250", "35"),
        ("Hội Đông Y", "830", "120,5"),
        ("Hội Kiến trúc sư tỉnh và các chi hội trực thuộc ở các huyện", "95", "12"),
    ]
    for i, (name, people, money) in enumerate(members, 1):
        rows.append([cell(str(i)), cell(name), cell(people), cell(money)])
    body = [
        para("BÁO CÁO", align="center"),
        para("Số liệu các hội thành viên năm 2024", align="center"),
        para("Số liệu hội viên và kinh phí hoạt động của các hội thành viên như sau:"),
        Table(rows, borders=True),
        para("Tổng cộng các hội có 2.175 hội viên."),
    ]
    return Docx(body)


class _Numbering:
    """Consecutive items of one marker style share a `w:num` (the reader counts);
    a jump or a repeat opens a new one with a start override, as Word stores it."""

    def __init__(self, lists: dict[str, NumberedList]):
        self.lists, self.next_id, self.last = lists, 1, {}

    def paragraph(self, line: str, head, notes: dict[int, str]) -> Para:
        style, value = None, None
        if head is not None:
            mark, delim = head.number[:-1], head.number[-1]
            style, value = f"{head.kind}{delim}", _value(mark, head.kind)
            line = line[len(head.number) :].lstrip()
        elif line[:2] in ("- ", "+ "):
            style, line = line[0], line[2:]
        runs = _runs(line, notes)
        if style is None:
            return Para(runs, indent_first=567)
        return Para(runs, num=(self._num(style, value), 0), indent_first=567)

    def _num(self, style: str, value: int | None) -> int:
        last = self.last.get(style)
        if last and (value is None or value == last[1] + 1):
            self.last[style] = (last[0], value or 0)
            return last[0]
        num_id, self.next_id = self.next_id, self.next_id + 1
        first = not self.lists[style].instances  # later ones restart, as Word's "Restart at"
        start = value or 1
        self.lists[style].instances[num_id] = None if first and start == 1 else start
        self.last[style] = (num_id, value or 0)
        return num_id


def _runs(line: str, notes: dict[int, str]) -> list[Run]:
    """The line's text with each `[n]` note marker turned into a footnote reference."""
    runs, pos = [], 0
    for m in re.finditer(r"\[(\d)\]", line):
        if int(m[1]) in notes:
            runs.append(Run(line[pos : m.start()], footnote=notes[int(m[1])]))
            pos = m.end()
    runs.append(Run(line[pos:]))
    return runs


def _value(number: str, kind: str) -> int:
    if kind == "roman":
        return {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}[number]
    if kind == "letter":
        return ord(number) - ord("a") + 1
    return int(number)


def _columns(lines: list[str], sign: bool = False) -> Table:
    """The header (issuer | motto, number | place and date) or the signature
    (recipients | signer) as Word's borderless two-column table."""
    if sign:
        left = [ln for ln in lines if ln.startswith(("Nơi nhận", "- "))]
    else:
        left = [ln for ln in lines if not RIGHT.search(ln)]
    right = [ln for ln in lines if ln not in left]
    if sign:
        return Table([[[para(x) for x in left], [para(x, align="center") for x in right]]])
    number = [x for x in left if x.startswith("Số")]
    dated = [x for x in right if ", ngày" in x]
    top = [[para(x, align="center") for x in left if x not in number]]
    top.append([para(x, align="center") for x in right if x not in dated])
    bottom = [[para(x, align="center") for x in number], [para(x, align="right") for x in dated]]
    return Table([top, bottom])


def _tcvn3(d: Docx) -> Docx:
    """The same document typed with a TCVN3 keyboard driver in `.VnTime` fonts."""
    table = {dst: src for src, dst in _pairs("tcvn3")}

    def font_of(c: str) -> str:  # a capital TCVN3 lacks is drawn by the H font from its small
        return ".VnTimeH" if c.isupper() and c not in table and not c.isascii() else ".VnTime"

    def encode(run: Run) -> list[Run]:
        out: list[Run] = []
        for c in run.text:
            font = font_of(c)
            code = table.get(c.lower() if font == ".VnTimeH" else c, c)
            if out and out[-1].font == font:
                out[-1].text += code
            else:
                out.append(Run(code, font=font))
        out = out or [Run("", font=".VnTime")]
        if run.footnote is not None:
            out[-1].footnote = encode(Run(str(run.footnote)))
        return out

    def walk(item):
        if isinstance(item, Table):
            return Table(
                [[[walk(p) for p in cell] for cell in row] for row in item.rows], item.borders
            )
        runs = [r for run in item.runs for r in encode(run)]
        return Para(runs, item.num, item.align, item.style, item.indent_first)

    return Docx([walk(x) for x in d.body], d.lists, d.running_head, d.page_numbers, ".VnTime")


def _convert(path: Path, fmt: str, folder: Path, name: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", fmt, "--outdir", tmp, str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        made = Path(tmp, f"{path.stem}.{fmt}")
        made.replace(folder / (name or made.name))


def _scanned(pdf_path: Path, out: Path) -> None:
    """Each page rendered at 150 dpi in black and white, saved as an image-only PDF page."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = [pdf[i].render(scale=150 / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    images = [p.point(lambda v: 255 if v > 160 else 0).convert("1") for p in pages]
    images[0].save(out, "PDF", resolution=150, save_all=True, append_images=images[1:])


if __name__ == "__main__":
    main()
