"""The outbox dispatcher: sends pending alerts, retries with back-off, and records what was sent.

Delivery is at-least-once with one documented window. An alert is *claimed* (its next attempt pushed one lease
into the future) before it is sent and marked `sent` right after the channel accepted it. If the process dies
between the channel's acceptance and that commit, the claim expires and the alert is sent again: this is the only
way a message can repeat, and every message carries its idempotency key (the `Idempotency-Key` header of the
webhook, the Message-ID of the email) so receivers can drop the repeat. An alert marked `sent` is never re-sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.secrets import redact, redact_json
from monitor.units import parse_duration
from notifiers.base import Notifier, NotifyError
from notifiers.message import AlertMessage
from notifiers.registry import build_notifier
from storage.models import AlertRow, utcnow

log = logging.getLogger("tallywatch.outbox")

LEASE = timedelta(minutes=2)
BASE_DELAY = 10.0
MAX_DELAY = 3600.0
MAX_ATTEMPTS = 8


@dataclass
class DispatchStats:
    """What one dispatch pass did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def build_notifiers(configs: Mapping[str, Mapping[str, Any]]) -> dict[str, Notifier]:
    """Notifier objects for every configured channel (configs were validated by the config loader)."""
    return {name: build_notifier(name, conf) for name, conf in configs.items()}


def digest_windows(configs: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    """Seconds to gather alerts for, per notifier that asked for a digest."""
    return {name: parse_duration(conf["digest"]) for name, conf in configs.items() if conf.get("digest")}


def backoff(attempts: int, base: float = BASE_DELAY, cap: float = MAX_DELAY) -> float:
    """Exponential back-off after `attempts` failed sends: 10 s, 20 s, 40 s … capped at an hour."""
    return min(cap, base * (2 ** max(0, attempts - 1)))


@dataclass
class Dispatcher:
    """Sends due outbox rows through their notifiers."""

    engine: Engine
    http: httpx.AsyncClient
    notifiers: Mapping[str, Notifier]
    digests: Mapping[str, float] = field(default_factory=dict)
    secrets: frozenset[str] = frozenset()
    max_attempts: int = MAX_ATTEMPTS
    base_delay: float = BASE_DELAY
    clock: Callable[[], datetime] = utcnow

    async def dispatch_due(self, *, flush_digests: bool = False) -> DispatchStats:
        """Send everything due now; digests are sent once their window has passed (or at once when flushing)."""
        stats = DispatchStats()
        now = self.clock()
        with Session(self.engine) as session:
            due = list(session.exec(
                select(AlertRow.id, AlertRow.notifier, AlertRow.created_at)
                .where(AlertRow.status == "pending", AlertRow.next_attempt_at <= now).order_by(col(AlertRow.id))
            ))
        groups: dict[str, list[int]] = defaultdict(list)
        oldest: dict[str, datetime] = {}
        for alert_id, notifier, created in due:
            groups[notifier].append(alert_id)
            oldest.setdefault(notifier, created)
        tasks = []
        for notifier, ids in groups.items():
            window = self.digests.get(notifier)
            if window and not flush_digests and oldest[notifier] + timedelta(seconds=window) > now:
                continue  # still gathering
            batches = [ids] if window else [[i] for i in ids]
            tasks.append(self._send_batches(notifier, batches, stats))
        await asyncio.gather(*tasks)
        return stats

    async def _send_batches(self, notifier_name: str, batches: list[list[int]], stats: DispatchStats) -> None:
        # One notifier's alerts go out in order, one at a time; different channels proceed in parallel.
        for batch in batches:
            claimed = self._claim(batch)
            if not claimed:
                continue
            notifier = self.notifiers.get(notifier_name)
            if notifier is None:
                self._finish(claimed, error=f"notifier {notifier_name!r} is no longer configured", retryable=False,
                             stats=stats)
                continue
            # Whatever leaves the machine is redacted here, at the one exit: a secret can reach an alert through a
            # ${VAR} in a watch URL (its link, an error that quotes the URL) or through page text.
            messages = [AlertMessage.from_json(redact_json(row.payload, self.secrets)) for row in claimed]
            try:
                await notifier.send(messages, http=self.http)
            except NotifyError as exc:
                self._finish(claimed, error=str(exc), retryable=exc.retryable, retry_after=exc.retry_after,
                             stats=stats)
            except Exception as exc:  # a channel bug must not stop the dispatcher; keep the alert for retry
                log.exception("notifier %s crashed", notifier_name)
                self._finish(claimed, error=f"{type(exc).__name__}: {exc}", retryable=True, stats=stats)
            else:
                self._finish(claimed, error=None, retryable=False, stats=stats)

    def _claim(self, ids: list[int]) -> list[AlertRow]:
        """Take the rows for one lease; rows another dispatcher claimed meanwhile are skipped."""
        now = self.clock()
        claimed: list[AlertRow] = []
        with Session(self.engine, expire_on_commit=False) as session:
            for alert_id in ids:
                result = session.execute(
                    sa.update(AlertRow).where(
                        col(AlertRow.id) == alert_id, col(AlertRow.status) == "pending",
                        col(AlertRow.next_attempt_at) <= now,
                    ).values(next_attempt_at=now + LEASE, attempts=col(AlertRow.attempts) + 1)
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    row = session.get(AlertRow, alert_id)
                    assert row is not None
                    claimed.append(row)
            session.commit()
        return claimed

    def _finish(self, rows: list[AlertRow], *, error: str | None, retryable: bool, stats: DispatchStats,
                retry_after: float | None = None) -> None:
        now = self.clock()
        with Session(self.engine) as session:
            for row in rows:
                fresh = session.get(AlertRow, row.id)
                if fresh is None or fresh.status != "pending":
                    continue
                if error is None:
                    fresh.status, fresh.sent_at, fresh.last_error = "sent", now, None
                    stats.sent += 1
                    continue
                fresh.last_error = redact(error, self.secrets)
                if retryable and fresh.attempts < self.max_attempts:
                    delay = max(backoff(fresh.attempts, self.base_delay), retry_after or 0.0)
                    fresh.next_attempt_at = now + timedelta(seconds=delay)
                    stats.retrying += 1
                else:
                    fresh.status = "failed"
                    stats.failed += 1
                session.add(fresh)
            session.commit()
        if error is not None:
            message = redact(error, self.secrets)
            stats.errors.append(message)
            log.warning("alert delivery failed (%s): %s", "will retry" if retryable else "giving up", message)
