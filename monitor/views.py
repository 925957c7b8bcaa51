"""Read models for the CLI: plain dicts built from the database, printed as tables or JSON."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlmodel import Session

from monitor.figures import Figure, diff_figures, render_figure
from monitor.textdiff import diff_stats, diff_words
from storage import queries
from storage.models import VersionRow, WatchRow


class NotFound(LookupError):
    """A watch or version the user named does not exist; the message says which and what exists."""


def require_watch(session: Session, name: str, configured: list[str] | None = None) -> WatchRow:
    """The stored watch `name`, or NotFound naming close matches."""
    from monitor.config import unknown_name_message

    row = queries.get_watch(session, name)
    if row is None:
        known = {w.name for w in queries.all_watches(session)} | set(configured or [])
        raise NotFound(unknown_name_message("watch", name, known))
    return row


def require_version(session: Session, watch: WatchRow, number: int | None) -> VersionRow:
    """Version `number` (negative counts from the end; None is the latest) or NotFound."""
    assert watch.id is not None
    numbers = queries.version_numbers(session, watch.id)
    if not numbers:
        raise NotFound(f"watch {watch.name!r} has no stored versions yet (run `tallywatch check {watch.name}`)")
    if number is None:
        number = numbers[-1]
    elif number < 0:
        if -number > len(numbers):
            raise NotFound(f"watch {watch.name!r} has only {len(numbers)} version(s)")
        number = numbers[number]
    version = queries.get_version(session, watch.id, number)
    if version is None:
        raise NotFound(f"watch {watch.name!r} has no version {number} (versions 1..{numbers[-1]})")
    return version


def figures_of(session: Session, version: VersionRow) -> list[Figure]:
    """A stored version's figures as Figure objects."""
    assert version.id is not None
    return [Figure.from_dict(queries.figure_dict(r)) for r in queries.figure_rows(session, version.id)]


def figure_json(fig: Figure) -> dict[str, Any]:
    """A figure for JSON output."""
    data = fig.to_dict()
    data["display"] = render_figure(fig)
    return data


def version_summary(session: Session, watch: WatchRow) -> list[dict[str, Any]]:
    """`history`: one dict per version."""
    assert watch.id is not None
    return queries.list_versions(session, watch.id)


def show_version(session: Session, watch: WatchRow, number: int | None) -> dict[str, Any]:
    """`show`: a version's text, metadata and figures."""
    version = require_version(session, watch, number)
    return {
        "watch": watch.name, "number": version.number, "fetched_at": version.fetched_at.isoformat(),
        "url": version.url, "suspect": version.suspect, "http": version.http_meta, "text": version.text,
        "figures": [figure_json(f) for f in figures_of(session, version)],
    }


def diff_versions(session: Session, watch: WatchRow, a: int | None, b: int | None) -> dict[str, Any]:
    """`diff`: figure changes and the word diff between versions a and b (default: the last two)."""
    if a is None and b is None:
        newer = require_version(session, watch, -1)
        try:
            older = require_version(session, watch, -2)
        except NotFound:
            raise NotFound(f"watch {watch.name!r} has only one version; nothing to diff yet") from None
    else:
        older = require_version(session, watch, a)
        newer = require_version(session, watch, b)
    changes = diff_figures(figures_of(session, older), figures_of(session, newer))
    ops = diff_words(older.text, newer.text)
    stats = diff_stats(ops)
    return {
        "watch": watch.name, "from": older.number, "to": newer.number,
        "from_fetched_at": older.fetched_at.isoformat(), "to_fetched_at": newer.fetched_at.isoformat(),
        "figure_changes": [c.to_dict() | {"old_display": render_figure(c.old) if c.old else None,
                                          "new_display": render_figure(c.new) if c.new else None}
                           for c in changes],
        "words_added": stats.words_added, "words_removed": stats.words_removed,
        "ops": ops,
    }


def figure_timeline(session: Session, watch: WatchRow, key: str | None) -> list[dict[str, Any]]:
    """`figures --json` / `export`: every current figure of every version, with the move from the last one."""
    assert watch.id is not None
    rows = queries.timeline(session, watch.id, key)
    last: dict[tuple[str, str], float | None] = {}
    out = []
    for version, fig in rows:
        ident = (fig.key, fig.label)
        previous = last.get(ident)
        delta = fig.value - previous if fig.value is not None and previous is not None else None
        last[ident] = fig.value
        out.append({
            "version": version.number, "fetched_at": version.fetched_at.isoformat(), "url": version.url,
            "key": fig.key, "label": fig.label, "value": fig.value, "low": fig.low, "high": fig.high,
            "qualifier": fig.qualifier, "unit": fig.unit, "sentence": fig.sentence, "delta": delta,
            "display": render_figure(Figure.from_dict(queries.figure_dict(fig))),
        })
    return out


def group_timeline(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Timeline rows grouped by key, in first-seen order."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row["key"]].append(row)
    return dict(groups)


def watch_status(session: Session, configured: list[Any]) -> list[dict[str, Any]]:
    """`list`: each watch with its last check, versions, next due time and errors."""
    counts = queries.version_counts(session)
    rows = {w.name: w for w in queries.all_watches(session)}
    names = [w.name for w in configured] + sorted(set(rows) - {w.name for w in configured})
    out = []
    for name in names:
        row = rows.get(name)
        conf = next((w for w in configured if w.name == name), None)
        out.append({
            "name": name, "configured": conf is not None,
            "kind": ("series" if conf.series else "article") if conf else (row.kind if row else None),
            "url": conf.source_url if conf else (row.url if row else None),
            "versions": counts.get(row.id, 0) if row and row.id else 0,
            "last_check_at": row.last_check_at.isoformat() if row and row.last_check_at else None,
            "last_outcome": row.last_outcome if row else None,
            "last_change_at": row.last_change_at.isoformat() if row and row.last_change_at else None,
            "next_due_at": row.next_due_at.isoformat() if row and row.next_due_at else None,
            "consecutive_errors": row.consecutive_failures if row else 0,
            "last_error": row.last_error if row else None,
        })
    return out
