"""The `baocao` command. Each subcommand is a thin wrapper over a library function."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from baocao.pipeline import __version__


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
@click.argument("inputs", nargs=-1)
@out_option
@click.option("--no-repair", is_flag=True, help="Keep glued text as given (no glue repair).")
@click.option(
    "--from-archive",
    "archive",
    type=click.Path(path_type=Path),
    help="Re-run from a WARC archive folder (or file) instead of inputs, offline.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes to parse in (a process pool when more than 1).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are processed.",
)
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); none: a LocalCluster.")
def extract(
    inputs: tuple[str, ...],
    out: Path,
    no_repair: bool,
    archive: Path | None,
    workers: int,
    executor: str,
    scheduler: str | None,
) -> None:
    """Parse and extract local .html/.htm/.txt files, folders or URLs into tables.

    Example: baocao extract page.html report.txt https://example.gov.vn/a.html --out out/
    """
    from baocao.pipeline.executors import ExecutorError, make_executor
    from baocao.pipeline.extract import run_extract, run_extract_archive

    if not inputs and archive is None:
        raise click.UsageError("give files, folders or URLs, or --from-archive DIR")
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler goes with --executor dask")
    try:
        ex = make_executor(executor, workers, scheduler)
    except ExecutorError as e:
        raise click.ClickException(str(e)) from None
    if archive is not None:
        _report(lambda: run_extract_archive(archive, out, _warn, ex), out)
    else:
        _report(lambda: run_extract(list(inputs), out, _warn, not no_repair, ex), out)


def _report(job, out: Path) -> None:
    """Run a job, print its summary, exit with its code; a write failure is one line.
    The folder is held for the job (exit 3 when another run holds it), and a harvest's
    folder is refused: its tables come from its state, and an extract would replace them."""
    from baocao.scrapers.state import LockedError, lock_folder

    if (out / "state.sqlite").exists():
        raise click.ClickException(
            f"{out} is a harvest folder (it has state.sqlite); extract into another folder"
        )
    try:
        lock = lock_folder(out)
    except LockedError as e:
        click.echo(f"baocao: error: {e}", err=True)
        sys.exit(3)
    except OSError as e:
        raise click.ClickException(f"cannot write in {out}: {e.strerror or e}") from None
    try:
        summary = job()
    except OSError as e:
        raise click.ClickException(f"cannot write the tables in {out}: {e.strerror or e}") from None
    finally:
        lock.close()
    for line in summary.lines():
        click.echo(line)
    sys.exit(summary.exit_code)


@cli.command()
@out_option
@click.option(
    "--delay",
    type=float,
    default=0.2,
    show_default=True,
    help="Seconds between requests to the local sample site.",
)
def demo(out: Path, delay: float) -> None:
    """Harvest the bundled sample site over 127.0.0.1 (what `make run` does).

    Example: baocao demo --out out/
    """
    from baocao.pipeline.config import Settings
    from baocao.pipeline.samplesite import sample_site

    with sample_site() as site:
        start = site.url("/tin-tuc/")
        click.echo(f"baocao {__version__}: harvesting the bundled sample site at {start}")
        settings = Settings(delay=delay, contact="https://github.com/baocao/baocao")
        _harvest(settings, [start], out, quiet=False, log_json=False)


@cli.command()
@click.argument("start_urls", nargs=-1)
@out_option
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A sites.toml with [run] settings and [[sites]] profiles.",
)
@click.option("--delay", type=float, help="Minimum seconds between requests to one host [1.0].")
@click.option("--depth", type=int, help="How many listing pages deep to walk [3].")
@click.option("--max-pages", type=int, help="Stop a run after this many fetches [5000].")
@click.option("--contact", help="URL or e-mail for the User-Agent, so site owners can reach you.")
@click.option("--quiet", is_flag=True, help="No progress output (for cron).")
@click.option("--log-json", is_flag=True, help="One JSON object per event on stderr.")
@click.option(
    "--fail-on",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Failed pages that make the night exit 4.",
)
@click.option(
    "--review", is_flag=True, help="Refresh the review pages (OUT/review/) after the night."
)
def run(
    start_urls: tuple[str, ...],
    out: Path,
    config: Path | None,
    delay: float | None,
    depth: int | None,
    max_pages: int | None,
    contact: str | None,
    quiet: bool,
    log_json: bool,
    fail_on: int,
    review: bool,
) -> None:
    """Harvest sites: fetch new and changed reports, archive them, update the tables.

    Exit codes: 0 a clean night; 4 pages failed (--fail-on of them or more); 5 a host
    was unreachable or its robots.txt could not be read; 6 stopped at a limit
    (max_pages, max_run_bytes); 1 could not run (config, folder, disk); 2 usage;
    3 another run holds the folder. A night that was not clean prints one line on
    stderr, even with --quiet.

    Example: baocao run https://lavusta.longan.gov.vn/tabid/55/Default.aspx --out data/
    """
    from baocao.pipeline.config import ConfigError, load_settings

    try:
        settings = load_settings(
            config, delay=delay, depth=depth, max_pages=max_pages, contact=contact
        )
    except ConfigError as e:
        raise click.ClickException(str(e)) from None
    if not start_urls and not any(s.start_urls for s in settings.sites):
        raise click.UsageError("give a start URL, or a --config whose [[sites]] have start_urls")
    for url in (*start_urls, *(u for s in settings.sites for u in s.start_urls)):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise click.UsageError(f"{url}: not an http(s) URL")
    _harvest(
        settings, list(start_urls), out, quiet=quiet, log_json=log_json, fail_on=fail_on,
        review=review,
    )  # fmt: skip


def _harvest(
    settings,
    start_urls: list[str],
    out: Path,
    quiet: bool,
    log_json: bool,
    fail_on: int = 1,
    review: bool = False,
) -> None:
    from baocao.pipeline.harvest import Harvester
    from baocao.pipeline.progress import Reporter
    from baocao.scrapers.state import LockedError

    try:
        summary = Harvester(settings, out, Reporter(quiet, log_json)).run(start_urls)
    except LockedError as e:
        click.echo(f"baocao: error: {e}", err=True)
        sys.exit(3)
    except OSError as e:
        raise click.ClickException(f"cannot write in {out}: {e.strerror or e}") from None
    except sqlite3.Error as e:
        raise click.ClickException(f"cannot use the state database in {out}: {e}") from None
    if not quiet:
        for line in summary.lines():
            click.echo(line)
    if review:
        index = _write_review(out)
        if not quiet:
            click.echo(f"review pages: {index}")
    code = summary.exit_code(fail_on)
    if code and (problem := summary.problem()):
        click.echo(problem, err=True)  # the one line cron mails, even with --quiet
    sys.exit(code)


@cli.command("review")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def review_command(folder: Path) -> None:
    """Write FOLDER/review/: an index of the documents, a page per document with its
    sections, figures, references and footnotes marked, and the harvest's nights.
    Static and offline: open review/index.html in a browser.

    Example: baocao review out/
    """
    click.echo(f"review pages: {_write_review(folder)}")


def _write_review(folder: Path) -> Path:
    from baocao.outputs.review import ReviewError, write_review

    try:
        return write_review(folder)
    except ReviewError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        raise click.ClickException(
            f"cannot write the review in {folder}: {e.strerror or e}"
        ) from None


@cli.command("package")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--wacz",
    "wacz_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the WACZ [FOLDER/archive.wacz].",
)
def package(folder: Path, wacz_path: Path | None) -> None:
    """Pack a harvest's WARC files, their index and its documents' pages into one WACZ
    that ReplayWeb.page and pywb open directly (needs baocao[wacz]).

    Example: baocao package data/ --wacz data.wacz
    """
    from baocao.outputs.package import PackageError, write_wacz

    try:
        click.echo(f"package: {write_wacz(folder, wacz_path)}")
    except PackageError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        raise click.ClickException(f"cannot write the package: {e.strerror or e}") from None


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
    """Score extraction against a gold folder.

    A figures folder holds corpus.jsonl and gold_*.jsonl; a structure folder holds
    texts/*.txt and gold/*.json (sections and header fields).

    Example: baocao eval ../shared/eval/dev --min-f1 0.95
    """
    from baocao.pipeline.evaluation import GoldError, evaluate, format_report
    from baocao.pipeline.structure_eval import is_structure_gold

    if not gold_dir.is_dir():
        raise click.ClickException(f"{gold_dir}: no such folder")
    if is_structure_gold(gold_dir):
        _eval_structure(gold_dir, min_f1, show)
        return
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


def _eval_structure(gold_dir: Path, min_f1: float | None, show: int) -> None:
    from baocao.pipeline.evaluation import GoldError
    from baocao.pipeline.structure_eval import evaluate_structure, format_structure

    try:
        report = evaluate_structure(gold_dir)
    except GoldError as e:
        raise click.ClickException(str(e)) from None
    for line in format_structure(report, show):
        click.echo(line)
    if min_f1 is not None and report.sections.f1 < min_f1:
        click.echo(f"section F1 below {min_f1}", err=True)
        sys.exit(1)


def main(args: list[str] | None = None) -> None:
    """Entry point; `main([...])` lets tests call the CLI in-process."""
    cli.main(args=args, prog_name="baocao")


if __name__ == "__main__":
    main()
