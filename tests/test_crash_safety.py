"""SIGKILL at random moments never loses or corrupts data, and never sends an alert twice outside the window the
outbox documents.

The real daemon (a subprocess) watches ~200 local articles whose figures keep moving, plus a few that always fail,
and posts to a local webhook endpoint. It is killed with SIGKILL 20 times at random moments (during start-up,
mid-check, mid-dispatch — wherever the dice fall) and restarted each time; then the pages are frozen and one last
clean run (ended by SIGTERM) drains the outbox. Everything is on 127.0.0.1.

What "sent twice" means honestly: the outbox is at-least-once. An alert is claimed, sent, then marked `sent`; a
kill after the endpoint accepted it and before that commit makes the next daemon send it again (after the lease).
So after every kill, while no daemon runs, the test records which alerts are in exactly that state — delivered to
the endpoint, still `pending` in the database — and only those keys may arrive twice. Any other repeat, or any
repeat beyond one, fails the test.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import subprocess_env
from tests.support.faults import FaultServer, audit
from tests.support.http_endpoint import HttpEndpoint

WATCHES = 200
FAILING = 10  # of which always answer 500: error alerts go through the same outbox
KILLS = 20
SEED = 20240307


class Daemon:
    """`tallywatch run` as a subprocess, JSON logs to a file."""

    def __init__(self, config: Path, db_url: str, log: Path) -> None:
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "--db", db_url, "run", "--log-format",
             "json", "--log-level", "info"],
            stdout=subprocess.DEVNULL, stderr=log.open("wb"), env=subprocess_env(), cwd=config.parent,
        )

    def records(self) -> list[dict[str, object]]:
        out = []
        for line in self.log.read_text(errors="replace").splitlines():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                out.append({"level": "raw", "message": line})
        return out

    def started(self) -> bool:
        return "tallywatch daemon started" in self.log.read_text(errors="replace")


def wait_until(predicate: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def in_window(db_url: str, delivered: set[str]) -> set[str]:
    """Alerts delivered to the endpoint but not marked sent: the at-least-once window a kill can leave open."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            pending = {r[0] for r in conn.execute(sa.text(
                "SELECT idempotency_key FROM alerts WHERE status = 'pending' AND attempts > 0 "
                "AND last_error IS NULL"))}
    except sa.exc.OperationalError:
        return set()  # killed before the schema existed
    finally:
        engine.dispose()
    return pending & delivered


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_twenty_sigkills_lose_nothing_and_send_nothing_twice(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db_url = f"sqlite:///{tmp_path / 'tallywatch.db'}"
    config = tmp_path / "config.yaml"
    with FaultServer() as site, HttpEndpoint() as hook:
        watches = []
        for i in range(WATCHES):
            path = f"/live/{i}"
            if i < FAILING:
                site.fault(path, "server_error", status=500)
            else:
                site.evolving(path, seed=i, period=rng.uniform(5.0, 15.0))
            watches.append({"name": f"w{i:03d}", "url": site.url(path)})
        config.write_text(json.dumps({
            "allow_private_networks": True,
            "daemon": {"grace": "5s", "dispatch_interval": "1s", "max_concurrent": 16, "per_host": 16},
            "defaults": {"interval": "3s", "jitter": "0s", "timeout": "5s", "notify": ["hook"],
                         "error_threshold": 2},
            "notifiers": {"hook": {"type": "webhook", "url": hook.url("/hook")}},
            "watches": watches,
        }))

        def keys() -> list[str]:
            return [r.header("Idempotency-Key") or "" for r in hook.requests]

        window: set[str] = set()
        kill_times: list[float] = []
        logs: list[Daemon] = []
        started = time.monotonic()
        for n in range(KILLS):
            daemon = Daemon(config, db_url, tmp_path / f"daemon{n:02d}.log")
            logs.append(daemon)
            if n % 5 == 1:
                time.sleep(rng.uniform(0.1, 2.0))  # anywhere in start-up: imports, migrations, first checks
            else:
                wait_until(daemon.started, 30, f"daemon {n} to start")
                time.sleep(rng.uniform(0.2, 3.0))
            assert daemon.proc.poll() is None, daemon.log.read_text()[-2000:]
            daemon.proc.send_signal(signal.SIGKILL)
            assert daemon.proc.wait(10) == -signal.SIGKILL
            kill_times.append(time.monotonic())  # after the death: every delivery of this daemon came before
            window |= in_window(db_url, set(keys()))
        kill_phase = time.monotonic() - started

        # The final clean run: pages stop changing, claimed-but-unfinished alerts are past their lease (the clock
        # is moved, not waited for), and the daemon runs until everything is checked and sent, then gets SIGTERM.
        site.freeze()
        engine = sa.create_engine(db_url)
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alerts SET next_attempt_at = '2000-01-01 00:00:00.000000' "
                                 "WHERE status = 'pending'"))
            final_start = conn.execute(sa.text("SELECT max(started_at) FROM checks")).scalar()
        final = Daemon(config, db_url, tmp_path / "final.log")
        logs.append(final)

        def settled() -> bool:
            with engine.connect() as conn:
                unchecked = conn.execute(sa.text("SELECT count(*) FROM watches WHERE last_check_at IS NULL "
                                                 "OR last_check_at <= :t"), {"t": final_start}).scalar()
                pending = conn.execute(sa.text("SELECT count(*) FROM alerts WHERE status = 'pending'")).scalar()
            return unchecked == 0 and pending == 0

        wait_until(settled, 60, "the final run to check every watch and send every alert")
        time.sleep(3.5)  # one more interval: frozen pages make no version, nothing is re-sent
        wait_until(settled, 30, "the final run to settle")
        final.proc.send_signal(signal.SIGTERM)
        assert final.proc.wait(30) == 0
        engine.dispose()
        delivered = keys()
        first_at: dict[str, float] = {}
        for r in hook.requests:
            first_at.setdefault(r.header("Idempotency-Key") or "", r.at)
    # How long before its kill each window alert had been delivered: the width of the window actually hit.
    gaps = [min(k for k in kill_times if k >= first_at[key]) - first_at[key] for key in window]

    result = audit(db_url, delivered, notifier="hook")
    assert result.integrity == "ok" and result.foreign_key_errors == 0
    assert result.number_gaps == [], "version numbers must be contiguous per watch"
    assert result.figure_mismatches == [], "every version must have all its figures"
    assert result.versions_without_change == [], "every version must have its change row"
    assert result.alerts_by_status == {"sent": result.alerts}, result.alerts_by_status
    assert result.lost == [] and result.unknown == []
    # Repeats only for alerts a kill caught between the endpoint's answer and the `sent` commit, once each.
    assert set(result.duplicated) <= window, set(result.duplicated) - window
    assert all(n == 2 for n in result.duplicated.values())

    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        def scalar(sql: str) -> int:
            return int(conn.execute(sa.text(sql)).scalar() or 0)

        # Every later version of a moving article is a figure change and so exactly one alert: none was lost
        # between the version and the outbox (they commit together), none was queued twice.
        changes = scalar("SELECT count(*) FROM changes WHERE from_version_id IS NOT NULL")
        change_alerts = scalar("SELECT count(*) FROM alerts WHERE kind = 'change'")
        alerts_per_change = scalar("SELECT count(*) FROM (SELECT change_id FROM alerts WHERE kind = 'change' "
                                   "GROUP BY change_id HAVING count(*) != 1) AS x")
        error_alerts = scalar("SELECT count(*) FROM alerts WHERE kind = 'error'")
        alerted_watches = scalar("SELECT count(*) FROM watches WHERE error_alerted AND consecutive_failures >= 2")
        versions = scalar("SELECT count(*) FROM versions")
    engine.dispose()
    assert changes == change_alerts and alerts_per_change == 0
    # one per failing watch that reached the threshold, however many restarts it went through
    assert error_alerts == alerted_watches <= FAILING
    assert versions > WATCHES, "the daemon must have made progress across the kills"
    assert result.suspects == 0

    problems = [r for d in logs for r in d.records() if r.get("level") in ("error", "critical", "raw")
                and "Traceback" in json.dumps(r)]
    assert problems == []
    print(f"\nkills={KILLS} kill_phase={kill_phase:.0f}s versions={versions} alerts={result.alerts} "
          f"delivered={len(delivered)} in_window={len(window)} repeats={len(result.duplicated)} "
          f"widest_window={max(gaps, default=0) * 1000:.0f}ms")
