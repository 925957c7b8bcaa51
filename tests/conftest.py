"""Shared fixtures: a real SQLite file, a real page server on 127.0.0.1, config files and an in-process CLI.

`db_url` (and so `ws`) is parametrized over SQLite and PostgreSQL: the PostgreSQL half runs against the server in
TALLYWATCH_TEST_PG_URL (`make test` starts a private one with scripts/pg_server.py), one fresh database per test,
and is skipped when the variable is unset.
"""

from __future__ import annotations

import gc
import json
import os
import secrets
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.support.pages import PageServer

pytest_plugins = ["tests.support.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PG_URL_ENV = "TALLYWATCH_TEST_PG_URL"


@pytest.fixture
def site() -> Iterator[PageServer]:
    """A page server on a free loopback port."""
    with PageServer() as server:
        yield server


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Workspace:
    """A folder with config.yaml and a SQLite database, and a way to run the CLI against them."""

    path: Path
    capsys: pytest.CaptureFixture[str]
    url: str | None = None  # the `db_url` fixture's database; None means the SQLite file below

    @property
    def config(self) -> Path:
        return self.path / "config.yaml"

    @property
    def db(self) -> Path:
        return self.path / "tallywatch.db"

    @property
    def db_url(self) -> str:
        return self.url or f"sqlite:///{self.db}"

    @property
    def backend(self) -> str:
        """The backend name: sqlite or postgresql."""
        return sa.engine.make_url(self.db_url).get_backend_name()

    def sql(self, query: str, **params: Any) -> list[tuple[Any, ...]]:
        """Run one SQL statement on the workspace database, whichever backend it is; its rows (committed)."""
        from storage.db import create_db_engine

        engine = create_db_engine(self.db_url)
        try:
            with engine.begin() as conn:
                result = conn.execute(sa.text(query), params)
                return [tuple(r) for r in result] if result.returns_rows else []
        finally:
            engine.dispose()

    def db_digest(self) -> str | None:
        """A digest that changes whenever the stored data does; None before the database exists.

        SQLite: a dump of the whole file (not its bytes: a WAL checkpoint rewrites those without changing data).
        PostgreSQL: row counts and hashes of every tallywatch table.
        """
        import hashlib
        import sqlite3

        if self.backend == "sqlite":
            if not self.db.exists():
                return None
            with sqlite3.connect(self.db) as conn:
                return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
        from storage.copy import database_digests
        from storage.db import create_db_engine

        engine = create_db_engine(self.db_url)
        try:
            digests = database_digests(engine)
        finally:
            engine.dispose()
        return hashlib.sha256(json.dumps(sorted(digests.items())).encode()).hexdigest() if digests else None

    def write_config(self, text: str) -> Path:
        self.config.write_text(textwrap.dedent(text), encoding="utf-8")
        return self.config

    def cli(self, *args: str) -> CliResult:
        """Run `tallywatch --config … --db … ARGS` in-process and capture its output and exit code."""
        from monitor.cli import main

        self.capsys.readouterr()
        try:
            main(["--config", str(self.config), "--db", self.db_url, *args])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = self.capsys.readouterr()
        return CliResult(code, captured.out, captured.err)


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[sa.Engine | None]:
    """An autocommit engine on the test server's maintenance database, or None without TALLYWATCH_TEST_PG_URL."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        yield None
        return
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    yield engine
    engine.dispose()


@contextmanager
def fresh_pg_database(admin: sa.Engine) -> Iterator[str]:
    """A new empty database on the test server for one test, dropped afterwards (its URL)."""
    name = f"tw_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        try:
            # FILE_COPY from template0 takes ~20 ms with fsync off; the default WAL_LOG strategy ~100 ms.
            conn.exec_driver_sql(f"CREATE DATABASE {name} STRATEGY FILE_COPY TEMPLATE template0")
        except sa.exc.ProgrammingError:  # servers before 15 have no STRATEGY
            conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE template0")
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        gc.collect()  # engines the in-process CLI left behind close their pooled connections
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, pg_admin: sa.Engine | None) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file in tmp_path, or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tallywatch.db'}"
        return
    if pg_admin is None:
        pytest.skip(f"PostgreSQL: {PG_URL_ENV} is not set (`make test` starts a private server when it can)")
    with fresh_pg_database(pg_admin) as url:
        yield url


@pytest.fixture
def ws(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
       db_url: str) -> Workspace:
    monkeypatch.delenv("TALLYWATCH_DB", raising=False)
    monkeypatch.delenv("TALLYWATCH_CONFIG", raising=False)
    return Workspace(tmp_path, capsys, db_url)


def corpus_or_skip() -> Path:
    """The shared corpus folder, or skip the test when this checkout has none beside it."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def python_exe() -> str:
    return sys.executable


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a `tallywatch` subprocess: this interpreter's, without the test's DB/config vars."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
    env.update(extra)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env
