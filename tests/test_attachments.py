"""Reports that come as files: the Long An report as DOCX, PDF, DOC, a scan, and a
TCVN3-font DOCX (tests/data/attachments, made by make_fixtures.py) read into the
same sections, footnotes, header fields and figures as its HTML page."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import baocao
from baocao.parsers.formats import ReaderOptions
from baocao.parsers.ocr import ocr_ready
from baocao.pipeline.process import Source, StageError, build_document

HERE = Path(__file__).parent
FILES = HERE / "data" / "attachments"
SAMPLE = HERE.parent / "pipeline" / "sample"
PAGE = SAMPLE / "lavusta_bao_cao_6_thang_2024.html"
DOCX = SAMPLE / "lavusta_bao_cao_6_thang_2024.docx"  # the sample site serves these two
PDF = SAMPLE / "lavusta_bao_cao_6_thang_2024.pdf"
HEADER = (
    "doc_type doc_number issued_date place issuer parent_issuer document_title "
    "signer signer_title signing_capacity"
).split()
sys.path.insert(0, str(HERE))

from docxmaker import Docx, Level, NumberedList, Para, Run, Table, para  # noqa: E402


@pytest.fixture(scope="module")
def page():
    return baocao.read_file(PAGE)


def figures(doc) -> Counter:
    return Counter((q.kind, q.value, q.unit) for q in doc.quantities)


def notes(doc) -> list[str]:
    return [" ".join(doc.text[f.start : f.end].split()) for f in doc.footnotes]


def sections(doc) -> list[tuple[str, str]]:
    return [(s.section_id, s.title) for s in doc.sections]


@pytest.mark.parametrize("path", [DOCX, PDF, FILES / "longan-tcvn3.docx"], ids=lambda p: p.name)
def test_a_file_reads_as_its_page_does(page, path):
    doc = baocao.read_file(path)
    assert sections(doc) == sections(page)
    assert notes(doc) == notes(page)
    assert {k: doc.meta.get(k) for k in HEADER} == {k: page.meta.get(k) for k in HEADER}
    assert figures(doc) == figures(page)
    # every footnote marker still points at its place in the text
    assert [f.n for f in doc.footnotes] == [1, 2, 3, 4, 5, 6]
    assert all(doc.text[f.marker_start : f.marker_start + 3] == f"[{f.n}]" for f in doc.footnotes)


def test_what_each_format_says_of_itself():
    docx = baocao.read_file(DOCX).meta
    pdf = baocao.read_file(PDF).meta
    tcvn3 = baocao.read_file(FILES / "longan-tcvn3.docx").meta
    assert (docx["format"], docx["segmenter"], docx["encoding"]) == ("docx", "docx", "docx")
    assert (pdf["format"], pdf["pages"]) == ("pdf", 7)
    assert tcvn3["encoding"] == "docx + tcvn3 font runs"
    assert docx["title"] == "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG 6 THÁNG ĐẦU NĂM 2024"


def test_the_pdf_leaves_out_running_heads_and_page_numbers():
    text = baocao.read_file(PDF).text
    assert "Liên hiệp Hội tỉnh Long An" not in text  # the running head on all 7 pages
    assert not any(line.strip().isdigit() for line in text.splitlines())
    # a paragraph broken across two pages is one line again
    assert "phản biện xã hội và phát huy vai trò tham gia xây dựng Đảng" in text


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@needs_libreoffice
def test_a_doc_file_reads_through_libreoffice(page):
    """LibreOffice's own .doc writer dropped the list restarts when the fixture was
    saved (it numbers `d.` as `a.`, `5)` as `1)`, `2.` as `1.`, as its own PDF of the
    file shows), so section ids differ; the titles, notes, header and figures do not."""
    doc = baocao.read_file(FILES / "longan.doc")
    assert doc.meta["format"] == "doc" and doc.meta["segmenter"] == "doc>docx"
    assert [t for _, t in sections(doc)] == [t for _, t in sections(page)]
    assert notes(doc) == notes(page)
    assert {k: doc.meta.get(k) for k in HEADER} == {k: page.meta.get(k) for k in HEADER}
    assert figures(doc) == figures(page)


def test_a_doc_file_without_libreoffice_is_one_clear_error():
    src = Source("file:///x/longan.doc", (FILES / "longan.doc").read_bytes())
    src = Source(src.url, src.body, readers=ReaderOptions(doc_converter="/nowhere/soffice"))
    with pytest.raises(StageError) as e:
        build_document(src)
    assert e.value.stage == "converter"
    assert "LibreOffice" in str(e.value) and "\n" not in str(e.value)


def test_extract_records_a_missing_converter_and_goes_on(tmp_path):
    """On a machine without LibreOffice, the .doc is an errors.csv row naming what to
    install, and the other files are read."""
    files = tmp_path / "in"
    files.mkdir()
    for path in (FILES / "longan.doc", DOCX):
        shutil.copy(path, files / path.name)
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare)}
    out = tmp_path / "out"
    exe = [sys.executable, "-m", "baocao.pipeline.cli", "extract", str(files), "--out", str(out)]
    done = subprocess.run(exe, env=env, capture_output=True, text=True)
    assert "Traceback" not in done.stderr
    errors = pd.read_csv(out / "errors.csv")
    assert list(errors["stage"]) == ["converter"]
    assert "longan.doc" in errors["input"][0] and "LibreOffice" in errors["error"][0]
    documents = pd.read_csv(out / "documents.csv")
    assert list(documents["format"]) == ["docx"]


def test_a_scan_without_ocr_is_recorded_with_its_page_count():
    src = Source(
        "file:///x/scan.pdf",
        (FILES / "longan-scanned.pdf").read_bytes(),
        readers=ReaderOptions(ocr="off"),
    )
    with pytest.raises(StageError) as e:
        build_document(src)
    assert e.value.stage == "needs_ocr" and e.value.skipped
    assert "7 page(s)" in str(e.value)


@pytest.mark.skipif(not ocr_ready("vie"), reason="Tesseract with its Vietnamese model is absent")
def test_a_scan_is_read_by_ocr_when_tesseract_is_installed():
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(str(FILES / "longan-scanned.pdf"))
    first = pdfium.PdfDocument.new()
    first.import_pages(scan, [0])
    buf = io.BytesIO()
    first.save(buf)
    doc = baocao.read_bytes(buf.getvalue(), "file:///x/scan-page-1.pdf")
    assert doc.meta["segmenter"] == "pdf>ocr" and doc.meta["pages"] == 1
    assert doc.meta["doc_number"] == "06/BC-LHH"
    assert "Trong 6 tháng đầu năm" in doc.text


def _password_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for p in PdfReader(PDF).pages[:1]:
        writer.add_page(p)
    writer.encrypt("mật khẩu")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (lambda: _password_pdf(), "password-protected PDF"),
        (lambda: (PDF).read_bytes()[:5000], "not a readable PDF"),
        (lambda: (DOCX).read_bytes()[:3000], "not a readable DOCX"),
    ],
)
def test_a_locked_or_broken_file_is_one_line(body, said):
    with pytest.raises(StageError) as e:
        build_document(Source("file:///x/f", body()))
    assert e.value.stage == "file" and said in str(e.value) and "\n" not in str(e.value)


def test_a_spreadsheet_is_skipped_not_failed():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(StageError) as e:
        build_document(Source("file:///x/so-lieu.xlsx", buf.getvalue()))
    assert e.value.skipped and "spreadsheet" in str(e.value)


# -- Word's numbering, counted as Word counts it ------------------------------


def _read_docx(tmp_path, d: Docx) -> baocao.Document:
    path = tmp_path / "t.docx"
    d.save(path)
    return baocao.read_file(path)


def test_multilevel_numbering_restarts_below_a_new_heading(tmp_path):
    legal = NumberedList(1, [Level("upperRoman", "%1."), Level("decimal", "%1.%2.")])
    legal.instances[1] = None
    body = [para("KẾ HOẠCH"), para("Triển khai năm 2025")]
    for title, level in [
        ("MỤC ĐÍCH", 0), ("Mục đích thứ nhất", 1), ("Mục đích thứ hai", 1),
        ("NHIỆM VỤ", 0), ("Nhiệm vụ thứ nhất", 1),
    ]:  # fmt: skip
        body.append(Para([Run(title)], num=(1, level)))
        body.append(para("Các đơn vị thực hiện theo kế hoạch."))
    doc = _read_docx(tmp_path, Docx(body, [legal]))
    lines = doc.text.splitlines()
    assert "I. MỤC ĐÍCH" in lines and "I.2. Mục đích thứ hai" in lines
    assert "II.1. Nhiệm vụ thứ nhất" in lines  # the second level restarted under II


def test_numbering_from_a_style_and_switched_off_by_num_id_0(tmp_path):
    chapter = NumberedList(1, [Level("decimal", "Chương %1")])
    chapter.instances[1] = None
    style = (
        '<w:style w:type="paragraph" w:styleId="Chuong"><w:name w:val="Chuong"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    body = [
        Para([Run("QUY ĐỊNH CHUNG")], style="Chuong"),
        para("Điều 1. Phạm vi điều chỉnh"),
        Para([Run("Ghi chú không đánh số")], style="Chuong", num=(0, 0)),
        Para([Run("TỔ CHỨC THỰC HIỆN")], style="Chuong"),
    ]
    doc = _read_docx(tmp_path, Docx(body, [chapter], styles_xml=style))
    lines = doc.text.splitlines()
    assert lines[0] == "Chương 1 QUY ĐỊNH CHUNG"
    assert "Ghi chú không đánh số" in lines
    assert "Chương 2 TỔ CHỨC THỰC HIỆN" in lines


def test_a_bordered_word_table_is_a_data_table(tmp_path):
    cell = lambda s: [para(s)]  # noqa: E731
    grid = Table(
        [
            [cell("Đơn vị"), cell("Số hội viên")],
            [cell("Hội Luật gia"), cell("1.250")],
            [cell("Hội Đông Y"), cell("830")],
        ],
        borders=True,
    )
    doc = _read_docx(tmp_path, Docx([para("BÁO CÁO"), para("Số liệu hội viên"), grid]))
    cells = pd.DataFrame(doc.tables)
    assert set(cells["header"]) == {"Đơn vị", "Số hội viên"}
    assert sorted(cells["number"].dropna()) == [830, 1250]


def test_a_password_protected_docx_says_so():
    """Office stores an encrypted DOCX as an OLE container holding an
    `EncryptedPackage` stream; its directory entry names it in UTF-16."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(StageError) as e:
        build_document(Source("https://so.gov.vn/DownloadFile.aspx?id=7", ole + b"\0" * 4096))
    assert e.value.stage == "file" and "password-protected DOCX" in str(e.value)


