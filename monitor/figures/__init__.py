"""Figures in report text: extraction (:func:`extract_figures`) and version-to-version diff (:func:`diff_figures`).

Pure Python, no I/O. See :mod:`monitor.figures.extract` for how numbers are read and labelled,
:mod:`monitor.figures.keys` for canonical keys and :mod:`monitor.figures.diff` for alignment across versions.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .diff import diff_figures
from .model import CHANGE_KINDS, QUALIFIERS, ROLES, Figure, FigureChange, bounds_for
from .render import format_number, render_figure

if TYPE_CHECKING:
    from .extract import clear_cache, extract_figures
    from .fingerprint import reading_fingerprint
    from .keys import BUILTIN_SYNONYMS, key_for, normalize_label

# The extractor (its regex tables, text2num) is imported on first use: a process that only diffs and shows stored
# figures, like a `check` whose pages are analysed in worker processes, never loads it. The reading fingerprint is
# lazy too: hashlib maps OpenSSL's libcrypto, and the analysis workers, which import this package, never hash.
_LAZY = {
    "clear_cache": "extract",
    "extract_figures": "extract",
    "reading_fingerprint": "fingerprint",
    "BUILTIN_SYNONYMS": "keys",
    "key_for": "keys",
    "normalize_label": "keys",
}

__all__ = [
    "BUILTIN_SYNONYMS",
    "CHANGE_KINDS",
    "QUALIFIERS",
    "ROLES",
    "Figure",
    "FigureChange",
    "bounds_for",
    "clear_cache",
    "diff_figures",
    "extract_figures",
    "format_number",
    "key_for",
    "normalize_label",
    "reading_fingerprint",
    "render_figure",
]


def __getattr__(name: str) -> Any:
    """Import a lazily exported name's module on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later accesses skip this function
    return value
