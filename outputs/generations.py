"""An output folder's tables change together or not at all.

Every run writes a new generation of the whole set — each table's CSV and Parquet,
`texts/` and `datapackage.json` — into `.generations/<n>/`, beside the one readers
use. Only when all of it is written does `current` switch to it, in one atomic rename
of a symbolic link; the names a user opens (`out/quantities.csv`, `out/texts/`) are
links through `current`. A run killed, or stopped by a full disk, at any moment leaves
`current` on the previous generation, whole and readable; its half-written generation
is removed by the next run. The previous generation is kept one run longer, for a
reader that opened its files just before the switch.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = ".generations"
CURRENT = "current"
KEEP = 2  # the current generation and the one before it


class Generation:
    """A generation being written; `commit()` publishes it, `abort()` removes it."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        root = self.out / ROOT
        root.mkdir(parents=True, exist_ok=True)
        self.previous = current_dir(self.out)
        _remove_unpublished(root, self.previous)
        numbers = [int(p.name) for p in root.iterdir() if p.name.isdigit()]
        self.dir = root / f"{max(numbers, default=0) + 1:06d}"
        self.dir.mkdir()

    def carry(self, name: str) -> bool:
        """Hard-link an unchanged file or folder of the previous generation into this
        one (no copy, no rewrite); False when there is none to carry."""
        if self.previous is None or not (self.previous / name).exists():
            return False
        src, dst = self.previous / name, self.dir / name
        if src.is_dir():
            dst.mkdir(exist_ok=True)
            for f in src.iterdir():
                os.link(f, dst / f.name)
        else:
            os.link(src, dst)
        return True

    def commit(self) -> None:
        """Switch `current` to this generation, then point the public names through it."""
        _fsync_tree(self.dir)
        tmp = self.out / f".{CURRENT}.tmp"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(Path(ROOT) / self.dir.name)
        os.replace(tmp, self.out / CURRENT)
        for entry in self.dir.iterdir():
            _public_link(self.out, entry.name)
        _prune(self.out / ROOT, keep=self.dir)

    def abort(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def current_dir(out: Path) -> Path | None:
    link = Path(out) / CURRENT
    return link.resolve() if link.is_symlink() and link.exists() else None


def _public_link(out: Path, name: str) -> None:
    """`out/<name>` -> `current/<name>`, replacing a file of the older flat layout."""
    path = out / name
    if path.is_symlink() and os.readlink(path) == str(Path(CURRENT) / name):
        return
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)  # texts/ of the flat layout: the generation holds them now
    tmp = out / f".{name}.link.tmp"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(Path(CURRENT) / name)
    os.replace(tmp, path)


def _remove_unpublished(root: Path, current: Path | None) -> None:
    """Generations newer than `current` were never published: a run died writing them."""
    for p in root.iterdir():
        if p.name.isdigit() and (current is None or int(p.name) > int(current.name)):
            shutil.rmtree(p, ignore_errors=True)


def _prune(root: Path, keep: Path) -> None:
    gens = sorted((p for p in root.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
    for p in gens[: max(0, len(gens) - KEEP)]:
        if p != keep:
            shutil.rmtree(p, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    """Flush the generation's tables to disk before it is published: a disk that filled
    up reports it here at the latest, while `current` is still the previous one. (The
    texts, thousands of small files, are flushed by the system as usual.)"""
    for path in [*(p for p in folder.iterdir() if p.is_file()), folder]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