@pytest.mark.parametrize("path", [DOCX, PDF], ids=lambda p: p.suffix)
def test_damaged_files_are_recorded_as_such_never_as_a_crash(path):
    """Bytes flipped at random (bad CRCs, bad deflate streams, control codes in a text
    layer, damaged pages): each copy is read, or is one `file` error (or, when its
    first bytes no longer say any format, binary content); never another failure,
    which would mean an error nobody foresaw."""
    import random

    rng, raw = random.Random(7), path.read_bytes()
    stages = Counter()
    for _ in range(30):
        body = bytearray(raw)
        for _ in range(rng.randint(1, 20)):
            body[rng.randrange(len(body))] = rng.randrange(256)
        try:
            build_document(Source("file:///x/damaged", bytes(body)))
            stages["read"] += 1
        except StageError as e:
            assert "\n" not in str(e)
            stages["binary" if "binary content" in str(e) else e.stage] += 1
    assert set(stages) <= {"read", "file", "binary"}, stages


def test_a_pdf_whose_fonts_no_longer_say_tcvn3_is_told_by_its_characters(page):
    """Printed without the `.VnTime` fonts: the PDF names a substitute font, so the
    text's own characters say TCVN3, and the lost `.VnTimeH` capitals come back.
    LibreOffice dropped TCVN3's `ư` (U+00AD, a soft hyphen to it) when it printed
    the fixture, so words with `ư` and the figures they hold cannot match the page."""
    doc = baocao.read_file(FILES / "longan-tcvn3.pdf")
    assert doc.meta["encoding"] == "pdf + tcvn3 by characters"
    assert [s for s, _ in sections(doc)] == [s for s, _ in sections(page)]
    assert {k: doc.meta.get(k) for k in HEADER if k != "signing_capacity"} == {
        k: page.meta.get(k) for k in HEADER if k != "signing_capacity"
    }
    assert doc.text.startswith("UBND TỈNH LONG AN\nLIÊN HIỆP CÁC HỘI")
    assert len(doc.footnotes) == 6


