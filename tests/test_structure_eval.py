"""`baocao eval` on structure gold: the shared dev set (skipped where ../shared is absent)
and our own dev set of 34 real documents under tests/data/structure (provenance in each
gold file's `url`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_or_skip

from baocao.pipeline.cli import main
from baocao.pipeline.structure_eval import evaluate_structure

OWN = Path(__file__).parent / "data" / "structure"


def assert_targets(report) -> None:
    assert report.sections.f1 >= 0.95, report.misses + report.false_alarms
    assert report.ratio(report.level) >= 0.95 and report.ratio(report.parent) >= 0.95
    assert report.pooled(report.shown) >= 0.90, report.field_errors
    assert report.pooled(report.lacking) >= 0.98, report.field_errors


def test_shared_structure_dev_set_meets_the_targets():
    assert_targets(evaluate_structure(shared_or_skip("eval", "structure-dev")))


def test_our_own_structure_dev_set_meets_the_targets():
    report = evaluate_structure(OWN)
    assert report.documents >= 30
    assert_targets(report)


def test_eval_prints_scores_by_kind_and_every_miss(tmp_path, capsys):
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "d1.txt").write_text(
        "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nNội dung của điều này.\n", "utf-8"
    )
    gold = {
        "doc_type": None,
        "number": None,
        "sections": [
            {"marker": "Chương I", "title": "QUY ĐỊNH CHUNG", "level": 1, "kind": "chuong"},
            {"marker": "Điều 1.", "title": "Phạm vi", "level": 2, "kind": "dieu"},
            {"marker": "Điều 2.", "title": "Hiệu lực", "level": 2, "kind": "dieu"},
        ],
    }
    (tmp_path / "gold" / "d1.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    with pytest.raises(SystemExit) as e:
        main(["eval", str(tmp_path), "--min-f1", "0.95"])
    out = capsys.readouterr().out
    assert e.value.code == 1  # F1 0.8 is below the floor
    assert "chuong               1.000  (1/1)" in out
    assert "dieu                 0.500  (1/2)" in out
    assert "d1: Điều 2. 'Hiệu lực'" in out  # the miss is named
    assert "header fields the text lacks, left empty: 1.000" in out


def test_a_gold_file_without_its_text_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text("{}", "utf-8")
    with pytest.raises(SystemExit) as e:
        main(["eval", str(tmp_path)])
    assert e.value.code != 0
    assert "x.txt: missing" in capsys.readouterr().err


def test_our_saved_portal_pages_meet_the_targets():
    """Ten saved pages (tests/data/structure_html): the document found inside the portal's
    menus, its header read, its headline the page title, and two pages with no document
    given none."""
    report = evaluate_structure(Path(__file__).parent / "data" / "structure_html")
    assert_targets(report)
    assert report.ratio(report.page_titles) == 1.0
    assert report.non_documents[0] == report.non_documents[1] == 2
