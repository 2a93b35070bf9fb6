"""Every command has help with an example and is documented in the README (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from baocao.pipeline.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_help_with_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_in_readme(name):
    assert f"baocao {name}" in README


def test_readme_starts_with_the_two_setup_commands():
    head = README.split("\n## ")[0]
    assert "make run" in head and "make test" in head


def readme_unit(name: str) -> str:
    """The systemd unit the README shows under `# <name>`."""
    block = README.split(f"# {name}\n", 1)[1]
    return block.split("```", 1)[0]


def test_the_readmes_systemd_units_are_what_alerting_needs():
    service = readme_unit("baocao.service")
    for line in (
        "After=network-online.target",
        "Wants=network-online.target",
        "User=",
        "OnFailure=",
    ):
        assert line in service
    assert "--quiet" in service and "Type=oneshot" in service
    assert "Persistent=true" in readme_unit("baocao.timer")


def test_the_readmes_systemd_units_verify(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed here")
    (tmp_path / "baocao.service").write_text(readme_unit("baocao.service"), "utf-8")
    (tmp_path / "baocao.timer").write_text(readme_unit("baocao.timer"), "utf-8")
    (tmp_path / "baocao-failed@.service").write_text(
        "[Service]\nType=oneshot\nExecStart=/bin/true %i\n", "utf-8"
    )
    done = subprocess.run(
        [
            "systemd-analyze",
            "verify",
            str(tmp_path / "baocao.timer"),
            str(tmp_path / "baocao.service"),
        ],
        capture_output=True,
        text=True,
    )
    problems = [
        line
        for line in done.stderr.splitlines()
        if "baocao" in line and "Command /srv/baocao" not in line and "User" not in line
    ]
    assert not problems, done.stderr


def test_how_to_add_a_rule_shows_real_rows_that_do_what_it_says():
    """Each row the README's "How to add a rule" shows is a row of the file it names, and
    does what the section says: the noun counts people, the age rule blocks its span."""
    import baocao
    from baocao.parsers.lexicon import rows, words
    from baocao.parsers.rules import make_rule, vocabulary
    from baocao.parsers.triggers import Places

    section = README.split("### How to add a rule", 1)[1].split("\n### ", 1)[0]
    noun, example, rule = [b.strip() for b in section.split("```")[1::2]]
    assert noun in words("people_nouns.txt")
    assert tuple(example.split("\t")) in rows("examples.tsv")
    assert tuple(rule.split("\t")) in rows("non_quantities.tsv")
    sentence, mention, kind = example.split("\t")[:3]
    doc = baocao.read_text(sentence)
    assert [(doc.text[q.start : q.end], q.kind) for q in doc.quantities] == [(mention, kind)]
    age = make_rule(*rule.split("\t"))
    covered = age.spans(age.example, Places(age.example, vocabulary()))
    assert [age.example[s:e] for s, e in covered] == [age.expected]
