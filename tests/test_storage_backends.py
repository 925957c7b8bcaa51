"""The storage layer behaves the same on SQLite and PostgreSQL: types, migrations, queries, the daemon lock."""

from __future__ import annotations

import gzip
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import StatementError
from sqlmodel import Session

from monitor.lock import DaemonLock, LockError
from storage import queries
from storage.db import (
    SCHEMA_VERSION,
    StorageError,
    create_db_engine,
    current_schema_version,
    open_database,
    redact_url,
    upgrade,
)
from storage.models import AlertRow, ChangeRow, FigureRow, VersionRow, WatchRow
from tests.conftest import ROOT, subprocess_env

T0 = datetime(2026, 3, 1, 12, 30, 45, 123456, tzinfo=UTC)


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def _watch(session: Session, name: str = "report") -> WatchRow:
    row = WatchRow(name=name, url=f"https://example.org/{name}", created_at=T0)
    session.add(row)
    session.flush()
    return row


def test_migrations_apply_once_and_are_recorded(db_url: str) -> None:
    engine = create_db_engine(db_url)
    try:
        assert current_schema_version(engine) == 0
        with pytest.raises(StorageError, match="no tallywatch database"):
            open_database(db_url, migrate=False)
        assert upgrade(engine) == list(range(1, SCHEMA_VERSION + 1))
        assert upgrade(engine) == []
        assert current_schema_version(engine) == SCHEMA_VERSION
        names = set(sa.inspect(engine).get_table_names())
        assert {"watches", "checks", "versions", "figures", "changes", "figure_changes", "alerts",
                "series_entries", "schema_migrations"} <= names
    finally:
        engine.dispose()


def test_a_database_from_the_first_release_is_upgraded_by_a_read_keeping_its_rows(db_url: str) -> None:
    engine = open_database(db_url)
    with Session(engine) as s:
        w = _watch(s)
        v = VersionRow(watch_id=w.id, number=1, fetched_at=T0, url=w.url, text_hash="h" * 64, text="249 killed")
        s.add(v)
        s.flush()
        s.add(FigureRow(version_id=v.id, key="killed", qualifier="exact", value=249))
        s.commit()
        vid = v.id
    # What the first release's schema was: no versions.figures_reader, and only migration 1 recorded.
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE versions DROP COLUMN figures_reader"))
        conn.execute(sa.text("DELETE FROM schema_migrations WHERE version > 1"))
    engine.dispose()

    # A read command opens without creating a database, but this release's queries name the new column.
    engine = open_database(db_url, migrate=False)
    try:
        assert current_schema_version(engine) == SCHEMA_VERSION
        with Session(engine) as s:
            got = s.get(VersionRow, vid)
            assert got is not None and got.text == "249 killed" and got.figures_reader is None
            assert [r.value for r in queries.figure_rows(s, vid)] == [249]
        assert upgrade(engine) == []
    finally:
        engine.dispose()


