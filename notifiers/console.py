"""The console channel: a few readable lines per alert on stdout or stderr (used by the demo and for logs)."""

from __future__ import annotations

import os
import sys
from typing import Literal, TextIO

import httpx

from .base import BaseNotifier, NotifierConfig
from .message import AlertMessage
from .registry import register
from .render import digest_title, plain_text, summary_line, version_span

_COLORS = {"change": "33", "error": "31", "recovered": "32", "test": "36"}


class ConsoleConfig(NotifierConfig):
    """`{type: console, stream: stdout|stderr, color: auto|true|false}`."""

    type: Literal["console"]
    stream: Literal["stdout", "stderr"] = "stdout"
    color: bool | None = None  # None: colour only on a TTY and when NO_COLOR is unset


@register("console", ConsoleConfig)
class ConsoleNotifier(BaseNotifier):
    """Writes `[tallywatch] watch v3→v4  killed: at least 249 → at least 331 (+82, +32.9%)`, the sentence."""

    type = "console"
    config: ConsoleConfig

    def _stream(self) -> TextIO:
        # Looked up at send time, so redirected/captured streams are honoured.
        return sys.stderr if self.config.stream == "stderr" else sys.stdout

    def _use_color(self, stream: TextIO) -> bool:
        if self.config.color is not None:
            return self.config.color
        if os.environ.get("NO_COLOR"):
            return False
        isatty = getattr(stream, "isatty", None)
        return bool(isatty and isatty())

    def render(self, messages: list[AlertMessage], *, color: bool = False) -> str:
        """The text `send` writes (ends with a newline)."""
        lines: list[str] = []
        if len(messages) > 1:
            lines.append(self._paint(f"[tallywatch] {digest_title(messages)}", "1", color))
        for msg in messages:
            span = version_span(msg)
            first = f"[tallywatch] {msg.watch}" + (f" {span}" if span else "") + f"  {summary_line(msg)}"
            lines.append(self._paint(first, _COLORS.get(msg.kind, "0"), color))
            lines.extend(plain_text(msg)[1:])
        return "\n".join(lines) + "\n"

    @staticmethod
    def _paint(text: str, code: str, color: bool) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color and code != "0" else text

    async def _send(self, messages: list[AlertMessage], *, http: httpx.AsyncClient) -> None:
        stream = self._stream()
        stream.write(self.render(messages, color=self._use_color(stream)))
        stream.flush()
