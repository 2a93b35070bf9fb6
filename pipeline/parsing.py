"""Documents parsed beside the fetching, in worker processes, during a harvest.

The harvest's writer thread archives and records every page; parsing there too
made it the limit of a night over many hosts, and one scanned PDF under OCR (ten
seconds a page) held every host still. `Parsing` hands each document to a
process pool (`process()` is a pure function of its `Source`) and gives back the
finished ones; the writer thread still does every write, so a page is still one
transaction. With `workers = 0` a document is parsed at once in the run's own
process (no pool), through the same interface.

Backpressure: `full` says when enough documents wait (bytes and all) that the
harvest should fetch no more until some are done. A worker that dies (out of
memory, a crash in a native library) fails the documents it held, which are
recorded like any failed document; the next document starts a new pool.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from baocao.pipeline.process import Result, Source, StageError, process

Tag = TypeVar("Tag")
QUEUED_PER_WORKER = 4  # documents waiting per worker before fetching pauses


@dataclass
class Parsing(Generic[Tag]):
    workers: int
    pending: dict[Future, Tag] = field(default_factory=dict)
    _pool: ProcessPoolExecutor | None = None

    @property
    def full(self) -> bool:
        return len(self.pending) >= max(1, self.workers) * QUEUED_PER_WORKER

    def submit(self, src: Source, tag: Tag) -> None:
        if self.workers <= 0:
            future: Future = Future()
            try:
                future.set_result(process(src))
            except Exception as e:  # noqa: BLE001 - handed back like a worker's failure
                future.set_exception(e)
        else:
            future = self._executor().submit(process, src)
        self.pending[future] = tag

    def finished(self, done: Iterable[Future]) -> list[tuple[Tag, Result | Exception]]:
        """The documents among `done` that were ours: each with its result or error."""
        out = []
        for future in done:
            tag = self.pending.pop(future, None)
            if tag is None:
                continue
            error = future.exception()
            if isinstance(error, BrokenProcessPool):
                self._pool = None  # the next document starts a new pool
                error = StageError("parse", "the parsing process died (out of memory?)")
            out.append((tag, error if error is not None else future.result()))
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        """Started at the first document; `spawn`, since the harvest has threads (a
        fork would copy their locks mid-use)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool
