"""One check of one watch: fetch → extract → record → outbox, a self-contained unit of work.

A check needs only a watch and a database (plus a shared HTTP client); it keeps no state in the scheduler, so the
same function can later run as a job on a distributed queue.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from monitor import alerts
from monitor.charset import decode_body
from monitor.config import Config, Watch
from monitor.extract import ExtractionError, extract_text
from monitor.fetch import EXTRACTION, FetchError, FetchResult, HostLimiter, fetch
from monitor.figures import Figure, extract_figures
from monitor.record import Page, RecordResult, record_page
from storage import queries
from storage.db import session_scope
from storage.models import CheckRow, WatchRow, utcnow

log = logging.getLogger("tallywatch.check")


@dataclass
class CheckContext:
    """What every check of a process shares."""

    engine: Engine
    http: httpx.AsyncClient
    config: Config
    hosts: HostLimiter = field(default_factory=HostLimiter)
    executor: Executor | None = None  # CPU-bound extraction runs here when set (a process pool uses both cores)
    clock: Callable[[], datetime] = utcnow


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
        for watch in watches:
            row = queries.get_watch(session, watch.name)
            kind = "series" if watch.series else "article"
            if row is None:
                session.add(WatchRow(name=watch.name, url=watch.source_url, kind=kind))
            elif row.url != watch.source_url or row.kind != kind:
                row.url, row.kind = watch.source_url, kind
                row.etag = row.last_modified = row.body_hash = None
                session.add(row)


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


def analyse(body: bytes, content_type: str | None, url: str, selector: str | None, exclude: Sequence[str],
            metrics: dict[str, tuple[str, ...]]) -> tuple[str, list[Figure]]:
    """Decode, extract the article text and its figures: the CPU-bound part of a check (picklable for a pool)."""
    html = decode_body(body, content_type)
    text = extract_text(html, url=url, selector=selector, exclude=exclude)
    return text, extract_figures(text, metrics or None)


async def analyse_async(ctx: CheckContext, watch: Watch, fetched: FetchResult) -> tuple[str, list[Figure]]:
    """`analyse`, in the context's executor when it has one."""
    args = (fetched.body, fetched.content_type, fetched.url, watch.selector, watch.exclude, dict(watch.metrics))
    if ctx.executor is None:
        return analyse(*args)
    return await asyncio.get_running_loop().run_in_executor(ctx.executor, analyse, *args)


async def check_watch(ctx: CheckContext, watch: Watch) -> CheckReport:
    """Run one check of `watch` and record it; never raises for a page problem (it is the report's error)."""
    if watch.series is not None:
        from monitor.series import check_series

        return await check_series(ctx, watch)
    started = time.perf_counter()
    now = ctx.clock()
    row = load_watch_row(ctx.engine, watch)
    report = CheckReport(watch=watch.name, outcome="error")
    try:
        async with ctx.hosts.slot(watch.source_url):
            fetched = await fetch(
                ctx.http, watch.source_url, headers={"User-Agent": watch.user_agent, **watch.headers},
                etag=row.etag, last_modified=row.last_modified, timeout=watch.timeout, max_bytes=watch.max_bytes,
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
            text, figures = await analyse_async(ctx, watch, fetched)
            page = Page(url=fetched.url, text=text, html=fetched.body, meta=fetched.meta(), fetched_at=now,
                        figures=figures)
        report.duration_ms = _ms(started)
        with session_scope(ctx.engine) as session:
            wrow = session.get(WatchRow, row.id)
            assert wrow is not None
            version_id = None
            if page is not None:
                result = record_page(session, watch, wrow, page, now=now)
                report.results.append(result)
                report.outcome = result.outcome
                report.alerts_queued += result.alerts_queued
                version_id = result.version_id if result.outcome == "new_version" else None
            if report.suspect:
                # A suspect text is confirmed only by reading the same text again, so the next check must not be
                # answered by a 304 or skipped as a byte-identical body: forget the validators.
                wrow.etag = wrow.last_modified = wrow.body_hash = None
            elif not fetched.not_modified:
                wrow.etag, wrow.last_modified, wrow.body_hash = fetched.etag, fetched.last_modified, digest
            record_success(session, ctx, watch, wrow, report, now=now, url=fetched.url, version_id=version_id)
    except FetchError as exc:
        report.error, report.error_class, report.retry_after = str(exc), exc.error_class, exc.retry_after
        report.http_status = exc.status
    except ExtractionError as exc:
        report.error, report.error_class = f"{watch.source_url}: {exc}", EXTRACTION
    if report.outcome == "error":
        report.duration_ms = _ms(started)
        with session_scope(ctx.engine) as session:
            wrow = session.get(WatchRow, row.id)
            assert wrow is not None
            record_failure(session, ctx, watch, wrow, report, now=now)
    return report


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
    wrow.consecutive_failures = 0
    wrow.error_alerted = False
    wrow.last_error = None
    wrow.retry_after_until = None
    wrow.last_check_at = now
    wrow.last_outcome = report.outcome
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
    limit = asyncio.Semaphore(concurrency or ctx.config.daemon.max_concurrent)

    async def one(watch: Watch) -> CheckReport:
        async with limit:
            try:
                report = await check_watch(ctx, watch)
            except Exception as exc:  # a bug or a database error must not take the other watches down
                log.exception("check of %s failed unexpectedly", watch.name)
                report = CheckReport(watch=watch.name, outcome="error", error=f"internal error: {exc}",
                                     error_class="internal")
        if on_report is not None:
            on_report(report)
        return report

    return list(await asyncio.gather(*(one(w) for w in watches)))
