"""Logging for the daemon: one line per event on stderr, as text or JSON, with secrets redacted."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

from monitor.secrets import redact


class RedactingFilter(logging.Filter):
    """Replaces configured secrets in every record before any handler sees it."""

    def __init__(self, secrets: Iterable[str]):
        super().__init__()
        self.secrets = list(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            record.msg, record.args = self._redact(record.getMessage()), None
            # the JSON formatter writes `extra={"fields": …}` too, and a check's error text holds its URL
            fields = getattr(record, "fields", None)
            if isinstance(fields, dict):
                record.fields = {k: self._redact(v) if isinstance(v, str) else v for k, v in fields.items()}
        return True

    def _redact(self, text: str) -> str:
        return redact(text, self.secrets)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; fields passed as `extra={"fields": {...}}` are merged in."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
        }
        data.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(fmt: str = "text", level: int = logging.INFO, *, secrets: Iterable[str] = ()) -> None:
    """Configure the root logger for the daemon."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter(secrets))
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(message)s", "%Y-%m-%dT%H:%M:%S"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # APScheduler logs every job run at INFO; one line per check is ours to write.
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