def test_a_migration_that_cannot_run_is_one_line_and_changes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.db"
    engine = open_database(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE versions DROP COLUMN figures_reader"))
        conn.execute(sa.text("DELETE FROM schema_migrations WHERE version > 1"))
    engine.dispose()
    # Opened read-only (a copy on a read-only mount, say): the step cannot write.
    readonly = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with pytest.raises(StorageError, match=r"cannot upgrade the database schema to version 2 .*readonly"):
            upgrade(readonly)
        assert current_schema_version(readonly) == 1
    finally:
        readonly.dispose()


def test_concurrent_first_upgrades_both_succeed(db_url: str) -> None:
    """A daemon and a CLI read starting together on a fresh database must not both create the schema."""
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite serializes writers itself; the advisory lock is the PostgreSQL side")
    engines = [create_db_engine(db_url) for _ in range(4)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(engines))

    def go(engine: sa.Engine) -> None:
        barrier.wait()
        try:
            upgrade(engine)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=go, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for e in engines:
        e.dispose()
    assert errors == []
    engine = create_db_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar() == SCHEMA_VERSION
    engine.dispose()


def test_types_round_trip_identically(engine: sa.Engine) -> None:
    text = "Überschwemmung: 1 234 Tote — 死者 ≥ 249\n" * 30_000  # ~1.2 MB of non-ASCII text
    html = gzip.compress(bytes(range(256)) * 4000)  # binary with every byte value, NUL included
    meta = {"etag": '"abc"', "headers": {"content-type": "text/html; charset=utf-8"}, "n": [1, 2.5, None, True],
            "ünï": "çødé"}
    paris = timezone(timedelta(hours=2))
    with Session(engine) as s:
        w = _watch(s)
        v = VersionRow(watch_id=w.id, number=1, fetched_at=T0.astimezone(paris), url=w.url, text_hash="h" * 64,
                       text=text, html_gz=html, http_meta=meta, figure_count=2, suspect=True)
        s.add(v)
        s.flush()
        s.add_all([
            FigureRow(version_id=v.id, ordinal=0, key="killed", qualifier="at_least", value=0.1 + 0.2),
            FigureRow(version_id=v.id, ordinal=1, key="cost", qualifier="exact", low=1e-300,
                      high=1.7976931348623157e308, unit="USD", vague=True),
        ])
        s.commit()
        vid, wid = v.id, w.id
    with Session(engine) as s:
        got = s.get(VersionRow, vid)
        assert got is not None
        assert got.text == text and len(got.text) == len(text)
        assert got.html_gz == html and isinstance(got.html_gz, bytes)
        assert got.http_meta == meta
        assert got.fetched_at == T0 and got.fetched_at.tzinfo is not None
        assert got.fetched_at.utcoffset() == timedelta(0)
        assert got.suspect is True
        figs = queries.figure_rows(s, got.id)
        assert [f.value for f in figs] == [0.1 + 0.2, None]
        assert (figs[1].low, figs[1].high, figs[1].vague) == (1e-300, 1.7976931348623157e308, True)
        listed = queries.list_versions(s, wid)
        assert listed[0]["chars"] == len(text)  # characters, not bytes, on both
        assert listed[0]["fetched_at"] == "2026-03-01T12:30:45.123456+00:00"


def test_long_free_form_values_fit_on_both(engine: sa.Engine) -> None:
    """Figure keys are normalized labels of any length; VARCHAR(n) would fail only on PostgreSQL."""
    key = "people displaced from the northern and eastern provinces " * 8  # ~450 characters
    unit = "tonnes of carbon dioxide equivalent"
    notifier = "n" * 300
    with Session(engine) as s:
        w = _watch(s)
        v = VersionRow(watch_id=w.id, number=1, fetched_at=T0, url="u", text_hash="h", text="t")
        s.add(v)
        s.flush()
        s.add(FigureRow(version_id=v.id, key=key, qualifier="exact", value=1, unit=unit))
        s.add(AlertRow(watch_id=w.id, notifier=notifier, kind="change", idempotency_key=f"change-1-{notifier}",
                       created_at=T0, next_attempt_at=T0))
        s.commit()
        assert queries.figure_rows(s, v.id)[0].key == key
        assert queries.alerts(s)[0].notifier == notifier


def test_naive_datetimes_are_refused(engine: sa.Engine) -> None:
    with Session(engine) as s, pytest.raises(StatementError, match="naive datetime"):
        s.add(WatchRow(name="x", url="https://example.org/x", created_at=datetime(2026, 1, 1)))
        s.flush()


def test_time_comparisons_order_the_same(engine: sa.Engine) -> None:
    """Due alerts compare stored timestamps with an aware 'now' (text on SQLite, timestamptz on PostgreSQL)."""
    with Session(engine) as s:
        w = _watch(s)
        for i, minutes in enumerate((-90, -1, 1, 90)):
            s.add(AlertRow(watch_id=w.id, notifier="chat", kind="error", idempotency_key=f"k{i}",
                           payload={"i": i}, created_at=T0, next_attempt_at=T0 + timedelta(minutes=minutes)))
        s.commit()
        # 'now' given in another zone must mean the same instant
        now = T0.astimezone(timezone(timedelta(hours=-5)))
        due = queries.due_alerts(s, now)
        assert [a.payload["i"] for a in due] == [0, 1]


def test_unique_and_foreign_keys_are_enforced(engine: sa.Engine) -> None:
    with Session(engine) as s:
        w = _watch(s)
        s.add(VersionRow(watch_id=w.id, number=1, fetched_at=T0, url="u", text_hash="h", text="t"))
        s.commit()
        s.add(VersionRow(watch_id=w.id, number=1, fetched_at=T0, url="u", text_hash="h", text="t"))
        with pytest.raises(sa.exc.IntegrityError):
            s.commit()
        s.rollback()
        s.add(ChangeRow(watch_id=w.id + 1000, to_version_id=1, created_at=T0))
        with pytest.raises(sa.exc.IntegrityError):
            s.commit()


def test_deleting_a_watch_cascades(engine: sa.Engine) -> None:
    with Session(engine) as s:
        w = _watch(s)
        v = VersionRow(watch_id=w.id, number=1, fetched_at=T0, url="u", text_hash="h", text="t")
        s.add(v)
        s.flush()
        s.add(FigureRow(version_id=v.id, key="killed", qualifier="exact", value=3))
        s.commit()
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM watches"))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM figures")).scalar() == 0


