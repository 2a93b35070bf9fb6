"""`make count`: the instructions a page costs, counted by valgrind, nearly the same on every run.

On a shared machine timings move by ±20% between runs, which hides the few-percent
effects left to find; the instructions the pipeline executes move by up to ±0.4%
(libxml2 and the allocator are not fully deterministic), so a smaller difference
is not read as a change. A part's count moves more, up to a few percent (its
inputs are prepared in the same process, and what its caches hold by then
varies): read a part's change against a second run of the old code. Each
count is the difference between a run over N bench pages and a run over none, in
fresh processes under `valgrind --tool=callgrind` with a fixed hash seed, so that
start-up, imports and the preparation of each part's input cancel out. A change
is worth keeping when its count falls and every table stays the same.

    python bench/instructions.py [--n 12] [--part pipeline --part quantities ...]

Needs valgrind (`apt install valgrind`); it is not a Python dependency.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run import make_pages  # noqa: E402

WARM = 6  # pages run before counting, as a long run has its caches warm
COLLECTED = re.compile(r"Collected : (\d+)")
Part = tuple[list[Any], Callable[[Any], object]]  # each page's input, and the work on one


def _pipeline(bodies: list[bytes]) -> Part:
    from baocao.pipeline.process import Source, process

    sources = [Source(f"file:///bench/{i}.html", b) for i, b in enumerate(bodies)]
    return sources, process


def _parse(bodies: list[bytes]) -> Part:
    from baocao.parsers.parse import parse_page

    inputs = [(f"file:///bench/{i}.html", b) for i, b in enumerate(bodies)]
    return inputs, lambda item: parse_page(item[1], item[0])


def _documents(bodies: list[bytes]) -> list[Any]:
    from baocao.pipeline.process import Source, build_document

    return [build_document(Source(f"file:///bench/{i}.html", b)) for i, b in enumerate(bodies)]


def _quantities(bodies: list[bytes]) -> Part:
    from baocao.parsers.quantities import find_quantities

    return [d.text for d in _documents(bodies)], find_quantities


def _references(bodies: list[bytes]) -> Part:
    from baocao.parsers import references

    def fresh(doc: Any) -> object:  # the trigger scan counts, as the pipeline pays it
        doc._places = None
        return references.extract(doc)

    return _documents(bodies), fresh


def _rows(bodies: list[bytes]) -> Part:
    from baocao.outputs.tables import rows_for

    return _documents(bodies), lambda doc: rows_for(doc, {})


PARTS: dict[str, Callable[[list[bytes]], Part]] = {
    "pipeline": _pipeline,  # process(): everything a worker does for a page
    "parse": _parse,  # decoding, lxml, the article, the walk, structure
    "quantities": _quantities,  # numerals, the non-quantity check, reading figures
    "references": _references,
    "rows": _rows,
}


def run_part(part: str, folder: Path, count: int) -> None:
    """What runs under valgrind: the part's input for every page, then the part over
    the warm-up pages and `count` more."""
    bodies = [p.read_bytes() for p in sorted(folder.iterdir())]
    inputs, work = PARTS[part](bodies)
    for item in inputs[: WARM + count]:
        work(item)


def count(part: str, folder: Path, pages: int) -> float:
    """Millions of instructions a page for `part`."""

    def collected(n: int) -> int:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        cmd += [sys.executable, __file__, "--child", part, str(folder), str(n)]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        return int(COLLECTED.findall(out.stderr)[-1])

    return (collected(pages) - collected(0)) / pages / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=12, help=f"pages counted (after {WARM} warm-up)")
    ap.add_argument("--part", action="append", choices=sorted(PARTS), help="default: all")
    ap.add_argument("--child", nargs=3, metavar=("PART", "DIR", "COUNT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        part, folder, n = args.child
        run_part(part, Path(folder), int(n))
        return
    if shutil.which("valgrind") is None:
        sys.exit("bench/instructions.py: valgrind not found (apt install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_pages(WARM + args.n, folder)
        print(f"| part | M instructions a page ({args.n} bench pages) |\n|---|---|")
        for part in args.part or list(PARTS):
            print(f"| {part} | {count(part, folder, args.n):.2f} |", flush=True)


if __name__ == "__main__":
    main()
