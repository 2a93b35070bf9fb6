"""How a run talks: a progress line on a terminal, nothing in cron, JSON lines for logs."""

from __future__ import annotations

import json
import sys
import time
from typing import TextIO


class Reporter:
    def __init__(
        self, quiet: bool = False, log_json: bool = False, stream: TextIO | None = None
    ) -> None:
        self.stream = stream or sys.stderr
        self.quiet, self.log_json = quiet, log_json
        self.bar = not quiet and not log_json and self.stream.isatty()
        self._last = 0.0

    def event(self, kind: str, **fields: object) -> None:
        if self.log_json:
            record = {
                "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "event": kind,
                **fields,
            }
            print(json.dumps(record, ensure_ascii=False), file=self.stream, flush=True)
        elif kind == "failed" and not self.bar:
            if not self.quiet:
                print(f"baocao: {fields.get('url')}: {fields.get('error')}", file=self.stream)

    def due(self) -> bool:
        """Whether a progress line would be drawn now (its counts cost two queries)."""
        return self.bar and time.monotonic() - self._last >= 0.2

    def progress(self, counts: dict[str, int], pending: int) -> None:
        if not self.due():
            return
        self._last = time.monotonic()
        line = (
            f"\rfetched {counts['pages_fetched']:>5} | new {counts['new']} changed "
            f"{counts['changed']} unchanged {counts['unchanged']} failed {counts['failed']}"
            f" | pending {pending:<6}"
        )
        self.stream.write(line)
        self.stream.flush()

    def done(self) -> None:
        if self.bar:
            self.stream.write("\n")
