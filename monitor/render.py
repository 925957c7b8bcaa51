"""Terminal rendering for the CLI: tables, the colored word diff and small timeline charts."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from monitor.textdiff import DELETE, INSERT, render_plain, trim_context

_SPARKS = "▁▂▃▄▅▆▇█"


def console() -> Console:
    """stdout, colored only when it is a terminal; wide enough that piped tables are not squeezed."""
    tty = sys.stdout.isatty()
    return Console(highlight=False, soft_wrap=not tty, width=None if tty else 200)


def print_json(data: Any) -> None:
    """Machine-readable output: stable keys, UTF-8, one document."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    """A plain rich table."""
    t = Table(title=title, show_lines=False, header_style="bold", title_justify="left")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*["" if v is None else str(v) for v in r])
    return t


def diff_text(ops: Sequence[tuple[int, str]], *, color: bool, context_words: int | None = 20) -> Text | str:
    """The word diff: red/green on a terminal, `[-old-]{+new+}` otherwise."""
    shown = trim_context(ops, context_words) if context_words else list(ops)
    if not color:
        return render_plain(shown)
    out = Text()
    for op, text in shown:
        if op == DELETE:
            out.append(text, style="bold red strike")
        elif op == INSERT:
            out.append(text, style="bold green")
        else:
            out.append(text)
    return out


def sparkline(values: Sequence[float | None]) -> str:
    """▁▃▅█ for a series of values (gaps for unknown ones)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    lo, hi = min(known), max(known)
    span = hi - lo or 1.0
    return "".join(" " if v is None else _SPARKS[int((v - lo) / span * (len(_SPARKS) - 1))] for v in values)


def short_time(iso: str | None) -> str:
    """2022-03-07T10:12:00+00:00 → 2022-03-07 10:12."""
    if not iso:
        return "-"
    return iso.replace("T", " ")[:16]


def signed(value: float | None) -> str:
    """+82 / -3 / '' for None or no change."""
    if not value:
        return ""
    text = f"{abs(value):,.0f}" if float(value).is_integer() else f"{abs(value):,.2f}"
    return ("+" if value > 0 else "-") + text
