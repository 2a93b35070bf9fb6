"""`make bench`: how fast and how lean baocao is, measured in one run against its peers.

For N realistic pages made from the bundled sample (every digit in their text
varied: new figures, dates and document numbers on every page): documents/s and
MB/s of (a) baocao's whole parse + structure + extraction, (b) trafilatura's
bare `extract()`, (c) lxml parsing alone — interleaved page by page, so that
the ratios hold on a noisy machine, best of `--repeat` passes; peak RSS of
`baocao extract` at N and 10×N; `--workers 2` against 1; and a second,
unchanged `baocao run` over a local site against the first. Prints a table
(with a saved baseline side by side when there is one) and writes
bench/results.md.new (bench/results.md is the reviewed record: machine,
numbers, profiling notes).

    python bench/run.py [--n 1000] [--quick] [--save-baseline] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from baocao.pipeline.sample import sample_dir  # noqa: E402

TEXT_DIGITS = re.compile(rb">([^<]*)<")


def vary(body: bytes, rng: random.Random) -> bytes:
    """The same page with every digit in its text changed: new figures, dates, numbers."""

    def digits(m: re.Match[bytes]) -> bytes:
        if m.group(0).startswith(b"&"):
            return m.group(0)  # a character reference (`&#7879;`), not a number
        return re.sub(rb"\d", lambda _: str(rng.randrange(10)).encode(), m.group(0))

    def text(m: re.Match[bytes]) -> bytes:
        return b">" + re.sub(rb"&#?\w+;|\d+", digits, m.group(1)) + b"<"

    return TEXT_DIGITS.sub(text, body)


def make_pages(n: int, folder: Path, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in sample_dir().iterdir() if p.suffix in (".html", ".htm"))
    bodies = [p.read_bytes() for p in sources]
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        path = folder / f"page_{i:06d}{sources[i % len(sources)].suffix}"
        path.write_bytes(vary(bodies[i % len(bodies)], rng))
        paths.append(path)
    return paths


def throughput(paths: list[Path], passes: int = 3) -> dict[str, dict[str, float]]:
    """Each tool over the same pages, page by page and interleaved, so that a slow
    spell of the machine slows all three alike; each tool's best of `passes`."""
    import lxml.html
    import trafilatura

    from baocao.pipeline.process import Source, process

    bodies = [p.read_bytes() for p in paths]
    tools = {
        "baocao (parse + structure + extract)": lambda i, b: process(
            Source(f"file:///b/{i}.html", b)
        ),
        "trafilatura extract()": lambda i, b: trafilatura.extract(b),
        "lxml parse only": lambda i, b: lxml.html.document_fromstring(b),
    }
    for fn in tools.values():  # warm-up: imports and caches of the first page
        fn(0, bodies[0])
    best = dict.fromkeys(tools, float("inf"))
    for _ in range(passes):
        spent = dict.fromkeys(tools, 0.0)
        for i, body in enumerate(bodies):
            for name, fn in tools.items():
                t = time.perf_counter()
                fn(i, body)
                spent[name] += time.perf_counter() - t
        best = {name: min(best[name], spent[name]) for name in tools}
    mb = sum(len(b) for b in bodies) / 1e6
    return {
        name: {"docs_per_s": len(bodies) / s, "mb_per_s": mb / s, "seconds": s}
        for name, s in best.items()
    }


