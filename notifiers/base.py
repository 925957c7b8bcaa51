"""What every notifier shares: the error type, the protocol, the common config fields, and secret hygiene.

A notifier takes `AlertMessage`s and sends them; it never decides *whether* to send (the outbox does). Every
failure surfaces as one `NotifyError` whose one-line message names the notifier and never contains a secret,
and whose `kind`/`retryable`/`retry_after` tell the outbox what to do next.
"""

from __future__ import annotations

import email.utils
import re
import socket
import ssl
import time
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from .message import AlertMessage

ErrorKind = Literal[
    "dns", "connect", "tls", "auth", "timeout", "http_4xx", "http_5xx", "rate_limited", "config", "other"
]
ERROR_KINDS: tuple[str, ...] = ErrorKind.__args__  # type: ignore[attr-defined]

USER_AGENT = "tallywatch-notifier/0.1 (+https://github.com/tallywatch)"


class NotifyError(Exception):
    """One line that says exactly what failed.

    `kind` is one of `ERROR_KINDS`; `retryable` says whether sending the same thing later may succeed;
    `retry_after` (seconds) is the channel's own hint, e.g. from a 429 `Retry-After` header.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        retryable: bool,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown NotifyError kind {kind!r}")
        message = one_line(message)
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.retryable = retryable
        self.retry_after = retry_after
        self.status = status

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"NotifyError({self.message!r}, kind={self.kind!r}, retryable={self.retryable!r}, "
            f"retry_after={self.retry_after!r})"
        )

    def redacted(self, secrets: Iterable[str | SecretStr | None]) -> NotifyError:
        """The same error with every secret in its message replaced (see `redact`)."""
        return NotifyError(
            redact(self.message, secrets),
            kind=self.kind,
            retryable=self.retryable,
            retry_after=self.retry_after,
            status=self.status,
        )


@runtime_checkable
class Notifier(Protocol):
    """A configured channel. `send` with one message sends one alert; with several, one digest of them."""

    name: str
    type: str

    async def send(self, messages: Sequence[AlertMessage], *, http: httpx.AsyncClient) -> None:
        """Send the messages; raise `NotifyError` on failure."""
        ...


class NotifierConfig(BaseModel):
    """Fields every channel accepts. Channel models subclass this, adding `type: Literal[...]` and their keys.

    Inputs are hidden from validation errors because several fields are secrets (URLs, passwords).
    """

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)

    digest: str | None = Field(
        default=None,
        description="Gather alerts for this long (e.g. '15m') and send one digest; the outbox waits.",
    )
    timeout: float = Field(default=10.0, gt=0, le=600, description="Seconds for one send attempt.")

    def secret_values(self) -> list[str]:
        """Every secret's plain value in this config, for scrubbing error text."""
        found: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, SecretStr):
                found.append(value.get_secret_value())
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    walk(getattr(value, name))
            elif isinstance(value, dict):
                for v in value.values():
                    walk(v)
            elif isinstance(value, list | tuple | set):
                for v in value:
                    walk(v)

        walk(self)
        return [s for s in found if s]


class BaseNotifier:
    """Convenience base for channels: stores name/config, guards `send` so no secret ever escapes in an error.

    Subclasses set `type` and implement `_send`. Anything unexpected raised in `_send` becomes a NotifyError.
    """

    type: ClassVar[str] = ""

    def __init__(self, name: str, config: NotifierConfig) -> None:
        self.name = name
        self.config = config

    @property
    def label(self) -> str:
        """How error messages name this notifier: `notifier 'newsroom' (slack)`."""
        return f"notifier {self.name!r} ({self.type})"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    async def send(self, messages: Sequence[AlertMessage], *, http: httpx.AsyncClient) -> None:
        """Send one alert or a digest of several; raise `NotifyError` (with secrets removed) on failure."""
        if not messages:
            return
        secrets = self.config.secret_values()
        try:
            await self._send(list(messages), http=http)
        except NotifyError as exc:
            raise exc.redacted(secrets) from None
        except httpx.HTTPError as exc:
            raise http_error(self.label, exc, target="").redacted(secrets) from None
        except Exception as exc:
            kind, retryable = _classify_os_error(exc)
            raise NotifyError(
                redact(f"{self.label}: {kind} error: {describe_exception(exc)}", secrets),
                kind=kind,
                retryable=retryable,
            ) from None

    async def _send(self, messages: list[AlertMessage], *, http: httpx.AsyncClient) -> None:
        raise NotImplementedError


