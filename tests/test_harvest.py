"""`baocao run` against a real server on 127.0.0.1 serving a small site built from the fixtures."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from baocao.pipeline.cli import cli
from baocao.pipeline.config import Settings
from baocao.pipeline.harvest import Harvester
from baocao.pipeline.localsite import LocalServer, Response
from baocao.pipeline.progress import Reporter
from baocao.pipeline.samplesite import FILES, REPORTS, SUMMARY_PAGE, routes
from baocao.scrapers.sites import SiteProfile

DOCUMENTS = [*REPORTS, SUMMARY_PAGE, *FILES]  # the report pages, and the files one links

FAST = Settings(delay=0.0, backoff=0.01, timeout=2.0, retries=2)


@pytest.fixture()
def site():
    with LocalServer() as server:
        server.routes.update(routes())
        yield server


def harvest(server: LocalServer, out, settings: Settings = FAST, start: str = "/tin-tuc/"):
    return Harvester(settings, out, Reporter(quiet=True)).run([server.url(start)])


def warc_records(out):
    records = []
    for path in sorted((out / "archive").glob("*.warc.gz")):
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                records.append(
                    (rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"), path.name)
                )
    return records


def test_the_reports_and_their_files_and_nothing_else_become_documents(site, tmp_path):
    summary = harvest(site, tmp_path)
    docs = pd.read_csv(tmp_path / "documents.csv")
    assert sorted(u.split(site.base)[1] for u in docs.url) == sorted(DOCUMENTS)
    assert summary.counts["new"] == 6 and summary.counts["failed"] == 0
    assert summary.reasons["files read/pdf"] == 1 and summary.reasons["files read/docx"] == 1
    assert docs.warc_file.str.startswith("archive/baocao-").all()


def test_robots_disallowed_path_is_never_requested(site, tmp_path):
    harvest(site, tmp_path)
    requested = site.paths_requested()
    assert "/robots.txt" in requested
    assert not any(p.startswith("/quan-tri/") for p in requested)


def test_user_agent_names_the_project_and_a_contact(site, tmp_path):
    harvest(site, tmp_path, dataclasses.replace(FAST, contact="mailto:lab@example.org"))
    agents = {h.get("User-Agent") for _, h in site.requests}
    assert agents == {"baocao/0.1.0 (+mailto:lab@example.org)"}


def test_warc_reads_back_and_holds_every_response(site, tmp_path):
    harvest(site, tmp_path)
    records = warc_records(tmp_path)
    assert records[0][0] == "warcinfo"
    responses = {uri.split(site.base)[1] for kind, uri, _ in records if kind == "response"}
    fetched = {p for p in site.paths_requested() if p != "/robots.txt"}
    assert fetched <= responses
    requests = [r for r in records if r[0] == "request"]
    assert len(requests) == len([r for r in records if r[0] in ("response", "revisit")])
    docs = pd.read_csv(tmp_path / "documents.csv")
    for row in docs.itertuples():  # documents.csv points at the exact record
        with open(tmp_path / row.warc_file, "rb") as f:
            f.seek(int(row.warc_offset))
            rec = next(iter(ArchiveIterator(f)))
            assert rec.rec_headers.get_header("WARC-Target-URI") == row.url
            assert rec.rec_type == "response"


def test_second_run_is_conditional_downloads_nothing_and_changes_no_row(site, tmp_path):
    harvest(site, tmp_path)
    nightly = ("runs.csv", "hosts.csv")  # each night adds its own rows there
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.csv") if p.name not in nightly}
    site.requests.clear()
    summary = harvest(site, tmp_path)
    assert summary.counts["new"] == 0 and summary.counts["changed"] == 0
    assert summary.counts["unchanged"] == 6
    article_requests = [h for p, h in site.requests if p in DOCUMENTS]
    assert len(article_requests) == 6 and all("If-None-Match" in h for h in article_requests)
    after = {p.name: p.read_bytes() for p in tmp_path.glob("*.csv") if p.name not in nightly}
    assert after == before
    assert any(kind == "revisit" for kind, _, _ in warc_records(tmp_path))
    runs = pd.read_csv(tmp_path / "runs.csv")
    assert list(runs.status) == ["completed", "completed"]
    from frictionless import validate

    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == 11  # seven document tables, errors, runs, hosts, the texts


def test_a_changed_page_replaces_its_rows(site, tmp_path):
    harvest(site, tmp_path)
    path = list(REPORTS)[1]
    old = site.routes[path]
    site.routes[path] = Response(
        body=old.body.replace("24 giải pháp".encode(), "25 giải pháp".encode()),
        headers=old.headers,
        etag=True,
    )
    summary = harvest(site, tmp_path)
    assert summary.counts["changed"] == 1
    q = pd.read_csv(tmp_path / "quantities.csv")
    docs = pd.read_csv(tmp_path / "documents.csv")
    assert len(docs) == 6 and docs.doc_id.is_unique
    mentions = set(q.mention)
    assert "25 giải pháp" in mentions and "24 giải pháp" not in mentions


def test_a_second_run_while_one_holds_the_folder_exits_at_once(site, tmp_path):
    from baocao.scrapers.state import State

    holder = State(tmp_path)
    try:
        result = CliRunner().invoke(cli, ["run", site.url("/tin-tuc/"), "--out", str(tmp_path)])
        assert result.exit_code == 3
        assert "in use by another baocao run" in result.output
    finally:
        holder.close()


# -- faults ----------------------------------------------------------------------------
def flaky(first: Response, then: Response):
    calls = {"n": 0}

    def route(_handler):
        calls["n"] += 1
        return first if calls["n"] == 1 else then

    return route


def fault_site(server: LocalServer) -> list[str]:
    good = server.routes[list(REPORTS)[1]]
    faults = {
        "/bai-viet/500-then-200.html": flaky(Response(500, b"oops"), good),
        "/bai-viet/429.html": flaky(Response(429, b"slow down", {"Retry-After": "1"}), good),
        "/bai-viet/timeout.html": Response(body=good.body, delay=3.0),
        "/bai-viet/reset.html": Response(reset=True),
        "/bai-viet/truncated.html": Response(body=good.body, truncate=500),
        "/bai-viet/loop-a.html": Response(302, b"", {"Location": "/bai-viet/loop-b.html"}),
        "/bai-viet/loop-b.html": Response(302, b"", {"Location": "/bai-viet/loop-a.html"}),
        "/bai-viet/huge.html": Response(body=b"<html><body>" + b"x" * (20 * 1024 * 1024)),
        "/bai-viet/report.pdf.html": Response(
            body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}
        ),
    }
    server.routes.update(faults)
    items = "".join(f'<li><a href="{p}">{p}</a></li>' for p in faults if "loop-b" not in p)
    server.routes["/faults/"] = Response(
        body=f"<html><body><ul>{items}</ul></body></html>".encode()
    )
    return list(faults)


def test_faults_are_retried_or_recorded_and_the_run_finishes(site, tmp_path):
    fault_site(site)
    profile = SiteProfile(name="faults", hosts=("127.0.0.1",), article_links="/bai-viet/")
    settings = dataclasses.replace(FAST, timeout=1.0, sites=(profile,))
    summary = harvest(site, tmp_path, settings, start="/faults/")
    docs = pd.read_csv(tmp_path / "documents.csv")
    got = {u.split(site.base)[1] for u in docs.url}
    assert got == {"/bai-viet/500-then-200.html", "/bai-viet/429.html"}
    errors = pd.read_csv(tmp_path / "errors.csv")
    by_url = {u.split(site.base)[1]: e for u, e in zip(errors.input, errors.error, strict=True)}
    assert "timed out" in by_url["/bai-viet/timeout.html"]
    assert "connection" in by_url["/bai-viet/reset.html"]
    assert "truncated" in by_url["/bai-viet/truncated.html"]
    assert "redirect" in by_url["/bai-viet/loop-a.html"]
    assert "limit" in by_url["/bai-viet/huge.html"]
    assert "not a readable PDF" in by_url["/bai-viet/report.pdf.html"]
    assert summary.counts["failed"] == 6
    assert site.paths_requested().count("/bai-viet/timeout.html") == FAST.retries + 1
    assert pd.read_csv(tmp_path / "runs.csv").status.tolist() == ["partial"]  # pages failed


def test_extract_from_archive_alone_gives_the_same_tables(site, tmp_path):
    """Pages and files alike: a file's parent_doc_id comes back from the archived
    request's Referer, its file_name from the archived Content-Disposition."""
    data, again = tmp_path / "data", tmp_path / "again"
    harvest(site, data)
    result = CliRunner().invoke(
        cli, ["extract", "--from-archive", str(data / "archive"), "--out", str(again)]
    )
    assert result.exit_code == 0, result.output
    for name in ("documents", "sections", "footnotes", "quantities", "references", "tables"):
        a = pd.read_csv(data / f"{name}.csv", dtype=str, keep_default_na=False)
        b = pd.read_csv(again / f"{name}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(a, b)


def test_config_file_typos_are_errors_that_name_the_key(tmp_path):
    cfg = tmp_path / "sites.toml"
    cfg.write_text('[run]\ndelai = 2\n[[sites]]\nprofile = "lavusta"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--config", str(cfg), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "unknown key(s) in [run]: delai" in result.output and "delay" in result.output


def test_config_sites_use_bundled_profiles(tmp_path):
    from baocao.pipeline.config import load_settings

    cfg = tmp_path / "sites.toml"
    cfg.write_text(
        '[run]\ndelay = 2.5\ncontact = "mailto:a@b.org"\n[[sites]]\nprofile = "lavusta"\n'
        'start_urls = ["http://lavusta.longan.gov.vn/tabid/55/Default.aspx"]\n',
        "utf-8",
    )
    settings = load_settings(cfg, delay=None, depth=4)
    assert settings.delay == 2.5 and settings.depth == 4
    assert settings.sites[0].body == ".article-content"
    assert settings.agent == "baocao/0.1.0 (+mailto:a@b.org)"


def test_a_profile_walks_only_along_its_url_patterns(site, tmp_path):
    profile = SiteProfile(
        name="sample", hosts=("127.0.0.1",), article_links=r"/bai-viet/", listing_links=r"/tin-tuc/"
    )
    harvest(site, tmp_path, dataclasses.replace(FAST, sites=(profile,)))
    assert "/lien-he/" not in site.paths_requested()  # a menu link outside the patterns
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 6  # a report's files go with it


def test_from_archive_rebuilds_the_tables_of_a_harvest_with_an_inline_profile(site, tmp_path):
    """The run's profiles travel in the WARC's warcinfo: no config is needed to rebuild."""
    inline = SiteProfile(name="loopback", hosts=("127.0.0.1",), drop=("table",))
    data, again = tmp_path / "data", tmp_path / "again"
    settings = dataclasses.replace(FAST, sites=(inline,))
    Harvester(settings, data, Reporter(quiet=True)).run([site.url("/tin-tuc/")])
    result = CliRunner().invoke(
        cli, ["extract", "--from-archive", str(data / "archive"), "--out", str(again)]
    )
    assert result.exit_code == 0, result.output
    docs = pd.read_csv(again / "documents.csv")
    assert set(docs.site) == {"loopback"}
    for name in ("documents", "sections", "quantities", "tables"):
        a = pd.read_csv(data / f"{name}.csv", dtype=str, keep_default_na=False)
        b = pd.read_csv(again / f"{name}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(
            a.drop(columns=["fetched_at"], errors="ignore"),
            b.drop(columns=["fetched_at"], errors="ignore"),
        )


def test_parsing_in_worker_processes_or_in_the_run_gives_the_same_tables(site, tmp_path):
    """Documents are parsed beside the fetching (parse_workers = 2) or in the run's own
    process (0): the tables are the same, the night's dates and archive places aside."""
    NIGHTLY = ["fetched_at", "warc_file", "warc_offset"]
    tables = {}
    for workers in (0, 2):
        out = tmp_path / f"w{workers}"
        harvest(site, out, dataclasses.replace(FAST, parse_workers=workers))
        tables[workers] = {
            name: pd.read_csv(out / f"{name}.csv").drop(columns=NIGHTLY, errors="ignore")
            for name in ("documents", "sections", "footnotes", "quantities", "references")
        }
    for name, frame in tables[0].items():
        pd.testing.assert_frame_equal(frame, tables[2][name])


def test_a_report_unchanged_for_long_is_checked_less_often(site, tmp_path):
    """Unchanged for 100 days when last seen: checked again after 10 days (revisit_factor
    0.1), so one seen yesterday rests tonight and one seen 11 days ago is checked."""
    import datetime as dt
    import sqlite3

    harvest(site, tmp_path)
    resting, due = site.url(list(REPORTS)[0]), site.url(list(REPORTS)[1])
    now = dt.datetime.now(dt.UTC)

    def iso(days: float) -> str:
        return (now - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")

    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        for url, seen in ((resting, 1), (due, 11)):
            db.execute(
                "UPDATE urls SET last_changed=?, last_seen=? WHERE url=?",
                (iso(seen + 100), iso(seen), url),
            )
    site.requests.clear()
    summary = harvest(site, tmp_path)
    requested = [p for p, _ in site.requests]
    assert list(REPORTS)[0] not in requested and list(REPORTS)[1] in requested
    assert summary.reasons["note/resting: unchanged for long, not due (revisit_*)"] == 1
    docs = pd.read_csv(tmp_path / "documents.csv")
    assert resting in set(docs.url)  # resting is not forgetting: its rows stay
