"""Document structure beyond the one report: every numbering scheme, wrapped and marked-up
headings, what is not a section, headers in every layout, footnotes in every markup, and
pages that hold no document. The texts are sentences of our own in the shape real
documents take."""

from __future__ import annotations

import textwrap

import pytest

from baocao.parsers.document import SkipDocument
from baocao.parsers.parse import parse_page


def read(text: str):
    return parse_page(textwrap.dedent(text).strip().encode("utf-8"), "file:///x.txt", as_text=True)


def outline(doc) -> list[tuple[str, str, int, str | None]]:
    return [(s.section_id, s.number, s.level, s.parent_id) for s in doc.sections]


def titles(doc) -> dict[str, str]:
    return {s.section_id: s.title for s in doc.sections}


# -- numbering schemes ---------------------------------------------------------
def test_a_decree_chapters_sections_articles_clauses_and_points():
    doc = read(
        """
        Chương I
        QUY ĐỊNH CHUNG
        Mục 1
        PHẠM VI ÁP DỤNG
        Điều 1. Phạm vi điều chỉnh
        1. Nghị định này quy định về quản lý hồ sơ.
        a) Hồ sơ giấy;
        b) Hồ sơ điện tử.
        2. Nghị định này không áp dụng đối với hồ sơ mật.
        Điều 2. Đối tượng áp dụng
        1. Cơ quan nhà nước ở trung ương và địa phương.
        Chương II
        QUẢN LÝ HỒ SƠ
        Điều 3. Lập hồ sơ
        Cơ quan lập hồ sơ theo danh mục.
        """
    )
    assert outline(doc) == [
        ("CI", "Chương I", 1, None),
        ("CI.M1", "Mục 1", 2, "CI"),
        ("CI.M1.D1", "Điều 1.", 3, "CI.M1"),
        ("CI.M1.D1.1", "1.", 4, "CI.M1.D1"),
        ("CI.M1.D1.1.a", "a)", 5, "CI.M1.D1.1"),
        ("CI.M1.D1.1.b", "b)", 5, "CI.M1.D1.1"),
        ("CI.M1.D1.2", "2.", 4, "CI.M1.D1"),
        ("CI.M1.D2", "Điều 2.", 3, "CI.M1"),
        ("CI.M1.D2.1", "1.", 4, "CI.M1.D2"),  # a clause restarting in its article: no `~2`
        ("CII", "Chương II", 1, None),
        ("CII.D3", "Điều 3.", 2, "CII"),
    ]
    t = titles(doc)
    assert t["CI"] == "QUY ĐỊNH CHUNG"  # the title of a marker alone on its line is the next line
    assert t["CI.M1.D1"] == "Phạm vi điều chỉnh"
    assert [s.kind for s in doc.sections][:5] == ["chuong", "muc", "dieu", "arabic", "letter"]


@pytest.mark.parametrize(
    "line, number, sid",
    [
        ("PHẦN THỨ NHẤT", "PHẦN THỨ NHẤT", "P1"),
        ("Phần thứ hai: Nhiệm vụ năm 2025", "Phần thứ hai", "P2"),
        ("Phần I", "Phần I", "PI"),
        ("PHẦN A. TÌNH HÌNH CHUNG", "PHẦN A", "PA"),
        ("CHƯƠNG 2", "CHƯƠNG 2", "C2"),
        ("Tiểu mục 3", "Tiểu mục 3", "TM3"),
    ],
)
def test_worded_markers(line, number, sid):
    doc = read(f"{line}\nKẾT QUẢ THỰC HIỆN NHIỆM VỤ\nNăm qua đơn vị đã hoàn thành kế hoạch đề ra.")
    assert [(s.number, s.section_id, s.level) for s in doc.sections] == [(number, sid, 1)]


