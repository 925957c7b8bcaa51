"""Runs inside an analysis worker process (tests/test_analysis_pool.py): what that process has imported.

Not a test module and imports nothing itself, so it cannot pull in what it looks for.
"""

from __future__ import annotations

import sys

PARENT_ONLY = ("sqlalchemy", "sqlmodel", "httpx", "typer", "rich", "apscheduler", "monitor.cli", "monitor.pipeline")


def loaded(names: tuple[str, ...]) -> list[str]:
    """Which of `names` are in this process's `sys.modules`."""
    return [name for name in names if name in sys.modules]


def pid() -> int:
    """This worker's process id."""
    import os

    return os.getpid()


def echo(value: object, seconds: float = 0.0) -> object:
    """`value`, after `seconds`."""
    import time

    time.sleep(seconds)
    return value


def chatter(text: str) -> str:
    """Print `text` to stdout (where a careless library might), then return it."""
    print(text, flush=True)
    return text


class ProbeError(Exception):
    """An exception a job raises on purpose."""


def fail(message: str) -> None:
    """Raise ProbeError(message)."""
    raise ProbeError(message)


def a_set() -> set[int]:
    """A result that is not plain data."""
    return {1, 2}


def talk_nonsense() -> str:
    """Write bytes that are no message to every pipe this worker can write to (its answer pipe among them)."""
    import os

    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
            try:
                os.write(fd, b"\x00\x00\x00\x05hello")
            except OSError:  # the read end of the call pipe
                continue
    return "said"


def load_json_module() -> None:
    """An initializer with a visible effect: import json."""
    import json  # noqa: F401


def openssl_mapped() -> list[str]:
    """Which of OpenSSL's libraries are mapped into this process."""
    with open("/proc/self/maps") as maps:
        text = maps.read()
    return [lib for lib in ("libssl", "libcrypto") if lib in text]


def sha256_hex(data: bytes) -> str:
    """hashlib still works (on CPython's own implementation when OpenSSL's is kept out)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()
