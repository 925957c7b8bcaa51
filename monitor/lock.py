"""One daemon per database: a lock that dies with the process that holds it.

SQLite: an exclusive `flock` on `<database>.lock` beside the file (the kernel drops it when the process dies, even
by SIGKILL). PostgreSQL: a session-level advisory lock held on a dedicated connection (dropped when the connection
closes, which the server notices when the process dies).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from storage.db import normalize_url, redact_url

# An arbitrary constant that names "the tallywatch daemon" among advisory locks.
PG_LOCK_KEY = 0x7A11_7A7C


class LockError(Exception):
    """Another daemon already runs on this database."""


class DaemonLock:
    """Acquire/release the single-daemon lock for a database URL."""

    def __init__(self, url: str):
        self.url = normalize_url(url)
        self._fd: int | None = None
        self._conn: Any = None
        self._engine: Any = None

    @classmethod
    def for_url(cls, url: str) -> DaemonLock:
        return cls(url)

    def acquire(self) -> None:
        """Take the lock or raise LockError with a one-line reason."""
        parsed = sa.engine.make_url(self.url)
        backend = parsed.get_backend_name()
        if backend == "sqlite" and parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database).expanduser().resolve()
            lock_path = path.with_name(path.name + ".lock")
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise LockError(f"cannot create lock file {lock_path}: {exc.strerror}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise LockError(f"another tallywatch daemon is already running on {path}") from None
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            self._fd = fd
        elif backend == "postgresql":
            self._engine = sa.create_engine(parsed, poolclass=sa.pool.NullPool)
            self._conn = self._engine.connect()
            got = self._conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": PG_LOCK_KEY}).scalar()
            self._conn.commit()
            if not got:
                self.release()
                raise LockError(f"another tallywatch daemon is already running on {redact_url(self.url)}")

    def release(self) -> None:
        """Drop the lock (also dropped by the kernel or the server if the process dies)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
