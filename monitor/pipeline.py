"""One check of one watch: fetch → extract → record → outbox, a self-contained unit of work.

A check needs only a watch and a database (plus a shared HTTP client); it keeps no state in the scheduler, so the
same function can later run as a job on a distributed queue.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor import alerts, stages
from monitor.analysis import Analysis, analyse_for_pool, analyse_timed, from_pool
from monitor.config import Config, Watch
from monitor.errors import ExtractionError
from monitor.fetch import EXTRACTION, FetchError, FetchResult, HostLimiter, fetch
from monitor.figures import Figure
from monitor.record import Page, RecordResult, record_page
from storage import queries
from storage.db import session_scope
from storage.models import CheckRow, WatchRow, utcnow

if TYPE_CHECKING:
    from monitor.workerpool import WorkerPool

log = logging.getLogger("tallywatch.check")


@dataclass
class CheckContext:
    """What every check of a process shares."""

    engine: Engine
    http: httpx.AsyncClient
    config: Config
    hosts: HostLimiter = field(default_factory=HostLimiter)
    executor: WorkerPool | None = None  # CPU-bound extraction runs here when set (a process pool uses both cores)
    clock: Callable[[], datetime] = utcnow
    # Watch rows loaded in one query by run_checks; a check takes (pops) its own, else it reads it.
    rows: dict[str, WatchRow] = field(default_factory=dict)
    # When set (by run_checks), checks that found nothing new leave their database writes here, and they are written
    # many to a transaction by `flush_pending`: one commit per unchanged page was most of a re-poll's cost.
    pending: list[PendingCheck] | None = None


@dataclass
class PendingCheck:
    """A check that worked, with everything needed to record it (now, or later by `flush_pending`)."""

    watch: Watch
    watch_id: int
    report: CheckReport
    now: datetime
    fetched: FetchResult
    digest: str | None
    page: Page | None
    # The watch row's error_alerted flag when the check started: a watch that had raised an error alert gets a
    # "recovered" alert on success, so only the others may take the plain write in `_write_quiet_check`.
    error_alerted: bool = True


@dataclass
class CheckReport:
    """What one check did, for logs, the CLI and the scheduler's back-off."""

    watch: str
    outcome: str  # new_version | unchanged | not_modified | error | skipped
    http_status: int | None = None
    duration_ms: int = 0
    error: str | None = None
    error_class: str | None = None
    retry_after: float | None = None
    results: list[RecordResult] = field(default_factory=list)
    alerts_queued: int = 0

    @property
    def versions(self) -> list[int]:
        return [r.version_number for r in self.results if r.outcome == "new_version" and r.version_number]

    @property
    def figures_moved(self) -> int:
        return sum(len(r.changes) for r in self.results if not r.suspect)

    @property
    def suspect(self) -> bool:
        return any(r.suspect for r in self.results)


def sync_watches(engine: Engine, watches: Sequence[Watch]) -> None:
    """Make sure every configured watch has a row; a changed URL resets its validators. Never deletes history."""
    with session_scope(engine) as session:
        # Many watches: one query for all rows instead of one per watch (2,000 queries took seconds).
        known = {r.name: r for r in session.exec(select(WatchRow))} if len(watches) > 1 else None
        for watch in watches:
            row = known.get(watch.name) if known is not None else queries.get_watch(session, watch.name)
            kind = "series" if watch.series else "article"
            if row is None:
                row = WatchRow(name=watch.name, url=watch.source_url, kind=kind)
                session.add(row)
                if known is not None:
                    known[watch.name] = row
            elif row.url != watch.source_url or row.kind != kind:
                row.url, row.kind = watch.source_url, kind
                row.etag = row.last_modified = row.body_hash = None
                session.add(row)


def load_watch_rows(engine: Engine) -> dict[str, WatchRow]:
    """Every watch row by name, in one query (detached, for `CheckContext.rows`)."""
    with Session(engine, expire_on_commit=False) as session:
        return {r.name: r for r in session.exec(select(WatchRow))}


