"""The real daemon as a subprocess against local servers: scheduling, signals, locking, reload, series."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import Workspace, subprocess_env
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.http_endpoint import HttpEndpoint
from tests.support.pages import PageServer


class DaemonProcess:
    """`tallywatch run` in a subprocess, its stderr captured to a file."""

    def __init__(self, ws: Workspace, log_name: str = "daemon.log"):
        self.log = ws.path / log_name
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(ws.config), "--db", ws.db_url, "run",
             "--log-format", "json", "--log-level", "debug"],
            stdout=subprocess.PIPE, stderr=self.log.open("wb"), env=subprocess_env(), cwd=ws.path,
        )

    def lines(self) -> list[dict[str, object]]:
        out = []
        for line in self.log.read_text(errors="replace").splitlines():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                out.append({"message": line})
        return out

    def checks(self, watch: str | None = None) -> list[dict[str, object]]:
        return [entry for entry in self.lines() if str(entry.get("message", "")).startswith("check ")
                and (watch is None or entry.get("watch") == watch)]

    def signal(self, sig: int) -> None:
        self.proc.send_signal(sig)

    def wait(self, timeout: float) -> int:
        return self.proc.wait(timeout=timeout)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        if self.proc.stdout:
            self.proc.stdout.close()


@pytest.fixture
def daemons() -> Iterator[list[DaemonProcess]]:
    started: list[DaemonProcess] = []
    yield started
    for d in started:
        d.stop()


def start(ws: Workspace, daemons: list[DaemonProcess], log_name: str = "daemon.log") -> DaemonProcess:
    """Start a daemon that the `daemons` fixture kills if the test does not stop it."""
    d = DaemonProcess(ws, log_name)
    daemons.append(d)
    return d


def stop_cleanly(d: DaemonProcess) -> None:
    """SIGTERM, then the daemon must exit 0 in time."""
    d.signal(signal.SIGTERM)
    assert d.wait(15) == 0


def wait_until(predicate: Callable[[], object], timeout: float = 20.0, what: str = "condition") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def query(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    if ws.backend == "sqlite" and not ws.db.exists():
        return []
    try:
        return ws.sql(sql)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return []  # schema not created yet


def versions(ws: Workspace, watch: str) -> list[int]:
    return [r[0] for r in query(ws, "SELECT v.number FROM versions v JOIN watches w ON w.id = v.watch_id "
                                    f"WHERE w.name = '{watch}' ORDER BY v.number")]


def _config(ws: Workspace, site: PageServer, hook: HttpEndpoint, *, watches: list[dict[str, object]] | None = None,
            grace: str = "10s") -> None:
    watches = watches or [{"name": "report", "url": site.url("/report"), "notify": ["hook"]}]
    ws.config.write_text(json.dumps({  # JSON is YAML: no indentation to get wrong
        "allow_private_networks": True,
        "daemon": {"grace": grace, "dispatch_interval": "1s"},
        "defaults": {"interval": "1s", "jitter": "0s", "timeout": "5s"},
        "notifiers": {"hook": {"type": "webhook", "url": hook.url("/hook")}},
        "watches": watches,
    }, indent=2))


def _revised() -> str:
    return article([p.replace("at least 249", "at least 331") for p in BASE_PARAGRAPHS])


def test_a_change_becomes_a_version_and_an_alert_within_an_interval(
        ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint, daemons: list[DaemonProcess]) -> None:
    site.set("/report", article())
    _config(ws, site, http_endpoint)
    d = start(ws, daemons)
    wait_until(lambda: versions(ws, "report") == [1], what="the first version")
    site.set("/report", _revised())
    changed_at = time.monotonic()
    wait_until(lambda: http_endpoint.requests, timeout=15, what="the alert")
    # one interval (1 s) plus jitter (0) plus the dispatch after the check: well inside a few seconds
    assert time.monotonic() - changed_at < 5
    assert versions(ws, "report") == [1, 2]
    alert = http_endpoint.requests[0].json()
    assert alert["watch"] == "report" and alert["to_version"] == 2
    assert any(f["key"] == "killed" for f in alert["figures"])
    stop_cleanly(d)
    checks = d.checks("report")
    assert checks and {"outcome", "status", "ms"} <= set(checks[0])


def test_sigterm_during_checks_exits_cleanly(ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint,
                                             daemons: list[DaemonProcess]) -> None:
    for i in range(6):
        site.set(f"/p{i}", article(title=f"Report {i}"))
        site.delay(f"/p{i}", 1.5)
    watches: list[dict[str, object]] = [{"name": f"p{i}", "url": site.url(f"/p{i}"), "notify": ["hook"]}
                                        for i in range(6)]
    _config(ws, site, http_endpoint, watches=watches, grace="5s")
    d = start(ws, daemons)
    wait_until(lambda: len(site.requests) >= 3, what="checks in flight")
    started = time.monotonic()
    d.signal(signal.SIGTERM)
    assert d.wait(20) == 0
    assert time.monotonic() - started < 5 + 5
    if ws.backend == "sqlite":
        assert query(ws, "PRAGMA integrity_check") == [("ok",)]
    orphans = query(ws, "SELECT v.id FROM versions v LEFT JOIN changes c ON c.to_version_id = v.id "
                           "WHERE c.id IS NULL")
    assert orphans == []
    missing_figures = query(ws, "SELECT v.id FROM versions v WHERE v.figure_count != "
                                   "(SELECT count(*) FROM figures f WHERE f.version_id = v.id)")
    assert missing_figures == []


def test_kill_9_then_restart_loses_and_duplicates_nothing(
        ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint, daemons: list[DaemonProcess]) -> None:
    site.set("/report", article())
    _config(ws, site, http_endpoint)
    first = start(ws, daemons)
    wait_until(lambda: versions(ws, "report") == [1], what="the first version")
    http_endpoint.refuse()  # the alert for the next change stays pending
    site.set("/report", _revised())
    wait_until(lambda: versions(ws, "report") == [1, 2], what="the second version")
    wait_until(lambda: query(ws, "SELECT attempts FROM alerts WHERE attempts > 0"), what="a failed send")
    first.proc.send_signal(signal.SIGKILL)
    first.wait(10)
    http_endpoint.accept()
    # the back-off of the failed send is honoured after a restart too: make it due now
    ws.sql("UPDATE alerts SET next_attempt_at = '2000-01-01 00:00:00'")
    second = start(ws, daemons, "daemon2.log")
    wait_until(lambda: http_endpoint.requests, what="the pending alert after restart")
    time.sleep(2.5)  # a few more intervals: nothing may be sent again
    assert len(http_endpoint.requests) == 1
    assert versions(ws, "report") == [1, 2]
    assert query(ws, "SELECT status FROM alerts") == [("sent",)]
    stop_cleanly(second)


def test_a_second_daemon_on_the_same_database_is_refused(
        ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint, daemons: list[DaemonProcess]) -> None:
    site.set("/report", article())
    _config(ws, site, http_endpoint)
    first = start(ws, daemons)
    wait_until(lambda: versions(ws, "report"), what="the first daemon to work")
    second = start(ws, daemons, "second.log")
    assert second.wait(20) == 1
    err = second.log.read_text().strip().splitlines()
    assert len(err) == 1 and "another tallywatch daemon is already running" in err[0]
    assert first.proc.poll() is None


def test_sighup_adds_watches_and_keeps_the_old_config_when_broken(
        ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint, daemons: list[DaemonProcess]) -> None:
    site.set("/report", article())
    site.set("/second", article(title="Another report"))
    _config(ws, site, http_endpoint)
    d = start(ws, daemons)
    wait_until(lambda: versions(ws, "report"), what="the first watch")
    config = json.loads(ws.config.read_text())
    config["watches"].append({"name": "extra-watch", "url": site.url("/second")})
    ws.config.write_text(json.dumps(config))
    d.signal(signal.SIGHUP)
    wait_until(lambda: versions(ws, "extra-watch"), what="the added watch to be checked")

    ws.config.write_text("watches: [\n  broken")
    d.signal(signal.SIGHUP)
    wait_until(lambda: any("reload failed" in str(e.get("message")) for e in d.lines()), what="the reload error")
    before = len(d.checks("report"))
    wait_until(lambda: len(d.checks("report")) > before + 1, what="checks to go on with the old config")
    assert d.proc.poll() is None
    stop_cleanly(d)


def test_series_entries_become_versions_in_order(ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint,
                                                  daemons: list[DaemonProcess]) -> None:
    tolls = [(1, "2023-02-07", 4000, 15000), (2, "2023-02-08", 7800, 30000), (3, "2023-02-09", 11200, 45000)]

    def index(upto: int) -> str:
        links = "".join(f'<li><a href="/updates/toll-update-{n}">Update {n}</a></li>'
                        for n, *_ in reversed(tolls[:upto]))
        return f"<html><body><main><h1>Updates</h1><ul>{links}</ul><a href='/about'>About</a></main></body></html>"

    for n, day, killed, injured in tolls:
        page = article([f"The authorities said on {day} that the number of people killed had reached {killed:,} "
                        f"and that {injured:,} people were injured across the affected provinces.",
                        *BASE_PARAGRAPHS[1:]], title=f"Update {n}")
        page = page.replace("<head>", f'<head><meta property="article:published_time" content="{day}T12:00:00Z">')
        site.set(f"/updates/toll-update-{n}", page)
    site.set("/updates", index(0))
    watches: list[dict[str, object]] = [{"name": "toll-series", "notify": ["hook"],
                                         "series": {"index": site.url("/updates"), "link_pattern": "toll-update-"}}]
    _config(ws, site, http_endpoint, watches=watches)
    d = start(ws, daemons)
    wait_until(lambda: d.checks("toll-series"), what="the index to be polled")
    site.set("/updates", index(3))
    wait_until(lambda: versions(ws, "toll-series") == [1, 2, 3], what="three versions")
    urls = [r[0] for r in query(ws, "SELECT url FROM versions ORDER BY number")]
    assert [u.rsplit("-", 1)[1] for u in urls] == ["1", "2", "3"]
    polls = len(d.checks("toll-series"))
    wait_until(lambda: len(d.checks("toll-series")) >= polls + 2, what="more polls of the index")
    assert versions(ws, "toll-series") == [1, 2, 3]
    assert site.hits("/updates/toll-update-1") == 1
    stop_cleanly(d)


def _first_version_then_stop(ws: Workspace, site: PageServer, hook: HttpEndpoint,
                             daemons: list[DaemonProcess]) -> DaemonProcess:
    """A daemon that stored the report's first version and stopped cleanly."""
    site.set("/report", article())
    _config(ws, site, hook)
    first = start(ws, daemons)
    wait_until(lambda: versions(ws, "report") == [1], what="the first version")
    stop_cleanly(first)
    return first


