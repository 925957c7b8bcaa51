"""Writing alerts into the outbox: the message is decided and stored in the same transaction as its cause."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from monitor.config import Watch
from monitor.figures import FigureChange, render_figure
from notifiers.message import AlertMessage, FigureMove
from storage.models import AlertRow


def figure_move(change: FigureChange) -> FigureMove:
    """A figure change in the form alerts show it."""
    old, new = change.old, change.new
    ref = new or old
    assert ref is not None
    return FigureMove(
        key=change.key, kind=change.kind, label=ref.label,
        old=render_figure(old) if old else None, new=render_figure(new) if new else None,
        old_value=old.value if old else None, new_value=new.value if new else None,
        delta=change.delta, delta_pct=change.delta_pct, unit=ref.unit,
        old_sentence=change.old_sentence, new_sentence=change.new_sentence,
    )


def change_message(watch: Watch, url: str, *, change_id: int, from_version: int | None, to_version: int,
                   moves: Sequence[FigureChange], text_diff: Sequence[tuple[int, str]], now: datetime,
                   notifier: str) -> AlertMessage:
    """The alert for a new version that passed the watch's rules."""
    return AlertMessage(
        kind="change", watch=watch.name, url=url, idempotency_key=f"change-{change_id}-{notifier}",
        created_at=now.isoformat(), from_version=from_version, to_version=to_version,
        figures=tuple(figure_move(c) for c in moves), text_diff=tuple(text_diff),
    )


def lifecycle_message(watch: Watch, *, kind: str, key: str, error: str | None, failures: int | None,
                      now: datetime, notifier: str) -> AlertMessage:
    """An error alert (the watch keeps failing) or a recovered alert (it works again)."""
    return AlertMessage(
        kind=kind, watch=watch.name, url=watch.source_url,  # type: ignore[arg-type]
        idempotency_key=f"{key}-{notifier}", created_at=now.isoformat(), error=error,
        consecutive_failures=failures,
    )


def enqueue(session: Session, *, watch_id: int, change_id: int | None, message: AlertMessage, notifier: str,
            now: datetime) -> AlertRow:
    """Add one pending alert row; it commits (or not) with the caller's transaction."""
    row = AlertRow(
        watch_id=watch_id, change_id=change_id, notifier=notifier, kind=message.kind,
        idempotency_key=message.idempotency_key, payload=message.to_json(), status="pending", created_at=now,
        next_attempt_at=now,
    )
    session.add(row)
    return row
