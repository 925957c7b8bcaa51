"""`tallywatch run`: APScheduler drives one job per watch; the outbox dispatcher runs in the same process.

Shutdown is orderly: SIGTERM/SIGINT stop scheduling, in-flight checks get `daemon.grace` seconds to finish (then
are cancelled — a check writes each version in one transaction with no await inside it, so cancelling never leaves
half a version), due alerts are sent, and the database is closed. SIGHUP reloads config.yaml; an invalid file is
logged and the running config kept.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import signal
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine
from sqlmodel import Session

from monitor.config import Config, ConfigError, Watch, load_config
from monitor.fetch import HostLimiter, make_client
from monitor.lock import DaemonLock, LockError
from monitor.outbox import Dispatcher
from monitor.pipeline import CheckContext, CheckReport, check_watch, sync_watches
from monitor.runner import make_dispatcher
from monitor.stale_figures import refigure_due
from storage.db import StorageError, open_database
from storage.models import WatchRow, utcnow

log = logging.getLogger("tallywatch.daemon")

DISPATCH_JOB = "__outbox__"


def first_run_offset(watch: Watch, interval: float) -> float:
    """A stable offset in [0, interval) so the first checks of many watches spread over the first interval."""
    digest = hashlib.sha256(watch.name.encode()).digest()
    return (int.from_bytes(digest[:4], "big") / 2**32) * interval


def failure_delay(watch: Watch, failures: int, ceiling: float) -> float:
    """Back-off after consecutive failures: the interval doubled per failure, up to the ceiling."""
    return min(ceiling, watch.interval * (2 ** max(0, failures - 1)))


@dataclass
class Daemon:
    """The running daemon's state: scheduler, shared resources and in-flight checks."""

    config: Config
    engine: Engine
    config_path: str | None = None
    scheduler: AsyncIOScheduler = field(default_factory=lambda: AsyncIOScheduler(timezone="UTC"))
    inflight: set[asyncio.Task[object]] = field(default_factory=set)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    ctx: CheckContext | None = None
    dispatcher: Dispatcher | None = None
    slots: asyncio.Semaphore | None = None
    failures: dict[str, int] = field(default_factory=dict)
    next_due: dict[str, datetime | None] = field(default_factory=dict)  # noted per check, written in batches

    # ------------------------------------------------------------------ jobs
    def schedule_all(self) -> None:
        """One job per enabled watch, first runs staggered."""
        not_before = self._retry_after_until()  # one query for every watch, not one per job
        for watch in self.config.watches:
            if watch.enabled:
                self._add_job(watch, initial=True, not_before=not_before.get(watch.name))
        self.scheduler.add_job(self._dispatch_job, IntervalTrigger(seconds=self.config.daemon.dispatch_interval),
                               id=DISPATCH_JOB, max_instances=1, coalesce=True, next_run_time=utcnow())

    def _add_job(self, watch: Watch, *, initial: bool, not_before: datetime | None = None) -> Job:
        now = utcnow()
        if watch.cron:
            trigger = CronTrigger.from_crontab(watch.cron, timezone="UTC")
            trigger.jitter = int(watch.jitter) or None
            first = None
        else:
            trigger = IntervalTrigger(seconds=watch.interval, jitter=int(watch.jitter) or None)
            offset = first_run_offset(watch, watch.interval) if initial else 0.0
            first = now + timedelta(seconds=offset)
        # A server's Retry-After outlives a restart: never ask again before it said we may.
        if not_before is not None and not_before > now and (first is None or first < not_before):
            first = not_before
        kwargs = {"next_run_time": first} if first is not None else {}
        return self.scheduler.add_job(
            self._check_job, trigger, args=[watch.name], id=watch.name, name=watch.name, max_instances=1,
            coalesce=True, misfire_grace_time=None, replace_existing=True, **kwargs,
        )

    def _retry_after_until(self, name: str | None = None) -> dict[str, datetime]:
        """Watches a server told to wait (Retry-After): name → until when (possibly already past)."""
        from sqlmodel import Session, select

        query = select(WatchRow.name, WatchRow.retry_after_until).where(
            WatchRow.retry_after_until.is_not(None))  # type: ignore[union-attr]
        if name is not None:
            query = query.where(WatchRow.name == name)
        with Session(self.engine) as session:
            return {n: t for n, t in session.exec(query) if t is not None}

    async def _check_job(self, name: str) -> None:
        task = asyncio.current_task()
        assert task is not None and self.ctx is not None and self.slots is not None
        if self.stopping.is_set():
            return
        self.inflight.add(task)  # type: ignore[arg-type]
        try:
            try:
                watch = self.config.watch(name)
            except KeyError:
                return  # removed by a reload while queued
            async with self.slots:
                if self.stopping.is_set():
                    return  # queued behind the slots when the stop came: not started, so nothing to finish
                report = await check_watch(self.ctx, watch)
            log_check(report)
            self._after_check(watch, report)
            if report.alerts_queued and self.dispatcher is not None:
                await self.dispatcher.dispatch_due()
        except asyncio.CancelledError:
            log.warning("check of %s cancelled at shutdown", name)
            raise
        except Exception:
            log.exception("check of %s crashed", name)
        finally:
            self.inflight.discard(task)  # type: ignore[arg-type]

    def _after_check(self, watch: Watch, report: CheckReport) -> None:
        """Back off a failing watch; return to its schedule after a success; note the next due time."""
        job = self.scheduler.get_job(watch.name)
        if job is None:
            return
        if report.outcome == "error":
            n = self.failures.get(watch.name, 0) + 1
            self.failures[watch.name] = n
            delay = failure_delay(watch, n, self.config.daemon.backoff_max)
            if report.retry_after:
                delay = max(delay, report.retry_after)
            if n > 1 or report.retry_after:
                job.modify(next_run_time=utcnow() + timedelta(seconds=delay * random.uniform(1.0, 1.1)))
        else:
            self.failures.pop(watch.name, None)
        self.next_due[watch.name] = job.next_run_time

    def _flush_next_due(self) -> None:
        """Write the next due times noted since the last flush, in one transaction (for `tallywatch list`).

        Writing them one check at a time cost as much CPU as an unchanged check itself.
        """
        if not self.next_due:
            return
        pending, self.next_due = self.next_due, {}
        table = WatchRow.__table__  # type: ignore[attr-defined]
        with self.engine.begin() as conn:
            conn.execute(table.update().where(table.c.name == sa.bindparam("watch_name"))
                         .values(next_due_at=sa.bindparam("due")),
                         [{"watch_name": name, "due": due} for name, due in pending.items()])

    async def _dispatch_job(self) -> None:
        if self.stopping.is_set():
            return
        try:
            self._flush_next_due()
            if self.dispatcher is not None:
                await self.dispatcher.dispatch_due()
        except Exception:
            log.exception("outbox dispatch failed")

    # ------------------------------------------------------------------ reload
    def reload(self) -> None:
        """SIGHUP: re-read the config; add, remove and change jobs without a restart."""
        if not self.config_path:
            return
        try:
            new = load_config(self.config_path)
        except ConfigError as exc:
            log.error("reload failed, keeping the running config: %s", exc)
            for problem in exc.problems:
                log.error("  %s", problem)
            return
        old = {w.name: w for w in self.config.watches}
        fresh = {w.name: w for w in new.watches if w.enabled}
        self.config = new
        assert self.ctx is not None
        self.ctx.config = new
        sync_watches(self.engine, new.watches)
        for name in set(old) - set(fresh):
            if self.scheduler.get_job(name):
                self.scheduler.remove_job(name)
        added = changed = 0
        for name, watch in fresh.items():
            if name not in old or self.scheduler.get_job(name) is None:
                self._add_job(watch, initial=False, not_before=self._retry_after_until(name).get(name))
                added += 1
            elif old[name] != watch:
                self._add_job(watch, initial=False, not_before=self._retry_after_until(name).get(name))
                changed += 1
        if self.dispatcher is not None:
            self.dispatcher = make_dispatcher(self.engine, new, self.dispatcher.http)
        log.info("reloaded %s: %d watch(es), %d added, %d changed, %d removed", self.config_path, len(fresh), added,
                 changed, len(set(old) - set(fresh)))
        self._warn_refigure_due()  # new metrics make the versions stored under the old ones due

    # ------------------------------------------------------------------ lifecycle
    async def serve(self) -> int:
        """Run until a stop signal; returns the exit code."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._request_stop, sig)
        loop.add_signal_handler(signal.SIGHUP, self.reload)
        try:
            return await self._serve()
        finally:
            # An embedding program keeps its loop: Ctrl-C must not keep going to a stopped daemon.
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                loop.remove_signal_handler(sig)

    async def _serve(self) -> int:
        loop = asyncio.get_running_loop()
        sync_watches(self.engine, self.config.watches)
        async with make_client() as http:
            self.ctx = CheckContext(engine=self.engine, http=http, config=self.config,
                                    hosts=HostLimiter(self.config.daemon.per_host))
            self.dispatcher = make_dispatcher(self.engine, self.config, http)
            self.slots = asyncio.Semaphore(self.config.daemon.max_concurrent)
            self.scheduler.configure(event_loop=loop)
            self.schedule_all()
            self.scheduler.start()
            enabled = sum(1 for w in self.config.watches if w.enabled)
            log.info("tallywatch daemon started: %d watch(es), %d notifier(s)", enabled, len(self.config.notifiers))
            self._warn_refigure_due()
            await self.stopping.wait()
            await self._shutdown()
        return 0

    def _warn_refigure_due(self) -> None:
        # New versions are compared with stored figures: if other rules read those, the first change after an
        # upgrade can show renamed figures as removed and added. Said at start and after a reload, not at every
        # check: `refigure` needs the daemon stopped, so these are the moments the operator acts on it.
        with Session(self.engine) as session:
            for due in refigure_due(session, self.config.watches):
                log.warning("%s (stop the daemon first)", due.message())

    def _request_stop(self, sig: signal.Signals) -> None:
        if not self.stopping.is_set():
            log.info("received %s: stopping (grace %gs)", sig.name, self.config.daemon.grace)
            self.stopping.set()

    async def _shutdown(self) -> None:
        # Pause, not shut down, while checks finish: APScheduler's asyncio executor cancels every running job on
        # shutdown, which cut in-flight checks off at once (a traceback each) instead of giving them the grace.
        self.scheduler.pause()
        pending = {t for t in self.inflight if not t.done()}
        if pending:
            log.info("waiting for %d check(s) in flight", len(pending))
            _done, late = await asyncio.wait(pending, timeout=self.config.daemon.grace)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=5)
                log.warning("cancelled %d check(s) after the grace period", len(late))
        self.scheduler.shutdown(wait=False)
        self._flush_next_due()
        if self.dispatcher is not None:
            try:
                stats = await asyncio.wait_for(self.dispatcher.dispatch_due(), timeout=self.config.daemon.grace)
                if stats.sent:
                    log.info("sent %d pending alert(s) before exit", stats.sent)
            except TimeoutError:
                log.warning("pending alerts left for the next start (sending took too long)")
        log.info("stopped")


def log_check(report: CheckReport) -> None:
    """One line per check: watch, outcome, status, duration, versions and figures moved."""
    fields = {
        "watch": report.watch, "outcome": report.outcome, "status": report.http_status, "ms": report.duration_ms,
        "versions": report.versions, "figures_moved": report.figures_moved, "alerts": report.alerts_queued,
    }
    if report.error:
        fields["error_class"] = report.error_class
        fields["error"] = report.error
    if report.suspect:
        fields["suspect"] = True
    text = " ".join(f"{k}={v}" for k, v in fields.items() if v not in (None, [], 0) or k in ("outcome",))
    level = logging.WARNING if report.outcome == "error" else logging.INFO
    log.log(level, "check %s", text, extra={"fields": fields})


def run_daemon(config: Config, db_url: str, *, config_path: str | None = None) -> int:
    """Open the database, take the single-daemon lock and serve until stopped; returns the exit code."""
    try:
        lock = DaemonLock.for_url(db_url)
        lock.acquire()
    except LockError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return 1
    try:
        engine = open_database(db_url)
    except StorageError as exc:
        lock.release()
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return 1
    try:
        return asyncio.run(Daemon(config=config, engine=engine, config_path=config_path).serve())
    finally:
        engine.dispose()
        lock.release()