def test_report_markers_in_their_dash_and_slash_forms():
    doc = read(
        """
        A. KẾT QUẢ ĐẠT ĐƯỢC
        I- TÌNH HÌNH CHUNG
        1/ Công tác tuyên truyền
        a- Tuyên truyền trên báo chí
        b/ Tuyên truyền trên mạng xã hội
        2/- Công tác phát triển hội viên
        II/ KHÓ KHĂN, HẠN CHẾ
        1) Kinh phí còn hạn hẹp
        đ) Một điểm thứ năm
        B- PHƯƠNG HƯỚNG NĂM TỚI
        """
    )
    assert outline(doc) == [
        ("A", "A.", 1, None),
        ("A.I", "I-", 2, "A"),
        ("A.I.1", "1/", 3, "A.I"),
        ("A.I.1.a", "a-", 4, "A.I.1"),
        ("A.I.1.b", "b/", 4, "A.I.1"),
        ("A.I.2", "2/-", 3, "A.I"),
        ("A.II", "II/", 2, "A"),
        ("A.II.1", "1)", 3, "A.II"),
        ("A.II.1.đ", "đ)", 4, "A.II.1"),
        ("B", "B-", 1, None),
    ]


def test_decimal_numbering_nests_under_its_parent_number():
    doc = read(
        """
        I. NHIỆM VỤ
        1. Công tác chỉ đạo
        1.1. Chỉ đạo của Tỉnh ủy
        1.1.1. Ban hành nghị quyết chuyên đề
        1.2 Chỉ đạo của Ủy ban nhân dân
        2. Công tác kiểm tra
        """
    )
    assert outline(doc) == [
        ("I", "I.", 1, None),
        ("I.1", "1.", 2, "I"),
        ("I.1.1", "1.1.", 3, "I.1"),
        ("I.1.1.1", "1.1.1.", 4, "I.1.1"),
        ("I.1.2", "1.2", 3, "I.1"),
        ("I.2", "2.", 2, "I"),
    ]


def test_a_real_repeat_keeps_its_tilde():
    doc = read("I. KẾT QUẢ\n1. Công tác hội\na) Tổ chức\nb) Hội viên\nb) Hội viên mới\n")
    assert [s.section_id for s in doc.sections][-2:] == ["I.1.b", "I.1.b~2"]


# -- headings as layouts deliver them -----------------------------------------
def test_a_hard_wrapped_heading_keeps_its_whole_title():
    body = " ".join(["Trong sáu tháng đầu năm các cấp hội đã triển khai nhiều hoạt động"] * 4)
    wrapped = textwrap.fill(body, 78)
    doc = read(
        "I. TÌNH HÌNH VÀ\nKẾT QUẢ THỰC HIỆN NĂM 2024\n1. Công tác chỉ\nđạo, điều hành của"
        f"\nBan Thường vụ\n{wrapped}\n2. Công tác tổ chức\n{wrapped}"
    )
    t = titles(doc)
    assert t["I"] == "TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN NĂM 2024"
    assert t["I.1"].startswith("Công tác chỉ đạo, điều hành của Ban Thường vụ")
    assert "hoạt động Trong" in doc.text  # a wrap inside a paragraph is a space


def test_markdown_marks_do_not_hide_a_heading():
    doc = read(
        """
        #### I. MỤC ĐÍCH, YÊU CẦU
        Nội dung mục đích.
        **Điều 1.** **Phạm vi
        điều chỉnh**
        1. Quy định này áp dụng trong toàn tỉnh.
        """
    )
    assert [(s.number, s.title) for s in doc.sections] == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("Điều 1.", "Phạm vi điều chỉnh"),
        ("1.", "Quy định này áp dụng trong toàn tỉnh."),
    ]


def test_a_marker_alone_takes_its_title_from_the_next_line():
    doc = read(
        "I.\nTIN THẾ GIỚI\n1.\nHội nghị cấp cao ASEAN: “Đối tác cho tương lai”\n"
        "Hội nghị đã diễn ra."
    )
    assert [(s.number, s.title) for s in doc.sections] == [
        ("I.", "TIN THẾ GIỚI"),
        ("1.", "Hội nghị cấp cao ASEAN: “Đối tác cho tương lai”"),
    ]


