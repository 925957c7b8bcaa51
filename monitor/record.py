"""Recording a fetched page: version, figures, change, rules and outbox rows, all in the caller's transaction.

A version is stored only when the normalized text differs from the newest stored one. New versions are compared
with the newest *confirmed* version: a page that suddenly lost most of its article or all of its figures (a consent
wall, an error page served with 200) is stored as *suspect* and alerts nobody until a later check sees the same
text again and so confirms it.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from monitor import alerts, stages
from monitor.analysis import compress_html
from monitor.config import Watch
from monitor.figures import Figure, FigureChange, diff_figures, reading_fingerprint
from monitor.rules import decide
from monitor.textdiff import DiffStats, Ops, diff_stats, diff_words, make_patch, trim_context
from storage import queries
from storage.models import ChangeRow, FigureChangeRow, FigureRow, VersionRow, WatchRow

# A new text shorter than this share of the confirmed one has probably lost its article.
SUSPECT_LENGTH_RATIO = 0.4
# ...or it states no figure at all where the confirmed one stated at least this many.
SUSPECT_MIN_LOST_FIGURES = 2


@dataclass(frozen=True)
class Page:
    """A page's extracted content, ready to be recorded."""

    url: str
    text: str
    html: bytes
    meta: dict[str, Any]
    fetched_at: datetime
    figures: Sequence[Figure]
    html_gz: bytes | None = None  # compress_html(html) when the caller already made it (in a worker process)
    # (baseline version id, diff_words(baseline text, text), make_patch of them) when the caller already diffed
    # against that version (in a worker process); used only if that version is still the baseline.
    diff: tuple[int, Ops, str] | None = None


@dataclass
class RecordResult:
    """What recording a page did."""

    outcome: str  # new_version | unchanged
    version_id: int | None = None
    version_number: int | None = None
    from_number: int | None = None
    changes: list[FigureChange] = field(default_factory=list)
    alerted: list[FigureChange] = field(default_factory=list)
    stats: DiffStats | None = None
    alerts_queued: int = 0
    suspect: bool = False
    confirmed: bool = False


