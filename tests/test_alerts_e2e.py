"""Alerts end to end: real page server, real SQLite, a real SMTP server and local Slack/webhook endpoints."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import lxml.html
import pytest

from monitor.config import load_config
from monitor.fetch import make_client
from monitor.outbox import Dispatcher, build_notifiers
from storage.db import open_database
from storage.models import utcnow
from tests.conftest import Workspace
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.http_endpoint import HttpEndpoint
from tests.support.pages import PageServer
from tests.support.smtp import SMTP_PASSWORD, SMTP_USER, SmtpServer

SLACK_SECRET = "T000/B000/slack-secret-token-xyz"


def _config(ws: Workspace, site: PageServer, slack: HttpEndpoint, smtp: SmtpServer | None = None,
            watch_extra: str = "") -> None:
    email = ""
    notify = "[chat]"
    if smtp is not None:
        email = f"""
          desk:
            type: email
            host: 127.0.0.1
            port: {smtp.port}
            username: {SMTP_USER}
            password: "${{TW_SMTP_PASSWORD}}"
            from: alerts@example.org
            to: [desk@example.org]
        """
        notify = "[chat, desk]"
    ws.write_config(f"""
        notifiers:
          chat:
            type: slack
            webhook_url: "{slack.url('/services/' + SLACK_SECRET)}"
          {email.strip()}
        watches:
          - name: un-casualty-updates
            url: {site.url('/report')}
            notify: {notify}
            {watch_extra.strip()}
    """)


def _revise(site: PageServer, old: str, new: str) -> None:
    paragraphs = [p.replace(old, new) for p in BASE_PARAGRAPHS]
    site.set("/report", article(paragraphs))


@pytest.fixture
def smtp_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TW_SMTP_PASSWORD", SMTP_PASSWORD)


def test_killed_moves_one_slack_post_and_one_email(ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint,
                                                   smtp_server: SmtpServer, smtp_env: None) -> None:
    site.set("/report", article())
    _config(ws, site, http_endpoint, smtp_server)
    assert ws.cli("check").code == 0
    assert http_endpoint.requests == [] and smtp_server.messages == []  # the first version is the baseline

    _revise(site, "at least 249", "at least 331")
    result = ws.cli("check")
    assert result.code == 0, result.err
    assert "2 sent" in result.out

    assert len(http_endpoint.requests) == 1
    payload = http_endpoint.requests[0].json()
    blocks = payload["blocks"]
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["type"] == "plain_text"
    assert all(b["type"] in {"header", "section", "context", "divider"} for b in blocks)
    body = str(payload)
    assert "killed" in body and "249" in body and "331" in body and "+82" in body
    assert isinstance(payload["text"], str) and payload["text"]

    mails = smtp_server.wait_for(1)
    assert len(mails) == 1
    msg = mails[0].message
    assert "un-casualty-updates" in msg["Subject"] and "249" in msg["Subject"] and "331" in msg["Subject"]
    text_part = msg.get_body(preferencelist=("plain",)).get_content()
    html_part = msg.get_body(preferencelist=("html",)).get_content()
    for part in (text_part, html_part):
        assert "killed" in part and "249" in part and "331" in part and "+82" in part
    doc = lxml.html.fromstring(html_part)
    assert doc.find(".//table") is not None

    # Nothing more goes out for the same change, however often we check.
    ws.cli("check")
    assert len(http_endpoint.requests) == 1 and len(smtp_server.messages) == 1


def test_html_in_a_sentence_is_escaped_in_email(ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint,
                                                smtp_server: SmtpServer, smtp_env: None) -> None:
    paragraphs = list(BASE_PARAGRAPHS)
    site.set("/report", article(paragraphs))
    _config(ws, site, http_endpoint, smtp_server)
    ws.cli("check")
    paragraphs[0] = paragraphs[0].replace("at least 249", "at least 331") + " <script>alert(1)</script> & co"
    site.set("/report", article(paragraphs))
    ws.cli("check")
    mail = smtp_server.wait_for(1)[0]
    html_part = mail.message.get_body(preferencelist=("html",)).get_content()
    assert "<script>" not in html_part
    slack_text = http_endpoint.requests[0].text
    assert "<script>" not in slack_text


def test_rewording_alerts_only_under_alert_on_text(ws: Workspace, site: PageServer,
                                                   http_endpoint: HttpEndpoint) -> None:
    site.set("/report", article())
    _config(ws, site, http_endpoint)
    ws.cli("check")
    _revise(site, "Rescue teams were still searching", "Search teams kept digging through")
    ws.cli("check")
    assert http_endpoint.requests == []

    _config(ws, site, http_endpoint, watch_extra="alert_on: text")
    _revise(site, "Rescue teams were still searching", "Volunteers were still combing")
    result = ws.cli("check")
    assert result.code == 0
    assert len(http_endpoint.requests) == 1


def test_slack_outage_retried_and_delivered_once_across_restart(ws: Workspace, site: PageServer,
                                                                http_endpoint: HttpEndpoint) -> None:
    site.set("/report", article())
    _config(ws, site, http_endpoint)
    ws.cli("check")
    http_endpoint.script(500)
    _revise(site, "at least 249", "at least 331")
    result = ws.cli("check")
    assert "1 will be retried" in result.out
    assert len(http_endpoint.requests) == 1

    config = load_config(ws.config)

    async def dispatch(later: timedelta) -> None:
        engine = open_database(ws.db_url)  # a fresh engine, as after a process restart
        async with make_client() as http:
            dispatcher = Dispatcher(engine=engine, http=http, notifiers=build_notifiers(config.notifiers),
                                    clock=lambda: utcnow() + later)
            await dispatcher.dispatch_due()
        engine.dispose()

    http_endpoint.refuse()
    asyncio.run(dispatch(timedelta(minutes=5)))  # due again, connection refused
    http_endpoint.accept()
    asyncio.run(dispatch(timedelta(minutes=1)))  # not due yet: the back-off grew
    assert len(http_endpoint.requests) == 1
    asyncio.run(dispatch(timedelta(hours=2)))
    asyncio.run(dispatch(timedelta(hours=4)))  # a later restart: nothing left to send
    delivered = [r for r in http_endpoint.requests[1:]]
    assert len(delivered) == 1
    status, attempts = ws.sql("SELECT status, attempts FROM alerts")[0]
    assert status == "sent" and attempts == 3
    assert ws.cli("alerts", "--status", "sent", "--json").json()[0]["notifier"] == "chat"


def test_error_lifecycle_one_error_alert_then_one_recovered(ws: Workspace, site: PageServer,
                                                             http_endpoint: HttpEndpoint) -> None:
    site.set("/report", article())
    _config(ws, site, http_endpoint)
    ws.cli("check")
    site.fail("/report", 503)
    for _ in range(3):
        assert ws.cli("check").code == 2
    kinds = [r.json()["text"] for r in http_endpoint.requests]
    assert len(kinds) == 1 and "503" in kinds[0]
    assert ws.cli("check").code == 2
    assert len(http_endpoint.requests) == 1
    site.set("/report", article())
    assert ws.cli("check").code == 0
    assert len(http_endpoint.requests) == 2
    assert "recovered" in http_endpoint.requests[1].text.lower()
    assert ws.cli("check").code == 0
    assert len(http_endpoint.requests) == 2


def test_secrets_never_printed(ws: Workspace, site: PageServer, http_endpoint: HttpEndpoint,
                               smtp_server: SmtpServer, smtp_env: None) -> None:
    site.set("/report", article())
    _config(ws, site, http_endpoint, smtp_server)
    outputs = [ws.cli("check"), ws.cli("validate"), ws.cli("list", "--json")]
    http_endpoint.script(500)
    _revise(site, "at least 249", "at least 331")
    outputs += [ws.cli("check"), ws.cli("alerts", "--json"), ws.cli("notify-test", "chat")]
    text = "".join(o.out + o.err for o in outputs)
    text += "".join(r.text for r in http_endpoint.requests)
    text += "".join(m.raw.decode("utf-8", "replace") for m in smtp_server.messages)
    text += "".join(str(r) for r in ws.sql("SELECT CAST(payload AS TEXT), last_error FROM alerts"))
    assert SLACK_SECRET not in text and "slack-secret-token" not in text
    assert SMTP_PASSWORD not in text


def test_digest_gathers_a_window_into_one_message(ws: Workspace, site: PageServer,
                                                  http_endpoint: HttpEndpoint) -> None:
    ws.write_config(f"""
        notifiers:
          hook: {{type: webhook, url: "{http_endpoint.url('/hook')}", digest: 15m}}
        watches:
          - {{name: a, url: "{site.url('/a')}", notify: [hook]}}
          - {{name: b, url: "{site.url('/b')}", notify: [hook]}}
    """)
    site.set("/a", article())
    site.set("/b", article(title="Second report"))
    ws.cli("check")
    site.set("/a", article([p.replace("at least 249", "at least 331") for p in BASE_PARAGRAPHS]))
    site.set("/b", article([p.replace("553 injured", "601 injured") for p in BASE_PARAGRAPHS], title="Second report"))
    engine = open_database(ws.db_url)
    config = load_config(ws.config)

    async def check_and_dispatch(later: timedelta) -> None:
        from monitor.pipeline import CheckContext, run_checks

        async with make_client() as http:
            if later == timedelta(0):
                await run_checks(CheckContext(engine=engine, http=http, config=config), config.watches)
            dispatcher = Dispatcher(engine=engine, http=http, notifiers=build_notifiers(config.notifiers),
                                    digests={"hook": 900.0}, clock=lambda: utcnow() + later)
            await dispatcher.dispatch_due()

    asyncio.run(check_and_dispatch(timedelta(0)))
    assert http_endpoint.requests == []  # still gathering
    asyncio.run(check_and_dispatch(timedelta(minutes=16)))
    engine.dispose()
    assert len(http_endpoint.requests) == 1
    digest = http_endpoint.requests[0].json()
    assert digest["schema"] == "tallywatch.digest/1"
    assert sorted(a["watch"] for a in digest["alerts"]) == ["a", "b"]


def test_notify_test_says_what_failed(ws: Workspace, http_endpoint: HttpEndpoint) -> None:
    ws.write_config(f"""
        notifiers:
          ok: {{type: webhook, url: "{http_endpoint.url('/hook')}"}}
          closed: {{type: webhook, url: "http://127.0.0.1:9/hook"}}
          nodns: {{type: slack, webhook_url: "https://hooks.tallywatch.invalid/services/x"}}
        watches: []
    """)
    assert ws.cli("notify-test", "ok").code == 0
    assert http_endpoint.requests[0].json()["kind"] == "test"
    http_endpoint.script(401)
    denied = ws.cli("notify-test", "ok")
    assert denied.code == 2 and "auth" in denied.err
    closed = ws.cli("notify-test", "closed")
    assert closed.code == 2 and "connect" in closed.err
    nodns = ws.cli("notify-test", "nodns")
    assert nodns.code == 2 and "dns" in nodns.err
    unknown = ws.cli("notify-test", "okk")
    assert unknown.code == 1 and "unknown notifier 'okk' (did you mean 'ok'?)" in unknown.err