def test_what_is_not_a_section():
    doc = read(
        """
        MỤC LỤC
        I. Mở đầu ........ 3
        II. Kết quả ........ 5
        Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
        I. Mở đầu
        Trồng trọt: diện tích lúa đạt 12.000 ha.
        - Tổ chức 5 lớp tập huấn;
        + Trong đó 2 lớp cho nông dân.
        V/v triển khai kế hoạch
        1. Công tác tập huấn
        2. Công tác tuyên truyền
        25. Một dòng đánh số lạc trong đoạn văn
        II. Kết quả
        """
    )
    assert [(s.number, s.title) for s in doc.sections] == [
        ("I.", "Mở đầu"),
        ("1.", "Công tác tập huấn"),
        ("2.", "Công tác tuyên truyền"),
        ("II.", "Kết quả"),
    ]


def test_an_attached_plan_after_the_signature_is_a_tree_of_its_own():
    doc = read(
        """
        Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện.
        Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
        KT. CHỦ TỊCH
        PHÓ CHỦ TỊCH
        Nguyễn Văn An
        KẾ HOẠCH
        (Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 2/3/2024)
        I. MỤC ĐÍCH
        1. Nâng cao nhận thức
        """
    )
    assert outline(doc) == [
        ("D1", "Điều 1.", 1, None),
        ("D2", "Điều 2.", 1, None),
        ("PL1.I", "I.", 1, None),
        ("PL1.I.1", "1.", 2, "PL1.I"),
    ]


# -- page chrome inside a text layer ------------------------------------------
def test_running_heads_page_numbers_and_stamps_are_dropped():
    page = "CÔNG BÁO/Số 12/Ngày 05-01-2026\n{n}\n"
    stamp = "Ký bởi: CÔNG BÁO\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\n"
    filler = "\n".join(f"Nội dung dòng {i} của điều khoản được giữ nguyên." for i in range(22))
    text = (
        page.format(n=3)
        + "Điều 1. Phạm vi\n"
        + filler
        + "\n1. Cơ quan có thẩm quyền của\n"
        + stamp
        + page.format(n=4)
        + "nước ngoài gửi văn bản.\n"
        + filler
        + "\n"
        + stamp
        + page.format(n=5)
        + "Điều 2. Hiệu lực\n"
    )
    doc = read(text)
    assert "CÔNG BÁO" not in doc.text and "Ký bởi" not in doc.text
    assert "Cơ quan có thẩm quyền của nước ngoài gửi văn bản." in doc.text  # the cut paragraph
    assert [s.number for s in doc.sections] == ["Điều 1.", "1.", "Điều 2."]


# -- headers ------------------------------------------------------------------
def fields(doc) -> dict:
    keys = ("doc_type", "doc_number", "issuer", "parent_issuer", "place", "issued_date")
    return {k: doc.meta.get(k) for k in (*keys, "document_title", "signer")}


def test_a_legal_database_header_in_cells_and_hard_wraps():
    doc = read(
        """
        ỦY BAN NHÂN DÂN
        TỈNH BẮC NINH
        -------
        |
        CỘNG HÒA XÃ HỘI
        CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        ---------------
        |
        Số:
        45/KH-UBND
        |
        Bắc
        Ninh, ngày 3
        tháng 5 năm 2023
        |
        KẾ HOẠCH
        TRIỂN KHAI CHUYỂN ĐỔI SỐ TRONG CƠ QUAN NHÀ NƯỚC
        NĂM 2023
        Thực hiện Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ.
        I. MỤC ĐÍCH
        """
    )
    assert fields(doc) == {
        "doc_type": "Kế hoạch",
        "doc_number": "45/KH-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Bắc Ninh",
        "parent_issuer": None,
        "place": "Bắc Ninh",
        "issued_date": "2023-05-03",
        "document_title": "TRIỂN KHAI CHUYỂN ĐỔI SỐ TRONG CƠ QUAN NHÀ NƯỚC NĂM 2023",
        "signer": None,
    }


def test_two_columns_glued_on_one_line_and_an_official_letter():
    doc = read(
        """
        ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        THÀNH PHỐ VỊ THANH Độc lập - Tự do - Hạnh phúc
        Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011
        V/v tăng cường công tác phòng chống dịch bệnh
        Kính gửi: Các phòng, ban thuộc thành phố.
        Ủy ban nhân dân thành phố đề nghị các đơn vị triển khai các biện pháp phòng chống.
        CHỦ TỊCH
        Lê Văn Bình
        """
    )
    f = fields(doc)
    assert f["doc_number"] == "454/UBND-NCTH"
    assert (f["place"], f["issued_date"]) == ("Vị Thanh", "2011-04-06")
    assert f["issuer"] == "Ủy ban nhân dân thành phố Vị Thanh"
    assert f["document_title"] == "V/v tăng cường công tác phòng chống dịch bệnh"
    assert f["signer"] == "Lê Văn Bình"  # a signature without TM. or KT.


