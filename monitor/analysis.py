"""The CPU-bound part of a check: decode the body, extract the article text and its figures, compress the HTML and
diff the text against the last version.

This module is what the analysis worker processes run, and it is importable without the extraction stack: the
parent process of a pooled `check` never extracts anything itself, so it never loads trafilatura, BeautifulSoup and
their lxml trees (~30 MB resident) nor the figure extractor, and each worker loads only what this module needs (see
`warm_up`).
"""

from __future__ import annotations

import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import fields
from operator import attrgetter

from monitor.charset import decode_body
from monitor.figures import Figure
from monitor.figures.model import make_figure
from monitor.textdiff import Ops, diff_words, make_patch

__all__ = ["Analysis", "analyse", "analyse_for_pool", "analyse_timed", "compress_html", "from_pool", "warm_up"]

# text, figures, compressed HTML (or None), (baseline version id, word-diff ops, patch) or None,
# seconds spent (extract, figures, compress, diff)
Analysis = tuple[str, list[Figure], bytes | None, tuple[int, Ops, str] | None, tuple[float, float, float, float]]


def compress_html(html: bytes) -> bytes:
    """Raw HTML is kept for re-extraction later, compressed (zlib level 6: ~8x on article pages)."""
    return zlib.compress(html, 6)


# A figure's fields in declaration order: `make_figure(*_figure_fields(f)) == f`.
_figure_fields = attrgetter(*(f.name for f in fields(Figure)))


def analyse_for_pool(body: bytes, content_type: str | None, selector: str | None, exclude: Sequence[str],
                     metrics: dict[str, tuple[str, ...]], compress: bool,
                     baseline: tuple[int, str] | None) -> tuple[object, ...]:
    """`analyse_timed` in a pool worker: its result as plain data (figures as tuples of their fields), which is all
    a worker may send back (see `monitor.workerpool`); `from_pool` rebuilds it."""
    text, figures, html_gz, diff, times = analyse_timed(body, content_type, selector, exclude, metrics,
                                                        compress=compress, baseline=baseline)
    return text, [_figure_fields(f) for f in figures], html_gz, diff, times


def from_pool(data: tuple[object, ...]) -> Analysis:
    """The `Analysis` that `analyse_for_pool` sent."""
    text, figures, html_gz, diff, times = data
    return text, [make_figure(*f) for f in figures], html_gz, diff, times  # type: ignore[return-value,union-attr,misc]


def warm_up() -> None:
    """A pool worker's initializer: import the extraction stack and the figure extractor now, so that start-up
    overlaps the parent's first fetches, and keep OpenSSL out of the worker.

    A worker never opens a connection, yet urllib3 (which trafilatura, courlan and htmldate import for their download
    helpers) imports `ssl`, and `hashlib` its OpenSSL backend `_hashlib`: together ~4.5 MB of libcrypto mapped into
    every worker. A None entry in `sys.modules` makes their import fail; urllib3 supports running without `ssl`, and
    hashlib falls back to CPython's own implementations of the same algorithms (same digests).
    """
    for name in ("ssl", "_hashlib"):
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    import monitor.extract
    import monitor.figures.extract  # noqa: F401


def analyse(body: bytes, content_type: str | None, selector: str | None, exclude: Sequence[str],
            metrics: dict[str, tuple[str, ...]]) -> tuple[str, list[Figure]]:
    """Decode, extract the article text and its figures, in this process (`analyse_for_pool` is a worker's)."""
    text, figures, _gz, _diff, _times = analyse_timed(body, content_type, selector, exclude, metrics,
                                                      compress=False)
    return text, figures


def analyse_timed(body: bytes, content_type: str | None, selector: str | None, exclude: Sequence[str],
                  metrics: dict[str, tuple[str, ...]], *, compress: bool = True,
                  baseline: tuple[int, str] | None = None) -> Analysis:
    """`analyse`, plus what recording the page will need, and the seconds its stages took where it ran.

    With `compress`, the body compressed for storage; with `baseline` (a version's id and text), the word diff and
    patch from that text (None when the text did not change). Doing these here moves that CPU work into the worker
    process when there is a pool; `record_page` would compute exactly the same.

    Raises:
        ExtractionError: no article text, or the watch's selector is invalid or matches nothing.
    """
    # Imported here, not at the top: see the module docstring. After the first call this is a dict lookup.
    from monitor.extract import extract_text
    from monitor.figures import extract_figures

    started = time.perf_counter()
    html = decode_body(body, content_type)
    text = extract_text(html, selector=selector, exclude=exclude)
    extracted = time.perf_counter()
    figures = extract_figures(text, metrics or None)
    counted = time.perf_counter()
    html_gz = compress_html(body) if compress else None
    compressed = time.perf_counter()
    diff = None
    if baseline is not None and baseline[1] != text:
        ops = diff_words(baseline[1], text)
        diff = (baseline[0], ops, make_patch(baseline[1], text, ops))
    return text, figures, html_gz, diff, (extracted - started, counted - extracted, compressed - counted,
                                          time.perf_counter() - compressed)
