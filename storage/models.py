"""The tables tallywatch stores, as SQLModel models.

Types are chosen so SQLite and PostgreSQL behave the same: timestamps are always timezone-aware UTC (stored as
`timestamp with time zone` on PostgreSQL, ISO text on SQLite), text is unbounded, compressed HTML is binary and
free-form metadata is JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Column, Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """A datetime that goes in and comes out timezone-aware in UTC on every backend."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use datetime.now(UTC)")
        value = value.astimezone(UTC)
        # SQLite has no time zones: store naive UTC so text comparison orders correctly.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class WatchRow(SQLModel, table=True):
    """A watch as the database knows it, with the state a check needs between runs."""

    __tablename__ = "watches"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(sa.String(100), unique=True, nullable=False))
    url: str = Field(sa_column=Column(sa.Text, nullable=False))
    kind: str = Field(default="article", sa_column=Column(sa.String(10), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # Conditional GET validators of the last successful fetch of `url`.
    etag: str | None = Field(default=None, sa_column=Column(sa.Text))
    last_modified: str | None = Field(default=None, sa_column=Column(sa.Text))
    # Hash of the last fetched body: an identical body skips parsing entirely.
    body_hash: str | None = Field(default=None, sa_column=Column(sa.String(64)))
    consecutive_failures: int = Field(default=0)
    error_alerted: bool = Field(default=False)
    last_check_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    last_outcome: str | None = Field(default=None, sa_column=Column(sa.String(20)))
    last_error: str | None = Field(default=None, sa_column=Column(sa.Text))
    last_change_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    next_due_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    retry_after_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class CheckRow(SQLModel, table=True):
    """One poll of a watch, whatever came of it."""

    __tablename__ = "checks"

    id: int | None = Field(default=None, primary_key=True)
    watch_id: int = Field(sa_column=Column(sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False,
                                           index=True))
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    duration_ms: int = 0
    url: str | None = Field(default=None, sa_column=Column(sa.Text))
    http_status: int | None = None
    outcome: str = Field(sa_column=Column(sa.String(20), nullable=False))  # new_version|unchanged|not_modified|error
    error_class: str | None = Field(default=None, sa_column=Column(sa.String(20)))
    error: str | None = Field(default=None, sa_column=Column(sa.Text))
    version_id: int | None = Field(default=None, sa_column=Column(sa.ForeignKey("versions.id",
                                                                                ondelete="SET NULL")))


class VersionRow(SQLModel, table=True):
    """A stored text of a watch: version n exists only because its normalized text differs from n-1."""

    __tablename__ = "versions"
    __table_args__ = (sa.UniqueConstraint("watch_id", "number", name="uq_versions_watch_number"),)

    id: int | None = Field(default=None, primary_key=True)
    watch_id: int = Field(sa_column=Column(sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False,
                                           index=True))
    number: int = Field(nullable=False)
    fetched_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    url: str = Field(sa_column=Column(sa.Text, nullable=False))
    text_hash: str = Field(sa_column=Column(sa.String(64), nullable=False))
    text: str = Field(sa_column=Column(sa.Text, nullable=False))
    html_gz: bytes | None = Field(default=None, sa_column=Column(sa.LargeBinary))
    http_meta: dict[str, Any] = Field(default_factory=dict, sa_column=Column(sa.JSON, nullable=False))
    figure_count: int = 0
    # A text that lost most of the article or all its figures at once: stored, not alerted, until confirmed.
    suspect: bool = Field(default=False)
    # Which figure rules and metrics read this version's figures (`monitor.figures.reading_fingerprint`); None for
    # versions stored before it was recorded. A mismatch means `tallywatch refigure` may read them differently.
    figures_reader: str | None = Field(default=None, sa_column=Column(sa.String(64)))


class FigureRow(SQLModel, table=True):
    """A figure stated in a version, traceable to its sentence and offsets."""

    __tablename__ = "figures"

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(sa_column=Column(sa.ForeignKey("versions.id", ondelete="CASCADE"), nullable=False,
                                             index=True))
    ordinal: int = 0
    # Text, not VARCHAR(n): keys, units and notifier names come from report text and config, and PostgreSQL would
    # reject an over-long value that SQLite stores (the whole check would fail on one backend only).
    key: str = Field(sa_column=Column(sa.Text, nullable=False, index=True))
    label: str = Field(default="", sa_column=Column(sa.Text, nullable=False))
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = Field(sa_column=Column(sa.String(20), nullable=False))
    unit: str | None = Field(default=None, sa_column=Column(sa.Text))
    role: str = Field(default="current", sa_column=Column(sa.String(20), nullable=False))
    vague: bool = False
    scope: str | None = Field(default=None, sa_column=Column(sa.Text))
    sentence: str = Field(default="", sa_column=Column(sa.Text, nullable=False))
    start: int = 0
    end: int = 0
    as_written: str = Field(default="", sa_column=Column(sa.Text, nullable=False))


class ChangeRow(SQLModel, table=True):
    """What moved from one version to the next: the text patch and a count of figure changes."""

    __tablename__ = "changes"

    id: int | None = Field(default=None, primary_key=True)
    watch_id: int = Field(sa_column=Column(sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False,
                                           index=True))
    from_version_id: int | None = Field(default=None, sa_column=Column(sa.ForeignKey("versions.id",
                                                                                     ondelete="CASCADE")))
    to_version_id: int = Field(sa_column=Column(sa.ForeignKey("versions.id", ondelete="CASCADE"), nullable=False,
                                                unique=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    patch: str = Field(default="", sa_column=Column(sa.Text, nullable=False))  # diff-match-patch patch_toText
    words_added: int = 0
    words_removed: int = 0
    figures_changed: int = 0


class FigureChangeRow(SQLModel, table=True):
    """One figure change of a change: changed, added or removed, with its delta."""

    __tablename__ = "figure_changes"

    id: int | None = Field(default=None, primary_key=True)
    change_id: int = Field(sa_column=Column(sa.ForeignKey("changes.id", ondelete="CASCADE"), nullable=False,
                                            index=True))
    kind: str = Field(sa_column=Column(sa.String(10), nullable=False))
    key: str = Field(sa_column=Column(sa.Text, nullable=False))  # Text: see FigureRow.key
    old_figure_id: int | None = Field(default=None, sa_column=Column(sa.ForeignKey("figures.id",
                                                                                   ondelete="CASCADE")))
    new_figure_id: int | None = Field(default=None, sa_column=Column(sa.ForeignKey("figures.id",
                                                                                   ondelete="CASCADE")))
    delta: float | None = None
    delta_pct: float | None = None
    qualifier_only: bool = False


class AlertRow(SQLModel, table=True):
    """The outbox: one row per (cause, notifier), sent by the dispatcher, never twice."""

    __tablename__ = "alerts"

    id: int | None = Field(default=None, primary_key=True)
    watch_id: int = Field(sa_column=Column(sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False,
                                           index=True))
    change_id: int | None = Field(default=None, sa_column=Column(sa.ForeignKey("changes.id",
                                                                               ondelete="CASCADE")))
    notifier: str = Field(sa_column=Column(sa.Text, nullable=False))  # Text: see FigureRow.key
    kind: str = Field(sa_column=Column(sa.String(20), nullable=False))  # change|error|recovered
    idempotency_key: str = Field(sa_column=Column(sa.Text, nullable=False, unique=True))
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(sa.JSON, nullable=False))
    status: str = Field(default="pending", sa_column=Column(sa.String(10), nullable=False, index=True))
    attempts: int = 0
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    last_error: str | None = Field(default=None, sa_column=Column(sa.Text))


class SeriesEntryRow(SQLModel, table=True):
    """A page discovered in a series index; fetched once and stored as a version of its watch."""

    __tablename__ = "series_entries"
    __table_args__ = (sa.UniqueConstraint("watch_id", "url", name="uq_series_entry"),)

    id: int | None = Field(default=None, primary_key=True)
    watch_id: int = Field(sa_column=Column(sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False,
                                           index=True))
    url: str = Field(sa_column=Column(sa.Text, nullable=False))
    title: str | None = Field(default=None, sa_column=Column(sa.Text))
    published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    discovered_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    ordinal: int = 0  # discovery order, the tie-break when pages carry no date
    status: str = Field(default="new", sa_column=Column(sa.String(10), nullable=False))  # new|stored|failed|refused
    attempts: int = 0
    version_id: int | None = Field(default=None, sa_column=Column(sa.ForeignKey("versions.id",
                                                                                ondelete="SET NULL")))
    error: str | None = Field(default=None, sa_column=Column(sa.Text))
