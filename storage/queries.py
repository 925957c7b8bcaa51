"""Reads and small writes shared by the pipeline and the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from storage.models import (
    AlertRow,
    ChangeRow,
    FigureChangeRow,
    FigureRow,
    VersionRow,
    WatchRow,
)

FIGURE_FIELDS = ("value", "low", "high", "qualifier", "label", "key", "unit", "sentence", "start", "end", "role",
                 "as_written", "vague", "scope")


def get_watch(session: Session, name: str) -> WatchRow | None:
    """The watch row called `name`, if it was ever checked."""
    return session.exec(select(WatchRow).where(WatchRow.name == name)).first()


def all_watches(session: Session) -> list[WatchRow]:
    """Every watch the database knows, by name."""
    return list(session.exec(select(WatchRow).order_by(WatchRow.name)))


def latest_version(session: Session, watch_id: int) -> VersionRow | None:
    """The newest stored version of a watch."""
    return session.exec(
        select(VersionRow).where(VersionRow.watch_id == watch_id).order_by(col(VersionRow.number).desc()).limit(1)
    ).first()


def latest_confirmed_version(session: Session, watch_id: int) -> VersionRow | None:
    """The newest version not held as suspect: what new versions are compared against."""
    return session.exec(
        select(VersionRow).where(VersionRow.watch_id == watch_id, col(VersionRow.suspect).is_(False))
        .order_by(col(VersionRow.number).desc()).limit(1)
    ).first()


def latest_confirmed_text(session: Session, watch_id: int) -> tuple[int, str] | None:
    """Id and text of `latest_confirmed_version`, without loading the rest of the row (compressed HTML)."""
    row = session.exec(
        select(VersionRow.id, VersionRow.text).where(VersionRow.watch_id == watch_id,
                                                     col(VersionRow.suspect).is_(False))
        .order_by(col(VersionRow.number).desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row is not None and row[0] is not None else None


def get_version(session: Session, watch_id: int, number: int) -> VersionRow | None:
    """Version `number` of a watch."""
    return session.exec(
        select(VersionRow).where(VersionRow.watch_id == watch_id, VersionRow.number == number)
    ).first()


def version_numbers(session: Session, watch_id: int) -> list[int]:
    """All version numbers of a watch, ascending."""
    return list(session.exec(
        select(VersionRow.number).where(VersionRow.watch_id == watch_id).order_by(col(VersionRow.number))
    ))


def list_versions(session: Session, watch_id: int) -> list[dict[str, Any]]:
    """Versions without their text: number, time, size, figures, and what moved to reach it."""
    rows = session.exec(
        select(VersionRow.id, VersionRow.number, VersionRow.fetched_at, VersionRow.url,
               sa.func.length(VersionRow.text), VersionRow.figure_count, VersionRow.suspect,
               VersionRow.text_hash, ChangeRow.figures_changed, ChangeRow.words_added, ChangeRow.words_removed)
        .join(ChangeRow, ChangeRow.to_version_id == VersionRow.id, isouter=True)
        .where(VersionRow.watch_id == watch_id).order_by(col(VersionRow.number))
    ).all()
    return [
        {"number": r[1], "fetched_at": r[2].isoformat(), "url": r[3], "chars": r[4], "figures": r[5],
         "suspect": r[6], "text_hash": r[7], "figures_moved": r[8] or 0, "words_added": r[9] or 0,
         "words_removed": r[10] or 0}
        for r in rows
    ]


def figure_rows(session: Session, version_id: int) -> list[FigureRow]:
    """A version's figures in text order."""
    return list(session.exec(
        select(FigureRow).where(FigureRow.version_id == version_id).order_by(col(FigureRow.ordinal))
    ))


def figure_dict(row: FigureRow) -> dict[str, Any]:
    """The fields of a stored figure, as `Figure.from_dict` takes them."""
    return {name: getattr(row, name) for name in FIGURE_FIELDS}


def change_to(session: Session, version_id: int) -> ChangeRow | None:
    """The change row that produced a version."""
    return session.exec(select(ChangeRow).where(ChangeRow.to_version_id == version_id)).first()


def figure_changes(session: Session, change_id: int) -> list[FigureChangeRow]:
    """The figure changes of a change."""
    return list(session.exec(
        select(FigureChangeRow).where(FigureChangeRow.change_id == change_id).order_by(col(FigureChangeRow.id))
    ))


def timeline(session: Session, watch_id: int, key: str | None = None) -> list[tuple[VersionRow, FigureRow]]:
    """Every current figure of every confirmed version, oldest first (optionally one key)."""
    query = (
        select(VersionRow, FigureRow).join(FigureRow, FigureRow.version_id == VersionRow.id)
        .where(VersionRow.watch_id == watch_id, col(VersionRow.suspect).is_(False), FigureRow.role == "current")
        .order_by(col(VersionRow.number), col(FigureRow.ordinal))
    )
    if key is not None:
        query = query.where(FigureRow.key == key)
    return [(v, f) for v, f in session.exec(query).all()]


def alerts(session: Session, status: str | None = None, watch_id: int | None = None,
           limit: int = 200) -> list[AlertRow]:
    """Outbox rows, newest first."""
    query = select(AlertRow).order_by(col(AlertRow.id).desc()).limit(limit)
    if status:
        query = query.where(AlertRow.status == status)
    if watch_id is not None:
        query = query.where(AlertRow.watch_id == watch_id)
    return list(session.exec(query))


def due_alerts(session: Session, now: datetime, notifiers: Sequence[str] | None = None) -> list[AlertRow]:
    """Pending alerts whose next attempt is due, oldest first."""
    query = select(AlertRow).where(AlertRow.status == "pending", AlertRow.next_attempt_at <= now)
    if notifiers is not None:
        query = query.where(col(AlertRow.notifier).in_(list(notifiers)))
    return list(session.exec(query.order_by(col(AlertRow.id))))


def reader_counts(session: Session) -> dict[int, dict[str | None, int]]:
    """Per watch id, how many versions each figure reader (`VersionRow.figures_reader`) read."""
    rows = session.exec(select(VersionRow.watch_id, VersionRow.figures_reader, sa.func.count())
                        .group_by(VersionRow.watch_id, VersionRow.figures_reader)).all()
    out: dict[int, dict[str | None, int]] = {}
    for watch_id, reader, n in rows:
        out.setdefault(watch_id, {})[reader] = n
    return out


def version_counts(session: Session) -> dict[int, int]:
    """Number of versions per watch id."""
    rows = session.exec(select(VersionRow.watch_id, sa.func.count()).group_by(VersionRow.watch_id)).all()
    return {w: n for w, n in rows}
