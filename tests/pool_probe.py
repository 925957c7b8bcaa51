"""Runs inside an analysis worker process (tests/test_analysis_pool.py): what that process has imported.

Not a test module and imports nothing itself, so it cannot pull in what it looks for.
"""

from __future__ import annotations

import sys

PARENT_ONLY = ("sqlalchemy", "sqlmodel", "httpx", "typer", "rich", "apscheduler", "monitor.cli", "monitor.pipeline")


def loaded(names: tuple[str, ...]) -> list[str]:
    """Which of `names` are in this process's `sys.modules`."""
    return [name for name in names if name in sys.modules]
