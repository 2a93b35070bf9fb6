"""What a harvest remembers between runs and across crashes: one SQLite file (WAL).

Every URL: its role, status, validators (ETag, Last-Modified), content digest,
first/last seen, attempts, last error and the WARC record holding it. Every
document: its rows, replaced whole when the page changes. Every run: its
counts. One URL's outcome is committed in one transaction, so a `kill -9`
loses at most the page in flight, which the next start fetches again.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls(
  url TEXT PRIMARY KEY, host TEXT NOT NULL, depth INTEGER NOT NULL, role TEXT NOT NULL,
  state TEXT NOT NULL, run_id INTEGER, seq INTEGER,
  http_status INTEGER, etag TEXT, last_modified TEXT, sha256 TEXT, payload_digest TEXT,
  first_seen TEXT, last_seen TEXT, last_changed TEXT, attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT, warc_file TEXT, warc_offset INTEGER, fetched_at TEXT, doc_id TEXT);
CREATE INDEX IF NOT EXISTS urls_frontier ON urls(state, seq);
CREATE INDEX IF NOT EXISTS urls_seq ON urls(seq);
CREATE TABLE IF NOT EXISTS docs(
  doc_id TEXT PRIMARY KEY, url TEXT NOT NULL, rows TEXT NOT NULL, text TEXT NOT NULL,
  run_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  run_id INTEGER PRIMARY KEY, started TEXT NOT NULL, ended TEXT, status TEXT NOT NULL,
  pages_fetched INTEGER NOT NULL DEFAULT 0, new INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0, warc_file TEXT);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS hosts(
  run_id INTEGER NOT NULL, host TEXT NOT NULL,
  pages_fetched INTEGER NOT NULL DEFAULT 0, new INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, host));
CREATE TABLE IF NOT EXISTS errors(
  run_id INTEGER NOT NULL, url TEXT NOT NULL, stage TEXT NOT NULL, error TEXT NOT NULL,
  at TEXT NOT NULL);
"""
DOCUMENT_ROLES = ("article", "attachment")  # URLs that hold a document (SQL tuple syntax too)
COUNTERS = ("pages_fetched", "new", "changed", "unchanged", "failed", "bytes")


@dataclass(frozen=True)
class Revisit:
    """When a known document is fetched again: after `factor` × how long it had gone
    unchanged when last seen, at least `min_days`, at most `max_days` (a report
    unchanged for 100 days is checked every 10 days; a fresh one every night)."""

    factor: float = 0.1
    min_days: float = 0.0
    max_days: float = 30.0


class LockedError(RuntimeError):
    """Another run holds the folder."""


@dataclass
class UrlRow:
    url: str
    host: str
    depth: int
    role: str
    state: str
    etag: str | None
    last_modified: str | None
    sha256: str | None
    payload_digest: str | None
    fetched_at: str | None
    attempts: int
    doc_id: str | None
    parent: str | None = None  # for an attachment: the page that linked it


