"""`baocao extract`: parse and extract files, URLs or an archive into one output folder."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from baocao.outputs.folder import OutputFolder, RenderedDocument
from baocao.pipeline import __version__
from baocao.pipeline.inputs import InputError, tasks
from baocao.pipeline.tasks import Failure, Outcome, Task, display

Report = Callable[[str], None]
BATCH = 64  # tasks per batch when the input order is kept as given


@dataclass
class Batch:
    items: list[Task | InputError]
    by_doc_id: bool = False  # sort this batch's documents by doc_id (archive input)


@dataclass
class Summary:
    out: Path
    documents: int = 0
    failed: int = 0
    skipped: int = 0  # inputs that hold no document (a listing, an error page)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 all succeeded, 1 some failed (each recorded in errors.csv)."""
        return 1 if self.failed else 0

    def lines(self) -> list[str]:
        c = self.counts
        errors = f"errors     {self.failed}"
        if self.failed:
            errors += f"  (see {self.out / 'errors.csv'})"
        return [
            f"documents  {self.documents}",
            f"sections   {c.get('sections', 0)}",
            f"footnotes  {c.get('footnotes', 0)}",
            f"figures    {c.get('quantities', 0)}",
            f"references {c.get('references', 0)}",
            f"table cells {c.get('tables', 0)}",
            f"skipped    {self.skipped}"
            + ("  (no document; see errors.csv)" if self.skipped else ""),
            errors,
            f"tables in  {self.out}/",
        ]


def batches_of(items: Iterable[Task | InputError]) -> Iterator[Batch]:
    it = iter(items)
    while chunk := list(islice(it, BATCH)):
        yield Batch(chunk)


def extract_batches(
    batches: Iterable[Batch], out: Path, warn: Report, executor=None, made_from: dict | None = None
) -> Summary:
    """Process every task, record every failure, write every table in input order.
    `made_from` (the inputs and options) goes into datapackage.json as provenance."""
    from baocao.pipeline.executors import LocalExecutor

    executor = executor or LocalExecutor()
    folder = OutputFolder(out).start()
    summary = Summary(out)
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        for item in _in_write_order(batches, executor):
            if isinstance(item, Failure) and item.skipped:
                folder.add_error(item.input, item.stage, item.error)
                summary.skipped += 1
            elif isinstance(item, InputError | Failure):
                _fail(folder, summary, item.input, item.stage, item.error, warn)
            else:
                folder.add_document(item)
                summary.documents += 1
    except BaseException:
        folder.abort()
        raise
    finally:
        executor.close()
    summary.counts = {name: folder.count(name) for name in folder.writers}
    folder.finish(
        {
            "command": "extract",
            "version": __version__,
            "started": started,
            "documents": summary.documents,
            "errors": summary.failed,
            "executor": type(executor).__name__,
            **(made_from or {}),
        }
    )
    return summary


def _in_write_order(batches: Iterable[Batch], executor) -> Iterator[InputError | Outcome]:
    """Every input error and outcome in input order (archive batches: outcomes sorted
    by doc_id after the batch's input errors).

    One stream of tasks goes to the executor, so workers never wait while the driver
    writes, and an outcome is handed on as soon as its turn comes."""
    queue: deque[Batch] = deque()  # filled as the executor pulls tasks

    def feed() -> Iterator[Task]:
        for batch in batches:
            queue.append(batch)
            yield from (t for t in batch.items if not isinstance(t, InputError))

    results = iter(executor.map(feed()))
    group = next(results, None)  # pulling queues every batch up to the next task's
    while queue:
        batch = queue.popleft()
        held: list[Outcome] = []
        for item in batch.items:
            if isinstance(item, InputError):
                yield item
                continue
            if batch.by_doc_id:
                held += group
            else:
                yield from group
            group = next(results, None)
        held.sort(key=lambda o: o.doc_id if isinstance(o, RenderedDocument) else "")
        yield from held


MAX_LISTED = 1000  # inputs named in the provenance; their number is always given


def run_extract(
    args: list[str], out: Path, warn: Report, repair: bool = True, executor=None
) -> Summary:
    listed = [display(a) for a in args[:MAX_LISTED]]  # an undecodable name shows `�`
    made_from = {"inputs": listed, "inputs_given": len(args), "repair": repair}
    return extract_batches(batches_of(tasks(args, repair)), out, warn, executor, made_from)


def run_extract_archive(archive: Path, out: Path, warn: Report, executor=None) -> Summary:
    from baocao.pipeline.archive_input import archive_batches

    batches = (Batch(items, by_doc_id=True) for items in archive_batches(archive))
    made_from = {"from_archive": str(archive)}
    return extract_batches(batches, out, warn, executor, made_from)


def _fail(
    folder: OutputFolder, summary: Summary, input_: str, stage: str, error: str, warn: Report
) -> None:
    folder.add_error(input_, stage, error)
    summary.failed += 1
    warn(f"{input_}: {error}")
