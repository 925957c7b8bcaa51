"""tallywatch against urlwatch 2.29 on the same local pages: `make bench` (N=2000) or

    .venv/bin/python benchmarks/run.py --pages 200 [--skip-urlwatch] [--skip-idle] [--keep]

Starts benchmarks/server.py on 127.0.0.1 with N article pages (30-80 KB, with figures), then for each tool:

1. first run: every page is new (the server sends ETag and Last-Modified);
2. re-poll with validators: 10 % of pages got new figures, the rest answer 304;
3. re-poll without validators: 10 % more changed, every page answers 200 with its full body.

urlwatch runs twice, with its html2text filter (it extracts text too: the fair comparison) and on raw HTML.
Each run is a subprocess: pages/s is N over its wall time, start-up included; peak RSS is the sampled sum over its
process tree; CPU is user + system. Every run is verified against the database (tallywatch) or cache (urlwatch): N
versions after the first run, exactly the changed pages gain a version after a re-poll, no errors. Last, the
tallywatch daemon runs on the same N watches on a 5-minute interval and its idle CPU is measured.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tallywatch_side as tw  # noqa: E402  (beside this script)
import urlwatch_side as uw  # noqa: E402
from procs import Measured  # noqa: E402

FRACTION = 0.1
SCENARIOS = ("first run (all new)", "re-poll, validators (ETag/304), 10% changed",
             "re-poll, no validators, 10% changed")


class Server:
    """benchmarks/server.py as a subprocess on a free loopback port."""

    def __init__(self, pages: int) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HERE / "server.py"), "--pages", str(pages), "--port", "0"],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # "listening on http://127.0.0.1:PORT" once every page is built
        if not line.startswith("listening on "):
            self.proc.kill()
            raise SystemExit(f"page server did not start: {line!r}")
        self.base = line.split()[-1]

    def call(self, path: str) -> dict[str, object]:
        """A control endpoint's JSON answer."""
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return dict(json.load(response))

    def mutate(self) -> set[int]:
        """Give new figures to 10 % of pages; their indexes."""
        return set(self.call(f"/_mutate?fraction={FRACTION}")["changed"])  # type: ignore[arg-type]

    def validators(self, on: bool) -> None:
        """Turn ETag/Last-Modified and 304s on or off."""
        self.call(f"/_validators?on={int(on)}")

    def stop(self) -> None:
        """Stop the server (by its own PID)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@dataclass
class Row:
    """One tool's measured run of one scenario."""

    measured: Measured
    pages: int
    problems: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Pages per second of wall time."""
        return self.pages / self.measured.wall_s


def scenarios(server: Server, run: Callable[[int, str, set[int] | None], Row]) -> list[Row]:
    """The three scenarios in order, against the server's current pages."""
    server.validators(True)
    rows = [run(0, "first", None)]
    changed = server.mutate()
    rows.append(run(1, "validators", changed))
    server.validators(False)
    changed = server.mutate()
    rows.append(run(2, "no-validators", changed))
    server.validators(True)
    return rows


def bench_tallywatch(server: Server, folder: Path, pages: int) -> list[Row]:
    """tallywatch's three runs, verified."""
    config = tw.write_config(folder, server.base, pages)

    def one(_k: int, label: str, changed: set[int] | None) -> Row:
        before = tw.version_counts(folder) if changed is not None else {}
        result = tw.run_check(config, folder, label)
        row = Row(result.measured, pages, tw.verify(folder, result, before, pages, changed), result.stages,
                  dict(result.outcomes))
        _progress("tallywatch", label, row)
        return row

    return scenarios(server, one)


def bench_urlwatch(server: Server, folder: Path, pages: int, mode: str) -> list[Row]:
    """urlwatch's three runs in one mode, verified."""
    setup = uw.write_setup(folder / mode, server.base, pages, mode)

    def one(_k: int, label: str, changed: set[int] | None) -> Row:
        before = uw.entries(setup)
        measured, report = uw.run(setup, label)
        row = Row(measured, pages, uw.verify(setup, measured, report, before, changed))
        _progress(f"urlwatch {mode}", label, row)
        return row

    return scenarios(server, one)


