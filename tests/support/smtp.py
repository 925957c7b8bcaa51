"""A recording SMTP server on 127.0.0.1 for tests (aiosmtpd in a background thread).

    from tests.support.smtp import SmtpServer, self_signed_cert

    with SmtpServer(users={"alice": "s3cret"}) as smtp:       # AUTH PLAIN/LOGIN, allowed without TLS
        ... send to smtp.host, smtp.port ...
        mail = smtp.wait_for(1)[0]
        mail.message["Subject"], mail.rcpt_tos, mail.login    # parsed message, envelope, who logged in

    cert = self_signed_cert(tmp_path)                           # None when no way to make one
    with SmtpServer(users=..., tls_cert=cert, require_starttls=True) as smtp: ...   # STARTTLS
    with SmtpServer(tls_cert=cert, implicit_tls=True) as smtp: ...                  # SMTPS

Or use the `smtp_server` fixture from `tests.support.fixtures`.
"""

from __future__ import annotations

import email
import email.policy
import shutil
import socket
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

__all__ = ["SMTP_PASSWORD", "SMTP_USER", "ReceivedMail", "SmtpServer", "free_port", "self_signed_cert"]

# The login the `smtp_server` fixture accepts.
SMTP_USER = "tally"
SMTP_PASSWORD = "s3cret-pass"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (also good for "connection refused" tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class ReceivedMail:
    """One delivered message."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    login: str | None  # the authenticated user, if any
    tls: bool  # whether the session was encrypted (STARTTLS or implicit)

    @property
    def message(self) -> EmailMessage:
        """The message parsed with the modern policy (`get_body`, `iter_parts`…)."""
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class _Recorder:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.server.refuse_recipients:
            return f"550 5.1.1 <{address}>: recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        login = session.auth_data if session.authenticated else None
        if isinstance(login, bytes):
            login = login.decode()
        self.server._record(
            ReceivedMail(
                mail_from=str(envelope.mail_from),
                rcpt_tos=list(envelope.rcpt_tos),
                raw=raw,
                login=login,
                tls=session.ssl is not None or self.server.implicit_tls,
            )
        )
        return "250 Message accepted"


class SmtpServer:
    """aiosmtpd `Controller` on loopback that records messages; optional AUTH, STARTTLS or implicit TLS."""

    def __init__(
        self,
        *,
        users: dict[str, str] | None = None,
        tls_cert: tuple[Path, Path] | None = None,
        require_starttls: bool = False,
        implicit_tls: bool = False,
        refuse_recipients: set[str] | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        self.host = host
        self.implicit_tls = implicit_tls
        self.port = free_port(host)
        self.users = dict(users or {})
        self.refuse_recipients = set(refuse_recipients or ())
        self.messages: list[ReceivedMail] = []
        self.failed_logins = 0
        self._cond = threading.Condition()
        kwargs: dict[str, Any] = {}
        context = None
        if tls_cert is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(tls_cert[0]), str(tls_cert[1]))
        if implicit_tls:
            assert context is not None, "implicit_tls needs tls_cert"
            kwargs["ssl_context"] = context
        elif context is not None:
            kwargs["tls_context"] = context
            kwargs["require_starttls"] = require_starttls
        if self.users:
            kwargs["authenticator"] = self._authenticate
            kwargs["auth_require_tls"] = require_starttls
        self._controller = Controller(_Recorder(self), hostname=host, port=self.port, **kwargs)
        self.started = False

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            user = auth_data.login.decode()
            if self.users.get(user) == auth_data.password.decode():
                return AuthResult(success=True, auth_data=user)
        with self._cond:
            self.failed_logins += 1
        return AuthResult(success=False, handled=False)

    def _record(self, mail: ReceivedMail) -> None:
        with self._cond:
            self.messages.append(mail)
            self._cond.notify_all()

    def start(self) -> SmtpServer:
        """Start serving in a background thread."""
        if not self.started:
            self._controller.start()
            self.started = True
        return self

    def stop(self) -> None:
        """Stop the server."""
        if self.started:
            self._controller.stop()
            self.started = False

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedMail]:
        """Block until at least `count` messages arrived (AssertionError after `timeout`)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} message(s), got {len(self.messages)}")
                self._cond.wait(remaining)
            return list(self.messages)


def self_signed_cert(directory: Path, host: str = "127.0.0.1") -> tuple[Path, Path] | None:
    """Write a throw-away certificate for `host` (an IP SAN) and its key; return (cert, key), or None.

    Uses the `cryptography` package when installed, else the `openssl` command; None when neither is there.
    """
    cert, key = directory / "cert.pem", directory / "key.pem"
    try:
        _cert_with_cryptography(cert, key, host)
        return cert, key
    except ImportError:
        pass
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    result = subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={host}",
            "-addext", f"subjectAltName=IP:{host}",
        ],
        capture_output=True,
        timeout=30,
        check=False,
    )  # fmt: skip
    if result.returncode != 0 or not cert.exists():
        return None
    return cert, key


def _cert_with_cryptography(cert_path: Path, key_path: Path, host: str) -> None:
    import datetime
    import ipaddress

    from cryptography import x509  # type: ignore[import-not-found]
    from cryptography.hazmat.primitives import hashes, serialization  # type: ignore[import-not-found]
    from cryptography.hazmat.primitives.asymmetric import ec  # type: ignore[import-not-found]
    from cryptography.x509.oid import NameOID  # type: ignore[import-not-found]

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
