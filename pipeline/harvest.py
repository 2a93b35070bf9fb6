"""`baocao run`: a polite, incremental, crash-safe harvest.

Each URL is taken from the frontier in the state database, checked against
robots.txt, fetched no sooner than the host's delay allows (with the validators
of its last fetch), written to the WARC archive, and then, in one transaction,
its outcome is recorded: a listing's links join the frontier, a report's rows
replace the old ones. The tables are exported from the database at the end, so
they hold each document once, at its latest version, however often the run was
killed and started again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import http.client
import sqlite3
import threading
import time
import traceback
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

from baocao.outputs.export import export_tables
from baocao.parsers.formats import ReaderOptions, sniff
from baocao.parsers.parse import doc_id_for, is_plain_text, page_tree
from baocao.pipeline.config import Settings
from baocao.pipeline.parsing import Parsing
from baocao.pipeline.process import DocumentLimits, Result, Source, StageError
from baocao.pipeline.progress import Reporter
from baocao.scrapers.addresses import is_public_host
from baocao.scrapers.discover import (
    attachment_links,
    links,
    role_of,
    same_site,
    worth_following,
)
from baocao.scrapers.feeds import SiteList, advertised_feeds, kind_of, read_list
from baocao.scrapers.fetch import PAGE_TYPES, FetchError, FetchSettings, Page, fetch
from baocao.scrapers.robots import MAX_ROBOTS_BYTES, HostRules, origin, rules_from
from baocao.scrapers.sites import SiteProfile, profile_for
from baocao.scrapers.state import DOCUMENT_ROLES, Revisit, State, UrlRow
from baocao.scrapers.warc import Archive, payload_digest


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class RunSummary:
    out: Path
    run_id: int
    resumed: bool
    counts: dict[str, int]
    tables: dict[str, int]
    reasons: Counter[str] = field(default_factory=Counter)
    status: str = "completed"
    hosts_down: list[str] = field(default_factory=list)

    def exit_code(self, fail_on: int = 1) -> int:
        """0 all good; 5 a host was unreachable or its robots.txt failed; 6 stopped at a
        limit; 4 `fail_on` pages or more failed (the highest that applies)."""
        if self.hosts_down:
            return 5
        if self.status == "stopped":
            return 6
        if self.counts["failed"] >= max(fail_on, 1):
            return 4
        return 0

    def problem(self) -> str | None:
        """One line saying what went wrong this night, or None for a clean one."""
        c, parts = self.counts, []
        if c["failed"]:
            parts.append(f"{c['failed']} pages failed")
        if self.hosts_down:
            parts.append(f"hosts unreachable: {', '.join(self.hosts_down)}")
        if self.status == "stopped":
            parts.append("stopped at a limit")
        if not parts:
            return None
        where = self.out / "errors.csv"
        return f"baocao: run {self.run_id} {self.status}: {'; '.join(parts)} (see {where})"

    def lines(self) -> list[str]:
        c, t = self.counts, self.tables
        head = f"run {self.run_id}" + (" (resumed)" if self.resumed else "") + f" {self.status}"
        out = [
            f"{head}: fetched {c['pages_fetched']} pages, {c['bytes']} bytes",
            f"new {c['new']}  changed {c['changed']}  unchanged {c['unchanged']}"
            f"  failed {c['failed']}",
            f"tables: {t['documents']} documents, {t['sections']} sections, "
            f"{t['footnotes']} footnotes, {t['quantities']} figures, {t['references']} references, "
            f"{t['tables']} table cells, {t['errors']} errors",
        ]
        out += [f"  {reason}: {n}" for reason, n in sorted(self.reasons.items())]
        out.append(f"tables in {self.out}/, archive in {self.out / 'archive'}/")
        return out


class Harvester:
    def __init__(
        self,
        settings: Settings,
        out: Path,
        reporter: Reporter,
        sleep=time.sleep,
        clock=time.monotonic,
    ) -> None:
        self.settings, self.out, self.report = settings, out, reporter
        self.sleep, self.clock = sleep, clock
        self._local = threading.local()
        self._rules_lock = threading.Lock()
        self._origin_locks: dict[tuple[str, str, int | None], threading.Lock] = {}
        self.fetch_settings = FetchSettings(
            user_agent=settings.agent,
            timeout=settings.timeout,
            max_bytes=settings.max_bytes,
            max_file_bytes=settings.max_file_bytes,
            retries=settings.retries,
            backoff=settings.backoff,
            deadline=settings.deadline,
            max_redirects=settings.max_redirects,
        )
        self.rules: dict[tuple[str, str, int | None], HostRules] = {}
        self.pages_per_host: Counter[str] = Counter()
        self.failures_per_host: Counter[str] = Counter()
        self.ok_per_host: Counter[str] = Counter()
        self.down: set[str] = set()
        self.stopped = False
        self.archive: Archive | None = None
        self.private_ok = False
        self.limits = DocumentLimits(settings.document_timeout, settings.max_document_chars)
        self.readers = ReaderOptions(
            settings.doc_converter, settings.ocr, settings.ocr_language, settings.document_timeout
        )
        self.next_time: dict[str, float] = {}
        self.sitemaps_read: set[tuple[str, str, int | None]] = set()
        self.reasons: Counter[str] = Counter()

    # -- the run ------------------------------------------------------------------
    def run(self, start_urls: list[str]) -> RunSummary:
        state = State(self.out)
        try:
            return self._run(state, start_urls)
        finally:
            state.close()

    def _run(self, state: State, start_urls: list[str]) -> RunSummary:
        run_id, resumed = state.open_run(now_iso())
        seeds = list(
            dict.fromkeys([*start_urls, *(u for s in self.settings.sites for u in s.start_urls)])
        )
        self.hosts = {(urlsplit(u).hostname or "").lower() for u in seeds}
        self.hosts |= {h for s in self.settings.sites for h in s.hosts}
        self.private_ok = any(not is_public_host(_host(u)) for u in seeds if _host(u))
        if resumed:
            state.requeue_parsing(run_id)  # documents the stopped run never got back
        else:
            s = self.settings
            revisit = Revisit(s.revisit_factor, s.revisit_min_days, s.revisit_max_days)
            parked, resting = state.reschedule_known(run_id, s.park_after, revisit, now_iso())
            if parked:
                self.reasons[f"parked after {s.park_after} failed nights"] += parked
            if resting:
                self.reasons["note/resting: unchanged for long, not due (revisit_*)"] += resting
            for url in seeds:
                state.schedule(run_id, url, _host(url), 0, "unknown", now_iso())
        archive = self.archive = Archive(
            self.out / "archive", run_id, self.settings.contact, self.settings.sites
        )
        state.set_run_warc(run_id, archive.name)
        self.report.event("run_start", run_id=run_id, resumed=resumed, start_urls=len(seeds))
        try:
            self._loop(state, archive, run_id)
        finally:
            archive.close()
        status = self._status(state.run_counts(run_id))
        self._record_down_hosts(state, run_id)
        state.finish_run(run_id, now_iso(), status)
        tables = export_tables(state, self.out, self._made_from(seeds))
        self.report.done()
        counts = state.run_counts(run_id)
        summary = RunSummary(
            self.out, run_id, resumed, counts, tables, self.reasons, status, sorted(self.down)
        )
        self.report.event(
            "run_end", run_id=run_id, status=status, **counts, hosts_down=len(self.down)
        )
        return summary

    def _made_from(self, seeds: list[str]) -> dict:
        """What this night was asked to do, for datapackage.json: start URLs, every
        setting, and the site profiles by name."""
        settings = dataclasses.asdict(self.settings)
        settings["sites"] = [p.name for p in self.settings.sites]
        return {"start_urls": seeds, "settings": settings}

    def _loop(self, state: State, archive: Archive, run_id: int) -> None:
        """Visit URLs until none is pending or a limit stops the run. Fetches run side by
        side on worker threads, at most one per host and `concurrency` in all, each host
        at its own delay; this thread alone writes the archive and the state and parses,
        so every page is still one transaction. Known reports are revalidated only within
        their own budget, so that new reports always come first."""
        s = self.settings
        self.fetched = self.revalidated = 0
        in_flight: dict[Future, UrlRow] = {}
        self.parsing = Parsing(s.parse_workers)
        try:
            with ThreadPoolExecutor(max_workers=max(1, s.concurrency)) as pool:
                while True:
                    self._dispatch_more(state, run_id, pool, in_flight)
                    if not in_flight and not self.parsing.pending:
                        break
                    done, _ = wait(
                        [*in_flight, *self.parsing.pending],
                        timeout=self._until_a_host_is_free(),
                        return_when=FIRST_COMPLETED,
                    )
                    for future in done:
                        if future in in_flight:
                            row = in_flight.pop(future)
                            self._finish_guarded(state, archive, run_id, row, future)
                    for job, outcome in self.parsing.finished(done):
                        self._parsed(state, run_id, job, outcome)
                    if self.report.due():
                        self.report.progress(state.run_counts(run_id), state.pending_count(run_id))
        finally:
            self.parsing.close()
        if self.revalidated >= s.max_revalidations:
            self.reasons["note/revalidation budget spent (limits: max_revalidations)"] += 1

    def _dispatch_more(self, state: State, run_id: int, pool, in_flight: dict) -> None:
        s = self.settings
        while len(in_flight) < max(1, s.concurrency) and not self.stopped:
            if self.parsing.full:
                return  # documents wait to be parsed: let parsing catch up first
            busy = frozenset(row.host for row in in_flight.values())
            waiting = self._waiting()
            budget = self.revalidated < s.max_revalidations
            row = state.next_pending(run_id, waiting, budget, busy, ready_only=bool(in_flight))
            if row is None:
                return  # nothing, or only hosts still waiting out their delay: fetch on
            if self.fetched >= s.max_pages or state.run_counts(run_id)["bytes"] >= s.max_run_bytes:
                limit = "max_pages" if self.fetched >= s.max_pages else "max_run_bytes"
                self.reasons[f"stopped/{limit}"] += 1
                self.stopped = True
                return
            self.revalidated += row.role in DOCUMENT_ROLES and row.fetched_at is not None
            future = self._dispatch(state, run_id, row, pool)
            if future is not None:
                self.fetched += 1
                in_flight[future] = row

    def _until_a_host_is_free(self) -> float:
        now = self.clock()
        waits = [t - now for t in list(self.next_time.values()) if t > now]
        return min(max(min(waits, default=1.0), 0.01), 1.0)

    def _status(self, counts: dict[str, int]) -> str:
        """`failed` when nothing could be fetched, `stopped` at a limit, `partial` when
        pages or hosts failed, `completed` when all went well."""
        self.down = self._down_hosts()
        if self.down and counts["pages_fetched"] == counts["failed"]:
            return "failed"
        if self.stopped:
            return "stopped"
        if self.down or counts["failed"]:
            return "partial"
        return "completed"

    def _down_hosts(self) -> set[str]:
        """Hosts whose robots.txt could not be read, or that answered no fetch at all."""
        down = {key[1] for key, rules in self.rules.items() if not rules.reachable}
        return down | {
            h for h, n in self.failures_per_host.items() if n and not self.ok_per_host[h]
        }

    def _record_down_hosts(self, state: State, run_id: int) -> None:
        with state.transaction():
            for host in sorted(self.down):
                state.add_error(
                    run_id, f"//{host}/", "host", "host unreachable this run", now_iso()
                )

    def _waiting(self) -> set[str]:
        now = self.clock()
        return {h for h, t in list(self.next_time.items()) if t > now}

    def _profile(self, url: str) -> SiteProfile:
        return profile_for(url, self.settings.sites) if self.settings.sites else profile_for(url)

    def _delay(self, host: str, url: str) -> float:
        rules = self.rules.get(origin(url))
        crawl = (
            rules.crawl_delay(self.settings.agent, self.settings.max_crawl_delay) if rules else None
        )
        prof = self._profile(url).delay
        return max(self.settings.delay, crawl or 0.0, prof or 0.0)

    def _polite_wait(self, host: str) -> None:
        wait = self.next_time.get(host, 0.0) - self.clock()
        if wait > 0:
            self.sleep(wait)

    def _after_request(self, host: str, url: str) -> None:
        self.next_time[host] = self.clock() + self._delay(host, url)

    # -- one URL ----------------------------------------------------------------------
    def _dispatch(self, state: State, run_id: int, row: UrlRow, pool) -> Future | None:
        """Hand a URL to a worker; None when its host's budget is spent (recorded here)."""
        spent = self._budget_spent(row.host)
        if spent:
            self._refused(state, run_id, row, spent)
            return None
        return pool.submit(self._fetch_row, row)

    def _refused(self, state: State, run_id: int, row: UrlRow, refused: str) -> None:
        stage = "robots" if "robots" in refused else "limit"
        with state.transaction():
            state.update_url(row.url, state="disallowed", last_error=refused)
            if refused != DISALLOWED:  # a site's rule is no error; failing to read it is
                state.add_error(run_id, row.url, stage, refused, now_iso())
        self.reasons[f"skipped/{refused.split(' (')[0]}"] += 1
        self.report.event("skipped", url=row.url, reason=refused)

    def _fetch_row(self, row: UrlRow) -> Page | Refused:
        """On a worker thread: the URL checked (its origin's robots.txt read the first
        time), the host's delay waited out, then the fetch; nothing written here."""
        refused = self._refusal(row.url)
        if refused:
            return Refused(refused)
        self._polite_wait(row.host)
        conditional = row.role in DOCUMENT_ROLES
        return fetch(
            row.url,
            self._session(),
            self.fetch_settings,
            etag=row.etag if conditional else None,
            last_modified=row.last_modified if conditional else None,
            sleep=self.sleep,
            check=self._refusal,
            referer=row.parent,
        )

    def _session(self) -> requests.Session:
        """One HTTP session per thread (requests' sessions are not shared across threads)."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def _finish_guarded(
        self, state: State, archive: Archive, run_id: int, row: UrlRow, future: Future
    ) -> None:
        """One URL's outcome; whatever its page does, the run goes on. A failure of the
        folder itself (the state database, a full disk) stops the run with its reason."""
        try:
            self._finish(state, archive, run_id, row, future)
        except (sqlite3.Error, OSError, MemoryError):
            raise
        except Exception as e:  # noqa: BLE001 - one page never stops the night
            error = f"unexpected {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
            self._failed(state, run_id, row, "harvest", error.strip(": "))
            self.report.event("traceback", url=row.url, traceback=traceback.format_exc())

    def _finish(
        self, state: State, archive: Archive, run_id: int, row: UrlRow, future: Future
    ) -> None:
        host = row.host
        try:
            page = future.result()
        except FetchError as e:
            self._after_request(host, row.url)
            self.pages_per_host[host] += 1
            self.failures_per_host[host] += 1
            self._failed(state, run_id, row, "fetch", e.reason, e.status)
            return
        if isinstance(page, Refused):
            self.fetched -= 1  # nothing was fetched
            self._refused(state, run_id, row, page.reason)
            return
        self._after_request(host, row.url)
        self.pages_per_host[host] += 1
        self.ok_per_host[host] += 1
        self._robots_sitemaps(state, run_id, row)
        self._record(state, archive, run_id, row, page)

    def _budget_spent(self, host: str) -> str | None:
        s = self.settings
        if self.failures_per_host[host] >= s.max_failures_per_host:
            n = s.max_failures_per_host
            return f"host left for this run after {n} failures (limits: max_failures_per_host)"
        if self.pages_per_host[host] >= s.max_pages_per_host:
            n = s.max_pages_per_host
            return f"host's budget of {n} pages spent (limits: max_pages_per_host)"
        return None

    def _rules_for(self, url: str) -> HostRules:
        """The robots.txt rules of a URL's origin (scheme, host, port), read once a run,
        on whichever worker asks first; other origins' robots.txt are read meanwhile."""
        key = origin(url)
        with self._rules_lock:
            lock = self._origin_locks.setdefault(key, threading.Lock())
        with lock:
            return self._read_rules(url)

    def _read_rules(self, url: str) -> HostRules:
        key = origin(url)
        if key not in self.rules:
            host = _host(url)
            self._polite_wait(host)
            self.rules[key] = rules = rules_from(self._fetch_and_archive_robots, url)
            self._after_request(host, url)
            asked = rules.crawl_delay(self.settings.agent, cap=float("inf"))
            if asked and asked > self.settings.max_crawl_delay:
                self.reasons["note/Crawl-delay capped (limits: max_crawl_delay)"] += 1
        return self.rules[key]

    def _refusal(self, url: str) -> str | None:
        """Why a URL (a start URL, a link, or a redirect's target) may not be fetched."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return f"not an http(s) URL: {url[:80]}"
        if not self.settings.offsite_redirects and not same_site(url, self.hosts):
            return "outside the sites being harvested (offsite_redirects)"
        if not self.private_ok and not is_public_host(parts.hostname):
            return "a private, loopback, link-local or multicast address"
        rules = self._rules_for(url)
        if not rules.allowed(url, self.settings.agent):
            return rules.error or DISALLOWED
        return None

    def _fetch_and_archive_robots(self, url: str) -> Page:
        """robots.txt goes into the archive like every other response: a replay shows
        what the rules were that night."""
        page = self._fetch_robots(url)
        if self.archive is not None:
            reason = http.client.responses.get(page.status, "")
            self.archive.response(
                page.final_url,
                page.status,
                reason,
                dict(page.headers),
                page.received,
                page.request_headers,
                page.fetched_at,
            )
        return page

    def _fetch_robots(self, url: str) -> Page:
        settings = dataclasses.replace(
            self.fetch_settings,
            max_bytes=MAX_ROBOTS_BYTES,
            max_file_bytes=MAX_ROBOTS_BYTES,
            retries=1,
            max_redirects=5,
        )
        safe = None if self.private_ok else _address_check
        return fetch(url, self._session(), settings, sleep=self.sleep, check=safe)

    def _failed(
        self,
        state: State,
        run_id: int,
        row: UrlRow,
        stage: str,
        error: str,
        status: int | None = None,
    ) -> None:
        with state.transaction():
            state.update_url(
                row.url,
                state="failed",
                attempts=row.attempts + 1,
                last_error=error,
                http_status=status,
                last_seen=now_iso(),
            )
            state.add_error(run_id, row.url, stage, error, now_iso())
            state.failed_night(row.url)
            state.count(run_id, row.host, failed=1)
        self.reasons[f"failed/{error.split(':')[0]}"] += 1
        self.report.event("failed", url=row.url, stage=stage, error=error)

    def _skipped(
        self, state: State, run_id: int, row: UrlRow, stage: str, error: str, fields: dict
    ) -> None:
        """A page that holds no document is done, not failed: recorded with its reason."""
        with state.transaction():
            state.update_url(row.url, **fields)
            state.add_error(run_id, row.url, stage, error, now_iso())
            state.count(run_id, row.host, pages_fetched=1)
        self.reasons["skipped/no document"] += 1
        self.report.event("skipped", url=row.url, stage=stage, reason=error)

    def _record(self, state: State, archive: Archive, run_id: int, row: UrlRow, page: Page) -> None:
        headers = {k: v for k, v in page.headers.items()}
        reason = http.client.responses.get(page.status, "")
        if page.status == 304:
            stored = archive.revisit(
                page.final_url,
                304,
                headers,
                row.payload_digest or "",
                row.fetched_at,
                page.request_headers,
                page.fetched_at,
            )
            with state.transaction():
                state.update_url(row.url, state="done", http_status=304, last_seen=now_iso())
                state.count(run_id, row.host, pages_fetched=1, unchanged=1)
            self.report.event("unchanged", url=row.url, status=304)
            return
        sha = hashlib.sha256(page.body).hexdigest()
        digest = payload_digest(page.received)  # of the bytes the archive keeps
        unchanged = row.role in DOCUMENT_ROLES and row.sha256 == sha
        if unchanged:
            stored = archive.revisit(
                page.final_url,
                page.status,
                headers,
                digest,
                row.fetched_at,
                page.request_headers,
                page.fetched_at,
            )
        else:
            stored = archive.response(
                page.final_url,
                page.status,
                reason,
                headers,
                page.received,
                page.request_headers,
                page.fetched_at,
            )
        ctype = (page.content_type or "").split(";")[0].strip().lower()
        listed = kind_of(page.body) is not None  # a sitemap or a feed
        if ctype and ctype not in PAGE_TYPES and not listed and sniff(page.body, "", ctype) is None:
            said = f"not a page or a document file (Content-Type {ctype})"
            self._failed(state, run_id, row, "fetch", said, page.status)
            return
        common = dict(
            http_status=page.status,
            etag=page.headers.get("ETag"),
            last_modified=page.headers.get("Last-Modified"),
            sha256=sha,
            payload_digest=digest,
            last_seen=now_iso(),
            attempts=row.attempts + 1,
        )
        if unchanged:
            with state.transaction():
                state.update_url(row.url, state="done", **common)
                state.count(run_id, row.host, pages_fetched=1, unchanged=1, bytes=len(page.body))
            self.report.event("unchanged", url=row.url, status=page.status)
            return
        self._new_content(state, run_id, row, page, stored, common)

    def _new_content(
        self, state: State, run_id: int, row: UrlRow, page: Page, stored, common: dict
    ) -> None:
        site_list = read_list(page.body, page.final_url)
        if site_list is not None:
            self._site_list(state, run_id, row, site_list, dict(common, role="listing"), stored)
            return
        profile = self._profile(page.final_url)
        fmt = sniff(page.body, page.file_name, page.content_type)
        tree = page_tree(b"" if fmt else page.body, page.content_type)
        text = is_plain_text(page.content_type)  # a report served as text is a document
        files = [] if fmt else self._attachments(page, tree)
        if fmt is not None:
            role = "attachment"  # a file, however it was linked
        elif text or row.role in DOCUMENT_ROLES:
            role = "article"  # an attachment link that served a page is read as one
        else:
            role = role_of(page.final_url, tree, profile, links_files=bool(files))
        fields = dict(
            common,
            role=role,
            warc_file=stored.file,
            warc_offset=stored.offset,
            fetched_at=page.fetched_at,
            state="done",
        )
        if role == "listing":
            deep = row.depth < self.settings.depth
            found = links(page.final_url, tree, self.hosts) if deep else []
            found += advertised_feeds(page.final_url, tree) if deep else []
            found = self._cut(found, "links cut")
            with state.transaction():
                state.update_url(row.url, **fields)
                for url in found:
                    if same_site(url, self.hosts) and worth_following(url, self._profile(url)):
                        state.schedule(run_id, url, _host(url), row.depth + 1, "unknown", now_iso())
                self._schedule_files(state, run_id, row, files, parent=None)
                state.count(run_id, row.host, pages_fetched=1, bytes=len(page.body))
            self.report.event("listing", url=row.url, links=len(found), files=len(files))
            return
        src = Source(
            url=page.final_url,
            body=page.body,
            content_type=page.content_type,
            fetched_at=page.fetched_at,
            warc_file=f"archive/{stored.file}",
            warc_offset=stored.offset,
            profile=profile,
            as_text=text,
            limits=self.limits,
            readers=self.readers,
            parent_doc_id=doc_id_for(row.parent) if row.parent else None,
            file_name=page.file_name if fmt else None,
        )
        if files:  # a report page's own files, scheduled whatever becomes of the page
            with state.transaction():
                self._schedule_files(state, run_id, row, files, parent=page.final_url)
        job = _Job(row, fields, page.final_url, len(page.body), page.status, fmt)
        state.update_url(row.url, state="parsing")  # not offered again while it is parsed
        self.parsing.submit(src, job)

    def _parsed(self, state: State, run_id: int, job: _Job, outcome: Result | Exception) -> None:
        """A document back from parsing: its rows written, or its failure recorded."""
        row = job.row
        if isinstance(outcome, StageError):
            if outcome.skipped:
                self._skipped(state, run_id, row, outcome.stage, str(outcome), job.fields)
            else:
                self._failed(state, run_id, row, outcome.stage, str(outcome), job.status)
            return
        if isinstance(outcome, Exception):
            error = f"unexpected {type(outcome).__name__}: {outcome}".splitlines()[0]
            self._failed(state, run_id, row, "harvest", error.strip(": "), job.status)
            return
        result = outcome
        kind = "changed" if row.doc_id else "new"
        with state.transaction():
            state.update_url(row.url, doc_id=result.doc_id, last_changed=now_iso(), **job.fields)
            state.put_doc(result.doc_id, job.final_url, result.rows, result.text, run_id)
            state.count(run_id, row.host, pages_fetched=1, bytes=job.size, **{kind: 1})
        if job.fmt is not None:
            self.reasons[f"files read/{job.fmt}"] += 1
        self.report.event(kind, url=row.url, doc_id=result.doc_id)

    def _site_list(
        self, state: State, run_id: int, row: UrlRow, found: SiteList, fields: dict, stored
    ) -> None:
        """A sitemap or feed: its pages scheduled newest first (cut at
        max_links_per_page), the sitemaps an index names scheduled to be read."""
        pages = found.pages if row.depth < self.settings.depth else []
        pages = self._cut(pages, f"{found.kind} cut to its newest")
        fields = dict(fields, warc_file=stored.file, warc_offset=stored.offset, state="done")
        with state.transaction():
            state.update_url(row.url, **fields)
            for url in found.sitemaps:
                if same_site(url, self.hosts):
                    state.schedule(run_id, url, _host(url), row.depth, "unknown", now_iso())
            for url in pages:
                if same_site(url, self.hosts) and worth_following(url, self._profile(url)):
                    state.schedule(run_id, url, _host(url), row.depth + 1, "unknown", now_iso())
            state.count(run_id, row.host, pages_fetched=1)
        self.reasons[f"read/{found.kind}s"] += 1
        self.report.event(found.kind, url=row.url, links=len(pages), sitemaps=len(found.sitemaps))

    def _robots_sitemaps(self, state: State, run_id: int, row: UrlRow) -> None:
        """The sitemaps a host's robots.txt names (`Sitemap:`), scheduled once a run."""
        key = origin(row.url)
        if key in self.sitemaps_read:
            return
        self.sitemaps_read.add(key)
        rules = self.rules.get(key)
        named = list(rules.robots.sitemaps) if rules and rules.robots else []
        with state.transaction():
            for url in named:
                if same_site(url, self.hosts):
                    state.schedule(run_id, url, _host(url), 0, "unknown", now_iso())

    def _attachments(self, page: Page, tree) -> list[str]:
        """The report files a page links."""
        found = attachment_links(page.final_url, tree, self.hosts)
        return self._cut(found, "file links cut")

    def _cut(self, urls: list[str], what: str) -> list[str]:
        """At most max_links_per_page URLs from one page; a cut is noted in the summary."""
        limit = self.settings.max_links_per_page
        if len(urls) > limit:
            self.reasons[f"note/{what} (limits: max_links_per_page)"] += 1
        return urls[:limit]

    def _schedule_files(
        self, state: State, run_id: int, row: UrlRow, files: list[str], parent: str | None
    ) -> None:
        """Files are leaves: taken at any depth, fetched under the same rules as pages.
        A file linked from a report page keeps that page as its parent."""
        for url in files:
            state.schedule(run_id, url, _host(url), row.depth + 1, "attachment", now_iso(), parent)


@dataclass(frozen=True)
class _Job:
    """What the writer needs to record a document once it comes back from parsing."""

    row: UrlRow
    fields: dict
    final_url: str
    size: int
    status: int
    fmt: str | None


DISALLOWED = "disallowed by robots.txt"


@dataclass(frozen=True)
class Refused:
    """A URL that may not be fetched, and why (found on a worker, recorded by the writer)."""

    reason: str


def _address_check(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    return None if is_public_host(host) else "a private, loopback, link-local or multicast address"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
