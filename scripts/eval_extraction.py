#!/usr/bin/env python3
"""Score monitor.extract on the real-page corpus: per-page token-bag F1, mean F1, median ms/page.

Usage: scripts/eval_extraction.py [DIR]   (default: ../shared/corpus/html relative to the repository root)

Metric, as in scrapinghub's article-extraction-benchmark (where the pages come from): both texts are tokenized
with the benchmark's tokenizer (``\\w+``, Unicode, case kept), each into a bag (multiset) of tokens; precision
and recall are the multiset overlap divided by the extracted / expected bag sizes, F1 their harmonic mean. The
benchmark itself also reports 4-gram shingle scores; the project's bar is the per-page token F1, averaged over
pages. Timing covers ``extract_text`` only (decoding is timed separately), best of ``--repeat`` runs per page.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from monitor.charset import decode_body  # noqa: E402
from monitor.extract import ExtractionError, extract_text  # noqa: E402

DEFAULT_DIR = REPO_ROOT.parent / "shared" / "corpus" / "html"
_TOKEN = re.compile(r"\w+")


def token_f1(expected: str, predicted: str) -> tuple[float, float, float]:
    """Return (precision, recall, F1) of the token bags of ``predicted`` against ``expected``."""
    want = Counter(_TOKEN.findall(expected))
    got = Counter(_TOKEN.findall(predicted))
    overlap = sum((want & got).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def evaluate(directory: Path, *, repeat: int = 1, verbose: bool = True) -> tuple[float, float]:
    """Score each ``<name>.html`` having a ``<name>.expected.txt``; return (mean F1, median ms per page)."""
    pages = sorted(p for p in directory.glob("*.html") if (directory / f"{p.stem}.expected.txt").exists())
    if not pages:
        raise FileNotFoundError(f"no <name>.html + <name>.expected.txt pairs in {directory}")
    # warm-up: first trafilatura call loads its settings and compiles XPaths
    extract_text(decode_body(pages[0].read_bytes(), None))
    scores: list[float] = []
    times: list[float] = []
    if verbose:
        print(f"{'F1':>6} {'prec':>6} {'rec':>6} {'ms':>7}  page")
    for page in pages:
        html = decode_body(page.read_bytes(), None)
        expected = (directory / f"{page.stem}.expected.txt").read_text(encoding="utf-8")
        best = float("inf")
        text = ""
        for _ in range(repeat):
            start = time.perf_counter()
            try:
                text = extract_text(html)
            except ExtractionError:
                text = ""
            best = min(best, time.perf_counter() - start)
        precision, recall, f1 = token_f1(expected, text)
        scores.append(f1)
        times.append(best * 1000)
        if verbose:
            print(f"{f1:6.3f} {precision:6.3f} {recall:6.3f} {best * 1000:7.1f}  {page.stem}")
    mean_f1 = statistics.fmean(scores)
    median_ms = statistics.median(times)
    if verbose:
        print(f"pages: {len(pages)}  mean F1: {mean_f1:.4f}  median ms/page: {median_ms:.1f}")
    return mean_f1, median_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=1, help="time each page N times and keep the best")
    parser.add_argument("--min-f1", type=float, default=None, help="exit 1 if the mean F1 is below this")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"eval_extraction: corpus directory {args.directory} not found; nothing to evaluate")
        return 0
    mean_f1, _ = evaluate(args.directory, repeat=max(1, args.repeat))
    if args.min_f1 is not None and mean_f1 < args.min_f1:
        print(f"mean F1 {mean_f1:.4f} is below {args.min_f1}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
