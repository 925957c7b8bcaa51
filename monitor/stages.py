"""Where a process's checks spend their time: per-stage sums of seconds, for the benchmark and profiling.

The accumulators are plain float additions around each stage (two `perf_counter` calls, well under a microsecond),
so they are always on and change no result. `tallywatch check` writes them as JSON to the file named by the
environment variable TALLYWATCH_STAGE_TIMES when it is set; nothing else reads them.

Stages: ``fetch`` (the HTTP exchange as the check awaited it, so overlapping checks overlap here), ``extract``
(charset decoding and article extraction), ``figures`` (figure extraction), ``diff`` (word diff, patch and figure
diff of a new version) and ``store`` (the database work of a check, diff excluded).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

ENV_VAR = "TALLYWATCH_STAGE_TIMES"

SECONDS: dict[str, float] = {}
COUNTS: dict[str, int] = {}


def add(stage: str, seconds: float, count: int = 1) -> None:
    """Add `seconds` spent in `stage` (by `count` checks)."""
    SECONDS[stage] = SECONDS.get(stage, 0.0) + seconds
    COUNTS[stage] = COUNTS.get(stage, 0) + count


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Time the block as one occurrence of `stage`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        add(stage, time.perf_counter() - started)


def reset() -> None:
    """Forget what was measured so far."""
    SECONDS.clear()
    COUNTS.clear()


def write_if_requested() -> None:
    """Write the sums to $TALLYWATCH_STAGE_TIMES, when that is set."""
    path = os.environ.get(ENV_VAR)
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"seconds": SECONDS, "counts": COUNTS}, f, indent=1, sort_keys=True)