# --- secret hygiene ---------------------------------------------------------------------------------------


def redact_url(url: str) -> str:
    """Keep only scheme and host: `https://hooks.slack.com/services/T0/B0/xyz` → `https://hooks.slack.com/…`."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
    except ValueError:
        return "…"
    if not parts.scheme or not host:
        return "…"
    return f"{parts.scheme}://{host}/…"


def redact(text: str, secrets: Iterable[str | SecretStr | None] = ()) -> str:
    """Remove secrets from `text` (an error message, a log line).

    Each secret is replaced wherever it appears: a URL by its scheme+host (`redact_url`), anything else
    by `***`.
    Independently of `secrets`, any `user:password@` in a URL and any query string value that looks like a
    token (`token=`, `key=`, `secret=`, `password=`, `sig=`) is masked.
    """
    values: list[str] = []
    for s in secrets:
        if s is None:
            continue
        v = s.get_secret_value() if isinstance(s, SecretStr) else str(s)
        if v:
            values.append(v)
    # Longest first, so a URL is replaced before a shorter secret inside it.
    for v in sorted(set(values), key=len, reverse=True):
        replacement = redact_url(v) if re.match(r"^[a-z][a-z0-9+.-]*://", v, re.I) else "***"
        text = text.replace(v, replacement)
        # Also the percent-encoded / path-only forms an HTTP library may print.
        path = _url_path(v)
        if path and len(path) > 8:
            text = text.replace(path, "/…")
    text = re.sub(r"(?i)(://)[^/\s:@]+:[^/\s@]+@", r"\1***@", text)
    text = re.sub(r"(?i)\b(token|key|secret|password|passwd|sig|signature|auth)=[^&\s]+", r"\1=***", text)
    return text


def _url_path(value: str) -> str:
    if "://" not in value:
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "") if parts.path not in ("", "/") else ""


def one_line(text: str) -> str:
    """Collapse all whitespace (newlines included) to single spaces."""
    return " ".join(str(text).split())


def describe_exception(exc: BaseException) -> str:
    """`ExcType: message` on one line, or just the type when the message is empty."""
    msg = one_line(str(exc))
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


# --- error mapping ----------------------------------------------------------------------------------------

_DNS_HINTS = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated",
    "getaddrinfo failed",
    "name resolution",
)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        todo.extend([e.__cause__, e.__context__])
    return seen


def _classify_os_error(exc: BaseException) -> tuple[str, bool]:
    """(kind, retryable) for a low-level exception, looking through its cause chain."""
    chain = _chain(exc)
    if any(isinstance(e, socket.gaierror) for e in chain) or any(
        h in str(e).lower() for e in chain for h in _DNS_HINTS
    ):
        return "dns", True
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            return "tls", False
    if any(isinstance(e, ssl.SSLError) for e in chain) or any(
        "certificate_verify_failed" in str(e).lower() for e in chain
    ):
        return "tls", True
    if any(isinstance(e, TimeoutError | socket.timeout | httpx.TimeoutException) for e in chain):
        return "timeout", True
    if any(isinstance(e, ConnectionError | httpx.ConnectError) for e in chain):
        return "connect", True
    if isinstance(exc, OSError):
        return "connect", True
    return "other", False


def http_error(notifier: str, exc: httpx.HTTPError, *, target: str) -> NotifyError:
    """Map an httpx exception to a NotifyError. `target` is already redacted (see `redact_url`)."""
    where = f" ({target})" if target else ""
    chain = _chain(exc)
    if isinstance(exc, httpx.TimeoutException):
        return NotifyError(f"{notifier}: timed out{where}: {type(exc).__name__}", kind="timeout", retryable=True)
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return NotifyError(f"{notifier}: invalid URL{where}", kind="config", retryable=False)
    if isinstance(exc, httpx.ConnectError):
        kind, retryable = _classify_os_error(exc)
        if kind == "dns":
            host = urlsplit(target).hostname if target else None
            what = f"cannot resolve host {host}" if host else "cannot resolve host"
            return NotifyError(f"{notifier}: {what}{where}", kind="dns", retryable=True)
        if kind == "tls":
            detail = next((one_line(str(e)) for e in chain if isinstance(e, ssl.SSLError)), one_line(str(exc)))
            return NotifyError(f"{notifier}: TLS error{where}: {detail}", kind="tls", retryable=retryable)
        if kind == "timeout":
            return NotifyError(f"{notifier}: connect timed out{where}", kind="timeout", retryable=True)
        return NotifyError(
            f"{notifier}: cannot connect{where}: {one_line(str(exc)) or 'connection failed'}",
            kind="connect",
            retryable=True,
        )
    if isinstance(exc, httpx.TransportError):
        kind, retryable = _classify_os_error(exc)
        if kind == "other":
            kind, retryable = "connect", True
        return NotifyError(
            f"{notifier}: connection failed{where}: {describe_exception(exc)}", kind=kind, retryable=retryable
        )
    return NotifyError(f"{notifier}: HTTP error{where}: {describe_exception(exc)}", kind="other", retryable=True)


# Slack (and others) answer these in the body of a 4xx: the credentials or the destination are wrong.
_AUTH_BODIES = (
    "invalid_token",
    "invalid_auth",
    "token_revoked",
    "token_expired",
    "no_service",
    "no_team",
    "team_disabled",
    "account_inactive",
    "action_prohibited",
    "no_service_id",
    "invalid_credentials",
    "unauthorized",
    "forbidden",
)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds from a `Retry-After` header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def response_error(notifier: str, response: httpx.Response, *, target: str) -> NotifyError | None:
    """None for a 2xx answer, else the NotifyError describing it (status, a body snippet, the right kind)."""
    status = response.status_code
    if 200 <= status < 300:
        return None
    try:
        body = one_line(response.text)
    except Exception:
        body = ""
    snippet = body[:200] + ("…" if len(body) > 200 else "")
    where = f" from {target}" if target else ""
    text = f"{notifier}: HTTP {status}{where}" + (f": {snippet}" if snippet else "")
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        hint = f" (retry after {retry_after:g}s)" if retry_after is not None else ""
        return NotifyError(text + hint, kind="rate_limited", retryable=True, retry_after=retry_after, status=status)
    if status >= 500:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        return NotifyError(text, kind="http_5xx", retryable=True, retry_after=retry_after, status=status)
    if status == 408:
        return NotifyError(text, kind="timeout", retryable=True, status=status)
    lowered = body.lower()
    if status in (401, 403) or any(word in lowered for word in _AUTH_BODIES):
        return NotifyError(text, kind="auth", retryable=False, status=status)
    if 400 <= status < 500:
        return NotifyError(text, kind="http_4xx", retryable=False, status=status)
    # 1xx/3xx: redirects are not followed for POSTs; the configured URL is wrong.
    return NotifyError(text, kind="config", retryable=False, status=status)


async def post(
    notifier: str,
    http: httpx.AsyncClient,
    url: str,
    *,
    content: bytes,
    headers: dict[str, str],
    timeout: float,
) -> httpx.Response:
    """POST `content` to `url`; return the 2xx response or raise a NotifyError that shows only scheme+host."""
    target = redact_url(url)
    try:
        response = await http.post(url, content=content, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        raise http_error(notifier, exc, target=target) from None
    error = response_error(notifier, response, target=target)
    if error is not None:
        raise error
    return response