def test_retry_after_is_honoured_across_a_restart(
        ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint, daemons: list[DaemonProcess]) -> None:
    from datetime import timedelta

    from storage.models import utcnow

    _first_version_then_stop(ws, site, http_endpoint, daemons)
    # The server asked us (on the last check) to come back in 5 seconds.
    until = utcnow() + timedelta(seconds=5)
    ws.sql("UPDATE watches SET retry_after_until = :t",
           t=until.replace(tzinfo=None) if ws.backend == "sqlite" else until)  # raw SQL: SQLite stores naive UTC
    hits = site.hits("/report")
    restarted_at = time.monotonic()
    second = start(ws, daemons, "second.log")
    wait_until(lambda: site.hits("/report") > hits, timeout=20, what="a check after Retry-After")
    assert time.monotonic() - restarted_at >= 4.5
    stop_cleanly(second)


def _refigure_warnings(d: DaemonProcess) -> list[dict[str, object]]:
    return [e for e in d.lines() if "tallywatch refigure report" in str(e.get("message"))]


def test_start_warns_when_stored_figures_need_a_refigure(
        ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint, daemons: list[DaemonProcess]) -> None:
    first = _first_version_then_stop(ws, site, http_endpoint, daemons)
    assert _refigure_warnings(first) == []

    ws.sql("UPDATE versions SET figures_reader = NULL")  # as a release before readers were recorded left it
    second = start(ws, daemons, "daemon2.log")
    warning = wait_until(lambda: _refigure_warnings(second), what="the refigure warning")
    assert isinstance(warning, list) and warning[0]["level"] == "warning"
    assert "1 of 1 stored version(s) of 'report'" in str(warning[0]["message"])
    stop_cleanly(second)

    # The second daemon's checks of the unchanged page stored nothing: still due, said once at the next start...
    third = start(ws, daemons, "daemon3.log")
    wait_until(lambda: len(_refigure_warnings(third)) == 1, what="the warning at the third start")
    # ...and again after a reload, here one that brings new metrics.
    _config(ws, site, http_endpoint, watches=[{"name": "report", "url": site.url("/report"), "notify": ["hook"],
                                               "metrics": {"toll": ["killed"]}}])
    third.signal(signal.SIGHUP)
    wait_until(lambda: len(_refigure_warnings(third)) == 2, what="the warning after a reload with new metrics")
    stop_cleanly(third)