def load_watch_row(engine: Engine, watch: Watch) -> WatchRow:
    """The watch's row with its state between checks (created on first use)."""
    with Session(engine, expire_on_commit=False) as session:
        row = queries.get_watch(session, watch.name)
    if row is None:
        sync_watches(engine, [watch])
        with Session(engine, expire_on_commit=False) as session:
            row = queries.get_watch(session, watch.name)
    assert row is not None and row.id is not None
    return row


def extraction_fingerprint(watch: Watch) -> str:
    """What besides the body decides the extracted text and figures; part of the skip-unchanged-body hash."""
    return repr((watch.selector, watch.exclude, sorted(watch.metrics.items())))


def body_digest(body: bytes, watch: Watch) -> str:
    """Identity of a fetched body under this watch's extraction settings."""
    h = hashlib.sha256(body)
    h.update(extraction_fingerprint(watch).encode())
    return h.hexdigest()


async def analyse_async(ctx: CheckContext, watch: Watch, fetched: FetchResult) -> tuple[str, list[Figure]]:
    """`analyse`, in the context's executor when it has one."""
    text, figures, _gz, _diff, _times = await analyse_page(ctx, watch, fetched, compress=False)
    return text, figures


async def analyse_page(ctx: CheckContext, watch: Watch, fetched: FetchResult, *, compress: bool = True,
                       baseline: tuple[int, str] | None = None) -> Analysis:
    """`analyse_timed`, in the context's executor when it has one; its stage times are added up here."""
    args = (fetched.body, fetched.content_type, watch.selector, watch.exclude, dict(watch.metrics))
    if ctx.executor is None:
        result = analyse_timed(*args, compress=compress, baseline=baseline)
    else:
        try:
            result = from_pool(await asyncio.wrap_future(ctx.executor.submit(analyse_for_pool, *args, compress,
                                                                             baseline)))
        except BrokenProcessPool:
            # A worker died (killed for memory, or a crash inside a C extension), and with it the pool. The pages
            # it held fail this time and are read again at the next check; the rest of this run analyses here.
            # Not retried here at once: if this page is what killed the worker, it would take this process too.
            ctx.executor = None
            raise ExtractionError("the analysis worker process died while reading this page (killed or "
                                  "crashed); it is read again at the next check") from None
    extract_s, figures_s, compress_s, diff_s = result[4]
    stages.add("extract", extract_s)
    stages.add("figures", figures_s)
    stages.add("store", compress_s, count=0)
    stages.add("diff", diff_s, count=0)
    return result


