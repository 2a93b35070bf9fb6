"""Where documents are processed: in this process, in a process pool, or on Dask.

The work is always the same pure function, `work(task) -> outcomes`, and the
driver always writes the results, in task order: the tables are identical
whatever the executor or the number of workers. Tasks are submitted in a
bounded window, so neither the pool nor the cluster holds the whole input.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from baocao.pipeline.tasks import Outcome, Task, work

WINDOW_PER_WORKER = 4  # tasks in flight per worker: enough to keep it busy, little memory
POOL_CHUNK = 4  # tasks a pool worker takes at once: fewer round trips for the driver

EXECUTORS = ("local", "processes", "dask")


class ExecutorError(ValueError):
    """An executor could not start (bad scheduler address, dask not installed)."""


@dataclass
class LocalExecutor:
    def map(self, tasks: Iterable[Task]) -> Iterator[list[Outcome]]:
        for task in tasks:
            yield work(task)

    def close(self) -> None:
        pass


def _windowed(
    submit: Callable[[Task], object],
    result: Callable[[object], list[Outcome]],
    tasks: Iterable[Task],
    window: int,
) -> Iterator[list[Outcome]]:
    pending: deque[object] = deque()
    for task in tasks:
        pending.append(submit(task))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


class PoolExecutor:
    """`--workers N`: a process pool on this machine."""

    def __init__(self, workers: int) -> None:
        from concurrent.futures import ProcessPoolExecutor  # not needed by one process

        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers)

    def map(self, tasks: Iterable[Task]) -> Iterator[list[Outcome]]:
        chunks = _windowed(
            lambda chunk: self.pool.submit(work_chunk, chunk),
            lambda f: f.result(),
            _chunked(tasks, POOL_CHUNK),
            self.workers * WINDOW_PER_WORKER,
        )
        for outcomes in chunks:
            yield from outcomes

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def work_chunk(tasks: list[Task]) -> list[list[Outcome]]:
    """`work` for a few tasks in one round trip: what a pool worker is sent."""
    return [work(task) for task in tasks]


def _chunked(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class DaskExecutor:
    """`--executor dask`: an existing cluster (`--scheduler tcp://host:8786`) or a LocalCluster."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError(
                "the dask executor needs dask.distributed: pip install 'baocao[cluster]'"
            ) from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="10s")
            else:
                self.cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as e:
            raise ExecutorError(f"cannot reach the Dask scheduler {scheduler}: {e}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def map(self, tasks: Iterable[Task]) -> Iterator[list[Outcome]]:
        return _windowed(
            lambda t: self.client.submit(work, t, pure=False),
            lambda f: f.result(),
            tasks,
            self.workers * WINDOW_PER_WORKER,
        )

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(kind: str = "local", workers: int = 1, scheduler: str | None = None):
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    if kind == "processes" or (kind == "local" and workers > 1):
        return PoolExecutor(workers)
    if kind == "local":
        return LocalExecutor()
    raise ExecutorError(f"unknown executor {kind!r}; known: {', '.join(EXECUTORS)}")
