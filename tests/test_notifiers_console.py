"""Console output (what the demo prints) and the optional apprise channel."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import types
from typing import Any

import pytest

from notifiers import NotifyError, build_notifier
from notifiers.message import AlertMessage
from tests.support import sample_change, sample_error


def send(notifier: Any, messages: list[AlertMessage]) -> None:
    asyncio.run(notifier.send(messages, http=None))


def test_change_line(capsys: pytest.CaptureFixture[str]) -> None:
    send(build_notifier("console", {"type": "console"}), [sample_change()])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == (
        "[tallywatch] un-casualty-updates v3→v4  killed: at least 249 → at least 331 (+82, +32.9%)"
    )
    assert lines[1] == "    “At least 331 civilians have been killed, including 19 children.”"
    assert lines[2] == "    https://www.example-un.org/news/civilian-casualty-update-4"
    assert "\x1b[" not in out  # not a TTY: no colour


def test_kinds_and_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    notifier = build_notifier("log", {"type": "console", "stream": "stderr"})
    recovered = dataclasses.replace(sample_error(), kind="recovered", error=None)
    test = dataclasses.replace(sample_error(), kind="test", error=None)
    text_only = sample_change(figures=(), text_diff=((0, "hotline "), (-1, "was"), (1, "is"), (0, " open")))
    send(notifier, [sample_error()])
    send(notifier, [recovered])
    send(notifier, [test])
    send(notifier, [text_only])
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err
    assert "deconfliction-article  failing after 3 failed checks: HTTP 404 Not Found" in err
    assert "deconfliction-article  recovered" in err
    assert "deconfliction-article  test alert" in err
    assert "text changed" in err and "hotline [-was-]{+is+} open" in err


def test_digest_and_many_figures(capsys: pytest.CaptureFixture[str]) -> None:
    send(build_notifier("c", {"type": "console"}), [sample_change(n_figures=3), sample_error()])
    out = capsys.readouterr().out
    assert out.startswith("[tallywatch] digest: 2 alerts (un-casualty-updates, deconfliction-article)\n")
    assert "un-casualty-updates v3→v4  3 figures moved" in out
    assert "  - metric 2: 2 → 7 (+5, +250.0%)" in out


def test_forced_colour(capsys: pytest.CaptureFixture[str]) -> None:
    send(build_notifier("c", {"type": "console", "color": True}), [sample_error()])
    assert "\x1b[31m" in capsys.readouterr().out


def test_apprise_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "apprise", None)  # import apprise → ImportError
    notifier = build_notifier("push", {"type": "apprise", "urls": ["tgram://bot-SECRET/chat"]})
    with pytest.raises(NotifyError) as info:
        send(notifier, [sample_change()])
    assert info.value.kind == "config" and not info.value.retryable
    assert "pip install 'tallywatch[apprise]'" in str(info.value)


def test_apprise_with_a_stand_in_module(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    class FakeApprise:
        def __init__(self) -> None:
            self.urls: list[str] = []

        def add(self, url: str) -> bool:
            self.urls.append(url)
            return url.startswith("tgram://")

        async def async_notify(self, *, body: str, title: str) -> bool:
            calls.append({"body": body, "title": title, "urls": self.urls})
            return "fail" not in title

    monkeypatch.setitem(sys.modules, "apprise", types.SimpleNamespace(Apprise=FakeApprise))
    send(build_notifier("push", {"type": "apprise", "urls": ["tgram://bot-SECRET/chat"]}), [sample_change()])
    assert calls[0]["title"] == "[tallywatch] un-casualty-updates: killed at least 249 → at least 331"
    assert "killed: at least 249 → at least 331 (+82, +32.9%)" in calls[0]["body"]
    with pytest.raises(NotifyError) as info:
        send(build_notifier("push", {"type": "apprise", "urls": ["bad://bot-SECRET"]}), [sample_change()])
    assert info.value.kind == "config" and "SECRET" not in str(info.value)
    with pytest.raises(NotifyError) as info:
        send(
            build_notifier("push", {"type": "apprise", "urls": ["tgram://x"]}), [sample_change(watch="fail")]
        )
    assert info.value.retryable
