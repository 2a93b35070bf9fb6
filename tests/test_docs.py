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
