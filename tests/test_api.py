"""`import baocao` as a notebook uses it: a page, a text or a file in, a Document out; a
run's folder in, its tables out. The examples are the README's."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SAMPLE

import baocao

PAGE = (SAMPLE / "lavusta_bao_cao_6_thang_2024.html").read_bytes()


def test_read_html_from_bytes_and_from_str_agree():
    from_bytes = baocao.read_html(PAGE, url="http://lavusta.longan.gov.vn/bao-cao")
    from_str = baocao.read_html(PAGE.decode("utf-8"), url="http://lavusta.longan.gov.vn/bao-cao")
    assert from_bytes.text == from_str.text
    assert from_bytes.meta["doc_number"] == "06/BC-LHH"
    assert [s.section_id for s in from_bytes.sections][:2] == ["I", "I.1"]
    q = from_bytes.quantities[0]
    assert from_bytes.text[q.start : q.end]


def test_read_text_and_read_file():
    doc = baocao.read_text("I. KẾT QUẢ\nHội đã tổ chức 12 lớp tập huấn cho 300 hội viên.")
    assert [s.title for s in doc.sections] == ["KẾT QUẢ"]
    assert {q.unit for q in doc.quantities} == {"lớp tập huấn", "hội viên"}
    page = baocao.read_file(SAMPLE / "dongthap_lhh_tong_ket_hoi_thi_2021.html")
    assert page.tables and page.tables[0]["table_id"] == "t1"


def test_to_frames_gives_nullable_dtypes():
    frames = baocao.read_html(PAGE).to_frames()
    q = frames["quantities"]
    assert str(q["value"].dtype) == "Float64" and str(q["start"].dtype) == "Int64"
    assert str(q["mention"].dtype) == "string"
    assert set(frames) >= {"documents", "sections", "footnotes", "quantities", "references"}


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: baocao.read_html(42), TypeError),
        (lambda: baocao.read_text(b"bytes"), TypeError),
        (lambda: baocao.read_file(3.5), TypeError),
        (lambda: baocao.read_file("so_lieu.xlsx"), ValueError),
        (lambda: baocao.read_html(b"   "), ValueError),
        (lambda: baocao.load("/nonexistent-folder"), ValueError),
    ],
)
def test_wrong_input_is_a_clear_type_or_value_error(call, error):
    with pytest.raises(error) as e:
        call()
    assert "pattern" not in str(e.value)  # never a regex error


def test_load_reads_a_runs_folder(tmp_path):
    from baocao.pipeline.cli import main

    out = tmp_path / "out"
    with pytest.raises(SystemExit):
        main(["extract", str(SAMPLE / "lavusta_bao_cao_6_thang_2024.html"), "--out", str(out)])
    tables = baocao.load(out)
    docs = tables["documents"]
    assert docs.loc[0, "doc_number"] == "06/BC-LHH"
    assert str(tables["quantities"]["value"].dtype) == "Float64"
    q = tables["quantities"].iloc[0]
    assert tables.text(q.doc_id)[q.start : q.end] == q.mention


def test_nothing_imports_a_generic_top_level_package():
    code = (
        "import sys, baocao, baocao.pipeline.cli, baocao.pipeline.harvest;"
        "baocao.read_text('Hội có 5 lớp.');"
        "print([m for m in sys.modules if m.split('.')[0] in"
        " ('pipeline', 'parsers', 'scrapers', 'outputs')])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_local_files_doc_id_is_the_same_in_any_folder(tmp_path):
    import shutil

    a, b = tmp_path / "a", tmp_path / "b" / "deeper"
    b.mkdir(parents=True)
    a.mkdir()
    src = SAMPLE / "dongthap_lhh_tong_ket_hoi_thi_2021.html"
    shutil.copy(src, a / src.name)
    shutil.copy(src, b / src.name)
    first = baocao.read_file(a / src.name).parsed.doc_id
    assert baocao.read_file(b / src.name).parsed.doc_id == first
    (b / "renamed.html").write_bytes(src.read_bytes())
    assert baocao.read_file(b / "renamed.html").parsed.doc_id != first  # another file
