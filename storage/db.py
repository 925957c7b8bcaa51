"""Engines, sessions and schema migrations.

Migrations are a small numbered list rather than Alembic: each step is a function of a connection, applied once
and recorded in `schema_migrations`, so later releases can add tables or columns without losing stored history.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlmodel import Session, SQLModel

from storage import models
from storage.models import utcnow


class StorageError(Exception):
    """The database cannot be used as asked (bad URL, unreachable, newer schema)."""


def _migration_1(conn: Connection) -> None:
    """The initial schema."""
    SQLModel.metadata.create_all(conn, tables=[t.__table__ for t in (  # type: ignore[attr-defined]
        models.WatchRow, models.CheckRow, models.VersionRow, models.FigureRow, models.ChangeRow,
        models.FigureChangeRow, models.AlertRow, models.SeriesEntryRow,
    )])
    conn.execute(sa.text("CREATE INDEX IF NOT EXISTS ix_checks_watch_started ON checks (watch_id, started_at)"))
    conn.execute(sa.text("CREATE INDEX IF NOT EXISTS ix_alerts_due ON alerts (status, next_attempt_at)"))


def _migration_2(conn: Connection) -> None:
    """Record which figure rules read each version."""
    # Migration 1 builds tables from the current models, so a database created by this release has the column.
    if "figures_reader" not in {c["name"] for c in sa.inspect(conn).get_columns("versions")}:
        conn.execute(sa.text("ALTER TABLE versions ADD COLUMN figures_reader VARCHAR(64)"))


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema", _migration_1),
    (2, "versions.figures_reader", _migration_2),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
# Names "tallywatch schema migration" among PostgreSQL advisory locks (the daemon lock uses another key).
_MIGRATION_LOCK_KEY = 0x7A11_0DB1

_migrations_table = sa.Table(
    "schema_migrations", sa.MetaData(),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", models.UTCDateTime(), nullable=False),
)


def normalize_url(url: str) -> str:
    """Accept a bare file path as shorthand for a SQLite database, and plain postgresql:// as psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    scheme, rest = url.split("://", 1)
    # SQLAlchemy maps a bare postgresql:// to psycopg2, which tallywatch does not depend on; the `postgres` extra
    # installs psycopg 3, so the URL users copy from their provider works as given.
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def create_db_engine(url: str) -> Engine:
    """An engine for `url` with the SQLite settings tallywatch relies on (WAL, foreign keys, busy timeout)."""
    url = normalize_url(url)
    try:
        parsed = sa.engine.make_url(url)
    except ArgumentError:
        raise StorageError(f"not a database URL: {url!r} (e.g. sqlite:///tallywatch.db)") from None
    kwargs: dict[str, object] = {}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            parent = Path(db).expanduser().resolve().parent
            if not parent.is_dir():
                raise StorageError(f"database folder does not exist: {parent}")
        # The daemon's scheduler thread and the event loop may share the engine.
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = sa.create_engine(parsed, **kwargs)  # type: ignore[arg-type]
    except ModuleNotFoundError as exc:
        hint = " (pip install 'tallywatch[postgres]')" if "psycopg" in str(exc) else ""
        raise StorageError(f"database driver missing for {parsed.drivername}: {exc.name}{hint}") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def current_schema_version(engine: Engine) -> int:
    """The highest applied migration, 0 for an empty database."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("schema_migrations"):
            return 0
        value = conn.execute(sa.select(sa.func.max(_migrations_table.c.version))).scalar()
        return int(value or 0)


def upgrade(engine: Engine) -> list[int]:
    """Apply pending migrations, each in its own transaction; returns the versions applied."""
    applied: list[int] = []
    try:
        have = current_schema_version(engine)
    except OperationalError as exc:
        raise StorageError(f"cannot open database: {_first_line(exc)}") from None
    if have > SCHEMA_VERSION:
        raise StorageError(
            f"database schema version {have} is newer than this tallywatch ({SCHEMA_VERSION}); upgrade tallywatch"
        )
    for version, description, step in MIGRATIONS:
        if version <= have:
            continue
        try:
            done = _apply(engine, version, description, step)
        except SQLAlchemyError as exc:
            # (each step is one transaction: a failed one leaves the schema as the last step that worked left it)
            raise StorageError(f"cannot upgrade the database schema to version {version} ({description}): "
                               f"{_first_line(exc)}") from None
        if done:
            applied.append(version)
    return applied


def _apply(engine: Engine, version: int, description: str, step: Callable[[Connection], None]) -> bool:
    """Run one migration step in its own transaction; False when another process applied it meanwhile."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # A daemon and a CLI read starting together on a fresh shared database would both run the same
            # step; the transaction-scoped lock serializes them and the re-check below skips the loser's.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK_KEY})
        _migrations_table.create(conn, checkfirst=True)
        if (conn.execute(sa.select(sa.func.max(_migrations_table.c.version))).scalar() or 0) >= version:
            return False
        step(conn)
        conn.execute(_migrations_table.insert().values(version=version, description=description,
                                                       applied_at=utcnow()))
    return True


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


def database_url(explicit: str | None, configured: str | None) -> str:
    """`--db`, then TALLYWATCH_DB, then `database:` in the config, then ./tallywatch.db."""
    return explicit or os.environ.get("TALLYWATCH_DB") or configured or "sqlite:///tallywatch.db"


def open_database(url: str, *, migrate: bool = True) -> Engine:
    """An engine with an up-to-date schema; StorageError on any problem, with one line saying what.

    Without `migrate` no database is created: an empty one is an error. An existing one made by an older release is
    still upgraded, because this release's queries name its newer columns; migrations only add.
    """
    engine = create_db_engine(url)
    if migrate:
        upgrade(engine)
    else:
        try:
            have = current_schema_version(engine)
        except OperationalError as exc:
            raise StorageError(f"cannot open database: {_first_line(exc)}") from None
        if have == 0:
            raise StorageError(f"no tallywatch database at {redact_url(url)} (run `tallywatch check` first)")
        if have < SCHEMA_VERSION:
            upgrade(engine)
    return engine


def redact_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return sa.engine.make_url(normalize_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid database URL>"


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