def lock_folder(folder: Path):
    """Hold an output folder for this process (`harvest` and `extract` alike); the lock
    goes with the process, however it ends. Close the returned file to release it."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = open(folder / ".lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        holder = lock.read().strip() or "another process"
        lock.close()
        raise LockedError(f"{folder} is in use by another baocao run ({holder})") from None
    lock.seek(0)
    lock.truncate()
    lock.write(f"pid {os.getpid()}")
    lock.flush()
    return lock


class State:
    def __init__(self, folder: Path) -> None:
        self._lock = lock_folder(folder)
        self.db = sqlite3.connect(folder / "state.sqlite", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Columns added since a folder was made are added to it (its rows are kept)."""
        have = {r[1] for r in self.db.execute("PRAGMA table_info(urls)")}
        if "failed_nights" not in have:
            self.db.execute("ALTER TABLE urls ADD COLUMN failed_nights INTEGER NOT NULL DEFAULT 0")
        if "parent" not in have:  # the page that linked an attachment
            self.db.execute("ALTER TABLE urls ADD COLUMN parent TEXT")
        # the frontier's own order (next_pending), so the next URL is read, not sorted for;
        # with the host last, the hosts left out are skipped in the index, not the table
        self.db.execute("DROP INDEX IF EXISTS urls_next")  # (the same order, without host)
        self.db.execute(
            "CREATE INDEX IF NOT EXISTS urls_frontier_hosts ON urls(state, run_id,"
            f" failed_nights > 0, role IN {DOCUMENT_ROLES}, fetched_at IS NOT NULL, seq, host)"
        )

    def close(self) -> None:
        self.db.close()
        fcntl.flock(self._lock, fcntl.LOCK_UN)
        self._lock.close()

    # -- runs ------------------------------------------------------------------
    def open_run(self, now: str) -> tuple[int, bool]:
        """(run_id, resumed): an interrupted run is resumed, else a new one starts."""
        row = self.db.execute(
            "SELECT run_id FROM runs WHERE status='running' ORDER BY run_id DESC LIMIT 1"
        ).fetchone()
        if row:
            return int(row[0]), True
        cur = self.db.execute("INSERT INTO runs(started, status) VALUES (?, 'running')", (now,))
        return int(cur.lastrowid), False

    def finish_run(self, run_id: int, now: str, status: str = "completed") -> None:
        self.db.execute("UPDATE runs SET ended=?, status=? WHERE run_id=?", (now, status, run_id))

    def set_run_warc(self, run_id: int, name: str) -> None:
        """Add a WARC file to the run's (a resumed run writes a second one)."""
        self.db.execute(
            "UPDATE runs SET warc_file = CASE WHEN warc_file IS NULL OR warc_file = ''"
            " THEN ? ELSE warc_file || ' ' || ? END WHERE run_id=?",
            (name, name, run_id),
        )

    def count(self, run_id: int, host: str | None = None, **deltas: int) -> None:
        """Add to the run's counters, and to the host's for this run."""
        deltas = {k: v for k, v in deltas.items() if k in COUNTERS}
        sets = ", ".join(f"{k}={k}+?" for k in deltas)
        self.db.execute(f"UPDATE runs SET {sets} WHERE run_id=?", (*deltas.values(), run_id))
        if host is not None:  # one upsert: the host's row made at its first count
            names = ", ".join(deltas)
            marks = ", ".join("?" * len(deltas))
            adds = ", ".join(f"{k}={k}+excluded.{k}" for k in deltas)
            self.db.execute(
                f"INSERT INTO hosts(run_id, host, {names}) VALUES (?, ?, {marks})"
                f" ON CONFLICT(run_id, host) DO UPDATE SET {adds}",
                (run_id, host, *deltas.values()),
            )

    def run_counts(self, run_id: int) -> dict[str, int]:
        row = self.db.execute(f"SELECT {', '.join(COUNTERS)} FROM runs WHERE run_id=?", (run_id,))
        return dict(zip(COUNTERS, row.fetchone(), strict=True))

    # -- frontier --------------------------------------------------------------
    def schedule(
        self,
        run_id: int,
        url: str,
        host: str,
        depth: int,
        role: str,
        now: str,
        parent: str | None = None,
    ) -> None:
        """Queue a URL for this run unless this run already has it; a known document
        found again on a listing waits for its revisit (`reschedule_known`)."""
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM urls").fetchone()[0]
        self.db.execute(
            """INSERT INTO urls(url, host, depth, role, state, run_id, seq, first_seen, parent)
               VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET state='pending', run_id=excluded.run_id,
                 seq=excluded.seq, depth=MIN(depth, excluded.depth), attempts=0,
                 parent=COALESCE(urls.parent, excluded.parent)
               WHERE urls.run_id IS NOT excluded.run_id AND urls.state != 'parked'
                 AND NOT (urls.state = 'done' AND urls.role IN ('article', 'attachment'))""",
            (url, host, depth, role, run_id, seq, now, parent),
        )

    def reschedule_known(
        self,
        run_id: int,
        park_after: int | None = None,
        revisit: Revisit | None = None,
        now: str | None = None,
    ) -> tuple[int, int]:
        """A new run re-checks the pages it knows (conditional requests keep it cheap):
        listings and failed URLs every run, a document when its revisit is due (one
        unchanged for long is checked less often); a URL that failed `park_after`
        nights running is parked instead. Returns (parked, resting): URLs parked now,
        and documents not yet due."""
        parked = 0
        if park_after:
            parked = self.db.execute(
                "UPDATE urls SET state='parked' WHERE state='failed' AND failed_nights >= ?",
                (park_after,),
            ).rowcount
        r = revisit or Revisit()
        due = (
            "role = 'listing' OR state = 'failed' OR last_seen IS NULL OR last_changed IS NULL"
            " OR julianday(?) - julianday(last_seen) >= MIN(?, MAX(?,"
            " ? * (julianday(last_seen) - julianday(last_changed))))"
        )
        known = (
            "role IN ('listing', 'article', 'attachment') AND state NOT IN ('disallowed', 'parked')"
        )
        args = (now or "now", r.max_days, r.min_days, r.factor)
        self.db.execute(
            f"UPDATE urls SET state='pending', run_id=?, attempts=0 WHERE {known} AND ({due})",
            (run_id, *args),
        )
        resting = self.db.execute(
            f"SELECT COUNT(*) FROM urls WHERE {known} AND NOT ({due})", args
        ).fetchone()[0]
        return parked, resting

    def requeue_parsing(self, run_id: int) -> None:
        """URLs fetched and archived whose document was still being parsed when the
        run stopped: fetched again (their archive records stay)."""
        self.db.execute(
            "UPDATE urls SET state='pending' WHERE state='parsing' AND run_id=?", (run_id,)
        )

    def failed_night(self, url: str) -> None:
        self.db.execute("UPDATE urls SET failed_nights=failed_nights+1 WHERE url=?", (url,))

    def next_pending(
        self,
        run_id: int,
        hosts_waiting: set[str],
        revalidate: bool = True,
        busy: frozenset[str] = frozenset(),
        ready_only: bool = False,
    ) -> UrlRow | None:
        """The next URL to visit: listing and start pages first, then URLs never fetched,
        then known reports to revalidate (none once `revalidate` is False: their budget
        is spent), and URLs that failed last night after all of those. Hosts in `busy`
        (a fetch of theirs is under way) are never offered; a host still waiting out its
        delay is offered only when no other host has work, and never with `ready_only`
        (fetches are under way: one of them will free a host sooner)."""
        known = (
            "" if revalidate else f" AND NOT (role IN {DOCUMENT_ROLES} AND fetched_at IS NOT NULL)"
        )
        ready = self._next(run_id, known, busy | frozenset(hosts_waiting))
        if ready is not None or ready_only:
            return ready
        return self._next(run_id, known, busy)

    def _next(self, run_id: int, known: str, skip_hosts: frozenset[str]) -> UrlRow | None:
        """The first pending URL of the frontier's order whose host is not in `skip_hosts`."""
        skip = f" AND host NOT IN ({', '.join('?' * len(skip_hosts))})" if skip_hosts else ""
        row = self.db.execute(
            f"""SELECT url, host, depth, role, state, etag, last_modified, sha256, payload_digest,
                      fetched_at, attempts, doc_id, parent
               FROM urls WHERE state='pending' AND run_id=?{known}{skip}
               ORDER BY failed_nights > 0, role IN {DOCUMENT_ROLES}, fetched_at IS NOT NULL, seq
               LIMIT 1""",
            (run_id, *sorted(skip_hosts)),
        ).fetchone()
        return UrlRow(*row) if row else None

    def pending_count(self, run_id: int) -> int:
        return self.db.execute(
            "SELECT COUNT(*) FROM urls WHERE state='pending' AND run_id=?", (run_id,)
        ).fetchone()[0]

    def transaction(self):
        return _Transaction(self.db)

    def update_url(self, url: str, **fields: object) -> None:
        if fields.get("state") == "done":
            fields["failed_nights"] = 0  # a URL that works again starts its count afresh
        sets = ", ".join(f"{k}=?" for k in fields)
        self.db.execute(f"UPDATE urls SET {sets} WHERE url=?", (*fields.values(), url))

    def add_error(self, run_id: int, url: str, stage: str, error: str, now: str) -> None:
        self.db.execute(
            "INSERT INTO errors VALUES (?, ?, ?, ?, ?)", (run_id, url, stage, error, now)
        )

    # -- documents ---------------------------------------------------------------
    def put_doc(self, doc_id: str, url: str, rows: dict, text: str, run_id: int) -> None:
        self._bump("docs_generation")
        self.db.execute(
            "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?)",
            (doc_id, url, json.dumps(rows, ensure_ascii=False, sort_keys=True), text, run_id),
        )

    def _bump(self, key: str) -> None:
        self.db.execute(
            "INSERT INTO meta VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET value=value+1", (key,)
        )

    def _meta(self, key: str) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def tables_current(self) -> bool:
        """True when the exported tables already hold every document's latest rows."""
        return self._meta("exported_generation") == self._meta("docs_generation")

    def mark_exported(self) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('exported_generation', ?)",
            (self._meta("docs_generation"),),
        )

    def docs(self) -> Iterator[tuple[str, dict, str]]:
        """Every document's rows, in doc_id order: the tables are a function of this."""
        for doc_id, rows, text in self.db.execute(
            "SELECT doc_id, rows, text FROM docs ORDER BY doc_id"
        ):
            yield doc_id, json.loads(rows), text

    def runs(self) -> list[dict[str, object]]:
        return self._rows("SELECT * FROM runs ORDER BY run_id")

    def hosts(self) -> list[dict[str, object]]:
        return self._rows("SELECT * FROM hosts ORDER BY run_id, host")

    def _rows(self, sql: str) -> list[dict[str, object]]:
        cur = self.db.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def errors(self) -> list[dict[str, object]]:
        cur = self.db.execute("SELECT run_id, url, stage, error, at FROM errors ORDER BY rowid")
        return [dict(zip(("run_id", "input", "stage", "error", "at"), r, strict=True)) for r in cur]


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, *_) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
