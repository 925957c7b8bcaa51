"""Reading a watch's stored versions again with the figure extractor and metrics as they are now.

A version's figures are stored as the extractor read them when the version arrived. After an upgrade whose rules
read a page differently, or after a watch's `metrics` changed, the old readings and the new ones disagree: the next
figure diff shows a renamed figure as removed plus added, and its timeline splits in two. `refigure_watch` reads
every stored text again, replaces the figures of each version whose reading changed and recomputes the figure
changes of every change that moved, all in the caller's transaction.

What stays as it was: the texts and HTML, the versions and changes themselves (which version was compared with
which, the text patch), suspect flags, and the alerts already queued or sent. An alert says what the page said when
it was sent, so it is never rewritten.

Every version records which rules and metrics read it (`reading_fingerprint`); a refigure records the current ones
on every version it re-read, so `monitor.stale_figures` stops calling the watch due.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from monitor.figures import Figure, FigureChange, diff_figures, extract_figures, reading_fingerprint
from monitor.record import store_figure_changes, store_figures
from storage import queries
from storage.models import ChangeRow, FigureChangeRow, FigureRow, VersionRow, WatchRow

# A figure change as compared with a stored one: kind, key, ordinals of its old and new figure, the deltas.
_Signature = tuple[str, str, int | None, int | None, float | None, float | None, bool]


@dataclass
class RefigureReport:
    """What re-reading one watch found (and, unless it was a dry run, wrote)."""

    watch: str
    versions: int = 0
    versions_changed: int = 0  # versions whose figures now read differently
    figures_before: int = 0
    figures_after: int = 0
    changes: int = 0  # changes from one version to another
    changes_changed: int = 0  # of those, the ones whose figure changes differ now
    figure_changes_before: int = 0
    figure_changes_after: int = 0
    stale: int = 0  # versions whose recorded reader was not this release with these metrics
    written: bool = False

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-safe data."""
        return dict(self.__dict__)


@dataclass
class _Reading:
    """A version's figures as read now, with the ids of the rows that hold them."""

    figures: list[Figure]
    row_ids: list[int]


def refigure_watch(session: Session, watch: WatchRow, metrics: Mapping[str, Sequence[str]] | None, *,
                   write: bool = True) -> RefigureReport:
    """Read every stored version of `watch` again and, with `write`, store what now reads differently.

    Versions are read oldest first, so the extractor's sentence cache serves the sentences versions share. Only
    the readings still needed as some later change's baseline are kept in memory.
    """
    assert watch.id is not None
    report = RefigureReport(watch.name)
    if write:
        # A no-op write first: it takes SQLite's write lock (a row lock on PostgreSQL) before anything is read, so
        # a `check` recording a version of this watch waits for the re-reading instead of diffing against figure
        # rows that are about to be replaced.
        session.execute(sa.update(WatchRow).where(col(WatchRow.id) == watch.id).values(id=WatchRow.id))
    reader = reading_fingerprint(metrics)
    versions = list(session.exec(select(VersionRow.id, VersionRow.figures_reader)
                                 .where(VersionRow.watch_id == watch.id).order_by(col(VersionRow.number))).all())
    changes = {c.to_version_id: c for c in session.exec(select(ChangeRow).where(ChangeRow.watch_id == watch.id))}
    stored = _stored_signatures(session, watch.id)
    needed = Counter(c.from_version_id for c in changes.values() if c.from_version_id is not None)
    readings: dict[int, _Reading] = {}
    rewritten: set[int] = set()

    for version_id, stored_reader in versions:
        assert version_id is not None
        report.versions += 1
        report.stale += stored_reader != reader
        rows = queries.figure_rows(session, version_id)
        old = [Figure.from_dict(queries.figure_dict(r)) for r in rows]
        text = session.exec(select(VersionRow.text).where(VersionRow.id == version_id)).one()
        new = extract_figures(text, metrics or None)
        report.figures_before += len(old)
        report.figures_after += len(new)
        reading = _Reading(new, [r.id for r in rows if r.id is not None])
        if new != old:
            report.versions_changed += 1
            if write:
                rewritten.add(version_id)
                # Deleting the rows also deletes the figure changes that point at them (ON DELETE CASCADE); every
                # change touching this version is rewritten below or when its newer end is reached.
                session.execute(sa.delete(FigureRow).where(col(FigureRow.version_id) == version_id))
                reading.row_ids = store_figures(session, version_id, new)
                session.execute(sa.update(VersionRow).where(col(VersionRow.id) == version_id)
                                .values(figure_count=len(new)))

        change = changes.get(version_id)
        if change is not None and change.from_version_id is not None:
            baseline = readings.get(change.from_version_id)
            if baseline is None:  # cannot happen: a change's baseline is an older version of the same watch
                raise LookupError(f"watch {watch.name!r}: change {change.id} compares with a version not stored")
            moved = diff_figures(baseline.figures, new)
            before = stored.get(change.id or 0, [])
            report.changes += 1
            report.figure_changes_before += len(before)
            report.figure_changes_after += len(moved)
            differs = _signatures(moved, baseline.figures, new) != before
            report.changes_changed += differs
            if write and (differs or version_id in rewritten or change.from_version_id in rewritten):
                session.execute(sa.delete(FigureChangeRow).where(col(FigureChangeRow.change_id) == change.id))
                store_figure_changes(session, change, moved, baseline.row_ids, baseline.figures, reading.row_ids, new)
                change.figures_changed = len(moved)
                session.add(change)
            needed[change.from_version_id] -= 1
            if needed[change.from_version_id] <= 0:
                readings.pop(change.from_version_id, None)
        if needed[version_id] > 0:
            readings[version_id] = reading

    if write and report.stale:
        session.execute(sa.update(VersionRow).where(col(VersionRow.watch_id) == watch.id)
                        .values(figures_reader=reader))
    report.written = write and bool(rewritten or report.changes_changed or report.stale)
    session.flush()
    return report


def _stored_signatures(session: Session, watch_id: int) -> dict[int, list[_Signature]]:
    """The stored figure changes of every change of a watch, in the order they were written."""
    ordinal = dict(session.exec(select(FigureRow.id, FigureRow.ordinal)
                                .join(VersionRow, col(VersionRow.id) == FigureRow.version_id)
                                .where(VersionRow.watch_id == watch_id)).all())
    out: dict[int, list[_Signature]] = {}
    rows = session.exec(select(FigureChangeRow).join(ChangeRow, col(ChangeRow.id) == FigureChangeRow.change_id)
                        .where(ChangeRow.watch_id == watch_id).order_by(col(FigureChangeRow.id)))
    for r in rows:
        out.setdefault(r.change_id, []).append((
            r.kind, r.key, ordinal.get(r.old_figure_id) if r.old_figure_id is not None else None,
            ordinal.get(r.new_figure_id) if r.new_figure_id is not None else None,
            r.delta, r.delta_pct, r.qualifier_only))
    return out


def _signatures(moved: Sequence[FigureChange], old: Sequence[Figure], new: Sequence[Figure]) -> list[_Signature]:
    # diff_figures returns the Figure objects it was given, so identity gives each one's position (its ordinal).
    old_at = {id(f): i for i, f in enumerate(old)}
    new_at = {id(f): i for i, f in enumerate(new)}
    return [(c.kind, c.key, old_at[id(c.old)] if c.old is not None else None,
             new_at[id(c.new)] if c.new is not None else None, c.delta, c.delta_pct, c.qualifier_only)
            for c in moved]
