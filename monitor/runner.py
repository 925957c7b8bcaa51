"""One-shot runs shared by the CLI: check some watches and send what they caused; send a test alert."""

from __future__ import annotations

import os
from collections.abc import Sequence

from sqlalchemy.engine import Engine

from monitor import stages
from monitor.analysis import warm_up
from monitor.config import Config, Watch
from monitor.errors import ExtractionError
from monitor.fetch import HostLimiter, make_client
from monitor.outbox import Dispatcher, DispatchStats, build_notifiers, digest_windows
from monitor.pipeline import CheckContext, CheckReport, run_checks, sync_watches
from monitor.secrets import redact
from monitor.workerpool import WorkerPool
from notifiers.base import NotifyError
from notifiers.message import AlertMessage
from storage.models import utcnow


def make_dispatcher(engine: Engine, config: Config, http: object) -> Dispatcher:
    """A dispatcher for every configured notifier."""
    return Dispatcher(engine=engine, http=http, notifiers=build_notifiers(config.notifiers),  # type: ignore[arg-type]
                      digests=digest_windows(config.notifiers), secrets=config.secrets)


async def run_once(engine: Engine, config: Config, watches: Sequence[Watch]) -> tuple[list[CheckReport],
                                                                                        DispatchStats]:
    """Check `watches` once, then send every alert that is due (digests included) before returning."""
    pool = start_analysis_pool(len(watches))
    try:
        sync_watches(engine, config.watches)
        async with make_client() as http:
            ctx = CheckContext(engine=engine, http=http, config=config, hosts=HostLimiter(config.daemon.per_host),
                               executor=pool)
            reports = await run_checks(ctx, watches)
            stats = await make_dispatcher(engine, config, http).dispatch_due(flush_digests=True)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    stages.write_if_requested()
    return reports, stats


# Below this many watches a pool's start-up (a fresh interpreter per worker) costs more than it saves.
POOL_MIN_WATCHES = 16
POOL_MAX_WORKERS = 4


def start_analysis_pool(watch_count: int) -> WorkerPool | None:
    """Worker processes for `analyse` (extraction and figures are CPU-bound and hold the GIL), one per core.

    None on a single core or for a handful of watches. Each worker is a fresh interpreter that imports only
    `monitor.analysis` and the extraction stack (~40 MB resident on 2,000 watches): a forked one would inherit, and
    copy as reference counts change, everything this process has loaded (the ORM, the HTTP client, the config of
    every watch: ~79 MB each). `WorkerPool` rather than multiprocessing's spawning pool saves the latter's resource
    tracker process (see `monitor.workerpool`). Workers start now, so their imports overlap this process's own
    start-up.
    """
    cores = os.cpu_count() or 1
    if cores < 2 or watch_count < POOL_MIN_WATCHES:
        return None
    return WorkerPool(min(cores, POOL_MAX_WORKERS), initializer=warm_up, errors=(ExtractionError,))


async def send_test_alert(config: Config, name: str) -> str | None:
    """Send a sample alert through notifier `name`; the one-line reason it failed, or None."""
    notifier = build_notifiers({name: config.notifiers[name]})[name]
    now = utcnow()
    message = AlertMessage(
        kind="test", watch="tallywatch-test", url="https://example.org/tallywatch-test",
        idempotency_key=f"test-{name}-{now.strftime('%Y%m%dT%H%M%S')}", created_at=now.isoformat(),
    )
    async with make_client() as http:
        try:
            await notifier.send([message], http=http)
        except NotifyError as exc:
            return redact(f"{exc.kind}: {exc}", config.secrets)
    return None
