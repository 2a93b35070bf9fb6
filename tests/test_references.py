"""Citations in sentences written for these tests."""

from __future__ import annotations

from baocao.parsers.document import Document
from baocao.parsers.references import extract


def refs(text: str):
    doc = extract(Document("t", "t", text))
    return [(text[r.start : r.end], r.doc_type, r.number, r.date, r.issuer) for r in doc.references]


def test_typed_citation_with_date_and_issuer():
    text = "Thực hiện Chỉ thị số 12-CT/TU ngày 05/3/2022 của Ban Thường vụ Tỉnh ủy về tăng cường"
    assert refs(text) == [
        (
            "Chỉ thị số 12-CT/TU ngày 05/3/2022",
            "Chỉ thị",
            "12-CT/TU",
            "2022-03-05",
            "Ban Thường vụ Tỉnh ủy",
        )
    ]


def test_lower_case_type_word_and_written_out_date_across_a_line_break():
    text = "căn cứ thông tư 08/2019/TT-BTC\nngày 30 tháng 1 năm 2019 hướng dẫn"
    assert refs(text) == [
        (
            "thông tư 08/2019/TT-BTC\nngày 30 tháng 1 năm 2019",
            "Thông tư",
            "08/2019/TT-BTC",
            "2019-01-30",
            "Bộ Tài chính",
        )
    ]


def test_law_by_name_has_no_number():
    text = "Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020; Luật Đất đai có hiệu lực"
    got = refs(text)
    assert [(m, t, n, d) for m, t, n, d, _ in got] == [
        ("Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020", "Luật", None, "2020-11-17"),
        ("Luật Đất đai", "Luật", None, None),
    ]


def test_own_number_and_associations_are_not_citations():
    text = "Số: 15/BC-HND\nHội Luật gia tỉnh tổ chức tập huấn"
    assert refs(text) == []


def test_elliptical_number_in_a_list_continues_the_type():
    text = "Căn cứ Nghị định số 10/2020/NĐ-CP; số 25/2021/NĐ-CP ngày 01/4/2021;"
    got = refs(text)
    assert [g[2] for g in got] == ["10/2020/NĐ-CP", "25/2021/NĐ-CP"]
    assert got[1][1] == "Nghị định" and got[1][3] == "2021-04-01" and got[0][4] == "Chính phủ"
