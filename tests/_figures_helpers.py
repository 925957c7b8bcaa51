"""Shared helpers for the figure tests (not a test module)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from monitor.figures import Figure, extract_figures

ROOT = Path(__file__).resolve().parent.parent


def figs(text: str, **kw: object) -> list[Figure]:
    return extract_figures(text, **kw)  # type: ignore[arg-type]


def one(text: str, value: float) -> Figure:
    """The single figure with this value (fails if absent or ambiguous)."""
    found = [f for f in extract_figures(text) if f.value == value]
    assert len(found) == 1, (value, [(f.value, f.label, f.as_written) for f in extract_figures(text)])
    return found[0]


def values(text: str) -> list[float | None]:
    return [f.value for f in extract_figures(text)]


def eval_figures_script() -> ModuleType:
    """``scripts/eval_figures.py`` loaded as a module (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("eval_figures", ROOT / "scripts" / "eval_figures.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses in the script look their module up
    spec.loader.exec_module(mod)
    return mod
