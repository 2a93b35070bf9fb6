"""The article is found most precisely first: a profile, the program that wrote the
page, then prose scoring, then the body; `segmenter` says which one answered."""

from __future__ import annotations

from baocao.parsers.article import find_article, generator
from baocao.parsers.parse import parse_page
from baocao.parsers.tree import parse_html
from baocao.pipeline.sample import sample_dir
from baocao.scrapers.sites import GENERIC

PROSE = "Hội đã tổ chức tập huấn cho hội viên, tuyên truyền, vận động nhân dân tham gia. " * 3
NAV = "<div class='menu'><p>" + "Trang chủ, Giới thiệu, Tin tức, Liên hệ, Thư viện ảnh. " * 6
NAV += "</p></div>"


def page(generator_meta: str, body: str) -> str:
    meta = f'<meta name="Generator" content="{generator_meta}">' if generator_meta else ""
    return f"<html><head>{meta}<title>t</title></head><body>{body}</body></html>"


def test_a_page_word_saved_is_its_whole_body_footnotes_included():
    path = sample_dir() / "lavusta_bao_cao_6_thang_2024.word_filtered.cp1258.htm"
    doc = parse_page(path.read_bytes(), path.as_uri())
    assert doc.meta["segmenter"] == "generator"
    assert doc.text.startswith("UBND TỈNH LONG AN")  # the header, before any heading
    assert len(doc.footnotes) == 6  # in Word's footnote list, outside its WordSection1


def test_the_generator_is_read_from_the_head_whatever_the_case_of_its_name():
    tree = parse_html(page("Microsoft Word 15 (filtered)", "<p>x</p>"))
    assert generator(tree) == "Microsoft Word 15 (filtered)"
    assert generator(parse_html(page("", "<p>x</p>"))) is None


def test_a_generator_not_listed_leaves_the_page_to_prose_scoring():
    html = page("WordPress 6.4.2", f"{NAV}<div class='entry'><p>{PROSE}</p><p>{PROSE}</p></div>")
    art = find_article(parse_html(html), GENERIC)
    assert art.method == "generic"
    assert art.root.get("class") == "entry"  # not the menu beside it


def test_a_listed_generator_takes_the_body_with_everything_in_it():
    html = page("LibreOffice 7.3.7.2 (Linux)", f"{NAV}<div><p>{PROSE}</p></div>")
    art = find_article(parse_html(html), GENERIC)
    assert (art.method, art.root.tag) == ("generator", "body")
