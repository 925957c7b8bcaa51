"""Broken pages never make a false alert: every fault mode is classified, feeds the error lifecycle, and no figure
alert comes out of it; pages whose article vanished are held as suspect and their return is silent.

Each test drives the real CLI (`tallywatch check --json`) against the fault server on 127.0.0.1, with a webhook
notifier pointed at a local endpoint, so "no alert" means no row in the outbox and no request at the endpoint.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Workspace, subprocess_env
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.faults import FaultServer, accented_article
from tests.support.http_endpoint import HttpEndpoint


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture
def sq(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A SQLite-only workspace: fault classification happens before storage, one backend is enough."""
    monkeypatch.delenv("TALLYWATCH_DB", raising=False)
    monkeypatch.delenv("TALLYWATCH_CONFIG", raising=False)
    return Workspace(tmp_path, capsys)


def _config(ws: Workspace, faults: FaultServer, hook: HttpEndpoint, **watch: Any) -> None:
    # `removed: true` and `alert_on: any` make the strictest watch: a vanished article would alert at once if the
    # suspect mechanism did not hold it back, so silence below means something.
    ws.config.write_text(json.dumps({
        "allow_private_networks": True,
        "notifiers": {"hook": {"type": "webhook", "url": hook.url("/hook")}},
        "watches": [{"name": "report", "url": faults.url("/report"), "notify": ["hook"], "timeout": "1s",
                     "error_threshold": 2, "alert_on": "any", "rules": [{"removed": True}], **watch}],
    }))


def _check(ws: Workspace) -> dict[str, Any]:
    result = ws.cli("check", "--json")
    assert "Traceback" not in result.err
    report = result.json()["checks"][0]
    assert result.code == (2 if report["outcome"] == "error" else 0), result.err
    return report


def _alert_kinds(ws: Workspace) -> list[str]:
    return [r[0] for r in ws.sql("SELECT kind FROM alerts ORDER BY id")]


def _posted_kinds(hook: HttpEndpoint) -> list[str]:
    return [r.json()["kind"] for r in hook.requests]


ERROR_MODES = [
    # mode, params, expected class, expected HTTP status
    ("slow_headers", {"delay": 5}, "timeout", None),
    ("slow_body", {"delay": 5}, "timeout", None),
    ("reset", {}, "network", None),
    ("truncated_transfer", {}, "network", None),
    ("rate_limited", {"retry_after": 120}, "rate_limited", 429),
    ("server_error", {"status": 500}, "http", 500),
    ("server_error", {"status": 503}, "http", 503),
    ("redirect_loop", {}, "redirects", None),
    ("huge", {}, "too_large", 200),
    ("huge_declared", {}, "too_large", 200),
    ("gzip_bomb", {}, "too_large", 200),
    ("binary", {}, "not_text", 200),
    ("empty", {}, "extraction", 200),
]


@pytest.mark.parametrize(("mode", "params", "error_class", "status"), ERROR_MODES,
                         ids=[f"{m}-{p.get('status', '')}".rstrip("-") for m, p, _, _ in ERROR_MODES])
def test_fault_is_classified_and_feeds_the_error_lifecycle_not_the_diff(
        sq: Workspace, faults: FaultServer, http_endpoint: HttpEndpoint, mode: str, params: dict[str, Any],
        error_class: str, status: int | None) -> None:
    faults.page("/report", article())
    _config(sq, faults, http_endpoint)
    assert _check(sq)["outcome"] == "new_version"

    faults.fault("/report", mode, **params)
    started = time.monotonic()
    for _ in range(2):  # error_threshold: 2 → the second failure raises the one error alert
        report = _check(sq)
        assert (report["outcome"], report["error_class"], report["http_status"]) == ("error", error_class, status)
        assert report["versions"] == [] and report["figure_changes"] == []
        assert "\n" not in report["error"]
    # caps and timeouts bound the whole exchange: two checks, each well under a few seconds
    assert time.monotonic() - started < 8
    assert _alert_kinds(sq) == ["error"]
    assert sq.sql("SELECT outcome, error_class FROM checks ORDER BY id")[1:] == [("error", error_class)] * 2

    faults.page("/report", article())
    report = _check(sq)
    assert report["outcome"] in ("not_modified", "unchanged") and report["figure_changes"] == []
    assert _alert_kinds(sq) == ["error", "recovered"]
    assert _posted_kinds(http_endpoint) == ["error", "recovered"]
    assert sq.sql("SELECT count(*) FROM versions") == [(1,)]


