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

import datetime as dt
import hashlib
import http.client
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

from outputs.export import export_tables
from parsers.tree import parse_html
from pipeline.config import Settings
from pipeline.process import Source, StageError, process
from pipeline.progress import Reporter
from scrapers.discover import links, role_of, same_site, worth_following
from scrapers.fetch import FetchError, FetchSettings, Page, fetch
from scrapers.robots import HostRules, rules_from
from scrapers.sites import SiteProfile, profile_for
from scrapers.state import State, UrlRow
from scrapers.warc import Archive, payload_digest

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


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

    def lines(self) -> list[str]:
        c, t = self.counts, self.tables
        head = f"run {self.run_id}" + (" (resumed)" if self.resumed else "")
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
        self.session = requests.Session()
        self.fetch_settings = FetchSettings(
            user_agent=settings.agent,
            timeout=settings.timeout,
            max_bytes=settings.max_bytes,
            retries=settings.retries,
            backoff=settings.backoff,
        )
        self.rules: dict[str, HostRules] = {}
        self.next_time: dict[str, float] = {}
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
        if not resumed:
            state.reschedule_known(run_id)
            for url in seeds:
                state.schedule(run_id, url, _host(url), 0, "unknown", now_iso())
        archive = Archive(self.out / "archive", run_id, self.settings.contact)
        state.set_run_warc(run_id, archive.name)
        try:
            fetched = 0
            while (row := state.next_pending(run_id, self._waiting())) is not None:
                if fetched >= self.settings.max_pages:
                    self.reasons["stopped/max_pages"] += 1
                    break
                fetched += self._visit(state, archive, run_id, row)
                self.report.progress(state.run_counts(run_id), state.pending_count(run_id))
        finally:
            archive.close()
        state.finish_run(run_id, now_iso())
        tables = export_tables(state, self.out)
        self.report.done()
        return RunSummary(self.out, run_id, resumed, state.run_counts(run_id), tables, self.reasons)

    def _waiting(self) -> set[str]:
        now = self.clock()
        return {h for h, t in self.next_time.items() if t > now}

    def _profile(self, url: str) -> SiteProfile:
        return profile_for(url, self.settings.sites) if self.settings.sites else profile_for(url)

    def _delay(self, host: str, url: str) -> float:
        rules = self.rules.get(host)
        crawl = rules.crawl_delay(self.settings.agent) if rules else None
        prof = self._profile(url).delay
        return max(self.settings.delay, crawl or 0.0, prof or 0.0)

    def _polite_wait(self, host: str) -> None:
        wait = self.next_time.get(host, 0.0) - self.clock()
        if wait > 0:
            self.sleep(wait)

    def _after_request(self, host: str, url: str) -> None:
        self.next_time[host] = self.clock() + self._delay(host, url)

    # -- one URL ----------------------------------------------------------------------
    def _visit(self, state: State, archive: Archive, run_id: int, row: UrlRow) -> int:
        host = row.host
        if host not in self.rules:
            self._polite_wait(host)
            self.rules[host] = rules_from(self._fetch_robots, row.url)
            self._after_request(host, row.url)
        rules = self.rules[host]
        if not rules.allowed(row.url, self.settings.agent):
            reason = rules.error or "disallowed by robots.txt"
            with state.transaction():
                state.update_url(row.url, state="disallowed", last_error=reason)
            self.reasons[f"skipped/{reason}"] += 1
            self.report.event("skipped", url=row.url, reason=reason)
            return 0
        self._polite_wait(host)
        conditional = row.role == "article"
        try:
            page = fetch(
                row.url,
                self.session,
                self.fetch_settings,
                etag=row.etag if conditional else None,
                last_modified=row.last_modified if conditional else None,
                sleep=self.sleep,
            )
        except FetchError as e:
            self._after_request(host, row.url)
            self._failed(state, run_id, row, "fetch", e.reason, e.status)
            return 1
        self._after_request(host, row.url)
        self._record(state, archive, run_id, row, page)
        return 1

    def _fetch_robots(self, url: str) -> Page:
        settings = FetchSettings(
            self.fetch_settings.user_agent,
            self.fetch_settings.timeout,
            512 * 1024,
            retries=1,
            backoff=self.fetch_settings.backoff,
        )
        return fetch(url, self.session, settings, sleep=self.sleep)

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
            state.count(run_id, failed=1)
        self.reasons[f"failed/{error.split(':')[0]}"] += 1
        self.report.event("failed", url=row.url, stage=stage, error=error)

    def _skipped(
        self, state: State, run_id: int, row: UrlRow, stage: str, error: str, fields: dict
    ) -> None:
        """A page that holds no document is done, not failed: recorded with its reason."""
        with state.transaction():
            state.update_url(row.url, **fields)
            state.add_error(run_id, row.url, stage, error, now_iso())
            state.count(run_id, pages_fetched=1)
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
                state.count(run_id, pages_fetched=1, unchanged=1)
            self.report.event("unchanged", url=row.url, status=304)
            return
        sha = hashlib.sha256(page.body).hexdigest()
        digest = payload_digest(page.body)
        unchanged = row.role == "article" and row.sha256 == sha
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
                page.body,
                page.request_headers,
                page.fetched_at,
            )
        ctype = (page.content_type or "").split(";")[0].strip().lower()
        if ctype and ctype not in PAGE_TYPES:
            self._failed(
                state, run_id, row, "fetch", f"not an HTML page (Content-Type {ctype})", page.status
            )
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
                state.count(run_id, pages_fetched=1, unchanged=1, bytes=len(page.body))
            self.report.event("unchanged", url=row.url, status=page.status)
            return
        self._new_content(state, run_id, row, page, stored, common)

    def _new_content(
        self, state: State, run_id: int, row: UrlRow, page: Page, stored, common: dict
    ) -> None:
        profile = self._profile(page.final_url)
        tree = parse_html(page.body.decode("utf-8", errors="replace"))
        role = role_of(page.final_url, tree, profile) if row.role != "article" else "article"
        fields = dict(
            common,
            role=role,
            warc_file=stored.file,
            warc_offset=stored.offset,
            fetched_at=page.fetched_at,
            state="done",
        )
        if role == "listing":
            found = (
                links(page.final_url, tree, self.hosts) if row.depth < self.settings.depth else []
            )
            with state.transaction():
                state.update_url(row.url, **fields)
                for url in found:
                    if same_site(url, self.hosts) and worth_following(url, self._profile(url)):
                        state.schedule(run_id, url, _host(url), row.depth + 1, "unknown", now_iso())
                state.count(run_id, pages_fetched=1, bytes=len(page.body))
            self.report.event("listing", url=row.url, links=len(found))
            return
        src = Source(
            url=page.final_url,
            body=page.body,
            content_type=page.content_type,
            fetched_at=page.fetched_at,
            warc_file=f"archive/{stored.file}",
            warc_offset=stored.offset,
            profile=profile,
        )
        try:
            result = process(src)
        except StageError as e:
            if e.skipped:
                self._skipped(state, run_id, row, e.stage, str(e), fields)
            else:
                self._failed(state, run_id, row, e.stage, str(e), page.status)
            return
        outcome = "changed" if row.doc_id else "new"
        with state.transaction():
            state.update_url(row.url, doc_id=result.doc_id, last_changed=now_iso(), **fields)
            state.put_doc(result.doc_id, page.final_url, result.rows, result.text, run_id)
            state.count(run_id, pages_fetched=1, bytes=len(page.body), **{outcome: 1})
        self.report.event(outcome, url=row.url, doc_id=result.doc_id)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