async def check_watch(ctx: CheckContext, watch: Watch) -> CheckReport:
    """Run one check of `watch` and record it; never raises for a page problem (it is the report's error)."""
    if watch.series is not None:
        from monitor.series import check_series

        return await check_series(ctx, watch)
    started = time.perf_counter()
    now = ctx.clock()
    with stages.timed("store"):
        row = ctx.rows.pop(watch.name, None) or load_watch_row(ctx.engine, watch)
    assert row.id is not None
    report = CheckReport(watch=watch.name, outcome="error")
    try:
        async with ctx.hosts.slot(watch.source_url):
            with stages.timed("fetch"):
                fetched = await fetch(
                    ctx.http, watch.source_url, headers={"User-Agent": watch.user_agent, **watch.headers},
                    etag=row.etag, last_modified=row.last_modified, timeout=watch.timeout,
                    max_bytes=watch.max_bytes,
                )
        report.http_status = fetched.status
        page: Page | None = None
        digest = None if fetched.not_modified else body_digest(fetched.body, watch)
        if fetched.not_modified:
            report.outcome = "not_modified"
        elif digest == row.body_hash:
            report.outcome = "unchanged"  # byte-identical body: nothing to parse
        elif not fetched.body.strip():
            raise ExtractionError(f"empty body (HTTP {fetched.status} with no content)")
        else:
            baseline = None
            if ctx.executor is not None and row.last_change_at is not None:
                # A worker process can diff the new text too, if it gets the text to diff against. (A watch that
                # never changed has no version: no query for it.)
                with stages.timed("store"), Session(ctx.engine) as session:
                    baseline = queries.latest_confirmed_text(session, row.id)
            text, figures, html_gz, diff, _times = await analyse_page(ctx, watch, fetched, baseline=baseline)
            page = Page(url=fetched.url, text=text, html=fetched.body, meta=fetched.meta(), fetched_at=now,
                        figures=figures, html_gz=html_gz, diff=diff)
        report.duration_ms = _ms(started)
        pending = PendingCheck(watch, row.id, report, now, fetched, digest, page, error_alerted=row.error_alerted)
        if ctx.pending is not None:
            ctx.pending.append(pending)
            return report
        with stages.timed("store"), session_scope(ctx.engine) as session:
            write_check(session, ctx, pending)
    except FetchError as exc:
        report.error, report.error_class, report.retry_after = str(exc), exc.error_class, exc.retry_after
        report.http_status = exc.status
    except ExtractionError as exc:
        report.error, report.error_class = f"{watch.source_url}: {exc}", EXTRACTION
    if report.outcome == "error":
        report.duration_ms = _ms(started)
        with stages.timed("store"), session_scope(ctx.engine) as session:
            wrow = session.get(WatchRow, row.id)
            assert wrow is not None
            record_failure(session, ctx, watch, wrow, report, now=now)
    return report


def write_check(session: Session, ctx: CheckContext, pending: PendingCheck) -> None:
    """Record a check that worked, in the caller's transaction: its page (maybe a new version), the watch's
    validators and state, and the check row."""
    if _is_quiet(pending):
        _write_quiet_check(session, pending)
        return
    watch, report, fetched, now = pending.watch, pending.report, pending.fetched, pending.now
    wrow = session.get(WatchRow, pending.watch_id)
    assert wrow is not None
    version_id = None
    if pending.page is not None:
        result = record_page(session, watch, wrow, pending.page, now=now)
        report.results.append(result)
        report.outcome = result.outcome
        report.alerts_queued += result.alerts_queued
        version_id = result.version_id if result.outcome == "new_version" else None
    if report.suspect:
        # A suspect text is confirmed only by reading the same text again, so the next check must not be
        # answered by a 304 or skipped as a byte-identical body: forget the validators.
        wrow.etag = wrow.last_modified = wrow.body_hash = None
    elif not fetched.not_modified:
        for name, value in _fetched_validators(pending).items():
            setattr(wrow, name, value)
    record_success(session, ctx, watch, wrow, report, now=now, url=fetched.url, version_id=version_id)


_WATCHES: sa.Table = WatchRow.__table__  # type: ignore[attr-defined]
_CHECKS: sa.Table = CheckRow.__table__  # type: ignore[attr-defined]


def _is_quiet(pending: PendingCheck) -> bool:
    """A check that found nothing new (304 or an identical body) on a watch with no error alert to take back."""
    return pending.page is None and not pending.error_alerted


def _write_quiet_check(session: Session, pending: PendingCheck) -> None:
    """Write a quiet check as `record_success` would, with one UPDATE and one INSERT and no watch row loaded.

    A daemon's steady state is thousands of 304s, and loading the row and the ORM's unit of work cost about as much
    CPU as the HTTP request itself.
    """
    report, fetched, now = pending.report, pending.fetched, pending.now
    state = _success_state(report.outcome, now)
    # It was false when the check started; left alone, a flag another process raised meanwhile still gets its
    # "recovered" alert from the next check.
    del state["error_alerted"]
    if not fetched.not_modified:
        state.update(_fetched_validators(pending))
    # Core statements built once, on the session's connection: the ORM's UPDATE/INSERT paths, or building the
    # statements for each check, cost more than executing them.
    conn = session.connection()
    conn.execute(_quiet_update(tuple(state)), {"w_id": pending.watch_id, **{f"w_{k}": v for k, v in state.items()}})
    conn.execute(_QUIET_INSERT, {
        "watch_id": pending.watch_id, "started_at": now, "duration_ms": report.duration_ms, "url": fetched.url,
        "http_status": report.http_status, "outcome": report.outcome})


