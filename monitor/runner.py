"""One-shot runs shared by the CLI: check some watches and send what they caused; send a test alert."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy.engine import Engine

from monitor import stages
from monitor.analysis import warm_up
from monitor.config import Config, Watch
from monitor.fetch import HostLimiter, make_client
from monitor.outbox import Dispatcher, DispatchStats, build_notifiers, digest_windows
from monitor.pipeline import CheckContext, CheckReport, run_checks, sync_watches
from monitor.secrets import redact
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


def start_analysis_pool(watch_count: int) -> ProcessPoolExecutor | None:
    """Worker processes for `analyse` (extraction and figures are CPU-bound and hold the GIL), one per core.

    None on a single core or for a handful of watches. Workers are spawned, not forked: a forked worker would
    inherit (and, as reference counts change, copy) everything this process has loaded, the ORM, the HTTP client
    and the config of every watch, while a spawned one imports only `monitor.analysis` and the extraction stack
    (~48 MB resident against ~79 MB forked, on 2,000 watches). Spawning also stays safe once this process runs
    threads.
    """
    cores = os.cpu_count() or 1
    if cores < 2 or watch_count < POOL_MIN_WATCHES:
        return None
    workers = min(cores, POOL_MAX_WORKERS)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=warm_up)
    for _ in range(workers):  # start every worker now, so their imports overlap this process's own start-up
        pool.submit(int)
    return pool


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
