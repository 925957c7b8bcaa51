"""`tallywatch demo`: replay an evolving report on 127.0.0.1 and let the real daemon watch it, end to end.

The demo starts the replay server, writes a config.yaml (console notifier, two watches polled every second), runs
the real `Daemon` in this process and advances the report one step at a time. It never advances on a timer alone:
each step waits until the daemon has stored what the previous one published (bounded), so a slow machine makes the
demo slower, never wrong. At the end it prints each watch's figure timeline and the article's last diff with the
CLI's own commands, and says where the data lives.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from monitor.demo import scenario
from monitor.demo.scenario import ARTICLE, SERIES, STEPS, Step
from monitor.demo.server import ReplayServer

# How long one step may take to be recorded before the demo gives up: generous, since a check on a loaded CI
# machine can take seconds, yet well inside the 90 s the test allows for the whole run.
STEP_TIMEOUT = 30.0
POLL_SECONDS = 0.1
DB_NAME = "demo.db"

EXIT_OK, EXIT_USER, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 130


class DemoFailure(Exception):
    """The daemon did not do what the replay waited for; the message says what and why, in one line."""


class DemoInterrupted(Exception):
    """SIGINT/SIGTERM reached the daemon while the replay was running."""


@dataclass(frozen=True)
class Paths:
    """Where the demo keeps its files."""

    folder: Path
    temporary: bool

    @property
    def config(self) -> Path:
        return self.folder / "config.yaml"

    @property
    def db(self) -> Path:
        return self.folder / DB_NAME

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db}"


def say(text: str = "") -> None:
    """Print a line of the demo's own narration (flushed, so it interleaves correctly with alerts)."""
    print(text, flush=True)


# ----------------------------------------------------------------------------------------------------- setup


def prepare_folder(data_dir: str | None) -> Paths:
    """A fresh temporary folder, or `data_dir` (created if needed)."""
    if not data_dir:
        return Paths(Path(tempfile.mkdtemp(prefix="tallywatch-demo-")), temporary=True)
    folder = Path(data_dir).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return Paths(folder, temporary=False)


def remove_previous_run(paths: Paths) -> bool:
    """Delete an earlier demo's database in the folder (only the files the demo itself names); True if any."""
    removed = False
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = paths.db.with_name(paths.db.name + suffix)
        if candidate.exists():
            candidate.unlink()
            removed = True
    return removed


def config_text(server: ReplayServer, paths: Paths) -> str:
    """The demo's config.yaml: one console notifier, the article and the series, polled every second."""
    return f"""\
# Written by `tallywatch demo`. The daemon read this file; the CLI can read it too, e.g.
#   tallywatch --config {paths.config} figures {SERIES}
# The pages lived on a replay server on 127.0.0.1 that stopped when the demo ended.
database: {paths.db_url}
# The series' links point at 127.0.0.1, which tallywatch refuses to follow unless told to.
allow_private_networks: true
defaults:
  interval: 1s
  jitter: 0
  timeout: 5s
daemon:
  dispatch_interval: 1s
  grace: 5s
notifiers:
  console:
    type: console
    stream: stdout
watches:
  - name: {ARTICLE}
    url: {server.url(scenario.ARTICLE_PATH)}
    notify: [console]
  - name: {SERIES}
    series:
      index: {server.url(scenario.INDEX_PATH)}
      link_pattern: "{scenario.SERIES_LINK_PATTERN}"
    metrics:
      killed: [{", ".join(scenario.SERIES_METRICS["killed"])}]
      injured: [{", ".join(scenario.SERIES_METRICS["injured"])}]
    notify: [console]
"""


def publish(server: ReplayServer, step: Step) -> None:
    """Make the server show the state of `step`: the article revision and the listed update pages."""
    server.publish(scenario.ARTICLE_PATH, scenario.article_html(scenario.ARTICLE_REVISIONS[step.revision]))
    listed = scenario.SERIES_UPDATES[: step.updates]
    for update in listed:
        server.publish(update.path, scenario.update_html(update))
    server.publish(scenario.INDEX_PATH, scenario.index_html(listed))


# ----------------------------------------------------------------------------------------------------- database


def version_counts(engine: Engine) -> dict[str, int]:
    """Stored versions per watch name."""
    from sqlmodel import Session

    from storage import queries

    with Session(engine) as session:
        counts = queries.version_counts(session)
        return {w.name: counts.get(w.id or -1, 0) for w in queries.all_watches(session)}


def pending_alerts(engine: Engine) -> int:
    """Alerts written to the outbox and not yet sent."""
    import sqlalchemy as sa
    from sqlmodel import Session, select

    from storage.models import AlertRow

    with Session(engine) as session:
        return int(session.exec(select(sa.func.count()).select_from(AlertRow)
                                .where(AlertRow.status == "pending")).one())


def last_problem(engine: Engine, name: str) -> str:
    """The watch's last check outcome and error, to explain a step that was never recorded."""
    from sqlmodel import Session

    from storage import queries

    with Session(engine) as session:
        row = queries.get_watch(session, name)
        if row is None:
            return "it was never checked"
        if row.last_error:
            return f"last check: {row.last_outcome}: {row.last_error}"
        return f"last check: {row.last_outcome or 'none yet'}"


