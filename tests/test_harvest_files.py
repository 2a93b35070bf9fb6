"""A report page that only summarises and links the signed file: the harvest follows
the links (a plain `.pdf`, an ASP.NET download handler), keeps the files in the WARC
as they came, reads them, and ties them to the page."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from warcio.archiveiterator import ArchiveIterator

from baocao.parsers.parse import doc_id_for
from baocao.pipeline.config import Settings
from baocao.pipeline.harvest import Harvester
from baocao.pipeline.localsite import LocalServer, Response
from baocao.pipeline.progress import Reporter
from baocao.pipeline.sample import sample_dir
from baocao.pipeline.samplesite import FILES, SUMMARY_PAGE, routes

FAST = Settings(delay=0.0, retries=1, backoff=0.0, timeout=2.0)
PDF, DOCX = FILES


@pytest.fixture()
def site():
    with LocalServer() as server:
        server.routes.update(routes())
        yield server


def harvest(site, out, settings=FAST):
    return Harvester(settings, out, Reporter(quiet=True)).run([site.url("/tin-tuc/")])


def test_the_files_are_documents_tied_to_their_page(site, tmp_path):
    harvest(site, tmp_path)
    docs = pd.read_csv(tmp_path / "documents.csv").set_index("url")
    page = docs.loc[site.url(SUMMARY_PAGE)]
    pdf, docx = docs.loc[site.url(PDF)], docs.loc[site.url(DOCX)]
    assert page.format == "html" and page.name == site.url(SUMMARY_PAGE)
    assert doc_id_for(site.url(SUMMARY_PAGE)) == page.doc_id
    assert pdf.parent_doc_id == page.doc_id and docx.parent_doc_id == page.doc_id
    assert (pdf.format, pdf.pages, pdf.file_name) == ("pdf", 7, "06-BC-LHH.pdf")
    assert (docx.format, docx.file_name) == ("docx", "BC 6 thang.docx")  # Content-Disposition
    assert pdf.doc_number == docx.doc_number == "06/BC-LHH"
    figures = pd.read_csv(tmp_path / "figures.csv")
    assert (figures.doc_id == pdf.doc_id).sum() == (figures.doc_id == docx.doc_id).sum() > 40


def test_the_archive_keeps_each_file_as_it_came_and_the_page_that_linked_it(site, tmp_path):
    harvest(site, tmp_path)
    responses, referers = {}, {}
    for path in (tmp_path / "archive").glob("*.warc.gz"):
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                url = rec.rec_headers.get_header("WARC-Target-URI")
                if rec.rec_type == "response":
                    responses[url] = rec.content_stream().read()
                elif rec.rec_type == "request":
                    referers[url] = rec.http_headers.get_header("Referer")
    for path, (name, _) in FILES.items():
        assert responses[site.url(path)] == (sample_dir() / name).read_bytes()
        assert referers[site.url(path)] == site.url(SUMMARY_PAGE)


def test_a_file_over_its_cap_is_recorded_and_the_pages_are_not_held_to_it(site, tmp_path):
    """Pages keep max_bytes; files get max_file_bytes (the 52 kB PDF is over 20 kB)."""
    summary = harvest(site, tmp_path, dataclasses.replace(FAST, max_file_bytes=20_000))
    errors = pd.read_csv(tmp_path / "errors.csv")
    over = errors[errors.input == site.url(PDF)]
    assert list(over.stage) == ["fetch"] and "20000-byte limit" in over.error.iloc[0]
    assert summary.counts["new"] == 5  # the pages, and the DOCX (10 kB)


def test_a_download_link_that_serves_a_page_is_read_as_one(site, tmp_path):
    site.routes[DOCX] = Response(
        body=(sample_dir() / "lavusta_bao_cao_6_thang_2024.html").read_bytes(),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    harvest(site, tmp_path)
    docs = pd.read_csv(tmp_path / "documents.csv").set_index("url")
    assert docs.loc[site.url(DOCX)].format == "html"
    assert docs.loc[site.url(DOCX)].doc_number == "06/BC-LHH"


def test_a_spreadsheet_behind_a_report_link_is_skipped_not_failed(site, tmp_path):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    site.routes[PDF] = Response(body=buf.getvalue(), headers={"Content-Type": "application/zip"})
    summary = harvest(site, tmp_path)
    errors = pd.read_csv(tmp_path / "errors.csv")
    row = errors[errors.input == site.url(PDF)]
    assert "spreadsheet" in row.error.iloc[0]
    assert summary.counts["failed"] == 0
