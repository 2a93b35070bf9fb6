"""The `baocao` command. Each subcommand is a thin wrapper over a library function."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__


def _warn(message: str) -> None:
    click.echo(f"baocao: error: {message}", err=True)


def out_option(f):
    return click.option(
        "--out",
        "out",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("out"),
        show_default=True,
        help="Folder for the tables (created if missing).",
    )(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="baocao")
def cli() -> None:
    """Turn published Vietnamese reports into traceable research tables."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@out_option
@click.option("--no-repair", is_flag=True, help="Keep glued text as given (no glue repair).")
def extract(inputs: tuple[str, ...], out: Path, no_repair: bool) -> None:
    """Parse and extract local .html/.htm/.txt files, folders or URLs into tables.

    Example: baocao extract page.html report.txt https://example.gov.vn/a.html --out out/
    """
    from pipeline.extract import run_extract

    _report(lambda: run_extract(list(inputs), out, _warn, repair=not no_repair), out)


def _report(job, out: Path) -> None:
    """Run a job, print its summary, exit with its code; a write failure is one line."""
    try:
        summary = job()
    except OSError as e:
        raise click.ClickException(f"cannot write the tables in {out}: {e.strerror or e}") from None
    for line in summary.lines():
        click.echo(line)
    sys.exit(summary.exit_code)


@cli.command()
@out_option
def demo(out: Path) -> None:
    """Run the main job on the bundled sample pages (what `make run` does).

    Example: baocao demo --out out/
    """
    from pipeline.extract import run_extract
    from pipeline.sample import sample_paths

    paths = [str(p) for p in sample_paths()]
    click.echo(f"baocao {__version__}: extracting {len(paths)} bundled sample documents")
    _report(lambda: run_extract(paths, out, _warn), out)


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--min-f1",
    type=float,
    default=None,
    help="Exit 1 when quantities (or references) F1 is below this.",
)
@click.option(
    "--show",
    type=int,
    default=20,
    show_default=True,
    help="How many misses and false alarms to list.",
)
def eval_command(gold_dir: Path, min_f1: float | None, show: int) -> None:
    """Score extraction against a gold folder (corpus.jsonl + gold_*.jsonl).

    Example: baocao eval ../shared/eval/dev --min-f1 0.95
    """
    from pipeline.evaluation import GoldError, evaluate, format_report

    if not gold_dir.is_dir():
        raise click.ClickException(f"{gold_dir}: no such folder")
    try:
        report = evaluate(gold_dir)
    except GoldError as e:
        raise click.ClickException(str(e)) from None
    for line in format_report(report, show):
        click.echo(line)
    f1s = [report.quantities["all"].f1] if "all" in report.quantities else []
    if report.has_references:
        f1s.append(report.references.f1)
    if min_f1 is not None and any(f < min_f1 for f in f1s):
        click.echo(f"F1 below {min_f1}", err=True)
        sys.exit(1)


def main(args: list[str] | None = None) -> None:
    """Entry point; `main([...])` lets tests call the CLI in-process."""
    cli.main(args=args, prog_name="baocao")


if __name__ == "__main__":
    main()
