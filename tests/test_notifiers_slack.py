"""Slack: Block Kit structure and limits, escaping, digests, error mapping against a loopback endpoint."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import httpx
import pytest

from notifiers import NotifyError, build_notifier
from notifiers.message import AlertMessage, FigureMove
from notifiers.slack import render_posts
from tests.support import sample_change, sample_error
from tests.support.http_endpoint import HttpEndpoint, Reply
from tests.support.smtp import free_port

pytest_plugins = ["tests.support.fixtures"]

SECRET_PATH = "/services/T0SECRET/B0SECRET/xyzzySECRETtoken"


def assert_valid_block_kit(payload: dict[str, Any]) -> None:
    """Structure checks for what Slack accepts from an incoming webhook."""
    assert isinstance(payload["text"], str) and 0 < len(payload["text"]) <= 3000
    blocks = payload["blocks"]
    assert 1 <= len(blocks) <= 50
    for block in blocks:
        t = block["type"]
        assert t in {"header", "section", "context", "divider"}, t
        if t == "header":
            assert block["text"]["type"] == "plain_text"
            assert 0 < len(block["text"]["text"]) <= 150
        elif t == "section":
            assert block["text"]["type"] == "mrkdwn"
            assert 0 < len(block["text"]["text"]) <= 3000
        elif t == "context":
            assert 1 <= len(block["elements"]) <= 10
            for el in block["elements"]:
                assert el["type"] in {"mrkdwn", "plain_text"}
                assert 0 < len(el["text"]) <= 3000


def all_text(payload: dict[str, Any]) -> str:
    parts = [payload["text"]]
    for b in payload["blocks"]:
        if "text" in b:
            parts.append(b["text"]["text"])
        parts.extend(el["text"] for el in b.get("elements", ()))
    return "\n".join(parts)


def send(notifier: Any, messages: list[AlertMessage]) -> None:
    async def run() -> None:
        async with httpx.AsyncClient() as http:
            await notifier.send(messages, http=http)

    asyncio.run(run())


def slack(url: str, **extra: Any) -> Any:
    return build_notifier("newsroom", {"type": "slack", "webhook_url": url, **extra})


def test_single_alert_blocks() -> None:
    posts = render_posts([sample_change()])
    assert len(posts) == 1
    payload = posts[0]
    assert_valid_block_kit(payload)
    blocks = payload["blocks"]
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "un-casualty-updates", "emoji": True},
    }
    text = all_text(payload)
    assert "killed: at least 249 → at least 331 (+82, +32.9%)" in text
    assert "> At least 331 civilians have been killed, including 19 children." in text
    assert "<https://www.example-un.org/news/civilian-casualty-update-4|Open the report>" in text
    assert any(b["type"] == "context" and "v3→v4" in b["elements"][0]["text"] for b in blocks)
    assert "un-casualty-updates" in payload["text"]


def test_page_text_is_mrkdwn_escaped() -> None:
    move = FigureMove(
        key="a<b>&c",
        kind="changed",
        old="<5",
        new="> 7",
        delta=2,
        new_sentence="Killed <script>alert(1)</script> & <!channel> <https://evil|click>",
    )
    msg = sample_change(watch="w<&>", figures=(move,), url="https://x.org/a?b=1&c=<2>|x")
    payload = render_posts([msg])[0]
    assert_valid_block_kit(payload)
    text = all_text(payload)
    assert "&lt;script&gt;" in text and "&lt;!channel&gt;" in text and "&lt;https://evil|click&gt;" in text
    assert "a&lt;b&gt;&amp;c: &lt;5 → &gt; 7 (+2)" in text
    assert "<script>" not in text and "<!channel>" not in text
    assert "<https://x.org/a?b=1&amp;c=&lt;2&gt;%7Cx|Open the report>" in text
    # header is plain_text: no escaping needed there, but it is bounded
    assert payload["blocks"][0]["text"]["text"] == "w<&>"


def test_text_only_change_shows_the_word_diff() -> None:
    msg = sample_change(figures=(), text_diff=((0, "The hotline "), (-1, "was"), (1, "is"), (0, " open.")))
    text = all_text(render_posts([msg])[0])
    assert "The hotline ~was~*is* open." in text


def test_error_and_recovered_kinds() -> None:
    payload = render_posts([sample_error()])[0]
    assert_valid_block_kit(payload)
    assert "failing after 3 failed checks: HTTP 404 Not Found" in all_text(payload)
    rec = dataclasses.replace(sample_error(), kind="recovered", error=None)
    assert "recovered" in all_text(render_posts([rec])[0])


def test_200_figures_stay_within_limits_and_say_what_was_left_out() -> None:
    msg = sample_change(n_figures=200)
    posts = render_posts([msg])
    for payload in posts:
        assert_valid_block_kit(payload)
    text = "\n".join(all_text(p) for p in posts)
    assert "100 more figures not shown" in text
    assert "metric 99:" in text
    assert "metric 150:" not in text


def test_huge_digest_splits_into_posts_within_limits() -> None:
    messages = [sample_change(watch=f"watch-{i}", key=f"k{i}", n_figures=30) for i in range(80)]
    posts = render_posts(messages)
    assert 1 < len(posts) <= 5
    for payload in posts:
        assert_valid_block_kit(payload)
    text = "\n".join(all_text(p) for p in posts)
    assert "watch-0" in text
    assert "more alerts left out" in text


def test_long_header_and_sentence_truncated() -> None:
    move = FigureMove(key="k", kind="changed", old="1", new="2", delta=1, new_sentence="x" * 10_000)
    payload = render_posts([sample_change(watch="w" * 400, figures=(move,))])[0]
    assert_valid_block_kit(payload)
    assert payload["blocks"][0]["text"]["text"].endswith("…")


def test_post_to_endpoint(http_endpoint: HttpEndpoint) -> None:
    send(slack(http_endpoint.url(SECRET_PATH)), [sample_change()])
    req = http_endpoint.last
    assert req.method == "POST" and req.path == SECRET_PATH
    assert req.header("content-type").startswith("application/json")
    assert_valid_block_kit(req.json())
    assert b"SECRET" not in req.body


def test_digest_of_three_is_one_post(http_endpoint: HttpEndpoint) -> None:
    messages = [sample_change(key="a"), sample_error(key="b"), sample_change(watch="other", key="c")]
    send(slack(http_endpoint.url(SECRET_PATH)), messages)
    assert len(http_endpoint.requests) == 1
    payload = http_endpoint.last.json()
    assert_valid_block_kit(payload)
    assert payload["blocks"][0]["type"] == "header"
    assert "3 alerts" in payload["blocks"][0]["text"]["text"]
    text = all_text(payload)
    assert "*un-casualty-updates*" in text and "*deconfliction-article*" in text and "*other*" in text


def error_for(notifier: Any, messages: list[AlertMessage] | None = None) -> NotifyError:
    with pytest.raises(NotifyError) as info:
        send(notifier, messages or [sample_change()])
    err = info.value
    text = str(err)
    assert "\n" not in text
    assert "SECRET" not in text and "xyzzy" not in text, text
    assert "'newsroom'" in text
    return err


@pytest.mark.parametrize(
    ("reply", "kind", "retryable"),
    [
        (Reply(500, "internal"), "http_5xx", True),
        (Reply(503, "unavailable"), "http_5xx", True),
        (Reply(403, "invalid_token"), "auth", False),
        (Reply(404, "no_service"), "auth", False),
        (Reply(400, "invalid_payload"), "http_4xx", False),
    ],
)
def test_http_errors_map_to_kinds(
    http_endpoint: HttpEndpoint, reply: Reply, kind: str, retryable: bool
) -> None:
    http_endpoint.script(reply)
    err = error_for(slack(http_endpoint.url(SECRET_PATH)))
    assert (err.kind, err.retryable, err.status) == (kind, retryable, reply.status)
    assert str(reply.status) in str(err) and str(reply.body) in str(err)
    assert f"http://127.0.0.1:{http_endpoint.port}/…" in str(err)


def test_rate_limited_carries_retry_after(http_endpoint: HttpEndpoint) -> None:
    http_endpoint.script(Reply(429, "rate_limited", headers={"Retry-After": "7"}))
    err = error_for(slack(http_endpoint.url(SECRET_PATH)))
    assert err.kind == "rate_limited" and err.retryable and err.retry_after == 7


def test_retry_sequence_then_success(http_endpoint: HttpEndpoint) -> None:
    http_endpoint.script(500, 500, 200)
    notifier = slack(http_endpoint.url(SECRET_PATH))
    for _ in range(2):
        assert error_for(notifier).kind == "http_5xx"
    send(notifier, [sample_change()])
    assert len(http_endpoint.requests) == 3


def test_dns_failure() -> None:
    err = error_for(slack("https://hooks.tallywatch.invalid" + SECRET_PATH))
    assert err.kind == "dns" and err.retryable
    assert "hooks.tallywatch.invalid" in str(err)


def test_connection_refused() -> None:
    err = error_for(slack(f"http://127.0.0.1:{free_port()}{SECRET_PATH}"))
    assert err.kind == "connect" and err.retryable


def test_refused_then_accepted_on_the_same_port(http_endpoint: HttpEndpoint) -> None:
    notifier = slack(http_endpoint.url(SECRET_PATH))
    http_endpoint.refuse()
    assert error_for(notifier).kind == "connect"
    http_endpoint.accept()
    send(notifier, [sample_change()])
    assert len(http_endpoint.requests) == 1


def test_timeout(http_endpoint: HttpEndpoint) -> None:
    http_endpoint.script(Reply(200, delay=1.0))
    err = error_for(slack(http_endpoint.url(SECRET_PATH), timeout=0.2))
    assert err.kind == "timeout" and err.retryable


def test_tls_error_against_plain_http_port(http_endpoint: HttpEndpoint) -> None:
    err = error_for(slack(f"https://127.0.0.1:{http_endpoint.port}{SECRET_PATH}"))
    assert err.kind == "tls"