def daemon_idle(server: Server, folder: Path, window_s: float) -> tw.IdleResult:
    """The daemon's CPU on unchanged pages: one untimed check first catches up with the pages the urlwatch runs
    changed since tallywatch's last check (and stores their ETags), so the window sees only 304s, as when idle."""
    server.validators(True)
    config = folder / "config.yaml"
    catch_up = tw.run_check(config, folder, "catch-up")
    if catch_up.measured.returncode != 0:
        raise SystemExit("the catch-up check before the idle measurement failed")
    return tw.daemon_idle_cpu(config, folder, window_s=window_s)


def _progress(tool: str, label: str, row: Row) -> None:
    status = "ok" if not row.problems else "FAILED: " + "; ".join(row.problems)
    print(f"  {tool:<19} {label:<14} {row.rate:7.1f} pages/s  {row.measured.wall_s:6.1f} s  "
          f"RSS {row.measured.peak_rss_mb:4.0f} MB PSS {row.measured.peak_pss_mb:4.0f} MB  {status}", flush=True)


def stage_table(rows: list[Row]) -> list[str]:
    """Milliseconds per page by stage, for each tallywatch run (summed over checks, so overlapping for fetch)."""
    out = ["", "tallywatch time per stage, ms per page (sum over all checks / N; fetch overlaps across 16 in flight;",
           "extract and figures run in worker processes when a pool is used; store excludes diff)"]
    out.append(f"  {'scenario':<46}{'fetch':>8}{'extract':>9}{'figures':>9}{'diff':>8}{'store':>8}   outcomes")
    for name, row in zip(SCENARIOS, rows, strict=True):
        s = row.stages
        ms = {k: 1000 * s.get(k, 0.0) / row.pages for k in ("fetch", "extract", "figures", "diff", "store")}
        ms["store"] -= ms["diff"]
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(row.outcomes.items()))
        out.append(f"  {name:<46}{ms['fetch']:8.2f}{ms['extract']:9.2f}{ms['figures']:9.2f}{ms['diff']:8.2f}"
                   f"{ms['store']:8.2f}   {outcomes}")
    return out


