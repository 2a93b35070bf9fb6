"""Tables that explain themselves: figures beside their document and section, references
with ids and places, reporting periods, duplicates marked."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from baocao.parsers.periods import period_of
from baocao.pipeline.cli import cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "out"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--delay", "0"])
    assert result.exit_code == 0, result.output
    return out


def test_the_demos_copies_of_one_report_are_marked(demo):
    """The Long An report comes four times: its page, its Word-saved page, its PDF and
    its DOCX. One copy stands; the others point at it."""
    docs = pd.read_csv(demo / "documents.csv")
    copies = docs[docs.doc_number == "06/BC-LHH"].sort_values("duplicate_of", na_position="first")
    assert sorted(copies.format) == ["docx", "html", "html", "pdf"]
    first = copies.doc_id.iloc[0]
    assert pd.isna(copies.duplicate_of.iloc[0]) and (copies.duplicate_of.iloc[1:] == first).all()
    assert docs.text_sha256.str.len().eq(64).all()


def test_figures_need_no_join(demo):
    figures = pd.read_csv(demo / "figures.csv")
    quantities = pd.read_csv(demo / "quantities.csv")
    assert len(figures) == len(quantities)
    row = figures[figures.section_id == "I.1"].iloc[0]
    assert row.section_title.startswith("Triển khai thực hiện các Chỉ thị")
    assert row.doc_number == "06/BC-LHH" and row.issued_date == "2024-06-11"
    assert row.period_start == "2024-01-01" and row.period_end == "2024-06-30"
    money = figures[figures.kind == "money"].groupby("issuer").value.sum()
    assert money.iloc[0] > 0


def test_references_have_ids_sections_and_footnotes(demo):
    refs = pd.read_csv(demo / "references.csv")
    one = refs[refs.doc_id == refs.doc_id.iloc[0]]
    assert one.reference_id.tolist() == [f"r{i}" for i in range(1, len(one) + 1)]
    assert refs.section_id.notna().any() and refs.footnote.notna().any()


@pytest.mark.parametrize(
    "title, label, start, end",
    [
        (
            "KẾT QUẢ HOẠT ĐỘNG 6 THÁNG ĐẦU NĂM 2024",
            "6 THÁNG ĐẦU NĂM 2024",
            "2024-01-01",
            "2024-06-30",
        ),
        (
            "Phương hướng nhiệm vụ 6 tháng cuối năm 2023",
            "6 tháng cuối năm 2023",
            "2023-07-01",
            "2023-12-31",
        ),
        ("Sơ kết công tác quý II/2024", "quý II/2024", "2024-04-01", "2024-06-30"),
        ("Kết quả 9 tháng năm 2022", "9 tháng năm 2022", "2022-01-01", "2022-09-30"),
        ("Tổng kết công tác Hội năm 2021", "năm 2021", "2021-01-01", "2021-12-31"),
        (
            "Báo cáo chính trị nhiệm kỳ 2022 – 2027",
            "nhiệm kỳ 2022 – 2027",
            "2022-01-01",
            "2027-12-31",
        ),
        ("Kế hoạch năm học 2023-2024", "năm học 2023-2024", "2023-09-01", "2024-08-31"),
        ("Báo cáo tháng 10/2024", "tháng 10/2024", "2024-10-01", "2024-10-31"),
        (
            "Kết quả kiểm tra từ ngày 01/3/2024 đến ngày 15/3/2024",
            "từ ngày 01/3/2024 đến ngày 15/3/2024",
            "2024-03-01",
            "2024-03-15",
        ),
    ],
)
def test_periods_from_real_title_shapes(title, label, start, end):
    p = period_of(title)
    assert (p.label, p.start, p.end) == (label, start, end)


def test_a_period_without_its_year_takes_the_documents_year_and_a_title_may_have_none():
    assert period_of("Báo cáo 6 tháng đầu năm", "2025-07-02").end == "2025-06-30"
    assert period_of("Về việc thành lập Chi hội", "2025-07-02") is None


def test_the_package_describes_every_field_and_validates(demo):
    import json

    from frictionless import validate

    package = json.loads((demo / "datapackage.json").read_text("utf-8"))
    tables = {r["name"]: r for r in package["resources"]}
    kind = next(f for f in tables["quantities"]["schema"]["fields"] if f["name"] == "kind")
    assert "money" in kind["constraints"]["enum"] and kind["description"]
    assert tables["references"]["schema"]["primaryKey"] == ["doc_id", "reference_id"]
    assert validate(str(demo / "datapackage.json")).valid
    texts = tables["texts"]  # every document's text is part of the package
    docs = pd.read_csv(demo / "documents.csv")
    assert sorted(texts["path"]) == sorted(f"texts/{d}.txt" for d in docs.doc_id)
    made = package["baocao"]  # and how the tables were made
    assert made["command"] == "run" and made["start_urls"][0].endswith("/tin-tuc/")
    assert made["settings"]["parse_workers"] >= 1 and "version" in made
    codebook = (demo / "README.md").read_text("utf-8")
    assert "## figures" in codebook and "| `duplicate_of` |" in codebook


def test_a_target_year_is_not_the_period_reported_on():
    assert period_of("Chiến lược phát triển đến năm 2025, tầm nhìn 2030") is None
