"""Figures in sentences written for these tests (not taken from the gold sets)."""

from __future__ import annotations

import pytest

from baocao.parsers.quantities import find_quantities


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [(text[q.start : q.end], q.kind) for q in found]
    q = found[0]
    return text[q.start : q.end], q


@pytest.mark.parametrize(
    "text,mention,kind,value,unit,qualifier",
    [
        ("Quỹ hỗ trợ được 45.500.000 đồng.", "45.500.000 đồng", "money", 45500000, "VND", "exact"),
        ("tổng kinh phí khoảng 3,2 tỷ đồng", "khoảng 3,2 tỷ đồng", "money", 3.2e9, "VND", "approx"),
        ("ủng hộ 120triệu cho bà con", "120triệu", "money", 120e6, "VND", "exact"),
        ("mỗi phần quà trị giá 300.000đ", "300.000đ", "money", 300000, "VND", "exact"),
        ("tài trợ 15.000 USD", "15.000 USD", "money", 15000, "USD", "exact"),
        (
            "thu hút hơn 2.400 lượt người tham gia",
            "hơn 2.400 lượt người",
            "people",
            2400,
            "lượt người",
            "more_than",
        ),
        ("kết nạp mới 215 hội viên", "215 hội viên", "people", 215, "hội viên", "exact"),
        ("hỗ trợ 47 hộ gia đình khó khăn", "47 hộ gia đình", "count", 47, "hộ gia đình", "exact"),
        ("tổ chức 09 lớp tập huấn", "09 lớp tập huấn", "count", 9, "lớp tập huấn", "exact"),
        ("trồng mới 25,5 ha rừng", "25,5 ha", "area", 25.5, "ha", "exact"),
        ("cải tạo 4.500m2 mặt bằng", "4.500m2", "area", 0.45, "ha", "exact"),
        ("thu gom 3,5 tấn rác", "3,5 tấn", "mass", 3500, "kg", "exact"),
        ("làm mới 12km đường giao thông", "12km", "length", 12000, "m", "exact"),
        ("tỷ lệ hộ nghèo giảm còn 1,85%", "1,85%", "percent", 1.85, "%", "exact"),
        ("sau 5 năm triển khai mô hình", "5 năm", "duration", 5, "năm", "exact"),
        ("đóng góp 1.200 ngày công", "1.200 ngày công", "other", 1200, "ngày công", "exact"),
        ("tăng gấp 3,5 lần so với", "3,5 lần", "other", 3.5, "lần", "exact"),
        (
            "có ít nhất 20 câu lạc bộ",
            "ít nhất 20 câu lạc bộ",
            "count",
            20,
            "câu lạc bộ",
            "at_least",
        ),
        ("dưới 10 người mỗi nhóm", "dưới 10 người", "people", 10, "người", "less_than"),
        ("ba đợt khám bệnh", "ba đợt", "count", 3, "đợt", "exact"),
    ],
)
def test_figure_shapes(text, mention, kind, value, unit, qualifier):
    got, q = one(text)
    assert (got, q.kind, q.unit, q.qualifier) == (mention, kind, unit, qualifier)
    assert q.value == pytest.approx(value)


def test_ranges_rates_and_fractions():
    text = "từ 8.000 – 9.500 suất; 200 nghìn đồng/người; 27/30 xã đạt chuẩn; mỗi ấp 15 hộ"
    got = {text[q.start : q.end]: q for q in find_quantities(text)}
    r = got["8.000 – 9.500 suất"]
    assert (r.value, r.value_max, r.qualifier) == (8000, 9500, "range")
    assert got["200 nghìn đồng"].per == "người" and got["200 nghìn đồng"].value == 200000
    assert (got["27/30 xã"].value, got["27/30 xã"].denominator) == (27, 30)
    assert got["15 hộ"].per == "ấp"


def test_number_after_its_noun():
    text = "Tổng số đoàn viên của chi đoàn là 48, Ban chấp hành: 9 đồng chí."
    got = [(text[q.start : q.end], q.kind, q.value) for q in find_quantities(text)]
    assert ("48", "people", 48) in got


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 15/3/2023, hội nghị lần thứ 5 khai mạc lúc 8:30.",
        "Kế hoạch giai đoạn 2021 - 2025 và nhiệm kỳ 2022 – 2027.",
        "Kỷ niệm 75 năm ngày thành lập Hội vào năm 2025.",
        "Báo cáo 6 tháng đầu năm; quý III năm 2024.",
        "theo Quyết định số 123/QĐ-UBND; điện thoại 0272 3826 123.",
        "ảnh 2: bệnh nhân COVID-19 ở Quận 3, cơn bão số 9.",
        "là một trong 5 tỉnh dẫn đầu, khóa XIII, đợt 2",
        "xem tại https://example.gov.vn/a/123 hoặc file anh_2024_05.jpg",
    ],
)
def test_things_that_are_not_figures(text):
    got = [(text[q.start : q.end]) for q in find_quantities(text)]
    assert got == [] or got == ["5 tỉnh"], got


def test_people_are_whole_so_a_comma_groups_thousands():
    _, q = one("có 15,420 lượt thanh niên tham gia")
    assert q.value == 15420


def test_figures_in_footnotes_carry_the_footnote_and_the_markers_section():
    from conftest import fixture_bytes

    from baocao.outputs.tables import rows_for
    from baocao.pipeline.process import Source, build_document

    doc = build_document(
        Source("file:///l.html", fixture_bytes("lavusta_bao_cao_6_thang_2024.html"))
    )
    rows = {r["mention"]: r for r in rows_for(doc, {})["quantities"]}
    money = rows["2.227.360.000 đồng"]
    assert (money["footnote"], money["section_id"], money["subject"]) == (6, "I.5", "Hội Đông Y")
    assert money["value"] == 2227360000 and money["unit"] == "VND"
