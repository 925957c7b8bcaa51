"""`make soak`: the real daemon against the fault server for a bounded time, then a summary from the database and
the alert endpoint.

    .venv/bin/python scripts/soak.py                 # 5 minutes
    .venv/bin/python scripts/soak.py --minutes 1     # a quick run while developing

Everything runs on 127.0.0.1: a fault server with healthy articles whose figures move, "flaky" articles that never
change but keep breaking (each fault mode in turn: slow, reset, 429, 5xx, redirect loop, 1 GB body, gzip bomb,
charsets, binary, empty, truncated, consent wall, paywall, error page), and a webhook endpoint that records every
delivery. At the end the daemon gets SIGTERM and the summary is computed, not assumed:

- lost: alert rows that never reached the endpoint; duplicated: idempotency keys that reached it more than once
  (no daemon is killed here, so the outbox's at-least-once window is never opened and both must be 0);
- false alerts: change alerts about a flaky article (its healthy text never changes, so any is false);
- the storage invariants of tests/support/faults.py `audit` (contiguous versions, figures, change rows).

The exit code is 0 when all of these hold, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the fault server and endpoint live with the tests

import sqlalchemy as sa  # noqa: E402

from tests.support.faults import FAULT_MODES, FaultServer, accented_article, audit  # noqa: E402
from tests.support.http_endpoint import HttpEndpoint  # noqa: E402

# Faults that fail the fetch stay long enough (several checks) to raise the error alert and then recover;
# faults that serve a page with 200 last less than two checks, the case the suspect mechanism must keep quiet.
ERROR_MODES = ("slow_headers", "slow_body", "reset", "truncated_transfer", "rate_limited", "server_error",
               "redirect_loop", "huge", "huge_declared", "gzip_bomb", "binary", "empty")
PAGE_MODES = ("consent", "paywall", "error_page", "truncated", "wrong_charset", "missing_charset")
assert set(ERROR_MODES + PAGE_MODES) == set(FAULT_MODES), "every fault mode of the server takes part"
FLAKY_INTERVAL = 10.0
ERROR_WINDOW = 35.0  # ≥ 3 checks: error_threshold 3 is reached, then the article returns (recovered)
PAGE_WINDOW = 8.0  # < 1 interval: at most one check sees the broken page
HEALTHY_WINDOW = 25.0
# A flaky article's healthy text never changes; it is the accented one the charset faults re-encode, so a wrong or
# missing charset is the same article in other bytes, not different content.
HEALTHY_FLAKY = accented_article()


def _rotate(site: FaultServer, flaky: list[tuple[str, str]], stop: threading.Event) -> None:
    """Each flaky article alternates: healthy, its fault, healthy, the next fault… until stopped."""
    cycle = 0
    while not stop.is_set():
        for path, _ in flaky:
            site.page(path, HEALTHY_FLAKY)
        if stop.wait(HEALTHY_WINDOW):
            break
        longest = 0.0
        for i, (path, _) in enumerate(flaky):
            mode = (ERROR_MODES + PAGE_MODES)[(i + cycle) % (len(ERROR_MODES) + len(PAGE_MODES))]
            params = {"delay": 30} if mode.startswith("slow") else {"retry_after": 15} if mode == "rate_limited" \
                else {"status": 502} if mode == "server_error" else {}
            site.fault(path, mode, **params)
            longest = max(longest, ERROR_WINDOW if mode in ERROR_MODES else PAGE_WINDOW)
        # page faults end early (they must stay under two checks); error faults run their full window
        if stop.wait(PAGE_WINDOW):
            break
        for i, (path, _) in enumerate(flaky):
            mode = (ERROR_MODES + PAGE_MODES)[(i + cycle) % (len(ERROR_MODES) + len(PAGE_MODES))]
            if mode in PAGE_MODES:
                site.page(path, HEALTHY_FLAKY)
        if stop.wait(longest - PAGE_WINDOW):
            break
        cycle += 1
    for path, _ in flaky:
        site.page(path, HEALTHY_FLAKY)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="how long the daemon runs (default 5)")
    parser.add_argument("--healthy", type=int, default=40, help="healthy articles whose figures move (default 40)")
    parser.add_argument("--flaky", type=int, default=len(ERROR_MODES) + len(PAGE_MODES),
                        help="articles that break in turn (default: one per fault mode)")
    parser.add_argument("--dir", help="keep the database, config and daemon log here (default: a temp folder)")
    args = parser.parse_args()
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="tallywatch-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "soak.db"
    for stale in (db, work / "soak.db-wal", work / "soak.db-shm"):
        stale.unlink(missing_ok=True)
    db_url = f"sqlite:///{db}"
    config = work / "config.yaml"
    log = work / "daemon.log"

    with FaultServer() as site, HttpEndpoint() as hook:
        watches: list[dict[str, object]] = []
        for i in range(args.healthy):
            site.evolving(f"/healthy/{i}", seed=i, period=20.0 + (i * 7) % 40)
            watches.append({"name": f"healthy-{i:02d}", "url": site.url(f"/healthy/{i}"), "interval": "5s"})
        flaky = [(f"/flaky/{i}", f"flaky-{i:02d}") for i in range(args.flaky)]
        for path, name in flaky:
            watches.append({"name": name, "url": site.url(path), "interval": f"{FLAKY_INTERVAL:g}s"})
        config.write_text(json.dumps({
            "allow_private_networks": True,
            "daemon": {"grace": "10s", "dispatch_interval": "2s"},
            "defaults": {"jitter": "0s", "timeout": "5s", "error_threshold": 3, "notify": ["hook"],
                         "rules": [{"removed": True}]},  # the strictest rules: a vanished figure would alert
            "notifiers": {"hook": {"type": "webhook", "url": hook.url("/hook")}},
            "watches": watches,
        }, indent=1))

        stop = threading.Event()
        rotation = threading.Thread(target=_rotate, args=(site, flaky, stop), daemon=True)
        rotation.start()
        env = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
        started = time.monotonic()
        print(f"soak: {len(watches)} watches ({args.healthy} healthy, {len(flaky)} flaky) for {args.minutes:g} "
              f"min; files in {work}", flush=True)
        with log.open("wb") as err:
            daemon = subprocess.Popen(
                [sys.executable, "-m", "monitor", "--config", str(config), "--db", db_url, "run", "--log-format",
                 "json"], stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=work)
            try:
                while time.monotonic() - started < args.minutes * 60:
                    if daemon.poll() is not None:
                        print(f"soak: the daemon exited early with {daemon.returncode}; see {log}")
                        return 1
                    time.sleep(1)
                stop.set()
                rotation.join(10)
                time.sleep(FLAKY_INTERVAL + 2)  # every flaky article checked healthy again: recovered alerts
                daemon.send_signal(signal.SIGTERM)
                code = daemon.wait(60)
            finally:
                if daemon.poll() is None:
                    daemon.kill()
        elapsed = time.monotonic() - started
        delivered = [r.header("Idempotency-Key") or "" for r in hook.requests]
        posted_kinds = Counter(r.json().get("kind") for r in hook.requests)

    result = audit(db_url, delivered, notifier="hook")
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        def rows(sql: str) -> list[tuple[object, ...]]:
            return [tuple(r) for r in conn.execute(sa.text(sql))]

        outcomes = dict(rows("SELECT outcome, count(*) FROM checks GROUP BY outcome ORDER BY outcome"))
        errors = dict(rows("SELECT error_class, count(*) FROM checks WHERE outcome = 'error' "
                           "GROUP BY error_class ORDER BY count(*) DESC"))
        alert_kinds = dict(rows("SELECT kind, count(*) FROM alerts GROUP BY kind ORDER BY kind"))
        false_alerts = rows("SELECT count(*) FROM alerts a JOIN watches w ON w.id = a.watch_id "
                            "WHERE a.kind = 'change' AND w.name LIKE 'flaky-%'")[0][0]
        flaky_versions = rows("SELECT count(*) FROM versions v JOIN watches w ON w.id = v.watch_id "
                              "WHERE w.name LIKE 'flaky-%' AND v.number > 1")[0][0]
        confirmed = rows("SELECT count(*) FROM versions v JOIN watches w ON w.id = v.watch_id "
                         "WHERE w.name LIKE 'flaky-%' AND v.number > 1 AND NOT v.suspect "
                         "AND v.text_hash != (SELECT v1.text_hash FROM versions v1 "
                         "WHERE v1.watch_id = v.watch_id AND v1.number = 1)")[0][0]
    engine.dispose()
    tracebacks = log.read_text(errors="replace").count("Traceback")
    checks = sum(int(n) for n in outcomes.values())  # type: ignore[call-overload]
    duplicated = sum(n - 1 for n in result.duplicated.values())

    print(f"soak: ran {elapsed / 60:.1f} min, daemon exit {code}, {len(watches)} watches")
    print(f"checks: {checks} ({', '.join(f'{k} {v}' for k, v in outcomes.items())})")
    print(f"errors by class: {', '.join(f'{k} {v}' for k, v in errors.items()) or 'none'}")
    print(f"versions: {result.versions} (suspect {result.suspects}; flaky articles: {flaky_versions} later versions,"
          f" {confirmed} confirmed as a real change)")
    print(f"alerts: {result.alerts} ({', '.join(f'{k} {v}' for k, v in alert_kinds.items())}); "
          f"status {dict(sorted(result.alerts_by_status.items()))}; endpoint received {len(delivered)} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(posted_kinds.items()))})")
    print(f"storage: integrity {result.integrity}, version gaps {len(result.number_gaps)}, figure mismatches "
          f"{len(result.figure_mismatches)}, versions without change {len(result.versions_without_change)}")
    print(f"false_alerts={false_alerts} tracebacks={tracebacks}")
    print(f"lost={len(result.lost)} duplicated={duplicated}")
    ok = (code == 0 and result.consistent and not result.lost and not duplicated and not result.unknown
          and not false_alerts and not tracebacks and result.alerts_by_status.get("sent", 0) == result.alerts)
    if not ok:
        print(f"soak: FAILED (lost {result.lost[:5]}, duplicated {list(result.duplicated)[:5]}, "
              f"unknown {result.unknown[:5]}); files in {work}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
