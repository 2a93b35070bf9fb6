"""`baocao eval` on the gold sets in ../shared (skipped where ../shared is absent)."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import shared_or_skip

from pipeline.cli import cli
from pipeline.evaluation import evaluate


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
