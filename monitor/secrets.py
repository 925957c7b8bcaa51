"""Keeping configured secrets out of everything tallywatch prints or stores."""

from __future__ import annotations

from collections.abc import Iterable

# Shorter values would match ordinary words; config only records ${VAR} values of at least this length.
MIN_SECRET_LENGTH = 4


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced by `[redacted]`, longest first so a secret inside another goes too."""
    for secret in sorted((s for s in secrets if len(s) >= MIN_SECRET_LENGTH), key=len, reverse=True):
        text = text.replace(secret, "[redacted]")
    return text
