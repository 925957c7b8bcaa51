"""Shared helpers for the figure tests (not a test module)."""

from __future__ import annotations

from monitor.figures import Figure, extract_figures


def figs(text: str, **kw: object) -> list[Figure]:
    return extract_figures(text, **kw)  # type: ignore[arg-type]


def one(text: str, value: float) -> Figure:
    """The single figure with this value (fails if absent or ambiguous)."""
    found = [f for f in extract_figures(text) if f.value == value]
    assert len(found) == 1, (value, [(f.value, f.label, f.as_written) for f in extract_figures(text)])
    return found[0]


def values(text: str) -> list[float | None]:
    return [f.value for f in extract_figures(text)]
