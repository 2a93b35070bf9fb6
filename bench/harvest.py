"""`make bench-harvest`: a night over many hosts at once, against the politeness bound.

Serves H hosts on loopback addresses (127.0.0.2, 127.0.0.3, … each its own host), each
with a robots.txt, a listing and P report pages that answer after `--latency` seconds,
and harvests them all with a per-host delay of `--delay` seconds. A polite harvest can
be no faster than one host's requests end to end, one after another, each followed by
its delay: (requests - 1) × (latency + delay) + latency. The ratio of the wall time to
that bound says how well hosts go side by side (1.0 is perfect; one request at a time
across all hosts would be about H×). The hosts are served from a process of their
own, as a real night's servers are elsewhere: the harvest shares no interpreter (and
no GIL) with the sites it visits, and its peak RSS is its own.

    python bench/harvest.py [--hosts 10] [--pages 8] [--latency 0.3] [--delay 1.0]
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from baocao.pipeline.config import Settings  # noqa: E402
from baocao.pipeline.harvest import Harvester  # noqa: E402
from baocao.pipeline.localsite import LocalServer, Response  # noqa: E402
from baocao.pipeline.progress import Reporter  # noqa: E402

PROSE = "Trong năm, Hội đã tổ chức {n} lớp tập huấn cho hội viên, thu hút 1.200 lượt người. "


def serve(host: str, pages: int, latency: float) -> LocalServer:
    server = LocalServer(host=host)
    links = "".join(f"<li><a href='/r{i}.html'>Báo cáo số {i}</a></li>" for i in range(pages))
    server.routes["/robots.txt"] = Response(body=b"User-agent: *\nAllow: /\n", delay=latency)
    server.routes["/"] = Response(body=f"<ul>{links}</ul>".encode(), delay=latency)
    for i in range(pages):
        body = f"<article><p>{PROSE.format(n=i) * 12}</p></article>".encode()
        server.routes[f"/r{i}.html"] = Response(body=body, delay=latency)
    return server.__enter__()


def _serve_all(hosts: int, pages: int, latency: float, urls, stop) -> None:
    servers = [serve(f"127.0.0.{i + 2}", pages, latency) for i in range(hosts)]
    urls.put([s.url("/") for s in servers])
    stop.wait()
    for s in servers:
        s.__exit__(None, None, None)


def _serve_elsewhere(hosts: int, pages: int, latency: float):
    """The hosts in a child process; their start URLs once they all listen."""
    ctx = multiprocessing.get_context("spawn")
    urls, stop = ctx.Queue(), ctx.Event()
    sites = ctx.Process(target=_serve_all, args=(hosts, pages, latency, urls, stop), daemon=True)
    sites.start()
    return urls.get(timeout=600), stop, sites


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--hosts", type=int, default=10)
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--latency", type=float, default=0.3)
    ap.add_argument("--delay", type=float, default=1.0)
    ap.add_argument("--concurrency", type=int, default=None, help="default: enough for all hosts")
    ap.add_argument("--parse-workers", type=int, default=None, help="default: the setting's")
    args = ap.parse_args()
    urls, stop, sites = _serve_elsewhere(args.hosts, args.pages, args.latency)
    try:
        requests = args.pages + 2  # robots.txt, the listing, the reports
        bound = (requests - 1) * (args.latency + args.delay) + args.latency
        concurrency = args.concurrency or max(8, args.hosts)
        settings = Settings(delay=args.delay, concurrency=concurrency, retries=0)
        if args.parse_workers is not None:
            settings = dataclasses.replace(settings, parse_workers=args.parse_workers)
        with tempfile.TemporaryDirectory() as out:
            start = time.monotonic()
            summary = Harvester(settings, Path(out), Reporter(quiet=True)).run(urls)
            wall = time.monotonic() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        stop.set()
        sites.join(timeout=30)
    print("| hosts | pages/host | latency | delay | concurrency | wall | bound | ratio | RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {args.hosts} | {args.pages} | {args.latency} s | {args.delay} s | {concurrency} "
        f"| {wall:.1f} s | {bound:.1f} s | {wall / bound:.2f}× | {rss:.0f} MB |"
    )
    print(f"documents: {summary.tables['documents']}, status: {summary.status}")


if __name__ == "__main__":
    main()
