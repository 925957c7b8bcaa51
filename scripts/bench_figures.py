#!/usr/bin/env python3
"""Time :func:`monitor.figures.extract_figures` on ~50 KB articles; print the medians.

Two articles are timed by default, and both are printed:

* **html** — the typical case: the news pages of ``../shared/corpus/html/*.expected.txt`` (real articles as the
  text extractor renders them) concatenated to the target size;
* **sequences** — the figure-dense worst case: the successive report versions in ``../shared/corpus/sequences``
  (key-figure blocks, casualty updates, refugee counts), repeated until the target size.

``--source own`` uses a few paragraphs written for this benchmark (also the fallback without the corpus).
Usage: ``scripts/bench_figures.py [--size BYTES] [--runs N] [--source html|sequences|own|all]``.

Times are CPU time of this process (``time.process_time``, one thread, so one core), medians of ``--runs`` runs.
Two numbers are printed per article, because the extractor keeps a bounded per-sentence cache:

* **cold** — every cache of the extractor (sentence results and word-level look-ups) is cleared before every run:
  the full cost of reading every sentence; only compiled regexes survive (they are built at import);
* **next version** — the daemon's steady state: the previous version of the page was extracted just before, and
  the timed version is the same article with ``--changes`` figures (default 20, spread evenly) changed, so the
  sentences holding them are read afresh and the rest come from the cache.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.figures import clear_cache, diff_figures, extract_figures  # noqa: E402

SEQUENCES = ROOT.parent / "shared" / "corpus" / "sequences"
HTML = ROOT.parent / "shared" / "corpus" / "html"

OWN_PARAGRAPHS = [
    "The regional health department said on Tuesday that at least 312 people had been killed and 1,045 "
    "injured since the flooding began, including 48 children. Officials warned the toll could rise further.",
    "KEY FIGURES\n\n2.3M people in need\n\n$410M funding required (US$)\n\n18% funded\n",
    "Rescue teams reached 14 villages cut off by landslides; around 6,500 residents remain without clean "
    "water and nearly 900 homes were destroyed, according to the 3 May assessment.",
    "Of the 312 deaths, 140 were men, 96 were women and 76 were children, the ministry said at 4pm local time, "
    "up from 287 a day earlier.",
    "More than 41,000 people have been displaced, and dozens of schools are being used as shelters. Between "
    "1,200 and 1,500 people crossed into the neighbouring province over the weekend.",
    "Region | Killed | Injured\nNorth | 120 | 410\nCoast | 96 | 380\nValley | 96 | 255\n",
    "The agency has delivered 85 tons of food and plans to reach some 250,000 people by the end of June 2024. "
    "A 12-year-old boy was among those rescued after 30 hours under the rubble.",
]


def build_article(size: int, source: str) -> str:
    """Concatenate paragraphs until ``size`` characters; cut at a paragraph boundary."""
    parts: list[str] = []
    if source == "sequences" and SEQUENCES.is_dir():
        parts = [p.read_text(encoding="utf-8") for p in sorted(SEQUENCES.glob("*/*.txt"))]
    elif source == "html" and HTML.is_dir():
        parts = [p.read_text(encoding="utf-8") for p in sorted(HTML.glob("*.expected.txt"))]
    if not parts:
        parts = OWN_PARAGRAPHS
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        p = parts[i % len(parts)]
        out.append(p)
        total += len(p) + 2
        i += 1
    return "\n\n".join(out)[:size]


_NUMBER = re.compile(r"(?<![\d,.])\d{2,4}(?![\d,.])")


def next_version(text: str, changes: int) -> str:
    """The same article with ``changes`` numbers bumped, spread evenly: an update that keeps its wording."""
    total = len(_NUMBER.findall(text))
    step = max(1, total // max(1, changes))
    count = 0

    def bump(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count % step or count // step > changes:
            return m.group()
        return str(int(m.group()) + 7)

    return _NUMBER.sub(bump, text)


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench(source: str, size: int, runs: int, changes: int) -> None:
    """Time one article and print its block."""
    text = build_article(size, source)
    text2 = next_version(text, changes)
    figs = extract_figures(text)  # warm-up: imports and compiled regexes
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(runs):
        clear_cache()
        t0 = time.process_time()
        extract_figures(text)
        cold.append(time.process_time() - t0)
        t0 = time.process_time()
        figs2 = extract_figures(text2)
        warm.append(time.process_time() - t0)
    t0 = time.process_time()
    found = diff_figures(figs, figs2)
    dt_diff = time.process_time() - t0
    print(
        f"article {len(text):,} chars ({source}), {len(figs)} figures, CPU time on one core, {runs} runs\n"
        f"  extract_figures cold         median {_median_ms(cold):6.2f} ms  (min {min(cold) * 1000:.2f})\n"
        f"  extract_figures next version median {_median_ms(warm):6.2f} ms  (min {min(warm) * 1000:.2f}; "
        f"{changes} numbers changed)\n"
        f"  diff_figures between the two versions {dt_diff * 1000:.2f} ms ({len(found)} changes)"
    )


def bench_articles(runs: int) -> None:
    """Cold time of each news page on its own: what one typical article costs."""
    if not HTML.is_dir():
        return
    per_kb: list[float] = []
    sizes: list[int] = []
    for p in sorted(HTML.glob("*.expected.txt")):
        text = p.read_text(encoding="utf-8")
        samples = []
        for _ in range(runs):
            clear_cache()
            t0 = time.process_time()
            extract_figures(text)
            samples.append(time.process_time() - t0)
        sizes.append(len(text))
        per_kb.append(statistics.median(samples) * 1000 / (len(text) / 1000))
    print(
        f"news pages one by one: {len(sizes)} articles, median {statistics.median(sizes):,.0f} chars; cold "
        f"median {statistics.median(per_kb):.3f} ms/KB (max {max(per_kb):.3f}) -> "
        f"{statistics.median(per_kb) * 50:.2f} ms per 50 KB"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=50_000, help="article size in characters (default 50,000)")
    ap.add_argument("--runs", type=int, default=31, help="timed runs (default 31)")
    ap.add_argument("--source", choices=("html", "sequences", "own", "all"), default="all")
    ap.add_argument("--changes", type=int, default=20, help="numbers changed in the next version (default 20)")
    args = ap.parse_args(argv)
    sources = ("html", "sequences") if args.source == "all" else (args.source,)
    for source in sources:
        bench(source, args.size, args.runs, args.changes)
    if args.source in ("all", "html"):
        bench_articles(max(5, args.runs // 3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
