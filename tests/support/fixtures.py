"""pytest fixtures for the test support parts. Load with `pytest_plugins = ["tests.support.fixtures"]`.

- `http_endpoint`: a started `HttpEndpoint` (recording HTTP server on 127.0.0.1), stopped afterwards.
- `smtp_server`: a started `SmtpServer` with one user `tally` / `s3cret-pass` (AUTH allowed without TLS).
- `tls_cert`: (cert.pem, key.pem) for 127.0.0.1 made at test time; skips the test when it cannot be made.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .http_endpoint import HttpEndpoint
from .smtp import SMTP_PASSWORD, SMTP_USER, SmtpServer, self_signed_cert


@pytest.fixture
def http_endpoint() -> Iterator[HttpEndpoint]:
    """A recording HTTP endpoint on a free loopback port; script answers with `.script(500, 200)`."""
    endpoint = HttpEndpoint().start()
    try:
        yield endpoint
    finally:
        endpoint.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A recording SMTP server on a free loopback port, accepting login `tally` / `s3cret-pass`."""
    with SmtpServer(users={SMTP_USER: SMTP_PASSWORD}) as server:
        yield server


@pytest.fixture
def tls_cert(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate and key for 127.0.0.1 (skips when neither cryptography nor openssl exist)."""
    made = self_signed_cert(tmp_path)
    if made is None:
        pytest.skip("no test certificate: neither the cryptography package nor openssl is available")
    return made
