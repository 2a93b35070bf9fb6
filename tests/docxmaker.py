# ruff: noqa: E501  (WordprocessingML strings are long)
"""Write small but genuine Word files for tests: real numbering definitions, real
footnotes, page headers and footers, tables, fonts.

Test support only (the product reads DOCX in `parsers/docx.py`). A document is a
list of body items: `Para` and `Table`; numbering comes from `NumberedList`s that
paragraphs point at, the way Word stores it (`w:numPr` -> `w:num` ->
`w:abstractNum` with `w:lvlText` such as `%1.`), so the reader has to count.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


@dataclass
class Level:
    fmt: str  # decimal, upperRoman, lowerLetter, bullet, ...
    text: str  # `%1.`, `%1)`, `-`, `%1.%2.`
    start: int = 1


@dataclass
class NumberedList:
    """One `w:abstractNum`; each `instance` is a `w:num` pointing at it."""

    abstract_id: int
    levels: list[Level]
    instances: dict[int, int | None] = field(default_factory=dict)  # numId -> start override


@dataclass
class Run:
    text: str = ""
    font: str | None = None
    footnote: str | list[Run] | None = None  # a footnote's text (or runs): referenced here
    superscript: bool = False


@dataclass
class Para:
    runs: list[Run]
    num: tuple[int, int] | None = None  # (numId, ilvl)
    align: str | None = None  # center, right, both
    style: str | None = None
    indent_first: int | None = None  # twentieths of a point


@dataclass
class Table:
    rows: list[list[list[Para]]]  # rows -> cells -> paragraphs
    borders: bool = False


def para(text: str, **kw) -> Para:
    return Para([Run(text)], **kw)


@dataclass
class Docx:
    body: list[Para | Table]
    lists: list[NumberedList] = field(default_factory=list)
    running_head: str | None = None
    page_numbers: bool = False
    font: str = "Times New Roman"
    size_pt: int = 14
    styles_xml: str = ""  # extra `w:style` elements

    def save(self, path) -> None:
        notes: list[str | list[Run]] = []
        body = "".join(_item(x, notes) for x in self.body)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _content_types())
            z.writestr("_rels/.rels", _rels([("officeDocument", "word/document.xml")]))
            rels = [
                ("styles", "styles.xml"),
                ("numbering", "numbering.xml"),
                ("footnotes", "footnotes.xml"),
                ("header", "header1.xml"),
                ("footer", "footer1.xml"),
            ]
            z.writestr("word/_rels/document.xml.rels", _rels(rels))
            z.writestr("word/document.xml", self._document(body))
            z.writestr("word/styles.xml", self._styles())
            z.writestr("word/numbering.xml", _numbering(self.lists))
            z.writestr("word/footnotes.xml", _footnotes(notes))
            z.writestr("word/header1.xml", _hdr("hdr", self.running_head or ""))
            z.writestr("word/footer1.xml", _hdr("ftr", "", page=self.page_numbers))

    def _document(self, body: str) -> str:
        sect = (
            '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>'
            '<w:footerReference w:type="default" r:id="rId5"/>'
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" '
            'w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>'
            "</w:sectPr>"
        )
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>{body}{sect}</w:body></w:document>'

    def _styles(self) -> str:
        f, sz = escape(self.font), self.size_pt * 2
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<w:styles {NS}>'
            f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" '
            f'w:cs="{f}"/><w:sz w:val="{sz}"/></w:rPr></w:rPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:pPr><w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
            '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
            '<w:rPr><w:sz w:val="20"/></w:rPr></w:style>'
            '<w:style w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/>'
            "</w:rPr></w:style>"
            '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr>'
            '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
            '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
            '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
            "</w:tblBorders></w:tblPr></w:style>"
            f"{self.styles_xml}</w:styles>"
        )


def _item(x: Para | Table, notes: list) -> str:
    return _para(x, notes) if isinstance(x, Para) else _table(x, notes)


def _para(p: Para, notes: list) -> str:
    ppr = ""
    if p.style:
        ppr += f'<w:pStyle w:val="{p.style}"/>'
    if p.num:
        ppr += f'<w:numPr><w:ilvl w:val="{p.num[1]}"/><w:numId w:val="{p.num[0]}"/></w:numPr>'
    if p.indent_first:
        ppr += f'<w:ind w:firstLine="{p.indent_first}"/>'
    if p.align:
        ppr += f'<w:jc w:val="{p.align}"/>'
    runs = "".join(_run(r, notes) for r in p.runs)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def _run(r: Run, notes: list) -> str:
    rpr = ""
    if r.font:
        f = escape(r.font)
        rpr += f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}"/>'
    if r.superscript:
        rpr += '<w:vertAlign w:val="superscript"/>'
    out = ""
    if r.text:
        out += f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(r.text)}</w:t></w:r>'
    if r.footnote is not None:
        notes.append(r.footnote)
        out += (
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f'<w:footnoteReference w:id="{len(notes)}"/></w:r>'
        )
    return out


def _table(t: Table, notes: list) -> str:
    tblpr = '<w:tblStyle w:val="TableGrid"/>' if t.borders else ""
    tblpr += '<w:tblW w:w="5000" w:type="pct"/>'
    rows = ""
    for row in t.rows:
        cells = "".join(
            '<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>'
            + ("".join(_para(p, notes) for p in cell) or "<w:p/>")
            + "</w:tc>"
            for cell in row
        )
        rows += f"<w:tr>{cells}</w:tr>"
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr>{rows}</w:tbl>"


def _numbering(lists: list[NumberedList]) -> str:
    out = f'<?xml version="1.0" encoding="UTF-8"?>\n<w:numbering {NS}>'
    for nl in lists:
        out += f'<w:abstractNum w:abstractNumId="{nl.abstract_id}">'
        for i, lv in enumerate(nl.levels):
            out += (
                f'<w:lvl w:ilvl="{i}"><w:start w:val="{lv.start}"/><w:numFmt w:val="{lv.fmt}"/>'
                f'<w:lvlText w:val="{escape(lv.text)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="0" w:firstLine="{567 if i else 0}"/></w:pPr></w:lvl>'
            )
        out += "</w:abstractNum>"
    for nl in lists:
        for num_id, start in nl.instances.items():
            over = ""
            if start is not None:
                over = (
                    f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                )
            out += (
                f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{nl.abstract_id}"/>'
                f"{over}</w:num>"
            )
    return out + "</w:numbering>"


def _footnotes(notes: list[str | list[Run]]) -> str:
    out = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<w:footnotes {NS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
    )
    for i, note in enumerate(notes, 1):
        runs = [Run(" "), Run(note)] if isinstance(note, str) else [Run(" ")] + note
        out += (
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f"{''.join(_run(r, []) for r in runs)}</w:p></w:footnote>"
        )
    return out + "</w:footnotes>"


def _hdr(tag: str, text: str, page: bool = False) -> str:
    field_ = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    runs = f"<w:r><w:t>{escape(text)}</w:t></w:r>" if text else ""
    runs += field_ if page else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<w:{tag} {NS}><w:p><w:pPr><w:jc w:val="center"/>'
        f"</w:pPr>{runs}</w:p></w:{tag}>"
    )


def _rels(rels: list[tuple[str, str]]) -> str:
    out = '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    for i, (kind, target) in enumerate(rels, 1):
        out += f'<Relationship Id="rId{i}" Type="{REL}/{kind}" Target="{target}"/>'
    return out + "</Relationships>"


def _content_types() -> str:
    parts = {
        "document": "document.main",
        "styles": "styles",
        "numbering": "numbering",
        "footnotes": "footnotes",
        "header1": "header",
        "footer1": "footer",
    }
    out = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
    )
    for name, kind in parts.items():
        out += f'<Override PartName="/word/{name}.xml" ContentType="{CT}.{kind}+xml"/>'
    return out + "</Types>"