def test_db_upgrade_command(ws) -> None:  # type: ignore[no-untyped-def]
    ws.write_config("watches: []\n")
    first = ws.cli("db", "upgrade")
    assert first.code == 0, first.err
    applied = ", ".join(str(v) for v in range(1, SCHEMA_VERSION + 1))
    assert f"schema at version {SCHEMA_VERSION} (applied {applied})" in first.out
    again = ws.cli("db", "upgrade")
    assert "already up to date" in again.out


# ------------------------------------------------------------------------------------------- daemon lock


def test_second_daemon_lock_is_refused(db_url: str) -> None:
    first, second = DaemonLock(db_url), DaemonLock(db_url)
    first.acquire()
    try:
        with pytest.raises(LockError, match="another tallywatch daemon is already running"):
            second.acquire()
    finally:
        first.release()
    second.acquire()  # released: free again
    second.release()


def test_advisory_lock_dies_with_its_connection(db_url: str) -> None:
    """PostgreSQL: the lock belongs to the holder's session, so a killed daemon frees it without cleanup."""
    if not db_url.startswith("postgresql"):
        pytest.skip("the flock side is covered by the daemon tests")
    code = (
        "import sys, time\n"
        "from monitor.lock import DaemonLock\n"
        "lock = DaemonLock(sys.argv[1])\n"
        "lock.acquire()\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, db_url], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                            env=subprocess_env())
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with pytest.raises(LockError):
            DaemonLock(db_url).acquire()
        proc.kill()  # SIGKILL: no release, no clean disconnect
        proc.wait(10)
        lock = DaemonLock(db_url)
        deadline = datetime.now(UTC) + timedelta(seconds=10)
        while True:  # the server notices the dropped connection within moments
            try:
                lock.acquire()
                break
            except LockError:
                if datetime.now(UTC) > deadline:
                    raise
        lock.release()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_lock_on_one_pg_database_does_not_block_another(db_url: str, pg_admin: sa.Engine | None) -> None:
    if not db_url.startswith("postgresql") or pg_admin is None:
        pytest.skip("PostgreSQL only")
    from tests.conftest import fresh_pg_database

    with fresh_pg_database(pg_admin) as other:
        a, b = DaemonLock(db_url), DaemonLock(other)
        a.acquire()
        try:
            b.acquire()
            b.release()
        finally:
            a.release()


def test_plain_postgresql_urls_use_psycopg3() -> None:
    """The URL a provider hands out (postgresql:// or postgres://) must not pick psycopg2, not a dependency."""
    for given in ("postgresql://u:secret@db.example.org/tw", "postgres://u:secret@db.example.org/tw"):
        engine = create_db_engine(given)
        assert engine.url.drivername == "postgresql+psycopg"
        assert "secret" not in redact_url(given)


def test_unreachable_pg_is_one_line() -> None:
    with pytest.raises(StorageError, match="cannot open database") as info:
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "\n" not in str(info.value)