@functools.cache
def _quiet_update(columns: tuple[str, ...]) -> sa.Update:
    """UPDATE of the watch row's `columns` (bound as `w_<column>`) where its id is `w_id`; one per column set."""
    return _WATCHES.update().where(_WATCHES.c.id == sa.bindparam("w_id")).values(
        {c: sa.bindparam(f"w_{c}") for c in columns})


_QUIET_INSERT = _CHECKS.insert().values(error_class=None, error=None, version_id=None)


def _success_state(outcome: str, now: datetime) -> dict[str, Any]:
    """The watch row's columns after a check that worked: a watch that was failing recovers."""
    return {"consecutive_failures": 0, "error_alerted": False, "last_error": None, "retry_after_until": None,
            "last_check_at": now, "last_outcome": outcome}


def _fetched_validators(pending: PendingCheck) -> dict[str, Any]:
    """The watch row's validator columns from a 200 response: what the next conditional GET sends."""
    return {"etag": pending.fetched.etag, "last_modified": pending.fetched.last_modified, "body_hash": pending.digest}


def record_success(session: Session, ctx: CheckContext, watch: Watch, wrow: WatchRow, report: CheckReport, *,
                   now: datetime, url: str | None, version_id: int | None) -> None:
    """Write the check row and the watch's state after a check that worked; a watch that was failing recovers."""
    assert wrow.id is not None
    session.add(CheckRow(watch_id=wrow.id, started_at=now, duration_ms=report.duration_ms, url=url,
                         http_status=report.http_status, outcome=report.outcome, version_id=version_id))
    if wrow.error_alerted:
        for notifier in watch.notify:
            msg = alerts.lifecycle_message(watch, kind="recovered", key=f"recovered-{wrow.id}-{_stamp(now)}",
                                           error=None, failures=wrow.consecutive_failures, now=now,
                                           notifier=notifier)
            alerts.enqueue(session, watch_id=wrow.id, change_id=None, message=msg, notifier=notifier, now=now)
            report.alerts_queued += 1
    for name, value in _success_state(report.outcome, now).items():
        setattr(wrow, name, value)
    session.add(wrow)


def record_failure(session: Session, ctx: CheckContext, watch: Watch, wrow: WatchRow, report: CheckReport, *,
                   now: datetime) -> None:
    """Write an errored check; the N-th consecutive failure raises the watch's one error alert."""
    assert wrow.id is not None
    session.add(CheckRow(watch_id=wrow.id, started_at=now, duration_ms=report.duration_ms, url=watch.source_url,
                         http_status=report.http_status, outcome="error", error_class=report.error_class,
                         error=report.error))
    wrow.consecutive_failures += 1
    wrow.last_error = report.error
    wrow.last_check_at = now
    wrow.last_outcome = "error"
    if report.retry_after:
        wrow.retry_after_until = now + timedelta(seconds=report.retry_after)
    if wrow.consecutive_failures >= watch.error_threshold and not wrow.error_alerted:
        wrow.error_alerted = True
        for notifier in watch.notify:
            msg = alerts.lifecycle_message(
                watch, kind="error", key=f"error-{wrow.id}-{_stamp(now)}",
                error=f"{report.error_class}: {report.error}", failures=wrow.consecutive_failures, now=now,
                notifier=notifier,
            )
            alerts.enqueue(session, watch_id=wrow.id, change_id=None, message=msg, notifier=notifier, now=now)
            report.alerts_queued += 1
    session.add(wrow)
    log.debug("recorded failure of %s: %s", watch.name, report.error)


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S%f")


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


