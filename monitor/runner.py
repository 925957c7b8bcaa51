"""One-shot runs shared by the CLI: check some watches and send what they caused; send a test alert."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Engine

from monitor.config import Config, Watch
from monitor.fetch import HostLimiter, make_client
from monitor.outbox import Dispatcher, DispatchStats, build_notifiers, digest_windows, redact
from monitor.pipeline import CheckContext, CheckReport, run_checks, sync_watches
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
    sync_watches(engine, config.watches)
    async with make_client() as http:
        ctx = CheckContext(engine=engine, http=http, config=config, hosts=HostLimiter(config.daemon.per_host))
        reports = await run_checks(ctx, watches)
        stats = await make_dispatcher(engine, config, http).dispatch_due(flush_digests=True)
    return reports, stats


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
