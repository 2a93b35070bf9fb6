"""A run tells the truth: its status in runs.csv, a graded exit code that cron can alert
on, one line on stderr when the night was not clean (even with --quiet), run_start and
run_end in the JSON log; and new reports come first, never starved by revalidation."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import listing_page as listing
from conftest import report_page as report

from baocao.pipeline.cli import cli
from baocao.pipeline.localsite import LocalServer, Response


@pytest.fixture()
def site():
    with LocalServer() as s:
        s.routes["/robots.txt"] = Response(body=b"User-agent: *\nAllow: /\n")
        s.routes["/"] = Response(body=listing("/a.html", "/b.html"))
        s.routes["/a.html"] = Response(body=report(1), etag=True)
        s.routes["/b.html"] = Response(body=report(2), etag=True)
        yield s


def night(site, out, *flags: str):
    args = ["run", site.url("/"), "--out", str(out), "--delay", "0", "--quiet", *flags]
    return CliRunner().invoke(cli, args)


def statuses(out) -> list[str]:
    return pd.read_csv(out / "runs.csv").status.tolist()


def test_a_clean_night_exits_0_and_prints_nothing(site, tmp_path):
    result = night(site, tmp_path)
    assert result.exit_code == 0 and result.output == ""
    assert statuses(tmp_path) == ["completed"]


def test_failed_pages_exit_4_with_one_line_even_when_quiet(site, tmp_path):
    site.routes["/b.html"] = Response(404, b"gone")
    result = night(site, tmp_path)
    assert result.exit_code == 4
    assert result.output.strip().splitlines() == [
        f"baocao: run 1 partial: 1 pages failed (see {tmp_path / 'errors.csv'})"
    ]
    assert statuses(tmp_path) == ["partial"]
    assert night(site, tmp_path, "--fail-on", "2").exit_code == 0  # below the threshold


def test_an_unreachable_site_exits_5_and_the_run_failed(tmp_path):
    with LocalServer() as gone:
        url = gone.url("/")
    result = CliRunner().invoke(cli, ["run", url, "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 5 and "hosts unreachable: 127.0.0.1" in result.output
    assert statuses(tmp_path) == ["failed"]
    assert "host" in set(pd.read_csv(tmp_path / "errors.csv").stage)


def test_a_robots_txt_that_fails_exits_5(site, tmp_path):
    site.routes["/robots.txt"] = Response(500, b"")
    assert night(site, tmp_path).exit_code == 5
    assert statuses(tmp_path) == ["failed"]


def test_stopped_at_max_pages_exits_6(site, tmp_path):
    result = night(site, tmp_path, "--max-pages", "2")
    assert result.exit_code == 6 and "stopped at a limit" in result.output
    assert statuses(tmp_path) == ["stopped"]


def test_a_mistyped_start_url_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["run", "ftp://x", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "ftp://x: not an http(s) URL" in result.output


def test_the_json_log_opens_and_closes_each_run(site, tmp_path):
    args = ["run", site.url("/"), "--out", str(tmp_path), "--delay", "0", "--log-json"]
    result = CliRunner().invoke(cli, args)
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert events[0]["event"] == "run_start" and events[0]["run_id"] == 1
    end = events[-1]
    assert end["event"] == "run_end" and end["status"] == "completed" and end["new"] == 2


def test_a_new_report_is_fetched_first_night_despite_a_full_revalidation_budget(site, tmp_path):
    known = [f"/k{i}.html" for i in range(6)]
    site.routes["/"] = Response(body=listing(*known))
    for i, p in enumerate(known):
        site.routes[p] = Response(body=report(10 + i), etag=True)
    assert night(site, tmp_path).exit_code == 0
    # the next night a new report is listed last, and the night has room for 3 fetches
    site.routes["/"] = Response(body=listing(*known, "/new.html"))
    site.routes["/new.html"] = Response(body=report(99))
    site.requests.clear()
    night(site, tmp_path, "--max-pages", "3")
    assert "/new.html" in site.paths_requested()
    docs = pd.read_csv(tmp_path / "documents.csv")
    assert any(u.endswith("/new.html") for u in docs.url)
