"""Copy a whole tallywatch database into another one (e.g. SQLite → PostgreSQL), verified.

The target must hold no tallywatch rows. Its schema is made by the same migrations as any database, rows are copied
table by table in foreign-key order with their primary keys, PostgreSQL sequences are moved past the copied keys,
and the copy is verified by row counts and by a hash of every table's rows, computed the same way in Python on both
sides, before the target transaction commits: a copy that does not verify leaves the target empty.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from storage.db import (
    SCHEMA_VERSION,
    StorageError,
    create_db_engine,
    current_schema_version,
    redact_url,
    upgrade,
)

# A batch is flushed at this many rows or roughly this many bytes, whichever comes first: versions carry whole
# article texts and compressed pages, figures are tiny.
BATCH_ROWS = 1000
BATCH_BYTES = 8 * 1024 * 1024


def data_tables() -> list[sa.Table]:
    """The tallywatch tables in foreign-key order (parents first); `schema_migrations` is not data."""
    return list(SQLModel.metadata.sorted_tables)


def copy_database(src_url: str, dst_url: str) -> dict[str, int]:
    """Copy every row of `src_url` into the empty database `dst_url`; rows copied per table, all verified.

    Raises StorageError (one line) when either side cannot be used, the target is not empty, the source schema is
    not current, or the verification fails.
    """
    src = create_db_engine(src_url)
    dst = create_db_engine(dst_url)
    try:
        return _copy(src, dst, src_url, dst_url)
    except SQLAlchemyError as exc:
        raise StorageError(f"copy failed: {_first_line(exc)}") from None
    finally:
        src.dispose()
        dst.dispose()


def _copy(src: Engine, dst: Engine, src_url: str, dst_url: str) -> dict[str, int]:
    if src.url == dst.url:
        raise StorageError("source and target are the same database")
    try:
        have = current_schema_version(src)
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot open source {redact_url(src_url)}: {_first_line(exc)}") from None
    if have == 0:
        raise StorageError(f"no tallywatch database at {redact_url(src_url)}")
    if have != SCHEMA_VERSION:
        raise StorageError(f"source schema is version {have}, this tallywatch copies version {SCHEMA_VERSION}: "
                           f"run `tallywatch --db {redact_url(src_url)} db upgrade` first")
    _refuse_non_empty(dst, dst_url)
    upgrade(dst)
    tables = data_tables()
    counts: dict[str, int] = {}
    with _snapshot(src) as read, dst.begin() as write:
        for table in tables:
            digest = hashlib.sha256()
            n = 0
            for batch in _batches(_ordered_rows(read, table)):
                for row in batch:
                    digest.update(row_bytes(table, row))
                write.execute(table.insert(), [dict(r._mapping) for r in batch])
                n += len(batch)
            counts[table.name] = n
            _verify(write, table, n, digest.hexdigest())
        if write.dialect.name == "postgresql":
            _reset_sequences(write, tables)
    return counts


def _refuse_non_empty(dst: Engine, dst_url: str) -> None:
    """A copy merges into nothing: any tallywatch row in the target stops it (an empty schema is fine)."""
    try:
        with dst.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
            for table in data_tables():
                if table.name in present:
                    rows = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                    if rows:
                        raise StorageError(f"target {redact_url(dst_url)} is not empty ({table.name}: {rows} row(s)); "
                                           "copy needs an empty database")
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot open target {redact_url(dst_url)}: {_first_line(exc)}") from None


class _snapshot:
    """A read-only connection that sees one consistent state of the source while a daemon may keep writing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.conn: Connection | None = None

    def __enter__(self) -> Connection:
        if self.engine.dialect.name == "postgresql":
            conn = self.engine.connect().execution_options(isolation_level="REPEATABLE READ")
            conn.begin()
        else:
            conn = self.engine.connect()
            conn.begin()
            # pysqlite starts no transaction for SELECTs, so every statement would see a newer state; BEGIN pins one.
            if self.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN")
        self.conn = conn
        return conn

    def __exit__(self, *exc: object) -> None:
        assert self.conn is not None
        self.conn.rollback()
        self.conn.close()


def _ordered_rows(conn: Connection, table: sa.Table) -> Iterator[sa.Row[Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    # On the statement, not the connection: Connection.execution_options changes the connection in place, and the
    # inserts that follow on it must not inherit a server-side cursor.
    result = conn.execute(sa.select(table).order_by(*order).execution_options(yield_per=BATCH_ROWS))
    yield from result


def _batches(rows: Iterable[sa.Row[Any]]) -> Iterator[list[sa.Row[Any]]]:
    batch: list[sa.Row[Any]] = []
    size = 0
    for row in rows:
        batch.append(row)
        size += sum(len(v) for v in row if isinstance(v, str | bytes))
        if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _verify(conn: Connection, table: sa.Table, count: int, digest: str) -> None:
    """Compare the target's count and hash of `table` with the source's, before anything commits."""
    got = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
    if got != count:
        raise StorageError(f"copy verification failed: {table.name} has {got} row(s) in the target, {count} in the "
                           "source; nothing was committed")
    if table_digest(conn, table) != digest:
        raise StorageError(f"copy verification failed: {table.name} rows differ between source and target "
                           "(hash mismatch); nothing was committed")


def _reset_sequences(conn: Connection, tables: Sequence[sa.Table]) -> None:
    """Move each serial sequence past the copied ids, or the next insert would reuse id 1."""
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, sa.Integer):
            continue
        col = pk[0].name
        qtable = conn.dialect.identifier_preparer.format_table(table)
        qcol = conn.dialect.identifier_preparer.quote(col)
        seq = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": qtable, "c": col}).scalar()
        if seq is None:
            continue
        # is_called=false on an empty table so the first id is still 1.
        conn.execute(sa.text(f"SELECT setval(:s, COALESCE(MAX({qcol}), 1), MAX({qcol}) IS NOT NULL) FROM {qtable}"),
                     {"s": seq})


# ------------------------------------------------------------------------------------------------ row hashing


def normalize_value(value: Any) -> Any:
    """A JSON-ready form of a column value that is identical whichever backend it was read from."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # repr round-trips a double exactly; NaN/inf are not JSON.
        return repr(value) if not math.isfinite(value) else value
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, bytes | bytearray | memoryview):
        return "b64:" + base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict | list):
        return json.loads(json.dumps(value, sort_keys=True))
    return str(value)


def row_bytes(table: sa.Table, row: sa.Row[Any]) -> bytes:
    """One row as canonical bytes: column values in table order, normalized, as one JSON line."""
    mapping = row._mapping
    values = [normalize_value(mapping[c]) for c in table.columns]
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def table_digest(conn: Connection, table: sa.Table) -> str:
    """sha256 over a table's rows ordered by primary key (all columns when it has none), normalized."""
    digest = hashlib.sha256()
    for row in _ordered_rows(conn, table):
        digest.update(row_bytes(table, row))
    return digest.hexdigest()


def database_digests(engine: Engine) -> dict[str, tuple[int, str]]:
    """(row count, hash) of every tallywatch table present in a database; used to compare two databases."""
    out: dict[str, tuple[int, str]] = {}
    with engine.connect() as conn:
        present = set(sa.inspect(conn).get_table_names())
        for table in data_tables():
            if table.name in present:
                n = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                out[table.name] = (n, table_digest(conn, table))
    return out


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__
