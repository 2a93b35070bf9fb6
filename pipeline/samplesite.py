"""The bundled sample, served as a small portal: listing pages with a pager, three
report pages, a fourth that only summarises its report and links the signed file
as a PDF and as a DOCX (the DOCX through an ASP.NET download handler that names
the file in Content-Disposition), a menu, and a robots.txt that disallows a
linked path."""

from __future__ import annotations

from baocao.pipeline.localsite import LocalServer, Response
from baocao.pipeline.sample import sample_dir

REPORTS = {
    "/bai-viet/lavusta-bao-cao-6-thang-2024.html": ("lavusta_bao_cao_6_thang_2024.html", "utf-8"),
    "/bai-viet/dongthap-tong-ket-hoi-thi-2021.html": (
        "dongthap_lhh_tong_ket_hoi_thi_2021.html",
        "utf-8",
    ),
    "/bai-viet/lavusta-ban-word.htm": (
        "lavusta_bao_cao_6_thang_2024.word_filtered.cp1258.htm",
        "windows-1258",
    ),
}
SUMMARY_PAGE = "/bai-viet/lavusta-bao-cao-tai-ve.html"
FILES = {
    "/Uploads/VanBan/06-BC-LHH.pdf": (
        "lavusta_bao_cao_6_thang_2024.pdf",
        {"Content-Type": "application/pdf"},
    ),
    "/DownloadFile.aspx?id=1062": (
        "lavusta_bao_cao_6_thang_2024.docx",
        {
            "Content-Type": "application/octet-stream",
            "Content-Disposition": 'attachment; filename="BC 6 thang.docx"',
        },
    ),
}
MENU = (
    '<ul class="menu"><li><a href="/tin-tuc/">Tin tức</a></li><li><a href="/lien-he/">Liên hệ</a>'
    '</li><li><a href="/quan-tri/dang-nhap">Quản trị</a></li></ul>'
)


def _listing(title: str, items: list[tuple[str, str]], pager: str) -> bytes:
    lis = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in items)
    return (
        f"<!DOCTYPE html><html lang=vi><head><meta charset=utf-8><title>{title}</title></head>"
        f"<body>{MENU}<h1>{title}</h1><ul class=news>{lis}</ul><div class=pager>{pager}</div>"
        "</body></html>"
    ).encode()


def _summary() -> bytes:
    """A report page as many portals make them: two sentences and the signed file."""
    pdf, docx = FILES
    return (
        "<!DOCTYPE html><html lang=vi><head><meta charset=utf-8>"
        "<title>Báo cáo kết quả hoạt động 6 tháng đầu năm 2024 (văn bản)</title></head>"
        f"<body>{MENU}<div class=content><h1>Báo cáo kết quả hoạt động 6 tháng đầu năm 2024"
        "</h1><p>Ngày 11/6/2024, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh ban hành Báo cáo "
        "số 06/BC-LHH về kết quả hoạt động 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng "
        "cuối năm 2024. Toàn văn báo cáo xem trong tệp đính kèm.</p>"
        f'<p>Tải về: <a href="{pdf}">06-BC-LHH.pdf</a></p>'
        f'<p><a href="{docx}">BC 6 thang.docx</a></p></div></body></html>'
    ).encode()


def routes() -> dict[str, Response]:
    paths = list(REPORTS)
    pages = {
        "/robots.txt": Response(
            body=b"User-agent: *\nDisallow: /quan-tri/\n", headers={"Content-Type": "text/plain"}
        ),
        "/tin-tuc/": Response(
            body=_listing(
                "Tin tức - Sự kiện",
                [
                    (paths[0], "Báo cáo kết quả hoạt động 6 tháng đầu năm 2024"),
                    (paths[1], "Tổng kết Hội thi Sáng tạo Kỹ thuật lần thứ 16"),
                ],
                '<a href="/tin-tuc/?page=2">Trang sau »</a>',
            ),
            etag=True,
        ),
        "/tin-tuc/?page=2": Response(
            body=_listing(
                "Tin tức - Sự kiện (trang 2)",
                [
                    (paths[2], "Báo cáo 6 tháng (bản Word)"),
                    (SUMMARY_PAGE, "Báo cáo 6 tháng (văn bản đính kèm)"),
                ],
                '<a href="/tin-tuc/">« Trang trước</a>',
            ),
            etag=True,
        ),
        "/lien-he/": Response(body=_listing("Liên hệ", [], ""), etag=True),
    }
    pages[SUMMARY_PAGE] = Response(
        body=_summary(), headers={"Content-Type": "text/html; charset=utf-8"}, etag=True
    )
    for path, (name, headers) in FILES.items():
        pages[path] = Response(body=(sample_dir() / name).read_bytes(), headers=headers, etag=True)
    for path, (name, charset) in REPORTS.items():
        body = (sample_dir() / name).read_bytes()
        pages[path] = Response(
            body=body, headers={"Content-Type": f"text/html; charset={charset}"}, etag=True
        )
    return pages


SAMPLE_PORT = 8765  # fixed when free, so a second `make run` finds the same URLs unchanged


def sample_site() -> LocalServer:
    server = LocalServer(SAMPLE_PORT)
    server.routes.update(routes())
    return server
