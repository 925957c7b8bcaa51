"""Webhook: the documented JSON schema, Idempotency-Key, HMAC signing, digests, and secret hygiene."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from notifiers import NotifyError, build_notifier, digest_idempotency_key
from notifiers.message import AlertMessage
from notifiers.webhook import verify
from tests.support import sample_change, sample_error
from tests.support.http_endpoint import HttpEndpoint, Reply

pytest_plugins = ["tests.support.fixtures"]

HOOK_SECRET = "whsec-very-secret-value"
ALERT_KEYS = {
    "schema", "kind", "watch", "url", "from_version", "to_version", "created_at", "idempotency_key",
    "headline", "figures", "text_diff", "error", "extra",
}  # fmt: skip
FIGURE_KEYS = {
    "key", "kind", "label", "old", "new", "old_value", "new_value", "delta", "delta_pct", "unit",
    "old_sentence", "new_sentence", "line",
}  # fmt: skip


def hook(url: str, **extra: Any) -> Any:
    return build_notifier("partner", {"type": "webhook", "url": url, **extra})


def send(notifier: Any, messages: list[AlertMessage]) -> None:
    async def run() -> None:
        async with httpx.AsyncClient() as http:
            await notifier.send(messages, http=http)

    asyncio.run(run())


def check_alert_schema(doc: dict[str, Any]) -> None:
    assert set(doc) == ALERT_KEYS
    assert doc["schema"] == "tallywatch.alert/1"
    assert doc["kind"] in {"change", "error", "recovered", "test"}
    assert isinstance(doc["watch"], str) and isinstance(doc["url"], str)
    assert doc["from_version"] is None or isinstance(doc["from_version"], int)
    for f in doc["figures"]:
        assert set(f) == FIGURE_KEYS
        assert f["kind"] in {"changed", "added", "removed"}
    for op in doc["text_diff"]:
        assert set(op) == {"op", "text"} and op["op"] in {"delete", "equal", "insert"}
    assert doc["error"] is None or set(doc["error"]) == {"message", "consecutive_failures"}


def test_alert_payload_matches_schema(http_endpoint: HttpEndpoint) -> None:
    send(hook(http_endpoint.url("/in"), headers={"Authorization": "Bearer abc"}), [sample_change()])
    req = http_endpoint.last
    doc = req.json()
    check_alert_schema(doc)
    assert doc["watch"] == "un-casualty-updates" and (doc["from_version"], doc["to_version"]) == (3, 4)
    killed = doc["figures"][0]
    assert (killed["key"], killed["old_value"], killed["new_value"], killed["delta"]) == (
        "killed",
        249,
        331,
        82,
    )
    assert killed["line"] == "killed: at least 249 → at least 331 (+82, +32.9%)"
    assert doc["text_diff"][1] == {"op": "delete", "text": "249"}
    assert doc["error"] is None
    assert req.header("Idempotency-Key") == "k-change-1" == doc["idempotency_key"]
    assert req.header("Authorization") == "Bearer abc"
    assert req.header("Content-Type") == "application/json; charset=utf-8"
    assert req.header("X-Tallywatch-Signature") is None


def test_error_payload(http_endpoint: HttpEndpoint) -> None:
    send(hook(http_endpoint.url("/in")), [sample_error()])
    doc = http_endpoint.last.json()
    check_alert_schema(doc)
    assert doc["error"] == {"message": "HTTP 404 Not Found", "consecutive_failures": 3}


def test_hmac_signature_verifies(http_endpoint: HttpEndpoint) -> None:
    send(hook(http_endpoint.url("/in"), secret=HOOK_SECRET), [sample_change()])
    req = http_endpoint.last
    ts = req.header("X-Tallywatch-Timestamp")
    assert ts is not None and abs(int(ts) - time.time()) < 60
    expected = hmac.new(HOOK_SECRET.encode(), ts.encode() + b"." + req.body, hashlib.sha256).hexdigest()
    assert req.header("X-Tallywatch-Signature") == f"sha256={expected}"
    assert verify(HOOK_SECRET, req.headers, req.body)
    assert not verify(HOOK_SECRET, req.headers, req.body + b" ")
    assert not verify("other", req.headers, req.body)
    assert HOOK_SECRET.encode() not in req.body


def test_digest_posts_once_with_derived_key(http_endpoint: HttpEndpoint) -> None:
    messages = [sample_change(key="a"), sample_error(key="b"), sample_change(watch="x", key="c")]
    send(hook(http_endpoint.url("/in")), messages)
    assert len(http_endpoint.requests) == 1
    req = http_endpoint.last
    doc = req.json()
    assert doc["schema"] == "tallywatch.digest/1" and doc["count"] == 3
    assert [a["idempotency_key"] for a in doc["alerts"]] == ["a", "b", "c"]
    for alert in doc["alerts"]:
        check_alert_schema(alert)
    key = digest_idempotency_key(messages)
    assert req.header("Idempotency-Key") == key == doc["idempotency_key"]
    assert key == digest_idempotency_key(list(reversed(messages)))
    assert key not in {"a", "b", "c"}
    assert doc["created_at"] == max(m.created_at for m in messages)


def test_same_alert_same_body() -> None:
    notifier = hook("https://example.org/in", secret=HOOK_SECRET)
    body1, h1 = notifier.request([sample_change()], now=1000)
    body2, h2 = notifier.request([sample_change()], now=1000)
    assert body1 == body2 and h1 == h2


def test_reserved_headers_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        hook("https://example.org/in", headers={"Idempotency-Key": "x"})
    assert "set by tallywatch" in str(info.value)


def test_errors_never_show_the_url_or_secret(http_endpoint: HttpEndpoint) -> None:
    http_endpoint.script(Reply(401, "bad signature"), Reply(502, "gateway"))
    notifier = hook(http_endpoint.url("/in/tok-SECRETPATH?token=abc"), secret=HOOK_SECRET)
    for kind, retryable in (("auth", False), ("http_5xx", True)):
        with pytest.raises(NotifyError) as info:
            send(notifier, [sample_change()])
        err = info.value
        assert (err.kind, err.retryable) == (kind, retryable)
        text = str(err) + repr(err)
        assert "SECRETPATH" not in text and HOOK_SECRET not in text and "token=abc" not in text
        assert "'partner' (webhook)" in text
