"""Rendering helpers shared by the channels: word diffs with markers, figure rows, plain-text bodies.

Channel modules only choose markers and escaping; the wording of an alert lives here, so every channel says
the same thing.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .message import AlertMessage, FigureMove, format_delta, format_number

__all__ = [
    "FigureRow",
    "delta_text",
    "diff_markers",
    "digest_title",
    "escape_mrkdwn",
    "figure_rows",
    "format_delta",
    "format_number",
    "html_escape",
    "plain_text",
    "plural",
    "quoted_sentences",
    "summary_line",
    "truncate",
    "version_span",
]

DIFF_DELETE = -1
DIFF_EQUAL = 0
DIFF_INSERT = 1


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters: `&`, `<`, `>`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_escape(text: str | None) -> str:
    """HTML-escape page-derived text (quotes included); None → ''."""
    return html.escape(text or "", quote=True)


def truncate(text: str, limit: int, suffix: str = "…") -> str:
    """Cut `text` to at most `limit` characters, ending with `suffix` when something was cut."""
    if len(text) <= limit:
        return text
    if limit <= len(suffix):
        return suffix[:limit]
    return text[: limit - len(suffix)].rstrip() + suffix


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 alert`, `3 alerts`."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def version_span(msg: AlertMessage) -> str:
    """`v3→v4`, `v4` or ''."""
    if msg.from_version is not None and msg.to_version is not None:
        return f"v{msg.from_version}→v{msg.to_version}"
    if msg.to_version is not None:
        return f"v{msg.to_version}"
    return ""


def delta_text(move: FigureMove) -> str:
    """The change column: `+82 (+32.9%)`, `new`, `no longer stated`, or '' when only the wording moved."""
    if move.kind == "added":
        return "new"
    if move.kind == "removed":
        return "no longer stated"
    if move.delta is None or move.delta == 0:
        return ""
    text = format_delta(move.delta, move.unit)
    if move.delta_pct is not None:
        text += f" ({move.delta_pct:+.1f}%)"
    return text


@dataclass(frozen=True)
class FigureRow:
    """One row of a figures table: what is counted, before, after, change."""

    key: str
    label: str
    old: str
    new: str
    change: str


def figure_rows(msg: AlertMessage) -> list[FigureRow]:
    """The figures of an alert as table rows (missing sides are '—')."""
    return [
        FigureRow(
            key=f.key,
            label=f.label if f.label and f.label != f.key else "",
            old=f.old if f.old is not None else "—",
            new=f.new if f.new is not None else "—",
            change=delta_text(f),
        )
        for f in msg.figures
    ]


def quoted_sentences(msg: AlertMessage) -> list[str]:
    """The sentences that now state the moved figures (for a removed figure, the old one), without repeats."""
    seen: list[str] = []
    for f in msg.figures:
        sentence = f.new_sentence if f.kind != "removed" else f.old_sentence
        sentence = " ".join((sentence or "").split())
        if sentence and sentence not in seen:
            seen.append(sentence)
    return seen


def diff_markers(
    ops: Sequence[tuple[int, str]],
    *,
    delete: tuple[str, str] = ("[-", "-]"),
    insert: tuple[str, str] = ("{+", "+}"),
    escape: Callable[[str], str] = lambda s: s,
    limit: int | None = None,
) -> str:
    """Render diff-match-patch operations as one string with markers around deleted and inserted runs.

    Whitespace at the edges of a changed run is kept outside its markers (Slack's `~x~` needs that). `escape`
    is applied to the text only, never to the markers. With `limit`, output stops at about that many
    characters of text and ends with `…`.
    """
    out: list[str] = []
    used = 0
    for op, text in ops:
        if limit is not None and used >= limit:
            out.append("…")
            break
        if limit is not None and used + len(text) > limit:
            text = text[: max(0, limit - used)] + "…"
        used += len(text)
        if op == DIFF_EQUAL:
            out.append(escape(text))
            continue
        stripped = text.strip()
        if not stripped:
            out.append(escape(text))
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        start, end = delete if op == DIFF_DELETE else insert
        out.append(f"{escape(lead)}{start}{escape(stripped)}{end}{escape(trail)}")
    return "".join(out)


def summary_line(msg: AlertMessage) -> str:
    """What happened, without the watch name: `killed: 249 → 331 (+82)`, `failing: HTTP 404`, `recovered`…"""
    if msg.kind == "error":
        failures = f" after {plural(msg.consecutive_failures, 'failed check')}" if msg.consecutive_failures else ""
        return f"failing{failures}: {msg.error or 'unknown error'}"
    if msg.kind == "recovered":
        return "recovered: checks work again"
    if msg.kind == "test":
        return "test alert: this channel works"
    if len(msg.figures) == 1:
        return msg.figures[0].line()
    if msg.figures:
        return f"{plural(len(msg.figures), 'figure')} moved"
    return "text changed"


def digest_title(messages: Sequence[AlertMessage]) -> str:
    """`tallywatch digest: 3 alerts (un-casualty-updates, deconfliction-article)`."""
    watches: list[str] = []
    for m in messages:
        if m.watch not in watches:
            watches.append(m.watch)
    names = ", ".join(watches[:3]) + (f" +{len(watches) - 3} more" if len(watches) > 3 else "")
    return f"digest: {plural(len(messages), 'alert')} ({names})"


def plain_text(msg: AlertMessage, *, indent: str = "", diff_limit: int = 1500) -> list[str]:
    """A plain-text body for one alert, as lines: a heading, each moved figure, the new sentences, the link.

    Used by the email text part, the console and apprise, so all of them read the same.
    """
    span = version_span(msg)
    lines = [f"{indent}{msg.watch}" + (f" {span}" if span else "") + f": {summary_line(msg)}"]
    if len(msg.figures) > 1:
        lines.extend(f"{indent}  - {f.line()}" for f in msg.figures)
    for sentence in quoted_sentences(msg):
        lines.append(f"{indent}    “{sentence}”")
    if msg.text_diff and (msg.kind == "change" and not msg.figures):
        diff = diff_markers(msg.text_diff, limit=diff_limit)
        lines.extend(f"{indent}    {part}" for part in diff.splitlines() if part.strip())
    if msg.url:
        lines.append(f"{indent}    {msg.url}")
    return lines
