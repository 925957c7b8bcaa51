"""Parsing of the human-friendly durations and sizes used in config.yaml."""

from __future__ import annotations

import re

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)", re.IGNORECASE)
_DURATION_FULL = re.compile(r"(?:\s*\d+(?:\.\d+)?\s*(?:ms|s|m|h|d|w)\s*)+", re.IGNORECASE)
_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*", re.IGNORECASE)
_BYTES = {
    None: 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2, "gb": 1000**3, "gib": 1024**3,
}


def parse_duration(value: str | int | float) -> float:
    """Seconds from `30s`, `15m`, `2h`, `1d`, `1h30m`, or a bare number of seconds.

    Raises ValueError with a message fit for a config error.
    """
    if isinstance(value, bool):
        raise ValueError("expected a duration like 30s, 15m or 2h")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            seconds = float(text)
        elif _DURATION_FULL.fullmatch(text):
            seconds = sum(float(n) * _SECONDS[u.lower()] for n, u in _DURATION_PART.findall(text))
        else:
            raise ValueError(f"bad duration {text!r} (expected a duration like 30s, 15m or 2h)")
    if seconds < 0 or seconds != seconds or seconds > 10 * 365 * 86400:
        raise ValueError(f"duration out of range: {value!r}")
    return seconds


def parse_size(value: str | int) -> int:
    """Bytes from `5MB`, `500KB`, `1MiB` or a bare number of bytes."""
    if isinstance(value, bool):
        raise ValueError("expected a size like 5MB")
    if isinstance(value, int):
        size = value
    else:
        m = _SIZE.fullmatch(str(value))
        if not m:
            raise ValueError(f"bad size {value!r} (expected a size like 5MB or 500KB)")
        size = int(float(m.group(1)) * _BYTES[m.group(2).lower() if m.group(2) else None])
    if size <= 0 or size > 1 << 40:
        raise ValueError(f"size out of range: {value!r}")
    return size