def test_an_associations_three_line_header_gives_parent_and_issuer():
    doc = read(
        """
        UBND TỈNH AN GIANG
        LIÊN HIỆP CÁC HỘI
        KHOA HỌC VÀ KỸ THUẬT
        *****
        Số: 12/BC-LHH
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        ______
        An Giang, ngày 20 tháng 12 năm 2024
        BÁO CÁO
        Tổng kết hoạt động năm 2024
        Năm 2024, Liên hiệp Hội triển khai nhiều hoạt động thiết thực.
        """
    )
    f = fields(doc)
    assert f["parent_issuer"] == "UBND tỉnh An Giang"
    assert f["issuer"] == "Liên hiệp các Hội Khoa học và Kỹ thuật"
    assert f["document_title"] == "Tổng kết hoạt động năm 2024"  # a title in mixed case


def test_number_and_date_never_come_from_a_citation():
    doc = read(
        """
        QUYẾT ĐỊNH:
        Căn cứ Quyết định số 12/QĐ-UBND ngày 01/02/2020 của UBND tỉnh;
        Điều 1. Phê duyệt kế hoạch năm 2024.
        Điều 2. Quyết định có hiệu lực kể từ ngày ký.
        """
    )
    f = fields(doc)
    assert f["doc_number"] is None and f["issued_date"] is None and f["issuer"] is None
    assert f["doc_type"] == "Quyết định"  # the enacting word names the type
    assert [s.number for s in doc.sections] == ["Điều 1.", "Điều 2."]


def test_a_headline_in_capitals_is_not_an_issuer():
    doc = read(
        """
        THÔNG TIN THỜI SỰ TUẦN THỨ HAI THÁNG 3/2024
        I. TIN TRONG NƯỚC
        Hội nghị đã diễn ra thành công tốt đẹp với nhiều nội dung quan trọng.
        """
    )
    assert fields(doc)["issuer"] is None


def test_a_header_in_a_two_column_layout_table():
    html = """<html><body><div class="content">
    <table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH HÀ NAM</p><p>Số: 88/BC-UBND</p></td>
    <td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p>
    <p>Hà Nam, ngày 9 tháng 10 năm 2024</p></td></tr></table>
    <p>BÁO CÁO</p><p>Kết quả thực hiện nhiệm vụ 9 tháng đầu năm 2024</p>
    <p>I. KẾT QUẢ ĐẠT ĐƯỢC</p>
    <p>Trong 9 tháng, tỉnh đã hoàn thành nhiều chỉ tiêu quan trọng, thu ngân sách đạt cao.</p>
    </div></body></html>"""
    doc = parse_page(html.encode(), "http://portal.test/bao-cao-9-thang")
    f = fields(doc)
    assert (f["doc_number"], f["issuer"], f["place"]) == (
        "88/BC-UBND",
        "Ủy ban nhân dân tỉnh Hà Nam",
        "Hà Nam",
    )
    assert f["document_title"] == "Kết quả thực hiện nhiệm vụ 9 tháng đầu năm 2024"


# -- footnotes in every markup -------------------------------------------------
NOTE_BODY = (
    "<h1>Báo cáo kết quả hoạt động năm 2024</h1><p>Năm 2024 Hội tổ chức 12 lớp tập huấn cho "
    "hội viên{m1} và 5 hội thảo khoa học{m2} trong toàn tỉnh.</p><p>Các hoạt động khác tiếp "
    "tục được duy trì đều đặn trong năm.</p>{notes}"
)
NOTES = [
    "<li id='fn1'>Theo Kế hoạch số 12/KH-LHH.</li><li id='fn2'>Có 300 lượt người dự.</li>",
    "<p>Theo Kế hoạch số 12/KH-LHH.</p><p>Có 300 lượt người dự.</p>",
]


