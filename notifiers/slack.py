"""The Slack channel: Block Kit messages POSTed to an incoming-webhook URL.

Limits respected (https://api.slack.com/reference/block-kit/blocks): ≤ 50 blocks per message, section text
≤ 3000 characters, header text ≤ 150, ≤ 10 context elements. Long alerts are truncated with a note saying how
much was left out; a digest too long for one message is split across several posts (at most `MAX_POSTS`).
All page-derived text is mrkdwn-escaped (`&`, `<`, `>`).
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

import httpx
from pydantic import SecretStr, field_validator

from .base import USER_AGENT, BaseNotifier, NotifierConfig, post
from .message import AlertMessage
from .registry import register
from .render import (
    diff_markers,
    digest_title,
    escape_mrkdwn,
    plural,
    quoted_sentences,
    summary_line,
    truncate,
    version_span,
)

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_FALLBACK = 3000
MAX_FIGURE_LINES = 100  # per alert; the rest is counted in a note
MAX_LINE = 500
MAX_SENTENCES = 10
MAX_SENTENCE = 700
MAX_DIFF = 2500
MAX_POSTS = 5

Block = dict[str, Any]


class SlackConfig(NotifierConfig):
    """`{type: slack, webhook_url: "${SLACK_WEBHOOK_URL}"}` — the URL is a secret and never printed."""

    type: Literal["slack"]
    webhook_url: SecretStr

    @field_validator("webhook_url")
    @classmethod
    def _http_url(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL (the Slack incoming-webhook URL)")
        return value


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, MAX_SECTION)}}


def _context(*texts: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": _cut(t, MAX_SECTION)} for t in texts[:10] if t],
    }


def _header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": truncate(text, MAX_HEADER), "emoji": True},
    }


def _packed(lines: list[str]) -> list[Block]:
    """Lines joined into as few sections as fit MAX_SECTION (a line never spans two sections)."""
    blocks: list[Block] = []
    current = ""
    for line in lines:
        line = truncate(line, MAX_SECTION)
        if current and len(current) + 1 + len(line) > MAX_SECTION:
            blocks.append(_section(current))
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        blocks.append(_section(current))
    return blocks


def _link(url: str) -> str:
    safe = escape_mrkdwn(url).replace("|", "%7C")
    return f"<{safe}|Open the report>"


def alert_blocks(msg: AlertMessage, *, in_digest: bool = False) -> list[Block]:
    """The blocks for one alert (without the digest header / dividers)."""
    blocks: list[Block] = []
    span = version_span(msg)
    if in_digest:
        title = f"*{escape_mrkdwn(msg.watch)}*" + (f"  {span}" if span else "")
        blocks.append(_section(truncate(title, MAX_SECTION)))
    else:
        blocks.append(_header(msg.watch))
    icon = {"error": ":warning: ", "recovered": ":white_check_mark: ", "test": ":bell: "}.get(msg.kind, "")
    if msg.kind != "change" or not msg.figures:
        blocks.append(_section(icon + escape_mrkdwn(summary_line(msg))))
    if msg.figures:
        shown = msg.figures[:MAX_FIGURE_LINES]
        lines = [f"• {escape_mrkdwn(truncate(f.line(), MAX_LINE))}" for f in shown]
        left = len(msg.figures) - len(shown)
        if left:
            lines.append(f"_…and {plural(left, 'more figure')} not shown_")
        blocks.extend(_packed(lines))
    sentences = quoted_sentences(msg)
    if sentences:
        quoted = [f"> {escape_mrkdwn(truncate(s, MAX_SENTENCE))}" for s in sentences[:MAX_SENTENCES]]
        if len(sentences) > MAX_SENTENCES:
            quoted.append(f"_…and {plural(len(sentences) - MAX_SENTENCES, 'more sentence')} not shown_")
        blocks.extend(_packed(quoted))
    if msg.kind == "change" and not msg.figures and msg.text_diff:
        diff = diff_markers(msg.text_diff, delete=("~", "~"), insert=("*", "*"), escape=escape_mrkdwn, limit=MAX_DIFF)
        blocks.append(_section(diff))
    if msg.url:
        blocks.append(_section(_link(msg.url)))
    blocks.append(_context(*(t for t in (span, escape_mrkdwn(msg.created_at)) if t)))
    return blocks


def _cut(text: str, limit: int) -> str:
    """Truncate already-escaped mrkdwn without leaving half an entity (`&am…`) behind."""
    if len(text) <= limit:
        return text
    return re.sub(r"&[a-z]{0,3}$", "", text[: limit - 1]).rstrip() + "…"


def fallback_text(messages: list[AlertMessage], suffix: str = "") -> str:
    """The top-level `text`: shown in notifications and by clients that cannot draw blocks."""
    if len(messages) == 1:
        text = messages[0].headline
    else:
        text = f"tallywatch {digest_title(messages)}: " + "; ".join(m.headline for m in messages)
    return _cut(escape_mrkdwn(" ".join(text.split())), MAX_FALLBACK - len(suffix)) + suffix


def render_posts(messages: list[AlertMessage]) -> list[dict[str, Any]]:
    """The JSON payloads to POST, in order: one for a single alert; one or more for a digest."""
    if len(messages) == 1:
        blocks = alert_blocks(messages[0])[:MAX_BLOCKS]
        return [{"text": fallback_text(messages), "blocks": blocks}]
    groups = [[{"type": "divider"}, *alert_blocks(m, in_digest=True)] for m in messages]
    posts: list[list[Block]] = []
    current: list[Block] = [_header(f"tallywatch {digest_title(messages)}")]
    left_out = 0
    for i, group in enumerate(groups):
        group = group[: MAX_BLOCKS - 2]
        # Keep 1 block spare in every post for a "left out" note.
        if len(current) + len(group) > MAX_BLOCKS - 1:
            if len(posts) + 1 >= MAX_POSTS:
                left_out = len(groups) - i
                break
            posts.append(current)
            current = [_header(truncate(f"tallywatch digest (continued, part {len(posts) + 1})", MAX_HEADER))]
        current.extend(group)
    if left_out:
        current.append(_context(f"_{plural(left_out, 'more alert')} left out (Slack message size limits)_"))
    posts.append(current)
    return [
        {"text": fallback_text(messages, f" (part {n + 1})" if n else ""), "blocks": b} for n, b in enumerate(posts)
    ]


@register("slack", SlackConfig)
class SlackNotifier(BaseNotifier):
    """POSTs Block Kit JSON to a Slack incoming webhook.

    Incoming webhooks accept no idempotency key, so never-twice rests on the outbox; a digest split across
    several posts is re-sent whole if a later part fails.
    """

    type = "slack"
    config: SlackConfig

    async def _send(self, messages: list[AlertMessage], *, http: httpx.AsyncClient) -> None:
        url = self.config.webhook_url.get_secret_value()
        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
        for payload in render_posts(messages):
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            await post(self.label, http, url, content=body, headers=headers, timeout=self.config.timeout)
