"""Email: text+HTML parts, escaping, subject, Message-ID, and real SMTP (AUTH, STARTTLS, SMTPS, errors)."""

from __future__ import annotations

import asyncio
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import lxml.html
import pytest

from notifiers import NotifyError, build_notifier
from notifiers.email import build_email
from notifiers.message import AlertMessage, FigureMove
from tests.support import sample_change, sample_error
from tests.support.smtp import SMTP_PASSWORD, SMTP_USER, SmtpServer, free_port

pytest_plugins = ["tests.support.fixtures"]


def mailer(host: str = "127.0.0.1", port: int = 25, **extra: Any) -> Any:
    config = {"type": "email", "host": host, "port": port, "from": "Alerts <alerts@example.org>"}
    config["to"] = ["desk@example.org"]
    config.update(extra)
    return build_notifier("desk", config)


def send(notifier: Any, messages: list[AlertMessage]) -> None:
    async def run() -> None:
        async with httpx.AsyncClient() as http:
            await notifier.send(messages, http=http)

    asyncio.run(run())


def parts(mail: EmailMessage) -> tuple[str, str]:
    text = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_text_and_html_parts_and_subject() -> None:
    mail = build_email(mailer().config, [sample_change()])
    assert mail["Subject"] == "[tallywatch] un-casualty-updates: killed at least 249 → at least 331"
    assert mail.is_multipart() and mail.get_content_type() == "multipart/alternative"
    text, html = parts(mail)
    assert "killed: at least 249 → at least 331 (+82, +32.9%)" in text
    assert "At least 331 civilians have been killed" in text
    doc = lxml.html.fromstring(html)
    cells = [[c.text_content().strip() for c in row.iter("td")] for row in doc.iter("tr")]
    assert ["killed (civilians killed)", "at least 249", "at least 331", "+82 (+32.9%)"] in cells
    assert doc.xpath("//del")[0].text_content() == "249"
    assert doc.xpath("//ins")[0].text_content() == "331"
    assert doc.xpath("//a/@href") == ["https://www.example-un.org/news/civilian-casualty-update-4"]


def test_html_escapes_page_text() -> None:
    move = FigureMove(
        key="killed",
        kind="changed",
        old="<b>1</b>",
        new="2",
        delta=1,
        new_sentence='Now <script>alert("x")</script> & more',
    )
    msg = sample_change(
        figures=(move,), text_diff=((1, "<img src=x onerror=alert(1)>"),), url='https://x.org/?a="><script>'
    )
    _, html = parts(build_email(mailer().config, [msg]))
    assert "<script>" not in html and "<img" not in html and "<b>1" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//script") and not doc.xpath("//img")
    assert doc.xpath("//a/@href") == ['https://x.org/?a="><script>']


def test_message_id_is_stable_per_key() -> None:
    config = mailer().config
    a = build_email(config, [sample_change()])
    b = build_email(config, [sample_change()])
    c = build_email(config, [sample_change(key="other")])
    assert a["Message-ID"] == b["Message-ID"] != c["Message-ID"]
    assert a["Message-ID"].endswith("@example.org>")
    assert a["X-Tallywatch-Idempotency-Key"] == "k-change-1"


def test_digest_is_one_email() -> None:
    messages = [sample_change(key="a"), sample_error(key="b"), sample_change(watch="other", key="c")]
    mail = build_email(mailer().config, messages)
    assert mail["Subject"].startswith(
        "[tallywatch] digest: 3 alerts (un-casualty-updates, deconfliction-article"
    )
    text, html = parts(mail)
    assert "deconfliction-article: failing after 3 failed checks: HTTP 404 Not Found" in text
    assert len(lxml.html.fromstring(html).xpath("//h2")) == 3


def test_send_with_login(smtp_server: SmtpServer) -> None:
    notifier = mailer(port=smtp_server.port, username=SMTP_USER, password=SMTP_PASSWORD)
    send(notifier, [sample_change()])
    (got,) = smtp_server.wait_for(1)
    assert got.login == SMTP_USER
    assert got.mail_from == "alerts@example.org" and got.rcpt_tos == ["desk@example.org"]
    assert got.message["Subject"].startswith("[tallywatch] un-casualty-updates")
    text, html = parts(got.message)
    assert "at least 331" in text and "<table" in html
    assert SMTP_PASSWORD.encode() not in got.raw


def test_wrong_password_is_auth_and_not_retryable(smtp_server: SmtpServer) -> None:
    notifier = mailer(port=smtp_server.port, username=SMTP_USER, password="wrong-Pa55word")
    with pytest.raises(NotifyError) as info:
        send(notifier, [sample_change()])
    err = info.value
    assert (err.kind, err.retryable) == ("auth", False)
    assert "wrong-Pa55word" not in str(err) + repr(err)
    assert "'desk' (email)" in str(err) and "\n" not in str(err)
    assert not smtp_server.messages


def test_recipient_refused_is_config() -> None:
    with SmtpServer(refuse_recipients={"desk@example.org"}) as server, pytest.raises(NotifyError) as info:
        send(mailer(port=server.port), [sample_change()])
    assert info.value.kind == "config" and not info.value.retryable
    assert "desk@example.org" in str(info.value)


def test_connection_refused() -> None:
    with pytest.raises(NotifyError) as info:
        send(mailer(port=free_port()), [sample_change()])
    assert (info.value.kind, info.value.retryable) == ("connect", True)


def test_dns_failure() -> None:
    with pytest.raises(NotifyError) as info:
        send(mailer(host="smtp.tallywatch.invalid"), [sample_change()])
    assert info.value.kind == "dns"
    assert "smtp.tallywatch.invalid" in str(info.value)


def test_starttls_with_login(tls_cert: tuple[Path, Path]) -> None:
    with SmtpServer(users={SMTP_USER: SMTP_PASSWORD}, tls_cert=tls_cert, require_starttls=True) as server:
        notifier = mailer(
            port=server.port,
            starttls=True,
            username=SMTP_USER,
            password=SMTP_PASSWORD,
            ca_file=str(tls_cert[0]),
        )
        send(notifier, [sample_change()])
        (got,) = server.wait_for(1)
    assert got.tls and got.login == SMTP_USER


def test_starttls_untrusted_certificate_is_tls_error(tls_cert: tuple[Path, Path]) -> None:
    with SmtpServer(tls_cert=tls_cert, require_starttls=True) as server, pytest.raises(NotifyError) as info:
        send(mailer(port=server.port, starttls=True), [sample_change()])
    assert info.value.kind == "tls" and not info.value.retryable


def test_implicit_tls(tls_cert: tuple[Path, Path]) -> None:
    with SmtpServer(tls_cert=tls_cert, implicit_tls=True) as server:
        send(mailer(port=server.port, ssl=True, ca_file=str(tls_cert[0])), [sample_change()])
        (got,) = server.wait_for(1)
    assert got.tls


def test_config_rules() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="not both"):
        mailer(starttls=True, ssl=True)
    with pytest.raises(ValidationError, match="go together"):
        mailer(username="u")
    with pytest.raises(ValidationError):
        mailer(to=[])
    assert mailer(port=None, ssl=True).config.effective_port == 465
    assert mailer(port=None, starttls=True).config.effective_port == 587
    assert "hunter2" not in repr(mailer(username="u", password="hunter2").config)