@pytest.mark.parametrize(
    "m1, m2, notes",
    [
        (
            "<sup><a href='#fn1' id='r1'>1</a></sup>",
            "<sup><a href='#fn2' id='r2'>2</a></sup>",
            f"<ol class='footnotes'>{NOTES[0]}</ol>",
        ),
        (
            "<a href='#_ftn1' name='_ftnref1'><sup>[1]</sup></a>",
            "<a href='#_ftn2' name='_ftnref2'><sup>[2]</sup></a>",
            "<div><p><a href='#_ftnref1' name='_ftn1'>[1]</a> Theo Kế hoạch số 12/KH-LHH.</p>"
            "<p><a href='#_ftnref2' name='_ftn2'>[2]</a> Có 300 lượt người dự.</p></div>",
        ),
        ("<sup>1</sup>", "<sup>2</sup>", f"<div class='footnotes'>{NOTES[1]}</div>"),
        (
            "<sup>1</sup>",
            "<sup>2</sup>",
            "<p>1 Theo Kế hoạch số 12/KH-LHH.</p><p>2 Có 300 lượt người dự.</p>",
        ),
        (
            "<sup>1</sup>",
            "<sup>2</sup>",
            "<p>[1] Theo Kế hoạch số 12/KH-LHH.</p><p>[2] Có 300 lượt người dự.</p>",
        ),
        ("[1]", "[2]", "<p>[1] Theo Kế hoạch số 12/KH-LHH.</p><p>[2] Có 300 lượt người dự.</p>"),
    ],
    ids=["sup-a-ol", "word-ftn", "div-footnotes", "n-lines", "bracket-lines", "plain"],
)
def test_footnotes_in_every_common_markup(m1, m2, notes):
    body = NOTE_BODY.format(m1=m1, m2=m2, notes=notes)
    html = f"<html><body><article>{body}</article></body></html>"
    doc = parse_page(html.encode(), "http://blog.test/bao-cao")
    got = [(f.n, doc.text[f.start : f.end]) for f in doc.footnotes]
    assert got == [(1, "Theo Kế hoạch số 12/KH-LHH."), (2, "Có 300 lượt người dự.")]
    first = doc.footnotes[0].marker_start
    assert first is not None and doc.text.index("hội viên") < first < doc.text.index("và 5")


def test_a_table_of_contents_of_links_is_not_a_second_tree():
    html = """<html><body><article><h1>Kế hoạch tổ chức hội thi năm 2025</h1>
    <div id="toc_container"><ul><li><a href="#muc-1">I. MỤC ĐÍCH, YÊU CẦU</a></li>
    <li><a href="#muc-2">II. NỘI DUNG</a></li></ul></div>
    <h2 id="muc-1">I. MỤC ĐÍCH, YÊU CẦU</h2><p>Hội thi nhằm phát hiện, bồi dưỡng các tài năng
    trẻ trong lĩnh vực khoa học kỹ thuật của tỉnh.</p>
    <h2 id="muc-2">II. NỘI DUNG</h2><p>Các đơn vị tổ chức vòng sơ khảo trước ngày 30/6/2025
    và gửi kết quả về Ban Tổ chức.</p></article></body></html>"""
    doc = parse_page(html.encode(), "http://blog.test/ke-hoach")
    assert [(s.section_id, s.title) for s in doc.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"),
        ("II", "NỘI DUNG"),
    ]
    assert doc.meta["title"] == "Kế hoạch tổ chức hội thi năm 2025"


# -- pages that hold no document -----------------------------------------------
LISTING = """<html><head><title>Tin tức - Sở Nội vụ tỉnh</title></head><body>
<div class="header"><h1>SỞ NỘI VỤ TỈNH - NĂNG ĐỘNG, SÁNG TẠO</h1></div>
<div class="list">{items}</div>
<div class="footer"><p>Bản quyền thuộc Sở Nội vụ tỉnh. Địa chỉ: số 1 đường Trần Phú.</p></div>
</body></html>"""