async def run_checks(ctx: CheckContext, watches: Sequence[Watch], *, concurrency: int | None = None,
                     on_report: Callable[[CheckReport], Any] | None = None) -> list[CheckReport]:
    """Check several watches concurrently (bounded); one failing watch never stops the others."""
    batched = len(watches) > 1 and ctx.pending is None
    if batched:
        ctx.rows.update(load_watch_rows(ctx.engine))
        ctx.pending = []

    async def one(watch: Watch) -> CheckReport:
        try:
            report = await check_watch(ctx, watch)
        except Exception as exc:  # a bug or a database error must not take the other watches down
            log.exception("check of %s failed unexpectedly", watch.name)
            report = CheckReport(watch=watch.name, outcome="error", error=f"internal error: {exc}",
                                 error_class="internal")
        # check_watch appends its pending entry just before returning, with no await in between.
        deferred = bool(ctx.pending) and ctx.pending[-1].report is report  # type: ignore[index]
        if on_report is not None and not deferred:
            on_report(report)  # a deferred report is handed over once written, by flush_pending
        if ctx.pending is not None and len(ctx.pending) >= PENDING_BATCH:
            flush_pending(ctx, on_report)
        return report

    # A fixed set of tasks takes the watches in order from one iterator (safe: next() never awaits), rather than a
    # task per watch waiting on a semaphore: thousands of watches then cost a few tasks, not thousands.
    reports: list[CheckReport | None] = [None] * len(watches)
    todo = iter(enumerate(watches))

    async def worker() -> None:
        for i, watch in todo:
            reports[i] = await one(watch)

    try:
        await asyncio.gather(*(worker() for _ in range(min(concurrency or ctx.config.daemon.max_concurrent,
                                                               len(watches)))))
        return [r for r in reports if r is not None]
    finally:
        if batched:
            flush_pending(ctx, on_report)
            ctx.pending = None
            ctx.rows.clear()


# Checks written per transaction by flush_pending: large enough to make commits rare, small enough to hold few
# pages in memory and to lose little in a crash (a check not written is only checked again).
PENDING_BATCH = 50


def flush_pending(ctx: CheckContext, on_report: Callable[[CheckReport], Any] | None = None) -> None:
    """Write the pending checks in one transaction, each exactly as `check_watch` would have written it alone.

    If that transaction fails, it is rolled back and every check is written in its own transaction instead, so one
    bad check fails alone, as it did when each check committed its own.
    """
    entries = ctx.pending or []
    if not entries:
        return
    ctx.pending = []
    with stages.timed("store"):
        try:
            with session_scope(ctx.engine) as session:
                # One query loads every watch row of the batch into the session, so write_check's get() finds it
                # there (the list keeps them alive: the session only holds weak references).
                ids = sorted({e.watch_id for e in entries if not _is_quiet(e)})
                rows = list(session.exec(select(WatchRow).where(col(WatchRow.id).in_(ids))))
                for entry in entries:
                    write_check(session, ctx, entry)
                del rows
        except Exception:
            for entry in entries:  # the batch was rolled back: start every report afresh, one check at a time
                entry.report.results.clear()
                entry.report.alerts_queued = 0
                entry.report.outcome = _first_outcome(entry)
                try:
                    with session_scope(ctx.engine) as session:
                        write_check(session, ctx, entry)
                except Exception as exc:  # as run_checks reports a check that failed unexpectedly
                    log.exception("check of %s failed unexpectedly", entry.watch.name)
                    entry.report.results.clear()
                    entry.report.outcome, entry.report.error_class = "error", "internal"
                    entry.report.error = f"internal error: {exc}"
    if on_report is not None:
        for entry in entries:
            on_report(entry.report)


def _first_outcome(entry: PendingCheck) -> str:
    """The outcome check_watch gave the report before it was recorded."""
    if entry.page is not None:
        return "error"  # record_page sets the real one
    return "not_modified" if entry.fetched.not_modified else "unchanged"
