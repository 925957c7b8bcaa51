"""Keeping configured secrets out of everything tallywatch prints or stores."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Shorter values would match ordinary words; config only records ${VAR} values of at least this length.
MIN_SECRET_LENGTH = 4


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced by `[redacted]`, longest first so a secret inside another goes too."""
    for secret in sorted((s for s in secrets if len(s) >= MIN_SECRET_LENGTH), key=len, reverse=True):
        text = text.replace(secret, "[redacted]")
    return text


def redact_json(data: Any, secrets: Iterable[str]) -> Any:
    """`data` (JSON-like: dicts, lists, strings, numbers) with `redact` applied to every string, keys included."""
    secrets = tuple(secrets)
    if not secrets:
        return data
    if isinstance(data, str):
        return redact(data, secrets)
    if isinstance(data, dict):
        return {redact_json(k, secrets): redact_json(v, secrets) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [redact_json(v, secrets) for v in data]
    return data
