"""The email channel: one multipart (text + HTML) message over SMTP, with STARTTLS or implicit TLS.

smtplib is blocking, so delivery runs in a worker thread. The `Message-ID` is derived from the idempotency
key, so a repeated delivery of the same alert carries the same id and mail clients/servers can recognize it.
"""

from __future__ import annotations

import asyncio
import hashlib
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Literal

import httpx
from pydantic import Field, SecretStr, field_validator, model_validator

from .base import BaseNotifier, NotifierConfig, NotifyError, _classify_os_error, describe_exception, one_line
from .message import AlertMessage, digest_idempotency_key
from .registry import register
from .render import (
    diff_markers,
    digest_title,
    figure_rows,
    html_escape,
    plain_text,
    quoted_sentences,
    summary_line,
    truncate,
    version_span,
)

MAX_SUBJECT = 200
MAX_HTML_DIFF = 6000


class EmailConfig(NotifierConfig):
    """SMTP settings. `from` is spelled `from` in YAML (the Python attribute is `from_`)."""

    type: Literal["email"]
    host: str = Field(min_length=1)
    port: int | None = Field(
        default=None, ge=1, le=65535, description="Default: 465 with ssl, 587 with starttls, else 25."
    )
    starttls: bool = False
    ssl: bool = Field(default=False, description="Implicit TLS (SMTPS, usually port 465).")
    username: str | None = None
    password: SecretStr | None = None
    from_: str = Field(alias="from")
    to: list[str] = Field(min_length=1)
    subject_prefix: str = "[tallywatch]"
    ca_file: str | None = Field(default=None, description="PEM bundle to trust instead of the system CAs.")

    @field_validator("from_")
    @classmethod
    def _one_address(cls, value: str) -> str:
        if "@" not in parseaddr(value)[1]:
            raise ValueError("must be an email address, e.g. alerts@example.org or 'Alerts <alerts@example.org>'")
        return value

    @field_validator("to")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if "@" not in parseaddr(v)[1]]
        if bad:
            raise ValueError(f"not an email address: {', '.join(bad)}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> EmailConfig:
        if self.starttls and self.ssl:
            raise ValueError("choose one of starttls (port 587) and ssl (port 465), not both")
        if (self.username is None) != (self.password is None):
            raise ValueError("username and password go together")
        return self

    @property
    def effective_port(self) -> int:
        """The configured port, or the usual one for the TLS mode."""
        return self.port or (465 if self.ssl else 587 if self.starttls else 25)


def _html_alert(msg: AlertMessage, *, level: int) -> str:
    span = version_span(msg)
    parts = [
        f'<h{level} style="margin:1em 0 .3em">{html_escape(msg.watch)}'
        + (f' <small style="color:#666;font-weight:normal">{html_escape(span)}</small>' if span else "")
        + f"</h{level}>"
    ]
    if msg.kind != "change" or not msg.figures:
        parts.append(f"<p>{html_escape(summary_line(msg))}</p>")
    rows = figure_rows(msg)
    if rows:
        cell = 'style="padding:2px 10px;border-bottom:1px solid #ddd;text-align:left"'
        parts.append('<table style="border-collapse:collapse">')
        parts.append(
            f"<thead><tr><th {cell}>Figure</th><th {cell}>Before</th><th {cell}>After</th>"
            f"<th {cell}>Change</th></tr></thead><tbody>"
        )
        for r in rows:
            label = f' <small style="color:#666">({html_escape(r.label)})</small>' if r.label else ""
            parts.append(
                f"<tr><td {cell}><b>{html_escape(r.key)}</b>{label}</td><td {cell}>{html_escape(r.old)}</td>"
                f"<td {cell}>{html_escape(r.new)}</td><td {cell}>{html_escape(r.change)}</td></tr>"
            )
        parts.append("</tbody></table>")
    for sentence in quoted_sentences(msg):
        parts.append(
            '<blockquote style="margin:.6em 0;padding-left:.8em;border-left:3px solid #ccc">'
            f"{html_escape(sentence)}</blockquote>"
        )
    if msg.text_diff:
        diff = diff_markers(
            msg.text_diff,
            delete=('<del style="background:#fdd">', "</del>"),
            insert=('<ins style="background:#dfd;text-decoration:none">', "</ins>"),
            escape=html_escape,
            limit=MAX_HTML_DIFF,
        )
        parts.append(f'<p style="white-space:pre-wrap;color:#333">{diff}</p>')
    if msg.url:
        parts.append(f'<p><a href="{html_escape(msg.url)}">Open the report</a></p>')
    parts.append(f'<p style="color:#888;font-size:small">{html_escape(msg.created_at)}</p>')
    return "\n".join(parts)


def render_html(messages: list[AlertMessage]) -> str:
    """The HTML part: figures table, sentences, word diff (`<del>`/`<ins>`), link; page text escaped."""
    title = messages[0].headline if len(messages) == 1 else f"tallywatch {digest_title(messages)}"
    if len(messages) == 1:
        body = _html_alert(messages[0], level=2)
    else:
        body = f'<h1 style="font-size:1.3em">{html_escape(title)}</h1>\n' + "\n<hr>\n".join(
            _html_alert(m, level=2) for m in messages
        )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html_escape(title)}</title></head>\n"
        '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px">\n'
        f"{body}\n</body></html>\n"
    )