def text_hash(text: str) -> str:
    """The identity of a normalized text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_suspect(baseline_text: str, baseline_figures: int, text: str, figures: Sequence[Figure],
               baseline_keys: set[str] | None = None) -> bool:
    """Has this text probably lost the article rather than been updated?

    With `baseline_keys` (the confirmed version's current figure keys), losing every one of them counts as losing
    all figures even if the new text states other numbers: a cookie wall's "our 843 partners" is no update of a
    casualty toll, and a wall a little over the length threshold would otherwise alert every figure as removed.
    """
    old_words = len(re.findall(r"\w+", baseline_text))
    new_words = len(re.findall(r"\w+", text))
    if old_words >= 50 and new_words < SUSPECT_LENGTH_RATIO * old_words:
        return True
    current = {f.key for f in figures if f.role == "current"}
    if baseline_figures >= SUSPECT_MIN_LOST_FIGURES and not current:
        return True
    return baseline_keys is not None and len(baseline_keys) >= SUSPECT_MIN_LOST_FIGURES \
        and not current & baseline_keys


def _current_count(rows: Sequence[FigureRow]) -> int:
    return sum(1 for r in rows if r.role == "current")


def record_page(session: Session, watch: Watch, watch_row: WatchRow, page: Page, *, now: datetime) -> RecordResult:
    """Store `page` as a new version when its text changed; write the change and any alerts it causes."""
    assert watch_row.id is not None
    digest = text_hash(page.text)
    latest = queries.latest_version(session, watch_row.id)
    if latest is not None and latest.text_hash == digest:
        if latest.suspect:
            return _confirm_suspect(session, watch, watch_row, latest, now=now)
        return RecordResult("unchanged", version_id=latest.id, version_number=latest.number)

    # The newest confirmed version is the newest one unless that is suspect: a second query only then.
    baseline = latest if latest is None or not latest.suspect else queries.latest_confirmed_version(session,
                                                                                                 watch_row.id)
    old_rows = queries.figure_rows(session, baseline.id) if baseline and baseline.id else []
    old_figures = [Figure.from_dict(queries.figure_dict(r)) for r in old_rows]
    # Series pages are different documents whose keys may all differ, and each is read once (never confirmed):
    # only an article watch, re-reading one URL, applies the lost-every-key test.
    keys = {r.key for r in old_rows if r.role == "current"} if watch.series is None else None
    suspect = baseline is not None and is_suspect(baseline.text, _current_count(old_rows), page.text,
                                                  page.figures, keys)

    version = VersionRow(
        watch_id=watch_row.id, number=(latest.number + 1) if latest else 1, fetched_at=page.fetched_at,
        url=page.url, text_hash=digest, text=page.text,
        html_gz=page.html_gz if page.html_gz is not None else compress_html(page.html), http_meta=page.meta,
        figure_count=len(page.figures), suspect=suspect, figures_reader=reading_fingerprint(watch.metrics),
    )
    session.add(version)
    session.flush()
    assert version.id is not None
    new_rows = store_figures(session, version.id, page.figures)

    diff_started = time.perf_counter()
    ready = page.diff if baseline is not None and page.diff is not None and page.diff[0] == baseline.id else None
    if ready is not None:
        ops, patch = ready[1], ready[2]
    else:
        ops = diff_words(baseline.text, page.text) if baseline else [(1, page.text)]
        patch = make_patch(baseline.text, page.text, ops) if baseline else ""
    stats = diff_stats(ops)
    changes = diff_figures(old_figures, page.figures) if baseline else []
    stages.add("diff", time.perf_counter() - diff_started)
    change = ChangeRow(
        watch_id=watch_row.id, from_version_id=baseline.id if baseline else None, to_version_id=version.id,
        created_at=now, patch=patch,
        words_added=stats.words_added, words_removed=stats.words_removed, figures_changed=len(changes),
    )
    session.add(change)
    session.flush()
    store_figure_changes(session, change, changes, [r.id for r in old_rows], old_figures, new_rows, page.figures)
    watch_row.last_change_at = now

    result = RecordResult("new_version", version_id=version.id, version_number=version.number,
                          from_number=baseline.number if baseline else None, changes=changes, stats=stats,
                          suspect=suspect)
    if not suspect:
        _queue_alerts(session, watch, watch_row, change, result, ops, url=version.url, first=baseline is None,
                      now=now)
    return result


def _confirm_suspect(session: Session, watch: Watch, watch_row: WatchRow, version: VersionRow, *,
                     now: datetime) -> RecordResult:
    """The suspect text came back unchanged: it is the page now, so it is diffed and alerted like any other."""
    version.suspect = False
    change = queries.change_to(session, version.id or 0)
    result = RecordResult("unchanged", version_id=version.id, version_number=version.number, confirmed=True)
    if change is None or change.from_version_id is None:
        return result
    baseline = session.get(VersionRow, change.from_version_id)
    assert baseline is not None and baseline.id is not None and version.id is not None
    old = [Figure.from_dict(queries.figure_dict(r)) for r in queries.figure_rows(session, baseline.id)]
    new = [Figure.from_dict(queries.figure_dict(r)) for r in queries.figure_rows(session, version.id)]
    ops = diff_words(baseline.text, version.text)
    result.changes = diff_figures(old, new)
    result.stats = diff_stats(ops)
    result.from_number = baseline.number
    _queue_alerts(session, watch, watch_row, change, result, ops, url=version.url, first=False, now=now)
    return result


# Every column of a figure row with the value a FigureRow() gets when not given one (None for required fields).
_FIGURE_DEFAULTS: dict[str, Any] = {
    name: (None if info.is_required() else info.get_default(call_default_factory=True))
    for name, info in FigureRow.model_fields.items() if name != "id"
}


def store_figures(session: Session, version_id: int, figures: Sequence[Figure]) -> list[int]:
    """Insert a version's figures; their row ids, in order.

    One multi-row INSERT … RETURNING with the values FigureRow(...) objects would have had: building an ORM
    object per figure cost more than the rest of storing a version.
    """
    rows = []
    for i, fig in enumerate(figures):
        data = fig.to_dict()
        rows.append({**_FIGURE_DEFAULTS, "version_id": version_id, "ordinal": i,
                     **{k: data.get(k) for k in queries.FIGURE_FIELDS if k in data}})
    if not rows:
        return []
    table = FigureRow.__table__  # type: ignore[attr-defined]
    result = session.execute(sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row_id for (row_id,) in result]


def store_figure_changes(session: Session, change: ChangeRow, changes: Sequence[FigureChange],
                         old_row_ids: Sequence[int | None], old_figures: Sequence[Figure],
                         new_row_ids: Sequence[int], new_figures: Sequence[Figure]) -> None:
    """Insert the figure changes of `change`; `*_row_ids` are the stored ids of `old_figures` and `new_figures`."""
    # diff_figures hands back the very Figure objects it was given, so identity finds each one's row.
    old_ids = {id(f): i for f, i in zip(old_figures, old_row_ids, strict=True)}
    new_ids = {id(f): i for f, i in zip(new_figures, new_row_ids, strict=True)}
    assert change.id is not None
    session.add_all([
        FigureChangeRow(
            change_id=change.id, kind=c.kind, key=c.key,
            old_figure_id=old_ids.get(id(c.old)) if c.old is not None else None,
            new_figure_id=new_ids.get(id(c.new)) if c.new is not None else None,
            delta=c.delta, delta_pct=c.delta_pct, qualifier_only=c.qualifier_only,
        )
        for c in changes
    ])


def _queue_alerts(session: Session, watch: Watch, watch_row: WatchRow, change: ChangeRow, result: RecordResult,
                  ops: list[tuple[int, str]], *, url: str, first: bool, now: datetime) -> None:
    stats = result.stats or DiffStats(0, 0)
    decision = decide(watch, result.changes, stats.changed, first_version=first)
    result.alerted = list(decision.moves)
    if not decision.alert or not watch.notify:
        return
    assert change.id is not None and watch_row.id is not None and result.version_number is not None
    diff = trim_context(ops) if not first else []
    for notifier in watch.notify:
        message = alerts.change_message(
            watch, url, change_id=change.id, from_version=result.from_number, to_version=result.version_number,
            moves=decision.moves, text_diff=diff, now=now, notifier=notifier,
        )
        alerts.enqueue(session, watch_id=watch_row.id, change_id=change.id, message=message, notifier=notifier,
                       now=now)
        result.alerts_queued += 1
