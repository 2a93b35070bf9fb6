"""`baocao extract`: parse and extract local files or URLs into one output folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from outputs.folder import OutputFolder
from pipeline import __version__
from pipeline.inputs import InputError, sources
from pipeline.process import Source, StageError, process

Report = Callable[[str], None]


@dataclass
class Summary:
    out: Path
    documents: int = 0
    failed: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 all succeeded, 1 some failed (each recorded in errors.csv)."""
        return 1 if self.failed else 0

    def lines(self) -> list[str]:
        c = self.counts
        return [
            f"documents  {self.documents}",
            f"sections   {c.get('sections', 0)}",
            f"footnotes  {c.get('footnotes', 0)}",
            f"figures    {c.get('quantities', 0)}",
            f"references {c.get('references', 0)}",
            f"table cells {c.get('tables', 0)}",
            f"errors     {self.failed}"
            + (f"  (see {self.out / 'errors.csv'})" if self.failed else ""),
            f"tables in  {self.out}/",
        ]


def extract_sources(items: Iterable[Source | InputError], out: Path, warn: Report) -> Summary:
    """Process each source, record each failure, write every table; one bad input stops nothing."""
    folder = OutputFolder(out).start()
    summary = Summary(out)
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        for item in items:
            if isinstance(item, InputError):
                _fail(folder, summary, item.input, item.stage, item.error, warn)
                continue
            try:
                result = process(item)
            except StageError as e:
                _fail(folder, summary, _name(item), e.stage, str(e), warn)
                continue
            folder.add_document(result.rows, result.text)
            summary.documents += 1
    except BaseException:
        folder.abort()
        raise
    summary.counts = {name: folder.count(name) for name in folder.writers}
    folder.finish(
        {
            "command": "extract",
            "version": __version__,
            "started": started,
            "documents": summary.documents,
            "errors": summary.failed,
        }
    )
    return summary


def run_extract(args: list[str], out: Path, warn: Report, repair: bool = True) -> Summary:
    items = (replace(s, repair=repair) if isinstance(s, Source) else s for s in sources(args))
    return extract_sources(items, out, warn)


def _name(src: Source) -> str:
    if src.url.startswith("file:"):
        from urllib.parse import urlsplit
        from urllib.request import url2pathname

        return url2pathname(urlsplit(src.url).path)
    return src.url


def _fail(
    folder: OutputFolder, summary: Summary, input_: str, stage: str, error: str, warn: Report
) -> None:
    folder.add_error(input_, stage, error)
    summary.failed += 1
    warn(f"{input_}: {error}")
