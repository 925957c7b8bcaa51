"""The generic JSON webhook channel. The payload schema is documented in docs/webhook.md.

Signing (when `secret` is set): the signed material is the ASCII timestamp (the `X-Tallywatch-Timestamp`
header, integer Unix seconds), a literal `.`, then the raw request body bytes; the signature is
`X-Tallywatch-Signature: sha256=<lowercase hex HMAC-SHA256(secret, material)>`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Literal

import httpx
from pydantic import Field, SecretStr, field_validator

from .base import USER_AGENT, BaseNotifier, NotifierConfig, post
from .message import AlertMessage, digest_idempotency_key
from .registry import register

ALERT_SCHEMA = "tallywatch.alert/1"
DIGEST_SCHEMA = "tallywatch.digest/1"
SIGNATURE_HEADER = "X-Tallywatch-Signature"
TIMESTAMP_HEADER = "X-Tallywatch-Timestamp"
_OPS = {-1: "delete", 0: "equal", 1: "insert"}
_RESERVED = {"content-type", "idempotency-key", SIGNATURE_HEADER.lower(), TIMESTAMP_HEADER.lower()}


class WebhookConfig(NotifierConfig):
    """`{type: webhook, url: "${HOOK_URL}", headers: {...}, secret: "${HOOK_SECRET}"}`."""

    type: Literal["webhook"]
    url: SecretStr
    headers: dict[str, str] = Field(default_factory=dict, repr=False)  # may carry tokens: kept out of repr
    secret: SecretStr | None = None

    def secret_values(self) -> list[str]:
        """Secrets plus the extra header values (an `Authorization` header is a credential too)."""
        return super().secret_values() + [v for v in self.headers.values() if len(v) >= 4]

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL")
        return value

    @field_validator("headers")
    @classmethod
    def _no_reserved(cls, value: dict[str, str]) -> dict[str, str]:
        clash = sorted(k for k in value if k.lower() in _RESERVED)
        if clash:
            raise ValueError(f"these headers are set by tallywatch: {', '.join(clash)}")
        bad = sorted(k for k, v in value.items() if "\n" in k + v or "\r" in k + v)
        if bad:
            raise ValueError(f"header names and values must be one line: {', '.join(bad)}")
        return value


def alert_payload(msg: AlertMessage) -> dict[str, Any]:
    """One alert as a `tallywatch.alert/1` object."""
    return {
        "schema": ALERT_SCHEMA,
        "kind": msg.kind,
        "watch": msg.watch,
        "url": msg.url,
        "from_version": msg.from_version,
        "to_version": msg.to_version,
        "created_at": msg.created_at,
        "idempotency_key": msg.idempotency_key,
        "headline": msg.headline,
        "figures": [
            {
                "key": f.key,
                "kind": f.kind,
                "label": f.label,
                "old": f.old,
                "new": f.new,
                "old_value": f.old_value,
                "new_value": f.new_value,
                "delta": f.delta,
                "delta_pct": f.delta_pct,
                "unit": f.unit,
                "old_sentence": f.old_sentence,
                "new_sentence": f.new_sentence,
                "line": f.line(),
            }
            for f in msg.figures
        ],
        "text_diff": [{"op": _OPS.get(op, "equal"), "text": text} for op, text in msg.text_diff],
        "error": (
            {"message": msg.error, "consecutive_failures": msg.consecutive_failures}
            if msg.kind == "error" or msg.error
            else None
        ),
        "extra": msg.extra,
    }


def payload(messages: list[AlertMessage]) -> dict[str, Any]:
    """The JSON document for one alert, or a `tallywatch.digest/1` wrapping several."""
    if len(messages) == 1:
        return alert_payload(messages[0])
    return {
        "schema": DIGEST_SCHEMA,
        "idempotency_key": digest_idempotency_key(messages),
        "created_at": max(m.created_at for m in messages),
        "count": len(messages),
        "alerts": [alert_payload(m) for m in messages],
    }


def _header_value(key: str) -> str:
    """The key itself when it is printable ASCII, else a stable hash of it (headers must be ASCII)."""
    if key.isascii() and key.isprintable() and len(key) <= 255:
        return key
    return "sha256-" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256(secret, timestamp + "." + body): what a receiver recomputes."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(secret: str, headers: Any, body: bytes, *, tolerance: float | None = 300) -> bool:
    """Check a received request's signature (for receivers and tests). `headers` is any case-insensitive map.

    With `tolerance`, a timestamp further than that many seconds from now is rejected (replay protection).
    """
    timestamp = headers.get(TIMESTAMP_HEADER) or headers.get(TIMESTAMP_HEADER.lower())
    signature = headers.get(SIGNATURE_HEADER) or headers.get(SIGNATURE_HEADER.lower())
    if not timestamp or not signature:
        return False
    if tolerance is not None:
        try:
            if abs(time.time() - int(timestamp)) > tolerance:
                return False
        except ValueError:
            return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


@register("webhook", WebhookConfig)
class WebhookNotifier(BaseNotifier):
    """POSTs the documented JSON with an `Idempotency-Key` header and, with `secret`, an HMAC signature."""

    type = "webhook"
    config: WebhookConfig

    def request(self, messages: list[AlertMessage], *, now: float | None = None) -> tuple[bytes, dict[str, str]]:
        """The exact body and headers `send` POSTs."""
        doc = payload(messages)
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {
            "User-Agent": USER_AGENT,
            **self.config.headers,
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": _header_value(doc["idempotency_key"]),
        }
        if self.config.secret is not None:
            timestamp = str(int(time.time() if now is None else now))
            headers[TIMESTAMP_HEADER] = timestamp
            headers[SIGNATURE_HEADER] = sign(self.config.secret.get_secret_value(), timestamp, body)
        return body, headers

    async def _send(self, messages: list[AlertMessage], *, http: httpx.AsyncClient) -> None:
        body, headers = self.request(messages)
        url = self.config.url.get_secret_value()
        await post(self.label, http, url, content=body, headers=headers, timeout=self.config.timeout)
