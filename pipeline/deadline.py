"""A time limit for one document, so that one pathological page cannot hold a night.

The limit is a real-time alarm (SIGALRM), raised between Python steps of the parse.
It works where documents are parsed on a process's main thread: in-process and in
the process pool's workers. Dask runs tasks on worker threads, where no alarm can be
set; there the size limits, and extraction that stays linear in its input, bound the
time instead.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class DocumentTimeout(Exception):
    """The document took longer than its time limit."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or not _can_alarm():
        yield
        return

    def on_alarm(signum, frame) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} s (limits: document_timeout)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
