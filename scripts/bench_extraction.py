#!/usr/bin/env python3
"""Time monitor.extract against plain trafilatura on the same machine (corpus pages, best of N runs per page).

Usage: scripts/bench_extraction.py [DIR] [--repeat N]

Absolute milliseconds depend on the machine and its load, so the useful number is the ratio: our extractor adds a
whitespace squeeze, table flattening and a link-density filter on top of trafilatura's ``fast=True`` extraction.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import trafilatura  # noqa: E402

from monitor.charset import decode_body  # noqa: E402
from monitor.extract import extract_text  # noqa: E402

DEFAULT_DIR = REPO_ROOT.parent / "shared" / "corpus" / "html"


def _time(fn: Callable[[str], object], pages: list[str], repeat: int) -> list[float]:
    fn(pages[0])  # warm-up: trafilatura compiles its XPaths on first use
    times = []
    for html in pages:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            fn(html)
            best = min(best, time.perf_counter() - start)
        times.append(best * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    """Print median and mean ms/page for plain trafilatura and for ``extract_text``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"bench_extraction: corpus directory {args.directory} not found; nothing to time")
        return 0
    pages = [decode_body(p.read_bytes(), None) for p in sorted(args.directory.glob("*.html"))]
    candidates: dict[str, Callable[[str], object]] = {
        "trafilatura.extract(fast=True)": lambda h: trafilatura.extract(h, fast=True, include_comments=False),
        "monitor.extract.extract_text": extract_text,
    }
    for name, fn in candidates.items():
        times = _time(fn, pages, max(1, args.repeat))
        print(f"{name:32s} median {statistics.median(times):6.1f} ms   mean {statistics.fmean(times):6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
