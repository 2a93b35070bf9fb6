from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE))

from baocao.pipeline.localsite import LocalServer  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "issue(n): regression test for an issue number")


@pytest.fixture()
def server():
    with LocalServer() as s:
        yield s


SAMPLE = HERE.parent / "pipeline" / "sample"  # pages that ship with baocao are not copied here
SAMPLE_NAMES = {"seed_lavusta.txt": "lavusta_seed_scraped.txt"}


def fixture_path(name: str) -> Path:
    local = FIXTURES / name
    return local if local.exists() else SAMPLE / SAMPLE_NAMES.get(name, name)


def fixture_bytes(name: str) -> bytes:
    return fixture_path(name).read_bytes()


def expected(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is for developers and CI)")
    return path


PROSE = (
    "Trong sáu tháng đầu năm, Hội đã tổ chức {n} lớp tập huấn cho hội viên, thu hút hơn "
    "1.200 lượt người tham gia và vận động được 250 triệu đồng cho quỹ hội."
)


def report_page(n: int = 12, title: str = "Báo cáo kết quả hoạt động") -> bytes:
    """A small report page of our own: four paragraphs of figures under a headline."""
    paras = "".join(f"<p>{PROSE.format(n=n + i)}</p>" for i in range(4))
    return f"<html><body><h1>{title}</h1><article>{paras}</article></body></html>".encode()


def listing_page(*paths: str) -> bytes:
    """A listing page linking each path."""
    items = "".join(
        f"<li><a href='{p}'>Báo cáo số {i} của Hội năm nay</a></li>" for i, p in enumerate(paths)
    )
    return f"<html><body><ul>{items}</ul></body></html>".encode()
