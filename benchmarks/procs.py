"""Running a measured subprocess: wall time, CPU time and peak memory of its whole process tree (Linux /proc)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Measured:
    """What one measured run cost."""

    returncode: int
    wall_s: float
    cpu_s: float  # user + system of the process and every child it waited for (wait4 reports both on Linux)
    peak_rss_mb: float  # peak of the summed RSS of the process tree, sampled every 50 ms
    peak_pss_mb: float  # peak of the summed PSS (shared pages split between their users), sampled every 200 ms
    maxrss_mb: float  # the kernel's ru_maxrss of the main process alone


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants alive now."""
    out, todo = [], [pid]
    while todo:  # bounded by the number of live processes
        p = todo.pop()
        out.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            continue
    return out


def _sum_proc(pids: Sequence[int], name: str, value: Callable[[str], int]) -> int:
    """Sum `value(text of /proc/PID/name)` over `pids`; a process that ended meanwhile counts 0.

    The tree is listed before it is read, so any process in it may be gone (or half torn down) by now.
    """
    total = 0
    for p in pids:
        try:
            total += value(Path(f"/proc/{p}/{name}").read_text())
        except (OSError, IndexError, ValueError):
            continue
    return total


def rss_bytes(pids: Sequence[int]) -> int:
    """Summed resident set size of `pids` (a process that just ended counts 0)."""
    return _sum_proc(pids, "statm", lambda text: int(text.split()[1]) * _PAGE)


def _pss(smaps_rollup: str) -> int:
    for line in smaps_rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def pss_bytes(pids: Sequence[int]) -> int:
    """Summed proportional set size of `pids`: processes share library pages (forked ones also their parent's),
    and summed RSS would count those pages once per process."""
    return _sum_proc(pids, "smaps_rollup", _pss)


def _ticks(stat: str) -> int:
    fields = stat.rsplit(")", 1)[1].split()  # after "(comm)", which may itself hold spaces and parentheses
    return int(fields[11]) + int(fields[12])  # utime and stime: fields 14 and 15 of proc(5)


def cpu_seconds(pids: Sequence[int]) -> float:
    """utime + stime of `pids` from /proc/PID/stat, in seconds."""
    return _sum_proc(pids, "stat", _ticks) / _TICK


def run_measured(cmd: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: str | None = None,
                 stdout: int | object = subprocess.DEVNULL, timeout: float = 3600.0) -> Measured:
    """Run `cmd` to completion and measure it; stdout goes where asked, stderr to a pipe shown on failure."""
    started = time.perf_counter()
    proc = subprocess.Popen(list(cmd), env=dict(env) if env is not None else None, cwd=cwd,
                            stdout=stdout, stderr=subprocess.PIPE)  # type: ignore[arg-type]
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        n = 0
        while not done.wait(0.05):  # bounded by the run: stops when it ends
            pids = tree(proc.pid)
            peak = max(peak, rss_bytes(pids))
            n += 1
            if n % 4 == 1:  # smaps_rollup walks the page tables: read it less often
                peak_pss = max(peak_pss, pss_bytes(pids))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read() if proc.stderr else b""),
                              daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while True:  # bounded by the timeout
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    reader.join(timeout=5)
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = b"".join(stderr_chunks).decode("utf-8", "replace")
    if proc.returncode != 0 and stderr:
        print(stderr[-3000:])
    return Measured(returncode=proc.returncode, wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime,
                    peak_rss_mb=max(peak, usage.ru_maxrss * 1024) / 2**20, peak_pss_mb=peak_pss / 2**20,
                    maxrss_mb=usage.ru_maxrss / 1024)
