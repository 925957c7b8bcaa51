"""The reusable test parts themselves: HttpEndpoint scripting/recording and SmtpServer basics."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

import httpx
import pytest

from tests.support.http_endpoint import HttpEndpoint, RecordedRequest, Reply
from tests.support.smtp import SMTP_PASSWORD, SMTP_USER, SmtpServer

pytest_plugins = ["tests.support.fixtures"]


def test_endpoint_script_records_and_defaults(http_endpoint: HttpEndpoint) -> None:
    http_endpoint.script(
        500,
        (201, "made"),
        Reply(200, body={"ok": True}, headers={"X-A": "1"}),
        lambda req: Reply(202, body=req.path),
    )
    with httpx.Client() as c:
        r1 = c.post(http_endpoint.url("/a?x=1"), json={"n": 1}, headers={"X-Test": "yes"})
        r2 = c.get(http_endpoint.url("b"))
        r3 = c.put(http_endpoint.url("/c"), content=b"raw")
        r4 = c.delete(http_endpoint.url("/d"))
        r5 = c.post(http_endpoint.url("/e"))
    assert [r.status_code for r in (r1, r2, r3, r4, r5)] == [500, 201, 200, 202, 200]
    assert r2.text == "made" and r3.json() == {"ok": True} and r3.headers["x-a"] == "1" and r4.text == "/d"
    reqs = http_endpoint.wait_for(5)
    first: RecordedRequest = reqs[0]
    assert (first.method, first.path, first.json()) == ("POST", "/a?x=1", {"n": 1})
    assert first.header("x-test") == "yes" and first.header("X-TEST") == "yes"
    assert [r.method for r in reqs] == ["POST", "GET", "PUT", "DELETE", "POST"]
    assert reqs[2].body == b"raw" and http_endpoint.last.path == "/e"
    http_endpoint.reset()
    assert http_endpoint.requests == []
    with pytest.raises(AssertionError):
        http_endpoint.wait_for(1, timeout=0.1)


def test_endpoint_refuse_and_accept_keep_the_port() -> None:
    with HttpEndpoint() as ep:
        port = ep.port
        ep.refuse()
        assert not ep.running
        with pytest.raises(httpx.ConnectError):
            httpx.get(ep.url("/"), timeout=2)
        ep.accept()
        assert ep.port == port and httpx.get(ep.url("/"), timeout=2).status_code == 200


def test_smtp_server_records_and_rejects_bad_login(smtp_server: SmtpServer) -> None:
    mail = EmailMessage()
    mail["Subject"], mail["From"], mail["To"] = "hi", "a@example.org", "b@example.org"
    mail.set_content("body")
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=5) as client:
        with pytest.raises(smtplib.SMTPAuthenticationError):
            client.login(SMTP_USER, "nope")
        client.login(SMTP_USER, SMTP_PASSWORD)
        client.send_message(mail)
    (got,) = smtp_server.wait_for(1)
    assert got.message["Subject"] == "hi" and got.rcpt_tos == ["b@example.org"] and got.login == SMTP_USER
    assert smtp_server.failed_logins >= 1 and not got.tls