def test_big_bodies_are_cut_off_early_and_never_held(sq: Workspace, faults: FaultServer,
                                                      http_endpoint: HttpEndpoint) -> None:
    """The 1 GB body and the 1 GB gzip bomb stop at the 5 MB cap: the server never got to send most of them."""
    faults.fault("/report", "huge")
    faults.fault("/bomb", "gzip_bomb")
    _config(sq, faults, http_endpoint)
    assert _check(sq)["error_class"] == "too_large"
    # socket buffers let the server run somewhat ahead of the reader, but nowhere near the gigabyte
    assert faults.sent_bytes("/report") < 64 * 2**20
    _config(sq, faults, http_endpoint, url=faults.url("/bomb"))
    assert _check(sq)["error_class"] == "too_large"


def test_rate_limit_records_retry_after(sq: Workspace, faults: FaultServer, http_endpoint: HttpEndpoint) -> None:
    faults.fault("/report", "rate_limited", retry_after=120)
    _config(sq, faults, http_endpoint)
    before = datetime.now().astimezone()
    assert _check(sq)["error_class"] == "rate_limited"
    (until,) = sq.sql("SELECT retry_after_until FROM watches")[0]
    until = datetime.fromisoformat(str(until)).replace(tzinfo=before.tzinfo) if isinstance(until, str) else until
    if until.tzinfo is None:
        until = until.replace(tzinfo=before.tzinfo).astimezone()
    assert timedelta(seconds=115) < until - before < timedelta(seconds=130)


# ----------------------------------------------------------------------------------------------- content faults


@pytest.mark.parametrize("mode", ["wrong_charset", "missing_charset"])
def test_wrong_or_missing_charset_moves_no_figure(sq: Workspace, faults: FaultServer, http_endpoint: HttpEndpoint,
                                                   mode: str) -> None:
    faults.page("/report", accented_article())
    _config(sq, faults, http_endpoint)
    first = _check(sq)
    assert first["outcome"] == "new_version"
    faults.fault("/report", mode)
    report = _check(sq)
    # A wrong label may garble accented letters (a new text), a missing one is detected (the same text); either way
    # the figures read the same, so nothing is alerted.
    assert report["outcome"] in ("new_version", "unchanged")
    assert report["figure_changes"] == [] and not report["suspect"]
    assert _alert_kinds(sq) == [] and http_endpoint.requests == []
    (text,) = sq.sql("SELECT text FROM versions ORDER BY number DESC LIMIT 1")[0]
    assert "249" in text and "553" in text
    if mode == "missing_charset":
        assert "ministère de la Santé" in text


@pytest.mark.parametrize(("mode", "paragraphs"), [("consent", 4), ("consent", 3), ("paywall", 4),
                                                  ("error_page", 4), ("truncated", 4)])
def test_vanished_article_is_suspect_and_its_return_is_silent(
        ws: Workspace, faults: FaultServer, http_endpoint: HttpEndpoint, mode: str, paragraphs: int) -> None:
    # With a 3-paragraph article the wall is over half its length and states a number of its own ("our 843
    # partners"): neither "much shorter" nor "no figures" holds, only "none of the article's figures is left".
    faults.page("/report", article(BASE_PARAGRAPHS[:paragraphs]))
    _config(ws, faults, http_endpoint)
    assert _check(ws)["outcome"] == "new_version"

    faults.fault("/report", mode)
    report = _check(ws)
    assert (report["outcome"], report["suspect"]) == ("new_version", True)
    assert report["alerts_queued"] == 0
    assert ws.sql("SELECT number, suspect FROM versions ORDER BY number") == [(1, False), (2, True)]

    faults.page("/report", article(BASE_PARAGRAPHS[:paragraphs]))
    report = _check(ws)
    # compared with the confirmed version 1, not with the wall: no figure moved, no word changed
    assert report["suspect"] is False and report["figure_changes"] == []
    assert report["alerts_queued"] == 0
    assert _alert_kinds(ws) == [] and http_endpoint.requests == []
    # and it stays quiet afterwards
    assert _check(ws)["alerts_queued"] == 0
    assert _alert_kinds(ws) == []


