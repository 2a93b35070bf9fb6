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