def latest_change(engine: Engine, name: str) -> tuple[int, int, int]:
    """(version number, figures moved, alerts written) of the watch's newest version."""
    import sqlalchemy as sa
    from sqlmodel import Session, select

    from storage import queries
    from storage.models import AlertRow, ChangeRow

    with Session(engine) as session:
        row = queries.get_watch(session, name)
        version = queries.latest_version(session, row.id) if row and row.id else None
        if version is None or version.id is None:
            return 0, 0, 0
        change = session.exec(select(ChangeRow).where(ChangeRow.to_version_id == version.id)).first()
        if change is None:
            return version.number, 0, 0
        alerts = session.exec(select(sa.func.count()).select_from(AlertRow)
                              .where(AlertRow.change_id == change.id)).one()
        return version.number, change.figures_changed, int(alerts)


async def poll(condition: Callable[[], bool], *, timeout: float, stopping: asyncio.Event,
               serving: asyncio.Task[int]) -> bool:
    """Poll a database condition (in a thread, so the daemon's loop keeps running) until true or timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if serving.done():
            # The daemon ended on its own: a crash at start-up, or a bug; its exception says which.
            exc = serving.exception()
            raise DemoFailure(f"the daemon stopped unexpectedly: {exc!r}" if exc else "the daemon stopped early")
        if stopping.is_set():
            raise DemoInterrupted
        if await asyncio.to_thread(condition):
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(POLL_SECONDS)


# ----------------------------------------------------------------------------------------------------- replay


async def pause(seconds: float, stopping: asyncio.Event) -> None:
    """Sleep between steps, but end at once when a signal stops the daemon."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), timeout=max(0.0, seconds))
    if stopping.is_set():
        raise DemoInterrupted


async def replay(config_path: Path, engine: Engine, server: ReplayServer, steps: Sequence[Step],
                 step_seconds: float) -> float:
    """Run the daemon while the server advances through `steps`; stop it cleanly whatever happens.

    Returns the seconds the replay took.
    """
    from monitor.config import load_config
    from monitor.daemon import Daemon

    daemon = Daemon(config=load_config(config_path), engine=engine, config_path=str(config_path))
    serving = asyncio.create_task(daemon.serve(), name="tallywatch-daemon")
    started = time.monotonic()
    try:
        for i, step in enumerate(steps):
            published = time.monotonic()
            if i:
                publish(server, step)
                say(f"[+{published - started:4.1f}s] {step.note}")
            else:
                say(f"[+{published - started:4.1f}s] the first article revision and the first update page are "
                    "online; each is stored as version 1 (a first version alerts nobody)")
            want = step.expected_versions

            def recorded(want: dict[str, int] = want) -> bool:
                have = version_counts(engine)
                return all(have.get(name, 0) >= n for name, n in want.items())

            if not await poll(recorded, timeout=STEP_TIMEOUT, stopping=daemon.stopping, serving=serving):
                have = version_counts(engine)
                late = next(n for n, v in want.items() if have.get(n, 0) < v)
                raise DemoFailure(f"the daemon did not store version {want[late]} of {late} within "
                                  f"{STEP_TIMEOUT:g}s ({last_problem(engine, late)})")
            # Alerts are sent right after the version is stored; waiting for them keeps each alert on screen
            # under the narration that caused it. Not fatal: an unsent alert is still in the outbox.
            await poll(lambda: pending_alerts(engine) == 0, timeout=5.0, stopping=daemon.stopping, serving=serving)
            if i and not scenario.ARTICLE_REVISIONS[step.revision].alert and step.revision != steps[i - 1].revision:
                number, moved, alerts = await asyncio.to_thread(latest_change, engine, ARTICLE)
                verdict = "no figure moved, no alert (as intended)" if not moved and not alerts else (
                    f"unexpected: {moved} figure change(s), {alerts} alert(s)")
                say(f"        stored as {ARTICLE} version {number}: the words changed, {verdict}")
            if i < len(steps) - 1:
                await pause(step_seconds - (time.monotonic() - published), daemon.stopping)
        return time.monotonic() - started
    finally:
        daemon.stopping.set()
        (outcome,) = await asyncio.gather(serving, return_exceptions=True)
        # A daemon that crashed is the failure to report, unless the replay already failed with its own reason.
        if isinstance(outcome, BaseException) and sys.exc_info()[0] is None:
            raise DemoFailure(f"the daemon failed: {outcome!r}") from outcome


# ----------------------------------------------------------------------------------------------------- output


def cli(paths: Paths, *args: str) -> int:
    """Run a `tallywatch` command in-process against the demo's config and database; its exit code."""
    from monitor.cli import main

    argv = ["--config", str(paths.config), "--db", paths.db_url, *args]
    say(f"$ tallywatch {' '.join(args)}")
    try:
        main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_FAILED)
    else:
        code = EXIT_OK
    sys.stdout.flush()
    return code


