"""Figures in report text: extraction (:func:`extract_figures`) and version-to-version diff (:func:`diff_figures`).

Pure Python, no I/O. See :mod:`monitor.figures.extract` for how numbers are read and labelled,
:mod:`monitor.figures.keys` for canonical keys and :mod:`monitor.figures.diff` for alignment across versions.
"""

from .diff import diff_figures
from .extract import clear_cache, extract_figures
from .keys import BUILTIN_SYNONYMS, key_for, normalize_label
from .model import CHANGE_KINDS, QUALIFIERS, ROLES, Figure, FigureChange, bounds_for
from .render import format_number, render_figure

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
    "render_figure",
]
