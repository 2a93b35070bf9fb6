"""Where the time goes: a pyinstrument call tree of `process()` over bench pages.

Profile before optimising (bench/results.md records what this found):

    python bench/calltree.py [--n 200] [--interval 0.0005]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run import make_pages  # noqa: E402


def main() -> None:
    from pyinstrument import Profiler

    from baocao.pipeline.process import Source, process

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--interval", type=float, default=0.0005, help="sampling interval, seconds")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bodies = [p.read_bytes() for p in make_pages(args.n, Path(tmp))]
    for i, body in enumerate(bodies[:5]):  # warm caches, as a long run has them
        process(Source(f"file:///warm/{i}.html", body))
    profiler = Profiler(interval=args.interval)
    profiler.start()
    for i, body in enumerate(bodies):
        process(Source(f"file:///bench/{i}.html", body))
    profiler.stop()
    print(profiler.output_text(unicode=True, color=sys.stdout.isatty()))


if __name__ == "__main__":
    main()
