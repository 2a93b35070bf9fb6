from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE))

from pipeline.localsite import LocalServer  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "issue(n): regression test for an issue number")


@pytest.fixture()
def server():
    with LocalServer() as s:
        yield s


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def expected(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is for developers and CI)")
    return path
