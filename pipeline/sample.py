"""The sample documents that ship inside the package (users do not have ../shared)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_dir() -> Path:
    return Path(str(resources.files("baocao.pipeline") / "sample"))


def sample_paths() -> list[Path]:
    return sorted(p for p in sample_dir().iterdir() if p.suffix in (".html", ".htm", ".txt"))
