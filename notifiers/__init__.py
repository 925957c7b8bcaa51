"""Alert channels: console, Slack, email, JSON webhook and (optional) apprise.

Notifiers depend on nothing else in tallywatch. Build one from config with `build_notifier(name, config)`
and call `await notifier.send([message, ...], http=client)`; failures raise `NotifyError`.
"""

from .base import ERROR_KINDS, BaseNotifier, Notifier, NotifierConfig, NotifyError, redact, redact_url
from .message import AlertMessage, FigureMove, digest_idempotency_key
from .registry import UnknownChannelType, build_notifier, channel_types, config_model_for, register

__all__ = [
    "ERROR_KINDS",
    "AlertMessage",
    "BaseNotifier",
    "FigureMove",
    "Notifier",
    "NotifierConfig",
    "NotifyError",
    "UnknownChannelType",
    "build_notifier",
    "channel_types",
    "config_model_for",
    "digest_idempotency_key",
    "redact",
    "redact_url",
    "register",
]
