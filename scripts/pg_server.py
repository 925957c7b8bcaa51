#!/usr/bin/env python3
"""A private, throwaway PostgreSQL cluster for the test suite.

    python scripts/pg_server.py [--require] -- COMMAND [ARGS...]

Starts a cluster in a new temporary folder (initdb, fsync off, listening on a free port of 127.0.0.1 and on a
socket in that folder), creates the database `tallywatch_test`, runs COMMAND with
`TALLYWATCH_TEST_PG_URL=postgresql+psycopg://tallywatch@127.0.0.1:PORT/tallywatch_test` in its environment, then
stops the cluster and deletes the folder whatever COMMAND did (exit, failure, Ctrl-C, SIGTERM). The exit status is
COMMAND's.

When no server can be started (no PostgreSQL binaries, root without a `postgres` user, initdb failing), it prints
one line, `PostgreSQL tests skipped: <reason>`, and runs COMMAND without the variable, so the SQLite half still runs;
`--require` (or TALLYWATCH_TEST_PG=require) makes that an error instead, for CI. When TALLYWATCH_TEST_PG_URL is
already set, that server is used as is and nothing is started. This script never installs anything: `.ci/run`
installs Debian's `postgresql` package when it is missing.

`python scripts/pg_server.py --check` only says whether a cluster could be started (exit 0) or why not (exit 1).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

DB_NAME = "tallywatch_test"
DB_USER = "tallywatch"
ENV_URL = "TALLYWATCH_TEST_PG_URL"
# Durability is worthless for a cluster deleted minutes later; these make per-test CREATE DATABASE cheap.
SERVER_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",  # tests leave idle pooled connections around until garbage collection
    "shared_buffers": "32MB",
    "listen_addresses": "127.0.0.1",
}


class Unavailable(Exception):
    """No cluster can be started here; the message is the one-line reason."""


def find_bindir() -> Path:
    """The newest PostgreSQL server bin folder (Debian keeps them off PATH, in /usr/lib/postgresql/N/bin)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise Unavailable("no PostgreSQL server binaries (initdb) found; install Debian's `postgresql` package")


def _runner_prefix() -> tuple[list[str], int | None, int | None]:
    """How to run server binaries: directly, or as the `postgres` user when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        pg = pwd.getpwnam("postgres")
    except KeyError:
        raise Unavailable("running as root and there is no `postgres` system user to run the server as") from None
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"], pg.pw_uid, pg.pw_gid
    su = shutil.which("su")
    if su:
        return [su, "postgres", "-s", "/bin/sh", "-c"], pg.pw_uid, pg.pw_gid
    raise Unavailable("running as root and neither runuser nor su is available to drop to the `postgres` user")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A cluster in a temporary folder; `start()` then `stop()` (which also deletes the folder)."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.prefix, self.uid, self.gid = _runner_prefix()
        self.root: Path | None = None
        self.port = 0
        self.started = False

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{DB_USER}@127.0.0.1:{self.port}/{DB_NAME}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        # `su -c` takes one shell string; runuser takes the argument list as is.
        cmd = [*self.prefix, shlex.join(cmd)] if self.prefix[-1:] == ["-c"] else [*self.prefix, *cmd]
        # cwd: the postgres user may not be allowed into the caller's folder.
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=self.root or "/", timeout=120)
        if check and proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise Unavailable(f"{args[0]} failed: {detail[-1] if detail else f'exit {proc.returncode}'}")
        return proc

    def start(self) -> None:
        """initdb, start on a free port (retrying if another process grabs it first), create the database."""
        self.root = Path(tempfile.mkdtemp(prefix="tallywatch-pg-"))
        if self.uid is not None:
            os.chown(self.root, self.uid, self.gid or -1)
        data = self.root / "data"
        self._run("initdb", "-D", str(data), "-U", DB_USER, "--auth=trust", "--no-sync", "-E", "UTF8",
                  "--locale=C")
        opts = " ".join(f"-c {k}={v}" for k, v in SERVER_SETTINGS.items())
        last = ""
        for _ in range(3):
            self.port = _free_port()
            proc = self._run("pg_ctl", "-D", str(data), "-l", str(self.root / "server.log"), "-w", "-t", "60",
                             "-o", f"-p {self.port} -k {self.root} {opts}", "start", check=False)
            if proc.returncode == 0:
                self.started = True
                break
            last = _log_tail(self.root / "server.log") or (proc.stderr or proc.stdout).strip()
        else:
            raise Unavailable(f"the server did not start: {last}")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", DB_USER, DB_NAME)

    def stop(self) -> None:
        """Stop the server (immediately: nothing in it is worth a clean shutdown) and delete the folder."""
        if self.root is None:
            return
        if self.started:
            with contextlib.suppress(Exception):
                self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


def _log_tail(path: Path) -> str:
    try:
        lines = [line for line in path.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1] if lines else ""


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into KeyboardInterrupt so `finally` still stops the cluster."""
    def handler(signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def run_with_cluster(command: list[str], *, require: bool) -> int:
    """Run `command` with a cluster's URL in its environment (or without, after one line saying why)."""
    env = dict(os.environ)
    if env.get(ENV_URL):
        print(f"PostgreSQL tests use the server given in {ENV_URL}", flush=True)
        return subprocess.call(command, env=env)
    cluster: Cluster | None = None
    with _terminate_as_interrupt():
        try:
            began = time.monotonic()
            try:
                cluster = Cluster()
                cluster.start()
            except (Unavailable, OSError, subprocess.SubprocessError) as exc:
                if require:
                    print(f"PostgreSQL server required but not started: {exc}", file=sys.stderr, flush=True)
                    return 3
                print(f"PostgreSQL tests skipped: {exc}", flush=True)
            else:
                env[ENV_URL] = cluster.url
                print(f"PostgreSQL tests use a private cluster on 127.0.0.1:{cluster.port} "
                      f"(started in {time.monotonic() - began:.1f}s)", flush=True)
            child = subprocess.Popen(command, env=env)
            try:
                return child.wait()
            except KeyboardInterrupt:
                # Ctrl-C reached the child too (same process group); SIGTERM may not have: pass it on.
                with contextlib.suppress(ProcessLookupError):
                    child.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(timeout=30)
                return 130
        finally:
            if cluster is not None:
                cluster.stop()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require", action="store_true",
                        help="fail instead of skipping when no server can be started (also TALLYWATCH_TEST_PG=require)")
    parser.add_argument("--check", action="store_true", help="only say whether a cluster can be started")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    require = args.require or os.environ.get("TALLYWATCH_TEST_PG") == "require"
    if args.check:
        cluster = None
        try:
            cluster = Cluster()
            cluster.start()
            print(f"ok: a cluster started on 127.0.0.1:{cluster.port}")
            return 0
        except (Unavailable, OSError, subprocess.SubprocessError) as exc:
            print(f"cannot start PostgreSQL: {exc}")
            return 1
        finally:
            if cluster is not None:
                cluster.stop()
    if not command:
        parser.error("give a command to run after --")
    return run_with_cluster(command, require=require)


if __name__ == "__main__":
    sys.exit(main())