def baocao(*args: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one `baocao` command in a fresh process."""
    code = (
        "import resource, sys; from baocao.pipeline.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"baocao {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    seconds = time.perf_counter() - t
    return seconds, int(proc.stderr.strip().splitlines()[-1]) // 1024


def incremental(n: int, work: Path) -> dict[str, float]:
    from baocao.pipeline.config import Settings
    from baocao.pipeline.harvest import Harvester
    from baocao.pipeline.localsite import LocalServer, Response
    from baocao.pipeline.progress import Reporter

    rng = random.Random(11)
    sources = sorted(p for p in sample_dir().iterdir() if p.suffix in (".html", ".htm"))
    bodies = [p.read_bytes() for p in sources]
    with LocalServer() as server:
        paths = [f"/bai-viet/{i:06d}.html" for i in range(n)]
        for i, path in enumerate(paths):
            server.routes[path] = Response(body=vary(bodies[i % len(bodies)], rng), etag=True)
        per = 50
        for k in range(0, n, per):
            items = "".join(f'<li><a href="{p}">{p}</a></li>' for p in paths[k : k + per])
            nxt = f'<a href="/list/?page={k // per + 1}">Trang sau</a>' if k + per < n else ""
            server.routes[f"/list/?page={k // per}"] = Response(
                body=f"<html><body><ul>{items}</ul>{nxt}</body></html>".encode(), etag=True
            )
        settings = Settings(delay=0.0, depth=n // per + 2, max_pages=10 * n)
        out = work / "site"
        times = []
        for _ in range(2):
            t = time.perf_counter()
            Harvester(settings, out, Reporter(quiet=True)).run([server.url("/list/?page=0")])
            times.append(time.perf_counter() - t)
    return {"first_s": times[0], "second_s": times[1], "ratio": times[1] / times[0]}


def machine() -> str:
    cpu = ""
    try:
        cpu = next(
            ln.split(":", 1)[1].strip()
            for ln in open("/proc/cpuinfo")
            if ln.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, "
        f"{mem:.0f} GiB RAM, Python {platform.python_version()}"
    )


def file_throughput(rounds: int = 20, passes: int = 3) -> dict[str, dict[str, float]]:
    """The Long An report as its page, its DOCX and its text PDF (the sample site's
    files), each read `rounds` times by the whole pipeline; printed pages per second,
    counting the PDF's 7 pages for all three, so the formats compare like for like."""
    import pypdfium2

    from baocao.pipeline.process import Source, process

    stem = sample_dir() / "lavusta_bao_cao_6_thang_2024"
    pages = len(pypdfium2.PdfDocument(str(stem.with_suffix(".pdf"))))
    out = {}
    for fmt in ("html", "docx", "pdf"):
        body = stem.with_suffix(f".{fmt}").read_bytes()
        process(Source(f"file:///b/warm.{fmt}", body))  # imports and caches
        best = float("inf")
        for _ in range(passes):
            t = time.perf_counter()
            for i in range(rounds):
                process(Source(f"file:///b/{i}.{fmt}", body))
            best = min(best, time.perf_counter() - t)
        out[fmt] = {"docs_per_s": rounds / best, "pages_per_s": rounds * pages / best}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--quick", action="store_true", help="N=200 and no 10×N memory run")
    ap.add_argument("--save-baseline", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each timed command (best kept)")
    args = ap.parse_args()
    n = 200 if args.quick else args.n
    results: dict[str, object] = {"n": n, "machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = make_pages(n, work / "n")
        results["throughput"] = throughput(pages, passes=1 if args.quick else args.repeat)
        results["files"] = file_throughput(passes=1 if args.quick else args.repeat)
        one, two, rss = [], [], []
        for _ in range(args.repeat):  # interleaved, best of each: a noisy neighbour only slows
            t1, rss_n = baocao("extract", str(work / "n"), "--out", str(work / "o1"))
            t2, _ = baocao("extract", str(work / "n"), "--workers", "2", "--out", str(work / "o2"))
            one, two, rss = one + [t1], two + [t2], rss + [rss_n]
        results["workers"] = {"one_s": min(one), "two_s": min(two), "speedup": min(one) / min(two)}
        results["rss_mb"] = {"n": max(rss)}
        if not args.quick:
            make_pages(10 * n, work / "n10", seed=8)
            _, rss_10n = baocao("extract", str(work / "n10"), "--out", str(work / "o3"))
            results["rss_mb"]["10n"] = rss_10n  # type: ignore[index]
        one_page = str(sample_dir() / "dongthap_lhh_tong_ket_hoi_thi_2021.html")
        results["single_doc_s"] = min(
            baocao("extract", one_page, "--out", str(work / "one"))[0] for _ in range(5)
        )
        results["incremental"] = incremental(n, work)
    report(results, HERE / "baseline.json")
    (HERE / "last.json").write_text(json.dumps(results, indent=2), "utf-8")
    if args.save_baseline:
        (HERE / "baseline.json").write_text(json.dumps(results, indent=2), "utf-8")


def measures(r: dict) -> dict[str, tuple[str, float | None]]:
    """Each measure as printed, and the number to compare with a baseline."""
    w, m, inc = r["workers"], r["rss_mb"], r["incremental"]
    out = {
        "`--workers 2` vs 1 (wall) | ≥ 1.7×": (
            f"{w['speedup']:.2f}× ({w['one_s']:.1f} s → {w['two_s']:.1f} s)",
            w["speedup"],
        ),
        "peak RSS at N | ": (f"{m['n']} MB", m["n"]),
    }
    if "10n" in m:
        out["peak RSS at 10×N | ≤ 1.2× N"] = (
            f"{m['10n']} MB ({m['10n'] / m['n']:.2f}× N)",
            m["10n"] / m["n"],
        )
    out["one small document, whole command | well under 1 s"] = (
        f"{r['single_doc_s']:.2f} s",
        r["single_doc_s"],
    )
    out["unchanged re-run vs first `baocao run` | < 10%"] = (
        f"{inc['second_s']:.1f} s / {inc['first_s']:.1f} s = {inc['ratio'] * 100:.1f}%",
        inc["ratio"],
    )
    return out


def report(r: dict, baseline_path: Path) -> None:
    base = json.loads(baseline_path.read_text("utf-8")) if baseline_path.exists() else None
    tp = r["throughput"]
    ours = tp["baocao (parse + structure + extract)"]["docs_per_s"]
    base_ours = (
        base["throughput"]["baocao (parse + structure + extract)"]["docs_per_s"] if base else 0
    )
    lines = [
        f"N = {r['n']} pages; {r['machine']}",
        "",
        "| | docs/s | MB/s | baocao ÷ this | baseline docs/s | baseline baocao ÷ this |",
        "|---|---|---|---|---|---|",
    ]
    for name, v in tp.items():
        was = base["throughput"][name]["docs_per_s"] if base else None
        lines.append(
            f"| {name} | {v['docs_per_s']:.1f} | {v['mb_per_s']:.2f} | "
            f"{ours / v['docs_per_s']:.2f}× | {f'{was:.1f}' if was else ''} | "
            f"{f'{base_ours / was:.2f}×' if was else ''} |"
        )
    traf = tp["trafilatura extract()"]["docs_per_s"]
    floor = tp["lxml parse only"]["docs_per_s"]
    lines += [
        "",
        f"baocao is {ours / traf:.2f}× as fast as trafilatura's extract() (target ≥ 2×) "
        f"and {floor / ours:.2f}× slower than lxml parsing alone (target ≤ 10×).",
    ]
    lines += [
        "",
        "| one report as | docs/s | printed pages/s | baseline pages/s |",
        "|---|---|---|---|",
    ]
    for fmt, v in r.get("files", {}).items():
        was = (base or {}).get("files", {}).get(fmt, {}).get("pages_per_s")
        shown = f"{was:.0f}" if was else ""
        lines.append(f"| {fmt} | {v['docs_per_s']:.1f} | {v['pages_per_s']:.0f} | {shown} |")
    lines += ["", "| measure | value | target | baseline |", "|---|---|---|---|"]
    old = measures(base) if base else {}
    for key, (shown, _) in measures(r).items():
        label, target = key.split(" | ")
        lines.append(f"| {label} | {shown} | {target} | {old.get(key, ('', 0))[0]} |")
    print("\n".join(lines))
    (HERE / "results.md.new").write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main()