def main() -> int:
    """Run the benchmark and print the table; exit 1 when any run failed verification."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", "-n", type=int, default=2000, help="number of pages and watches (default 2000)")
    parser.add_argument("--skip-urlwatch", action="store_true", help="tallywatch only")
    parser.add_argument("--skip-idle", action="store_true", help="skip the daemon idle-CPU measurement (~75 s)")
    parser.add_argument("--idle-window", type=float, default=60.0, help="seconds of daemon CPU measured")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (printed)")
    args = parser.parse_args()
    if not tw.TALLYWATCH.exists():
        raise SystemExit(f"{tw.TALLYWATCH} is missing: run `make bench` (it installs the project) first")

    folder = Path(tempfile.mkdtemp(prefix="tallywatch-bench-"))
    print(f"benchmark: {args.pages} pages, work folder {folder}", flush=True)
    started = time.perf_counter()
    server = Server(args.pages)
    print(f"page server at {server.base} (ready in {time.perf_counter() - started:.1f} s)", flush=True)
    try:
        tw_rows = bench_tallywatch(server, folder / "tallywatch", args.pages) if _mkdir(folder / "tallywatch") \
            else []
        per_version, versions = tw.bytes_per_version(folder / "tallywatch")
        uw_rows: dict[str, list[Row]] = {}
        if not args.skip_urlwatch:
            uw.ensure_installed()
            for mode in ("html2text", "raw"):
                uw_rows[mode] = bench_urlwatch(server, folder / "urlwatch", args.pages, mode)
        idle = None
        if not args.skip_idle:
            print(f"  daemon idle CPU: {args.pages} watches every 5 min, measuring {args.idle_window:.0f} s ...",
                  flush=True)
            idle = daemon_idle(server, folder / "tallywatch", args.idle_window)
    finally:
        server.stop()

    lines = report(args.pages, tw_rows, uw_rows, per_version, versions, idle)
    print("\n".join(lines))
    (folder / "report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    failed = [p for r in tw_rows + [r for rs in uw_rows.values() for r in rs] for p in r.problems]
    if not args.keep and not failed:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"\nwork folder kept: {folder}")
    if failed:
        print("\nVERIFICATION FAILED:\n  " + "\n  ".join(failed))
        return 1
    return 0


def _mkdir(path: Path) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return True


def report(pages: int, tw_rows: list[Row], uw_rows: dict[str, list[Row]], per_version: float, versions: int,
           idle: tw.IdleResult | None) -> list[str]:
    """The results table."""
    out = ["", f"Results, N = {pages} pages (30-80 KB), 2 CPU cores shared with the page server", ""]
    head = f"  {'scenario':<46}{'tallywatch':>12}{'urlwatch+h2t':>14}{'ratio':>8}{'urlwatch raw':>14}{'ratio':>8}"
    out += ["pages/s (N / wall time of the whole command, start-up included)", head]
    for k, name in enumerate(SCENARIOS):
        t = tw_rows[k].rate
        line = f"  {name:<46}{t:12.1f}"
        for mode in ("html2text", "raw"):
            if mode in uw_rows:
                u = uw_rows[mode][k].rate
                line += f"{u:14.1f}{t / u:7.2f}x"
        out.append(line)
    out += ["", "peak memory, MB: RSS / PSS, summed over the process tree (tallywatch = main process and one",
            "analysis worker per core; RSS counts shared library pages once per process, PSS splits them);",
            "CPU s = user+system of the tree",
            f"  {'scenario':<46}{'tallywatch':>24}{'urlwatch+h2t':>24}{'urlwatch raw':>24}",
            f"  {'':<46}" + f"{'RSS /  PSS / CPU s':>24}" * (1 + len(uw_rows))]
    for k, name in enumerate(SCENARIOS):
        cells = [tw_rows[k]] + [uw_rows[m][k] for m in ("html2text", "raw") if m in uw_rows]
        out.append(f"  {name:<46}" + "".join(
            f"{r.measured.peak_rss_mb:10.0f} /{r.measured.peak_pss_mb:5.0f} /{r.measured.cpu_s:6.1f}"
            for r in cells))
    out += stage_table(tw_rows)
    out += ["", f"tallywatch database: {per_version / 1024:.1f} KB per stored version ({versions} versions; SQLite file"
                " after a WAL checkpoint, incl. text, compressed HTML, figures, changes and check rows)"]
    if idle is not None:
        out.append(f"tallywatch daemon, {pages} watches every 5 min: {idle.cpu_percent:.2f} % of one core over "
                   f"{idle.window_s:.0f} s ({idle.checks} checks in the window, RSS {idle.rss_mb:.0f} MB; "
                   "utime+stime of the daemon's process tree from /proc/PID/stat, after 15 s of start-up)")
    if "html2text" in uw_rows and "raw" in uw_rows:
        out += ["", "targets (issue #6)", *targets(tw_rows, uw_rows)]
    all_rows = tw_rows + [r for rs in uw_rows.values() for r in rs]
    ok = all(not r.problems for r in all_rows)
    out.append("verification: " + ("every run OK (N versions after the first run, exactly the changed pages gained "
                                   "a version after each re-poll, no errors)" if ok else "FAILED (see above)"))
    return out


def targets(tw_rows: list[Row], uw_rows: dict[str, list[Row]]) -> list[str]:
    """Each goal of issue #6 with the measured values and met / NOT met."""
    h2t, raw = uw_rows["html2text"], uw_rows["raw"]
    best_raw = max(raw, key=lambda r: r.rate)
    tw_rss = max(r.measured.peak_rss_mb for r in tw_rows)
    tw_pss = max(r.measured.peak_pss_mb for r in tw_rows)
    uw_rss = max(r.measured.peak_rss_mb for r in h2t)
    uw_pss = max(r.measured.peak_pss_mb for r in h2t)
    goals = [
        ("first run >= 3x urlwatch+html2text", tw_rows[0].rate / h2t[0].rate, 3.0),
        ("re-poll without validators >= 5x urlwatch+html2text", tw_rows[2].rate / h2t[2].rate, 5.0),
        ("re-poll with validators >= 1x urlwatch raw HTML (its fastest row)", tw_rows[1].rate / best_raw.rate, 1.0),
    ]
    out = [f"  {name:<68} {ratio:5.2f}x  {'met' if ratio >= goal else 'NOT met'}" for name, ratio, goal in goals]
    out.append(f"  {'peak memory <= urlwatch+html2text (RSS sum)':<68} {tw_rss:5.0f} vs {uw_rss:.0f} MB  "
               f"{'met' if tw_rss <= uw_rss else 'NOT met'}")
    out.append(f"  {'peak memory <= urlwatch+html2text (PSS sum)':<68} {tw_pss:5.0f} vs {uw_pss:.0f} MB  "
               f"{'met' if tw_pss <= uw_pss else 'NOT met'}")
    return out


if __name__ == "__main__":
    sys.exit(main())