def render_text(messages: list[AlertMessage]) -> str:
    """The text/plain part."""
    lines: list[str] = []
    if len(messages) > 1:
        lines += [f"tallywatch {digest_title(messages)}", ""]
    for m in messages:
        lines += [*plain_text(m), ""]
    return "\n".join(lines)


def subject(prefix: str, messages: list[AlertMessage]) -> str:
    """`[tallywatch] un-casualty-updates: killed at least 249 → at least 331` (one line, bounded)."""
    what = messages[0].headline if len(messages) == 1 else digest_title(messages)
    return truncate(one_line(f"{prefix} {what}".strip()), MAX_SUBJECT)


def message_id(key: str, from_addr: str) -> str:
    """`<hex.tallywatch@domain>`: the same key always gives the same Message-ID."""
    domain = parseaddr(from_addr)[1].rpartition("@")[2] or "tallywatch.invalid"
    return f"<{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.tallywatch@{domain}>"


def build_email(config: EmailConfig, messages: list[AlertMessage]) -> EmailMessage:
    """The complete message, ready for `send_message`."""
    key = digest_idempotency_key(messages)
    mail = EmailMessage()
    mail["Subject"] = subject(config.subject_prefix, messages)
    mail["From"] = config.from_
    mail["To"] = ", ".join(config.to)
    mail["Date"] = formatdate(localtime=False, usegmt=True)
    mail["Message-ID"] = message_id(key, config.from_)
    if key.isascii() and key.isprintable():
        mail["X-Tallywatch-Idempotency-Key"] = key
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(render_text(messages))
    mail.add_alternative(render_html(messages), subtype="html")
    return mail


def _smtp_error(label: str, exc: BaseException, target: str) -> NotifyError:
    def reply(e: smtplib.SMTPResponseException) -> str:
        text = e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) else str(e.smtp_error)
        return f"{e.smtp_code} {one_line(text)}"

    where = f"{label}: SMTP {target}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return NotifyError(f"{where}: login refused: {reply(exc)}", kind="auth", retryable=False)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{addr}: {code} {one_line(m.decode('utf-8', 'replace') if isinstance(m, bytes) else str(m))}"
            for addr, (code, m) in exc.recipients.items()
        )
        return NotifyError(f"{where}: recipients refused: {refused}", kind="config", retryable=False)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        temporary = 400 <= exc.smtp_code < 500
        return NotifyError(f"{where}: sender refused: {reply(exc)}", kind="config", retryable=temporary)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return NotifyError(f"{where}: server does not support it: {one_line(str(exc))}", kind="config", retryable=False)
    if isinstance(exc, smtplib.SMTPConnectError):
        return NotifyError(f"{where}: cannot connect: {reply(exc)}", kind="connect", retryable=True)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return NotifyError(f"{where}: server disconnected: {one_line(str(exc))}", kind="connect", retryable=True)
    if isinstance(exc, smtplib.SMTPResponseException):
        return NotifyError(f"{where}: {reply(exc)}", kind="other", retryable=400 <= exc.smtp_code < 500)
    if isinstance(exc, smtplib.SMTPException):
        text = one_line(str(exc))
        if "authentication" in text.lower():
            return NotifyError(f"{where}: {text}", kind="auth", retryable=False)
        return NotifyError(f"{where}: {text}", kind="other", retryable=False)
    kind, retryable = _classify_os_error(exc)
    what = {
        "dns": f"cannot resolve host {target.rpartition(':')[0]}",
        "tls": "TLS error",
        "timeout": "timed out",
        "connect": "cannot connect",
    }.get(kind, "failed")
    if kind == "connect" and isinstance(exc, ConnectionRefusedError):
        what = "connection refused"
    return NotifyError(f"{where}: {what}: {describe_exception(exc)}", kind=kind, retryable=retryable)


def deliver(config: EmailConfig, mail: EmailMessage) -> None:
    """Blocking SMTP delivery (run it in a thread)."""
    try:
        context = ssl.create_default_context(cafile=config.ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise NotifyError(
            f"cannot load ca_file {config.ca_file}: {describe_exception(exc)}", kind="config", retryable=False
        ) from None
    port = config.effective_port
    timeout = config.timeout
    client: smtplib.SMTP
    if config.ssl:
        client = smtplib.SMTP_SSL(config.host, port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(config.host, port, timeout=timeout)
    with client:
        client.ehlo()
        if config.starttls:
            client.starttls(context=context)
            client.ehlo()
        if config.username is not None and config.password is not None:
            client.login(config.username, config.password.get_secret_value())
        client.send_message(mail, from_addr=parseaddr(config.from_)[1], to_addrs=[parseaddr(t)[1] for t in config.to])


@register("email", EmailConfig)
class EmailNotifier(BaseNotifier):
    """Sends one email per alert (or per digest) with text and HTML parts."""

    type = "email"
    config: EmailConfig

    async def _send(self, messages: list[AlertMessage], *, http: httpx.AsyncClient) -> None:
        mail = build_email(self.config, messages)
        target = f"{self.config.host}:{self.config.effective_port}"
        try:
            # smtplib's timeout is per socket operation; bound the whole exchange as well.
            await asyncio.wait_for(asyncio.to_thread(deliver, self.config, mail), self.config.timeout * 3)
        except TimeoutError as exc:
            raise NotifyError(
                f"{self.label}: SMTP {target}: timed out: {describe_exception(exc)}",
                kind="timeout",
                retryable=True,
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise _smtp_error(self.label, exc, target) from None