def figure_bearing_versions(engine: Engine, name: str) -> list[int]:
    """Version numbers of a watch that hold at least one figure, oldest first."""
    from sqlmodel import Session

    from monitor.views import require_watch, version_summary

    with Session(engine) as session:
        return [r["number"] for r in version_summary(session, require_watch(session, name)) if r["figures"]]


def print_header(server: ReplayServer, paths: Paths, step_seconds: float) -> None:
    """What the demo is about to do."""
    revisions, pages = len(scenario.ARTICLE_REVISIONS), len(scenario.SERIES_UPDATES)
    first, last = scenario.SERIES_UPDATES[0].as_of, scenario.SERIES_UPDATES[-1].as_of
    estimate = (len(STEPS) - 1) * step_seconds + 4  # plus start-up, the first checks and the summary
    say("tallywatch demo: the real daemon watches a report that changes while you look (no network needed).")
    say()
    say(f"A replay server on {server.base_url} serves:")
    say(f"  * an article updated in place, {revisions} revisions of a fictional earthquake story")
    say(f"      {server.url(scenario.ARTICLE_PATH)}")
    say(f"  * a series: a listing where a new civilian casualty update page appears, {pages} pages that")
    say(f"    replay the OHCHR figures for Ukraine, {first:%d %b} to {last:%d %b %Y}, as quoted by OCHA")
    say(f"      {server.url(scenario.INDEX_PATH)}")
    say("The daemon polls both every second and the console notifier prints an alert whenever a figure moves.")
    say(f"The report advances every {step_seconds:g}s; about {estimate:.0f}s in all. Config: {paths.config}")
    say()


def print_summary(engine: Engine, paths: Paths, server: ReplayServer, elapsed: float) -> None:
    """The figure timeline of each watch and the article's last figure diff, via the CLI itself."""
    say()
    say(f"Replay finished in {elapsed:.1f}s; the daemon has stopped. What it stored:")
    say()
    for name in (ARTICLE, SERIES):
        cli(paths, "figures", name)
        say()
    numbers = figure_bearing_versions(engine, ARTICLE)
    if len(numbers) >= 2:
        cli(paths, "diff", ARTICLE, str(numbers[-2]), str(numbers[-1]))
        say()
    stats = server.stats
    why = " (the daemon's conditional GETs between revisions)" if stats.not_modified else ""
    say(f"The replay server answered {stats.ok + stats.not_modified} requests: {stats.ok} with a page, "
        f"{stats.not_modified} with 304 Not Modified{why}.")


def print_footer(paths: Paths) -> None:
    """Where the data is, and how to look at it."""
    kind = "a temporary folder, kept so you can explore it; delete it when done" if paths.temporary else (
        "kept; `tallywatch demo --data-dir` replaces the demo database on the next run")
    say(f"Data folder: {paths.folder} ({kind})")
    say(f"  tallywatch --config {paths.config} list | history NAME | show NAME | diff NAME | export NAME")


# ----------------------------------------------------------------------------------------------------- entry


def run_demo(data_dir: str | None = None, step_seconds: float = 2.0) -> int:
    """Run the built-in replay end to end and return the exit code (0 ok, 1 bad arguments, 2 the demo failed).

    `data_dir` keeps the config and database there (default: a new temporary folder); `step_seconds` is the time
    between revisions of the replayed report.
    """
    if not 0 < step_seconds <= 60:
        print(f"error: --speed: expected seconds between revisions in (0, 60], got {step_seconds:g}",
              file=sys.stderr)
        return EXIT_USER
    from monitor.lock import DaemonLock, LockError
    from monitor.logs import setup_logging
    from storage.db import StorageError, open_database

    try:
        paths = prepare_folder(data_dir)
    except OSError as exc:
        print(f"error: --data-dir: cannot use {data_dir}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USER
    lock = DaemonLock.for_url(paths.db_url)
    try:
        lock.acquire()
    except LockError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER
    server = ReplayServer()
    engine: Engine | None = None
    try:
        if not paths.temporary and remove_previous_run(paths):
            say(f"(replacing the previous demo database in {paths.folder})")
        publish(server, STEPS[0])
        server.start()
        paths.config.write_text(config_text(server, paths), encoding="utf-8")
        # The console notifier's alerts are the demo's output; daemon logs only when something goes wrong.
        setup_logging("text", logging.WARNING)
        engine = open_database(paths.db_url)
        print_header(server, paths, step_seconds)
        try:
            elapsed = asyncio.run(replay(paths.config, engine, server, STEPS, step_seconds))
        except DemoInterrupted:
            say("demo interrupted; the daemon stopped cleanly.")
            print_footer(paths)
            return EXIT_INTERRUPTED
        except DemoFailure as exc:
            print(f"error: demo failed: {exc}", file=sys.stderr, flush=True)
            print_footer(paths)
            return EXIT_FAILED
        server.stop()  # nothing polls it any more; the summary reads the database only
        print_summary(engine, paths, server, elapsed)
        print_footer(paths)
        return EXIT_OK
    except StorageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        server.stop()
        if engine is not None:
            engine.dispose()
        with contextlib.suppress(OSError):
            lock.release()
