"""A night cannot be poisoned: hostile pages, misbehaving servers and bad values, each on
a real server on 127.0.0.1 (every response bounded in time), through the real harvest."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import PROSE
from conftest import listing_page as listing
from conftest import report_page as report

from baocao.pipeline.cli import cli
from baocao.pipeline.config import Settings
from baocao.pipeline.harvest import Harvester
from baocao.pipeline.localsite import LocalServer, Response
from baocao.pipeline.progress import Reporter
from baocao.scrapers.addresses import is_public_address, is_public_host
from baocao.scrapers.fetch import FetchError, FetchSettings, fetch, retry_after

FAST = Settings(delay=0.0, backoff=0.01, timeout=2.0, retries=1)


@pytest.fixture()
def server():
    with LocalServer() as s:
        s.routes["/robots.txt"] = Response(body=b"User-agent: *\nAllow: /\n")
        yield s


def harvest(server: LocalServer, out, start: str = "/", settings: Settings = FAST):
    return Harvester(settings, out, Reporter(quiet=True)).run([server.url(start)])


def errors(out) -> pd.DataFrame:
    return pd.read_csv(out / "errors.csv")


# -- 1. one bad page never blocks its site -------------------------------------------
@pytest.mark.parametrize(
    "body",
    [b"   \n\t  ", b"<!-- nothing here -->", b"<!DOCTYPE html>", b"<html></html>"],
    ids=["whitespace", "comment", "doctype", "empty-html"],
)
def test_an_empty_page_is_recorded_and_the_others_still_become_tables(server, tmp_path, body):
    server.routes["/"] = Response(body=listing("/a.html", "/bad.html", "/b.html"))
    server.routes["/a.html"] = Response(body=report(1))
    server.routes["/bad.html"] = Response(body=body)
    server.routes["/b.html"] = Response(body=report(2))
    harvest(server, tmp_path)
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 2
    assert (tmp_path / "quantities.parquet").exists()
    # and a second night finishes too, with the same tables
    harvest(server, tmp_path)
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 2


@pytest.mark.parametrize(
    "when",
    ["Wed, 21 Oct 2015 07:28:00 -0000", "Wed, 21 Oct 2015 07:28:00", "not a date", "1e308"],
)
def test_retry_after_in_any_form_never_crashes(server, tmp_path, when):
    assert retry_after(when) is None or retry_after(when) >= 0
    server.routes["/"] = Response(body=listing("/a.html", "/busy.html"))
    server.routes["/a.html"] = Response(body=report())
    server.routes["/busy.html"] = Response(503, b"busy", {"Retry-After": when})
    server.routes["/robots.txt"] = Response(body=b"User-agent: *\nAllow: /\n")
    harvest(server, tmp_path)
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 1
    assert "HTTP 503" in " ".join(errors(tmp_path).error)


def test_retry_after_on_robots_txt_disallows_the_host_for_the_night(server, tmp_path):
    server.routes["/robots.txt"] = Response(503, b"", {"Retry-After": "Wed, 21 Oct 2015 07:28:00"})
    server.routes["/"] = Response(body=report())
    harvest(server, tmp_path)
    errs = errors(tmp_path)
    assert list(errs.stage) == ["robots", "host"] and "robots.txt" in errs.error[0]


def test_a_paragraph_of_figures_without_a_full_stop_has_bounded_rows(server, tmp_path):
    figures = " ".join(f"{i} hội viên, {i} tỷ đồng" for i in range(6000))  # ~130 KB
    server.routes["/"] = Response(body=f"<html><body><p>{figures}</p></body></html>".encode())
    harvest(server, tmp_path)
    q = pd.read_parquet(tmp_path / "quantities.parquet")
    assert len(q) == 12000
    assert q.sentence.str.len().max() < 700  # a bounded context, not the 130 KB "sentence"
    text = (tmp_path / "texts" / f"{q.doc_id[0]}.txt").read_text("utf-8")
    assert all(text[s:e] == m for s, e, m in zip(q.start, q.end, q.mention, strict=True))


# -- 2. robots.txt, as RFC 9309 reads it ----------------------------------------------
def test_a_redirect_into_a_disallowed_path_is_not_followed(server, tmp_path):
    server.routes["/robots.txt"] = Response(body=b"User-agent: *\nDisallow: /private/\n")
    server.routes["/"] = Response(body=listing("/a.html", "/go.html"))
    server.routes["/a.html"] = Response(body=report())
    server.routes["/go.html"] = Response(302, b"", {"Location": "/private/secret.html"})
    server.routes["/private/secret.html"] = Response(body=report(99))
    harvest(server, tmp_path)
    assert "/private/secret.html" not in server.paths_requested()
    assert "disallowed by robots.txt" in " ".join(errors(tmp_path).error)


def test_another_port_is_another_site_with_its_own_robots_txt(server, tmp_path):
    with LocalServer() as other:
        other.routes["/robots.txt"] = Response(body=b"User-agent: *\nDisallow: /\n")
        other.routes["/x.html"] = Response(body=report(5))
        server.routes["/"] = Response(body=listing("/a.html", "/go.html"))
        server.routes["/a.html"] = Response(body=report())
        server.routes["/go.html"] = Response(302, b"", {"Location": other.url("/x.html")})
        harvest(server, tmp_path)
        assert other.paths_requested() == ["/robots.txt"]  # read, and obeyed
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 1


def test_a_redirect_to_another_host_is_not_followed_unless_configured(server, tmp_path):
    with LocalServer(host="127.0.0.2") as other:
        other.routes["/robots.txt"] = Response(body=b"User-agent: *\nAllow: /\n")
        other.routes["/x.html"] = Response(body=report(5))
        server.routes["/"] = Response(302, b"", {"Location": other.url("/x.html")})
        harvest(server, tmp_path / "strict")
        assert other.paths_requested() == []
        assert "outside the sites" in errors(tmp_path / "strict").error[0]
        harvest(
            server, tmp_path / "open", settings=dataclasses.replace(FAST, offsite_redirects=True)
        )
        assert other.paths_requested() == ["/robots.txt", "/x.html"]


def test_robots_txt_with_a_byte_order_mark_is_obeyed(server, tmp_path):
    server.routes["/robots.txt"] = Response(body="\ufeffUser-agent: *\nDisallow: /an/\n".encode())
    server.routes["/"] = Response(body=listing("/a.html", "/an/b.html"))
    server.routes["/a.html"] = Response(body=report())
    harvest(server, tmp_path)
    assert "/an/b.html" not in server.paths_requested()


@pytest.mark.parametrize("status, fetched", [(429, False), (503, False), (404, True), (410, True)])
def test_robots_txt_status_decides_as_rfc_9309_says(server, tmp_path, status, fetched):
    server.routes["/robots.txt"] = Response(status, b"")
    server.routes["/"] = Response(body=report())
    harvest(server, tmp_path)
    assert ("/" in server.paths_requested()) is fetched


@pytest.mark.parametrize("delay", ["86400", "1e308", "nan", "-5"])
def test_crawl_delay_is_capped_and_nonsense_is_ignored(server, tmp_path, delay):
    server.routes["/robots.txt"] = Response(body=f"User-agent: *\nCrawl-delay: {delay}\n".encode())
    server.routes["/"] = Response(body=listing("/a.html"))
    server.routes["/a.html"] = Response(body=report())
    slept: list[float] = []
    h = Harvester(
        dataclasses.replace(FAST, max_crawl_delay=1.5),
        tmp_path,
        Reporter(quiet=True),
        sleep=slept.append,
        clock=lambda: 0.0,
    )
    h.run([server.url("/")])
    assert all(s <= 1.5 for s in slept)
    assert len(pd.read_csv(tmp_path / "documents.csv")) == 1


# -- 3. addresses -----------------------------------------------------------------
def test_private_loopback_link_local_and_multicast_addresses_are_not_public():
    for ip in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.169.254", "::1"):
        assert not is_public_address(ip), ip
    assert not is_public_address("224.0.0.1")
    assert is_public_address("8.8.8.8") and is_public_host("8.8.8.8")


def test_from_a_public_site_a_redirect_to_a_private_address_is_refused(tmp_path):
    h = Harvester(FAST, tmp_path, Reporter(quiet=True))
    h.hosts, h.private_ok = {"8.8.8.8", "10.0.0.5"}, False
    assert "private" in h._refusal("http://10.0.0.5/admin")
    assert "http" in h._refusal("ftp://8.8.8.8/x")


# -- 4. limits --------------------------------------------------------------------
def test_a_trickling_body_is_cut_at_the_fetch_deadline(server):
    server.routes["/slow.html"] = Response(body=b"x" * 400, trickle=0.05)
    settings = FetchSettings(timeout=2.0, deadline=0.5, retries=0)
    with pytest.raises(FetchError, match="deadline"):
        fetch(server.url("/slow.html"), settings=settings)


def test_a_dead_host_is_left_after_its_failure_budget(server, tmp_path):
    pages = [f"/p{i}.html" for i in range(8)]
    server.routes["/"] = Response(body=listing(*pages))
    for p in pages:
        server.routes[p] = Response(500, b"down")
    harvest(server, tmp_path, settings=dataclasses.replace(FAST, max_failures_per_host=3))
    tried = [p for p in server.paths_requested() if p.startswith("/p")]
    assert len(set(tried)) == 3
    assert errors(tmp_path).error.str.contains("max_failures_per_host").sum() == 5


def test_links_per_page_and_redirects_per_fetch_are_capped(server, tmp_path):
    pages = [f"/p{i}.html" for i in range(6)]
    server.routes["/"] = Response(body=listing(*pages))
    for p in pages:
        server.routes[p] = Response(body=report())
    server.routes["/loop"] = Response(302, b"", {"Location": "/loop"})
    harvest(server, tmp_path, settings=dataclasses.replace(FAST, max_links_per_page=2))
    assert len({p for p in server.paths_requested() if p.startswith("/p")}) == 2
    with pytest.raises(FetchError, match="max_redirects"):
        fetch(server.url("/loop"), settings=FetchSettings(max_redirects=3, retries=0))


def test_a_url_that_fails_goes_last_and_is_parked_after_its_nights(server, tmp_path):
    server.routes["/"] = Response(body=listing("/bad.html", "/a.html"))
    server.routes["/a.html"] = Response(body=report())
    server.routes["/bad.html"] = Response(500, b"down")
    settings = dataclasses.replace(FAST, park_after=2)
    for _ in range(2):
        harvest(server, tmp_path, settings=settings)
    second_night = server.paths_requested()[-3:]
    assert second_night.index("/bad.html") > second_night.index("/a.html")
    server.requests.clear()
    summary = harvest(server, tmp_path, settings=settings)
    assert "/bad.html" not in server.paths_requested()
    assert any("parked" in r for r in summary.reasons)


# -- 5. silent loss -----------------------------------------------------------------
def test_html_nested_deeper_than_256_elements_keeps_every_paragraph(server, tmp_path):
    paras = "".join(f"<p>Đoạn {i}: Hội tổ chức {i} lớp tập huấn.</p>" for i in range(400))
    server.routes["/"] = Response(body=f"<html><body>{'<div>' * 400}{paras}</body></html>".encode())
    harvest(server, tmp_path)
    text = next((tmp_path / "texts").glob("*.txt")).read_text("utf-8")
    assert text.count("Đoạn ") == 400 and len(text.splitlines()) == 400


@pytest.mark.parametrize(
    "body, ctype",
    [
        (
            f"<html><body><p>{PROSE.format(n=7) * 5}</p></body></html>".encode("utf-16"),
            "text/html",
        ),
        (PROSE.format(n=7).encode("utf-8"), "text/plain; charset=utf-8"),
    ],
    ids=["utf-16", "text-plain"],
)
def test_reports_served_as_utf16_or_plain_text_are_read(server, tmp_path, body, ctype):
    server.routes["/"] = Response(body=body, headers={"Content-Type": ctype})
    harvest(server, tmp_path)
    q = pd.read_csv(tmp_path / "quantities.csv")
    assert 7 in set(q.value)


# -- 6. spreadsheets ------------------------------------------------------------------
def test_cells_that_a_spreadsheet_would_run_are_neutralised_in_csv_only(server, tmp_path):
    server.routes["/"] = Response(body=report(title="=HYPERLINK(&quot;http://x&quot;) báo cáo"))
    harvest(server, tmp_path)
    csv_title = pd.read_csv(tmp_path / "documents.csv").title[0]
    parquet_title = pd.read_parquet(tmp_path / "documents.parquet").title[0]
    assert parquet_title.startswith("=HYPERLINK") and csv_title == "'" + parquet_title


# -- 7. configuration ---------------------------------------------------------------
@pytest.mark.parametrize(
    "line, key",
    [
        ("delay = 'soon'", "delay"),
        ("delay = -1", "delay"),
        ("timeout = inf", "timeout"),
        ("retries = 2.5", "retries"),
        ("max_pages = true", "max_pages"),
        ("offsite_redirects = 'yes'", "offsite_redirects"),
        ("contact = 42", "contact"),
        ("user_agent = ['a']", "user_agent"),
        ("depth = nan", "depth"),
        ("park_after = -3", "park_after"),
    ],
)
def test_a_bad_configuration_value_is_one_line_naming_its_key(tmp_path, line, key):
    cfg = tmp_path / "sites.toml"
    cfg.write_text(f"[run]\n{line}\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["run", "http://127.0.0.1:9/", "--config", str(cfg), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert key in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_vietnamese_contact_goes_into_the_user_agent_without_diacritics(server, tmp_path):
    server.routes["/"] = Response(body=report())
    harvest(server, tmp_path, settings=dataclasses.replace(FAST, contact="mailto:Nguyễn.Đức@vd.vn"))
    agents = {h.get("User-Agent") for _, h in server.requests}
    assert agents == {"baocao/0.1.0 (+mailto:Nguyen.Duc@vd.vn)"}


# -- 8. more limits, and inputs that never end -----------------------------------------
def test_page_and_byte_budgets_stop_where_they_say(server, tmp_path):
    pages = [f"/p{i}.html" for i in range(6)]
    server.routes["/"] = Response(body=listing(*pages))
    for p in pages:
        server.routes[p] = Response(body=report())
    harvest(server, tmp_path / "a", settings=dataclasses.replace(FAST, max_pages_per_host=3))
    assert len([p for p in server.paths_requested() if p.startswith("/p")]) == 2  # + "/"
    server.requests.clear()
    summary = harvest(server, tmp_path / "b", settings=dataclasses.replace(FAST, max_run_bytes=1))
    assert summary.status == "stopped" and summary.counts["pages_fetched"] == 1


def test_a_40000_letter_token_is_left_as_written(server, tmp_path):
    token = "hộiviên" * 6000
    body = report().replace(b"</article>", f"<p>{token}</p></article>".encode())
    server.routes["/"] = Response(body=body)
    harvest(server, tmp_path)
    text = next((tmp_path / "texts").glob("*.txt")).read_text("utf-8")
    assert token in text


def test_extract_refuses_a_harvest_folder_and_waits_for_no_one(server, tmp_path):
    from baocao.scrapers.state import lock_folder

    server.routes["/"] = Response(body=report())
    harvest(server, tmp_path / "data")
    page = tmp_path / "a.html"
    page.write_bytes(report())
    result = CliRunner().invoke(cli, ["extract", str(page), "--out", str(tmp_path / "data")])
    assert result.exit_code == 1 and "harvest folder" in result.output
    held = lock_folder(tmp_path / "busy")
    try:
        result = CliRunner().invoke(cli, ["extract", str(page), "--out", str(tmp_path / "busy")])
        assert result.exit_code == 3 and "in use" in result.output
    finally:
        held.close()


def test_fifos_devices_and_undecodable_file_names_are_one_line_each(tmp_path):
    import os

    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    odd = os.path.join(os.fsencode(tmp_path), b"b\xe1o_c\xe1o.html")
    with open(odd, "wb") as f:
        f.write(report())
    args = ["extract", str(fifo), "/dev/zero", os.fsdecode(odd), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    errs = pd.read_csv(tmp_path / "o" / "errors.csv")
    assert errs.error.tolist() == ["not a regular file", "not a regular file"]
    docs = pd.read_csv(tmp_path / "o" / "documents.csv")
    assert len(docs) == 1
