"""Sitemaps (named by robots.txt, gzipped, nested in an index) and RSS feeds
(advertised by a page) lead the harvest to reports no pager reaches, newest first."""

from __future__ import annotations

import dataclasses
import gzip

import pandas as pd
import pytest

from baocao.pipeline.config import Settings
from baocao.pipeline.harvest import Harvester
from baocao.pipeline.localsite import LocalServer, Response
from baocao.pipeline.progress import Reporter
from baocao.pipeline.sample import sample_dir
from baocao.scrapers.feeds import read_list

FAST = Settings(delay=0.0, retries=1, backoff=0.0, timeout=2.0, parse_workers=0)
REPORT = (sample_dir() / "lavusta_bao_cao_6_thang_2024.html").read_bytes()
HTML = {"Content-Type": "text/html; charset=utf-8"}


def sitemap(entries: list[tuple[str, str]], index: bool = False) -> bytes:
    tag, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    body = "".join(f"<{item}><loc>{u}</loc><lastmod>{d}</lastmod></{item}>" for u, d in entries)
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    return f'<?xml version="1.0" encoding="UTF-8"?><{tag} xmlns="{ns}">{body}</{tag}>'.encode()


def rss(items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{u}</title><link>{u}</link><pubDate>{d}</pubDate></item>" for u, d in items
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>'
    return f"{head}{body}</channel></rss>".encode()


@pytest.fixture()
def site():
    with LocalServer() as server:
        u = server.url
        server.routes.update(
            {
                "/robots.txt": Response(
                    body=f"User-agent: *\nAllow: /\nSitemap: {u('/sitemap-index.xml')}\n".encode(),
                    headers={"Content-Type": "text/plain"},
                ),
                "/": Response(
                    body=(
                        "<html><head><link rel=alternate type=application/rss+xml "
                        'href="/rss.xml"></head><body><p>Trang chủ</p></body></html>'
                    ).encode(),
                    headers=HTML,
                ),
                "/sitemap-index.xml": Response(
                    body=sitemap([(u("/sitemap-2024.xml.gz"), "2024-06-20")], index=True),
                    headers={"Content-Type": "application/xml"},
                ),
                "/sitemap-2024.xml.gz": Response(
                    body=gzip.compress(
                        sitemap(
                            [
                                (u("/bai-viet/cu.html"), "2023-01-05"),
                                (u("/bai-viet/moi.html"), "2024-06-17"),
                            ]
                        )
                    ),
                    headers={"Content-Type": "application/octet-stream"},
                ),
                "/rss.xml": Response(
                    body=rss([(u("/bai-viet/tin-rss.html"), "Mon, 17 Jun 2024 08:00:00 +0700")]),
                    headers={"Content-Type": "application/rss+xml"},
                ),
            }
        )
        for path in ("/bai-viet/cu.html", "/bai-viet/moi.html", "/bai-viet/tin-rss.html"):
            server.routes[path] = Response(body=REPORT, headers=HTML)
        yield server


def harvest(site, out, settings=FAST):
    return Harvester(settings, out, Reporter(quiet=True)).run([site.url("/")])


def test_reports_listed_only_in_sitemaps_and_feeds_are_found(site, tmp_path):
    summary = harvest(site, tmp_path)
    docs = pd.read_csv(tmp_path / "documents.csv")
    got = sorted(u.split(site.base)[1] for u in docs.url)
    assert got == ["/bai-viet/cu.html", "/bai-viet/moi.html", "/bai-viet/tin-rss.html"]
    assert summary.reasons["read/sitemaps"] == 2 and summary.reasons["read/feeds"] == 1


def test_a_cut_sitemap_keeps_its_newest_pages(site, tmp_path):
    harvest(site, tmp_path, dataclasses.replace(FAST, max_links_per_page=1))
    requested = site.paths_requested()
    assert "/bai-viet/moi.html" in requested and "/bai-viet/cu.html" not in requested


def test_a_feed_and_a_sitemap_read_newest_first():
    feed = read_list(
        rss([("/a", "Mon, 01 Jan 2024 08:00:00 +0700"), ("/b", "Tue, 02 Jan 2024 08:00:00 +0700")]),
        "http://so.gov.vn/",
    )
    assert feed.kind == "feed" and feed.pages == ["http://so.gov.vn/b", "http://so.gov.vn/a"]
    assert read_list(b"<html><body>not a list</body></html>", "http://so.gov.vn/") is None
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>&x;</loc></url></urlset>"
    )
    assert read_list(hostile, "http://so.gov.vn/").pages == []  # no entity is resolved