def test_a_listing_page_gives_no_document():
    items = "".join(
        f"<div class='item'><a href='/tin/{i}'>Báo cáo kết quả công tác tháng {i} năm 2024 "
        f"của Sở Nội vụ tỉnh</a><span>{i}/2024</span></div>"
        for i in range(1, 13)
    )
    with pytest.raises(SkipDocument, match="listing|no document"):
        parse_page(LISTING.format(items=items).encode(), "http://sonoivu.test/tin-tuc")


def test_an_error_page_served_with_200_gives_no_document():
    html = """<html><head><title>Trang không tồn tại - Cổng thông tin</title></head><body>
    <div class="main"><h1>Không tìm thấy trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc
    đã bị xóa khỏi hệ thống. Vui lòng quay lại trang chủ.</p></div>
    <div class="footer"><p>Bản quyền thuộc Ủy ban nhân dân tỉnh. Địa chỉ: số 1 đường Lê Lợi,
    thành phố, điện thoại 0123 456 789.</p></div></body></html>"""
    with pytest.raises(SkipDocument, match="error page"):
        parse_page(html.encode(), "http://portal.test/khong-co")


def test_extract_records_a_page_without_a_document_as_skipped(tmp_path):
    import pandas as pd

    from baocao.pipeline.cli import main

    items = "".join(
        f"<p><a href='/tin/{i}'>Tin số {i} của Sở trong tháng</a></p>" for i in range(20)
    )
    page = tmp_path / "listing.html"
    page.write_text(LISTING.format(items=items), "utf-8")
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as e:
        main(["extract", str(page), "--out", str(out)])
    assert e.value.code == 0  # nothing failed: the page holds no document
    errors = pd.read_csv(out / "errors.csv")
    assert list(errors["stage"]) == ["article"]
    assert pd.read_csv(out / "documents.csv").empty


def test_a_legal_databases_attribute_table_fills_what_the_header_does_not_show():
    html = """<html><body><table>
    <tr><td>Số hiệu:</td><td>12/KH-UBND</td><td>Loại văn bản:</td><td>Kế hoạch</td></tr>
    <tr><td>Nơi ban hành:</td><td>Tỉnh Hà Nam</td><td>Người ký:</td><td>Trần Văn An</td></tr>
    <tr><td>Ngày ban hành:</td><td>05/03/2024</td><td>Tình trạng:</td><td>Đã biết</td></tr>
    </table><article><h1>Kế hoạch tổ chức hội thi sáng tạo kỹ thuật năm 2024</h1>
    <p>Nhằm phát huy tinh thần sáng tạo trong cán bộ, công chức, tỉnh tổ chức hội thi.</p>
    <p>I. MỤC ĐÍCH</p><p>Hội thi nhằm phát hiện các giải pháp có giá trị ứng dụng.</p>
    </article></body></html>"""
    doc = parse_page(html.encode(), "http://legal.test/ke-hoach-12")
    assert (doc.meta["doc_number"], doc.meta["issued_date"], doc.meta["signer"]) == (
        "12/KH-UBND",
        "2024-03-05",
        "Trần Văn An",
    )
    assert doc.meta["page_attributes"] == "doc_number doc_type issued_date issuer signer"


def test_a_text_flattened_onto_one_line_is_still_read():
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH HÀ NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 88/KH-UBND",
        "Hà Nam, ngày 9 tháng 10 năm 2024",
        "KẾ HOẠCH",
        "TRIỂN KHAI CHUYỂN ĐỔI SỐ NĂM 2025",
        "Căn cứ Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích: nâng cao hiệu quả quản lý nhà nước trên môi trường số.",
        "2. Yêu cầu: bảo đảm an toàn thông tin trong toàn tỉnh.",
        "II. NHIỆM VỤ",
    ]
    filler = " Các sở, ngành phối hợp thực hiện đúng tiến độ đã đề ra." * 40
    doc = read(" ".join(lines) + filler)
    assert (doc.meta["doc_number"], doc.meta["issued_date"], doc.meta["doc_type"]) == (
        "88/KH-UBND",
        "2024-10-09",
        "Kế hoạch",
    )
    assert [s.number for s in doc.sections] == ["I.", "1.", "2.", "II."]