def test_a_wall_that_stays_is_confirmed_by_the_next_check(ws: Workspace, faults: FaultServer,
                                                          http_endpoint: HttpEndpoint) -> None:
    """Quiet is not deaf: the same wall read again (even byte-identical, even with an ETag) is the page now."""
    faults.page("/report", article())
    _config(ws, faults, http_endpoint)
    _check(ws)
    faults.fault("/report", "consent")
    assert _check(ws)["suspect"] is True
    confirm = _check(ws)
    # the suspect check forgot the validators, so this was a full read, not a 304 that could never confirm
    assert confirm["http_status"] == 200
    assert _alert_kinds(ws) == ["change"]
    payload = http_endpoint.requests[0].json()
    assert payload["kind"] == "change" and payload["from_version"] == 1 and payload["to_version"] == 2
    assert any(f["kind"] == "removed" for f in payload["figures"])
    assert ws.sql("SELECT suspect FROM versions ORDER BY number") == [(False,), (False,)]


def test_utf16_pages_are_text_not_binary(sq: Workspace, faults: FaultServer, http_endpoint: HttpEndpoint) -> None:
    """The binary sniff must not refuse UTF-16, whose ASCII letters come with NUL bytes."""
    faults.page("/report", "\ufeff".encode("utf-16-le") + article().encode("utf-16-le"),
                content_type="text/html")
    _config(sq, faults, http_endpoint)
    report = _check(sq)
    assert report["outcome"] == "new_version", report["error"]
    (text,) = sq.sql("SELECT text FROM versions")[0]
    assert "at least 249 people" in text


def test_a_real_cancellation_is_not_swallowed() -> None:
    """A cancelled check (daemon shutdown) stops its fetch: cancellation is not mistaken for a page fault."""
    import asyncio

    from monitor.fetch import fetch, make_client

    async def run(server: FaultServer) -> None:
        async with make_client() as client:
            server.fault("/slow", "slow_headers", delay=5)
            task = asyncio.ensure_future(fetch(client, server.url("/slow"), timeout=3))
            await asyncio.sleep(0.3)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    with FaultServer() as server:
        asyncio.run(run(server))


# ----------------------------------------------------------------------------------------------- the daemon


def _daemon(ws: Workspace, log: str = "daemon.log") -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(ws.config), "--db", ws.db_url, "run", "--log-format",
         "json"], stdout=subprocess.DEVNULL, stderr=(ws.path / log).open("wb"), env=subprocess_env(), cwd=ws.path)


def _wait(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_daemon_waits_out_retry_after(sq: Workspace, faults: FaultServer, http_endpoint: HttpEndpoint) -> None:
    """Interval 1 s, but a 429 says `Retry-After: 4`: the next request comes no sooner than 4 s later."""
    faults.fault("/report", "rate_limited", retry_after=4)
    _config(sq, faults, http_endpoint, interval="1s", jitter="0s")
    proc = _daemon(sq)
    try:
        _wait(lambda: faults.hits("/report"), 30, "the first request")
        faults.page("/report", article())
        _wait(lambda: len(faults.hits("/report")) >= 2, 15, "the request after Retry-After")
        first, second = faults.hits("/report")[:2]
        assert second.at - first.at >= 4.0
        assert sq.sql("SELECT error_class FROM checks ORDER BY id")[0] == ("rate_limited",)
    finally:
        proc.kill()
        proc.wait(10)


def test_sigterm_gives_in_flight_checks_their_grace(sq: Workspace, faults: FaultServer,
                                                    http_endpoint: HttpEndpoint) -> None:
    """A check in flight at SIGTERM finishes within `daemon.grace` (it used to be cancelled at once by the
    scheduler's shutdown, logging a traceback) and the daemon exits 0."""
    faults.fault("/report", "slow_headers", delay=2)
    sq.config.write_text(json.dumps({
        "allow_private_networks": True, "daemon": {"grace": "10s"},
        "watches": [{"name": "report", "url": faults.url("/report"), "interval": "2s", "jitter": "0s",
                     "timeout": "10s"}],
    }))
    proc = _daemon(sq)
    try:
        _wait(lambda: faults.hits("/report"), 30, "the check to start")
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    log = (sq.path / "daemon.log").read_text()
    assert "Traceback" not in log and "cancelled" not in log
    assert sq.sql("SELECT outcome FROM checks") == [("new_version",)]
