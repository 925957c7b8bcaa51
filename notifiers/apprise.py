"""The apprise channel (optional extra): hand alerts to apprise and its 100+ services
(https://github.com/caronc/apprise).

apprise is imported only when a message is sent, so tallywatch works without it; sending without it installed
fails with a config error that says how to install it.
"""

from __future__ import annotations

import asyncio
import importlib
from typing import Any, Literal

import httpx
from pydantic import Field, SecretStr

from .base import BaseNotifier, NotifierConfig, NotifyError
from .message import AlertMessage
from .registry import register
from .render import digest_title, plain_text

INSTALL_HINT = "pip install 'tallywatch[apprise]'"


class AppriseConfig(NotifierConfig):
    """`{type: apprise, urls: ["${APPRISE_URL}", ...]}` — apprise URLs carry credentials: secrets."""

    type: Literal["apprise"]
    urls: list[SecretStr] = Field(min_length=1)


def _import_apprise(label: str) -> Any:
    try:
        return importlib.import_module("apprise")
    except ImportError:
        raise NotifyError(
            f"{label}: the apprise package is not installed; {INSTALL_HINT}", kind="config", retryable=False
        ) from None


@register("apprise", AppriseConfig)
class AppriseNotifier(BaseNotifier):
    """Sends title + plain-text body to every configured apprise URL."""

    type = "apprise"
    config: AppriseConfig

    async def _send(self, messages: list[AlertMessage], *, http: httpx.AsyncClient) -> None:
        apprise = _import_apprise(self.label)
        client = apprise.Apprise()
        for i, url in enumerate(self.config.urls, start=1):
            if not client.add(url.get_secret_value()):
                raise NotifyError(
                    f"{self.label}: apprise does not accept URL #{i} (check its scheme and form)",
                    kind="config",
                    retryable=False,
                )
        if len(messages) == 1:
            title = f"[tallywatch] {messages[0].headline}"
            body = "\n".join(plain_text(messages[0]))
        else:
            title = f"[tallywatch] {digest_title(messages)}"
            body = "\n\n".join("\n".join(plain_text(m)) for m in messages)
        notify_async = getattr(client, "async_notify", None)
        if notify_async is not None:
            coro = notify_async(body=body, title=title)
        else:
            coro = asyncio.to_thread(client.notify, body=body, title=title)
        ok = await asyncio.wait_for(coro, self.config.timeout * 3)
        if not ok:
            raise NotifyError(
                f"{self.label}: apprise reported a failure for some of {len(self.config.urls)} URL(s)",
                kind="other",
                retryable=True,
            )