def test_a_pdfs_ruled_table_gives_the_rows_its_word_file_gives():
    """The table's rules are the grid: each cell's text, a wrapped name included,
    lands in its cell, under its header, with its number."""
    columns = ["table_id", "row", "col", "header", "value", "number"]
    from_pdf = pd.DataFrame(baocao.read_file(FILES / "so-lieu.pdf").tables)[columns]
    from_docx = pd.DataFrame(baocao.read_file(FILES / "so-lieu.docx").tables)[columns]
    pd.testing.assert_frame_equal(from_pdf, from_docx)
    assert (
        len(from_pdf) == 12
        and from_pdf.number.sum() == 1.0 + 2 + 3 + 1250 + 830 + 95 + 35 + 120.5 + 12
    )
    wrapped = from_pdf[(from_pdf.row == 3) & (from_pdf.col == 2)].value.iloc[0]
    assert wrapped == "Hội Kiến trúc sư tỉnh và các chi hội trực thuộc ở các huyện"


def test_heading_styles_numbered_through_a_linked_numbering_style(tmp_path):
    """Word's multilevel heading lists: Heading1/Heading2 point at a list that only
    links a numbering style (`w:numStyleLink`); the levels live in the style's own
    list, and each level names the heading style it numbers (`w:lvl/w:pStyle`)."""
    levels = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="Heading2"/><w:lvlText w:val="%2."/></w:lvl>'
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="Headings"><w:name w:val="Headings"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
        '<w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr>'
        "</w:style>"
    )
    body = [
        Para([Run("MỤC TIÊU")], style="Heading1"),
        Para([Run("Mục tiêu chung")], style="Heading2"),
        Para([Run("Mục tiêu cụ thể")], style="Heading2"),
        Para([Run("NHIỆM VỤ")], style="Heading1"),
        Para([Run("Nhiệm vụ trọng tâm")], style="Heading2"),
    ]
    path = tmp_path / "headings.docx"
    Docx(body, styles_xml=styles).save(path)
    numbering = (
        '<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="'
        'http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="Headings"/></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num></w:numbering>'
    )
    _replace_part(path, "word/numbering.xml", numbering)
    lines = baocao.read_file(path).text.splitlines()
    assert lines == [
        "I. MỤC TIÊU",
        "1. Mục tiêu chung",
        "2. Mục tiêu cụ thể",
        "II. NHIỆM VỤ",
        "1. Nhiệm vụ trọng tâm",
    ]


def _replace_part(path: Path, name: str, xml: str) -> None:
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
