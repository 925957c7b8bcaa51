"""Registry and shared pieces: types, config validation, plug-ins, redaction, error helpers, digest keys."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

import httpx
import pytest
from pydantic import ConfigDict, SecretStr, ValidationError

from notifiers import (
    ERROR_KINDS,
    BaseNotifier,
    Notifier,
    NotifierConfig,
    NotifyError,
    UnknownChannelType,
    build_notifier,
    channel_types,
    config_model_for,
    digest_idempotency_key,
    redact,
    redact_url,
    register,
)
from notifiers.base import parse_retry_after
from notifiers.message import AlertMessage
from tests.support import sample_change, sample_error

SLACK_URL = "https://hooks.slack.com/services/T000/B000/SECRETxyz"

VALID = {
    "console": {"type": "console"},
    "slack": {"type": "slack", "webhook_url": SLACK_URL},
    "email": {"type": "email", "host": "smtp.example.org", "from": "a@example.org", "to": ["b@example.org"]},
    "webhook": {"type": "webhook", "url": "https://example.org/hook"},
    "apprise": {"type": "apprise", "urls": ["json://example.org/x"]},
}


def test_builtin_types() -> None:
    assert set(channel_types()) >= {"console", "slack", "email", "webhook", "apprise"}


@pytest.mark.parametrize("type_name", sorted(VALID))
def test_every_channel_builds_and_accepts_common_fields(type_name: str) -> None:
    notifier = build_notifier("n1", {**VALID[type_name], "digest": "15m", "timeout": 3})
    assert isinstance(notifier, Notifier)
    assert (notifier.name, notifier.type) == ("n1", type_name)
    model = config_model_for(type_name)
    assert model.model_config.get("extra") == "forbid"


@pytest.mark.parametrize("type_name", sorted(VALID))
def test_extra_key_rejected(type_name: str) -> None:
    with pytest.raises(ValidationError) as info:
        build_notifier("n1", {**VALID[type_name], "webhok_url": "x"})
    assert "webhok_url" in str(info.value)


def test_unknown_and_missing_type() -> None:
    with pytest.raises(KeyError) as info:
        build_notifier("n1", {"type": "pigeon"})
    assert "unknown notifier type 'pigeon'" in str(info.value) and "slack" in str(info.value)
    with pytest.raises(UnknownChannelType):
        config_model_for("pigeon")
    with pytest.raises(KeyError, match="has no 'type'"):
        build_notifier("n1", {"webhook_url": SLACK_URL})


def test_secrets_hidden_in_config_and_validation_errors() -> None:
    notifier: Any = build_notifier("newsroom", VALID["slack"])
    assert "SECRETxyz" not in repr(notifier.config) and "SECRETxyz" not in str(notifier.config)
    with pytest.raises(ValidationError) as info:
        build_notifier("newsroom", {"type": "slack", "webhook_url": "ftp://SECRETxyz", "timeout": -1})
    assert "SECRETxyz" not in str(info.value)
    assert "webhook_url" in str(info.value) and "timeout" in str(info.value)


def test_plugin_registration() -> None:
    sent: list[list[AlertMessage]] = []

    class PigeonConfig(NotifierConfig):
        model_config = ConfigDict(extra="forbid")
        type: Literal["pigeon-test"]
        loft: str
        key: SecretStr

    @register("pigeon-test", PigeonConfig)
    class Pigeon(BaseNotifier):
        type = "pigeon-test"

        async def _send(self, messages: list[AlertMessage], *, http: httpx.AsyncClient) -> None:
            sent.append(messages)
            raise RuntimeError(f"lost over {self.config.loft} with key {self.config.key.get_secret_value()}")

    assert "pigeon-test" in channel_types()
    notifier = build_notifier("coo", {"type": "pigeon-test", "loft": "north", "key": "KEY-123"})
    with pytest.raises(NotifyError) as info:
        asyncio.run(notifier.send([sample_change()], http=None))  # type: ignore[arg-type]
    assert sent and "KEY-123" not in str(info.value) and "north" in str(info.value)
    assert info.value.kind == "other" and not info.value.retryable
    with pytest.raises(ValueError, match="already registered"):
        register("pigeon-test", PigeonConfig)(lambda name, cfg: None)


def test_empty_send_is_a_no_op() -> None:
    asyncio.run(build_notifier("n", VALID["slack"]).send([], http=None))  # type: ignore[arg-type]


def test_notify_error_shape() -> None:
    err = NotifyError("notifier 'x' (slack): bad\nthing", kind="http_5xx", retryable=True, retry_after=3)
    assert str(err) == "notifier 'x' (slack): bad thing"
    assert (err.kind, err.retryable, err.retry_after) == ("http_5xx", True, 3)
    assert set(ERROR_KINDS) == {
        "dns", "connect", "tls", "auth", "timeout", "http_4xx", "http_5xx", "rate_limited", "config", "other"
    }  # fmt: skip
    with pytest.raises(ValueError):
        NotifyError("x", kind="weird", retryable=False)


def test_redact() -> None:
    assert redact_url(SLACK_URL) == "https://hooks.slack.com/…"
    assert redact_url("not a url") == "…"
    text = f"POST {SLACK_URL} failed; path /services/T000/B000/SECRETxyz; pw hunter2"
    out = redact(text, [SecretStr(SLACK_URL), "hunter2", None])
    assert "SECRETxyz" not in out and "hunter2" not in out
    assert "https://hooks.slack.com/…" in out and "***" in out
    assert redact("https://u:pw@h.example/x?token=abc&x=1") == "https://***@h.example/x?token=***&x=1"


def test_parse_retry_after() -> None:
    assert parse_retry_after("7") == 7
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10


def test_digest_key() -> None:
    a, b = sample_change(key="a"), sample_error(key="b")
    assert digest_idempotency_key([a]) == "a"
    assert digest_idempotency_key([a, b]) == digest_idempotency_key([b, a]).strip()
    assert digest_idempotency_key([a, b]).startswith("digest-")
