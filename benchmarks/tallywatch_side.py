"""tallywatch under the benchmark: its config, one-shot `check` runs, their verification, and the idle daemon."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from procs import Measured, cpu_seconds, rss_bytes, run_measured, tree

ROOT = Path(__file__).resolve().parent.parent
TALLYWATCH = ROOT / ".venv" / "bin" / "tallywatch"


def page_name(i: int) -> str:
    """The watch name of page i."""
    return f"page-{i:05d}"


def write_config(folder: Path, base_url: str, pages: int, *, max_concurrent: int = 16, per_host: int = 2) -> Path:
    """A config with one watch per page on a 5-minute interval, no notifiers, its SQLite database beside it.

    All pages live on one host here, so `per_host` is raised to the global cap: the default of 2 in flight per host
    is politeness towards real sites, and urlwatch has no per-host limit to match it.
    """
    lines = [
        f"database: sqlite:///{folder / 'tallywatch.db'}",
        "allow_private_networks: true",
        "defaults: {interval: 5m, jitter: 0s}",
        f"daemon: {{max_concurrent: {max_concurrent}, per_host: {per_host}}}",
        "watches:",
    ]
    lines += [f"  - {{name: {page_name(i)}, url: '{base_url}/page/{i}'}}" for i in range(pages)]
    path = folder / "config.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class CheckRun:
    """One `tallywatch check` over every watch."""

    measured: Measured
    outcomes: Counter[str]
    stages: dict[str, float]  # seconds per stage, summed over checks
    stage_counts: dict[str, int] = field(default_factory=dict)


def run_check(config: Path, folder: Path, label: str) -> CheckRun:
    """Run `tallywatch check --json` over every watch in a subprocess and measure it."""
    stages_file = folder / f"stages-{label}.json"
    out_file = folder / f"check-{label}.json"
    env = {**os.environ, "TALLYWATCH_STAGE_TIMES": str(stages_file)}
    env.pop("TALLYWATCH_DB", None)
    with out_file.open("wb") as out:
        measured = run_measured([str(TALLYWATCH), "--config", str(config), "check", "--json"], env=env, stdout=out)
    try:
        checks = json.loads(out_file.read_text(encoding="utf-8"))["checks"]
    except (OSError, ValueError, KeyError):
        checks = []
    timings = json.loads(stages_file.read_text()) if stages_file.exists() else {"seconds": {}, "counts": {}}
    return CheckRun(measured=measured, outcomes=Counter(c["outcome"] for c in checks),
                    stages=timings["seconds"], stage_counts=timings["counts"])


def db_path(folder: Path) -> Path:
    """The benchmark's SQLite database."""
    return folder / "tallywatch.db"


def version_counts(folder: Path) -> dict[str, int]:
    """Stored versions per watch name (0 for a watch without any)."""
    with sqlite3.connect(db_path(folder)) as db:
        rows = db.execute("SELECT w.name, count(v.id) FROM watches w LEFT JOIN versions v ON v.watch_id = w.id "
                          "GROUP BY w.name").fetchall()
    return {name: n for name, n in rows}


def error_checks(folder: Path) -> int:
    """Checks recorded as errors, ever."""
    with sqlite3.connect(db_path(folder)) as db:
        return int(db.execute("SELECT count(*) FROM checks WHERE outcome = 'error'").fetchone()[0])


def verify(folder: Path, run: CheckRun, before: dict[str, int], pages: int, changed: set[int] | None) -> list[str]:
    """What is wrong after a run: `changed` None means a first run (one version each), else exactly those pages
    gained one version; no errors anywhere. Empty when all is well."""
    problems = []
    after = version_counts(folder)
    if len(after) != pages:
        problems.append(f"{len(after)} watches in the database, expected {pages}")
    if changed is None:
        wrong = [n for n, c in after.items() if c != 1]
        if wrong:
            problems.append(f"{len(wrong)} watches without exactly one version after the first run, e.g. {wrong[:3]}")
    else:
        grew = {n for n, c in after.items() if c != before.get(n, 0)}
        expected = {page_name(i) for i in changed}
        if grew != expected:
            problems.append(f"new versions on {len(grew)} pages, expected exactly the {len(expected)} changed ones "
                            f"(missing {sorted(expected - grew)[:3]}, unexpected {sorted(grew - expected)[:3]})")
        wrong = [n for n in grew if after[n] - before.get(n, 0) != 1]
        if wrong:
            problems.append(f"{len(wrong)} pages gained more than one version")
    errors = error_checks(folder)
    if errors or run.outcomes.get("error"):
        problems.append(f"{errors} errored checks in the database, {run.outcomes.get('error', 0)} in this run")
    if run.measured.returncode != 0:
        problems.append(f"tallywatch check exited with {run.measured.returncode}")
    if sum(run.outcomes.values()) != pages:
        problems.append(f"{sum(run.outcomes.values())} check reports, expected {pages}")
    return problems


def bytes_per_version(folder: Path) -> tuple[float, int]:
    """Database bytes (after a WAL checkpoint) per stored version, and the number of versions."""
    with sqlite3.connect(db_path(folder)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        versions = int(db.execute("SELECT count(*) FROM versions").fetchone()[0])
    size = db_path(folder).stat().st_size
    return (size / versions if versions else 0.0), versions


@dataclass
class IdleResult:
    """The daemon's CPU while it keeps its schedule."""

    cpu_percent: float
    window_s: float
    checks: int
    rss_mb: float


def daemon_idle_cpu(config: Path, folder: Path, *, warmup_s: float = 15.0, window_s: float = 60.0) -> IdleResult:
    """Start `tallywatch run`, let it schedule its watches, then measure its CPU time over `window_s`.

    Method: utime + stime of the daemon and its children from /proc/PID/stat, read at the start and the end of the
    window (after `warmup_s` of start-up), divided by the window's wall time. The daemon's first checks are spread
    over the first interval, so any window after start-up sees its steady rate of checks.
    """
    log = (folder / "daemon.log").open("wb")
    env = {**os.environ}
    env.pop("TALLYWATCH_DB", None)
    proc = subprocess.Popen([str(TALLYWATCH), "--config", str(config), "run", "--log-level", "warning"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        time.sleep(warmup_s)
        checks_before = _check_rows(folder)
        cpu0, t0 = cpu_seconds(tree(proc.pid)), time.perf_counter()
        time.sleep(window_s)
        cpu1, t1 = cpu_seconds(tree(proc.pid)), time.perf_counter()
        rss = rss_bytes(tree(proc.pid)) / 2**20
        checks = _check_rows(folder) - checks_before
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return IdleResult(cpu_percent=100 * (cpu1 - cpu0) / (t1 - t0), window_s=t1 - t0, checks=checks, rss_mb=rss)


def _check_rows(folder: Path) -> int:
    with sqlite3.connect(db_path(folder), timeout=30) as db:
        return int(db.execute("SELECT count(*) FROM checks").fetchone()[0])
