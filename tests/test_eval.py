"""`baocao eval` on the gold sets in ../shared (skipped where ../shared is absent)."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import shared_or_skip

from baocao.pipeline.cli import cli
from baocao.pipeline.evaluation import evaluate


def test_seed_quantities_f1():
    report = evaluate(shared_or_skip("eval", "seed"))
    assert report.quantities["all"].f1 >= 0.95


def test_dev_quantities_and_references_f1_and_no_hard_negative():
    report = evaluate(shared_or_skip("eval", "dev"))
    assert report.quantities["all"].f1 >= 0.95
    assert report.references.f1 >= 0.95
    assert report.negatives_hit == []


def test_eval_command_prints_the_table_and_honours_min_f1():
    folder = shared_or_skip("eval", "dev")
    ok = CliRunner().invoke(cli, ["eval", str(folder), "--min-f1", "0.5"])
    assert ok.exit_code == 0 and "quantities" in ok.output and "references" in ok.output
    strict = CliRunner().invoke(cli, ["eval", str(folder), "--min-f1", "1.01"])
    assert strict.exit_code == 1


def test_eval_of_a_folder_that_is_not_gold(tmp_path):
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 1 and "no corpus.jsonl" in result.output


def test_a_gold_citation_missing_from_the_text_is_a_miss_that_eval_names(tmp_path):
    import json

    text = "Thực hiện Quyết định số 12/QĐ-UBND ngày 01/02/2024, Hội tổ chức 5 lớp tập huấn."
    (tmp_path / "corpus.jsonl").write_text(json.dumps({"id": "d1", "text": text}) + "\n", "utf-8")
    (tmp_path / "gold_quantities.jsonl").write_text("", "utf-8")
    gold = [
        {
            "id": "d1",
            "mention": "Quyết định số 12/QĐ-UBND ngày 01/02/2024",
            "number": "12/QĐ-UBND",
        },
        {"id": "d1", "mention": "Kế hoạch số 99/KH-UBND", "number": "99/KH-UBND"},
    ]
    lines = "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold)
    (tmp_path / "gold_references.jsonl").write_text(lines, "utf-8")
    report = evaluate(tmp_path)
    assert (report.references.tp, report.references.fn) == (1, 1)
    assert any("99/KH-UBND" in m and "not in the text" in m for m in report.misses)


def test_a_small_toned_letter_is_not_a_capital():
    from baocao.parsers.letters import LOWER, UPPER
    from baocao.pipeline.process import Source, process

    assert re.fullmatch(UPPER, "Ấ") and not re.fullmatch(UPPER, "ấ")
    assert all(re.fullmatch(LOWER, c) for c in "ấởữđ") and not re.fullmatch(LOWER, "Đ")
    body = "<p>Theo Luật ấy, các đơn vị báo cáo. Căn cứ Luật Đất đai, Hội tổ chức 5 lớp.</p>"
    rows = process(Source(url="http://x.test/a", body=body.encode())).rows["references"]
    assert [r["mention"] for r in rows] == ["Luật Đất đai"]
