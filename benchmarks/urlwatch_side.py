"""urlwatch 2.29 doing the same work: its own venv, a job per page, stdout reporter only, its cache in a temp dir.

Two modes: ``html2text`` (the filter with the html2text library, `method: pyhtml2text`, so urlwatch also turns
the page into text before comparing, as tallywatch does) and ``raw`` (no filter: it compares raw HTML).
urlwatch sends If-None-Match with the ETag it stored and If-Modified-Since with its last check time, and treats a
304 as unchanged; it stores a new cache entry for every new or changed job, which is what `verify` counts.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from procs import Measured, run_measured

HERE = Path(__file__).resolve().parent
VENV = HERE / ".urlwatch-venv"
URLWATCH = VENV / "bin" / "urlwatch"
VERSION = "2.29"


def ensure_installed() -> Path:
    """Install urlwatch 2.29 and html2text into benchmarks/.urlwatch-venv once; the urlwatch executable."""
    if URLWATCH.exists():
        check = subprocess.run([str(VENV / "bin" / "python"), "-c", "import urlwatch, html2text;"
                                "print(urlwatch.__version__)"], capture_output=True, text=True)
        if check.returncode == 0 and check.stdout.strip() == VERSION:
            return URLWATCH
    print(f"installing urlwatch {VERSION} and html2text into {VENV} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", f"urlwatch=={VERSION}",
                    "html2text"], check=True)
    return URLWATCH


def guid(url: str) -> str:
    """urlwatch's job id: the SHA-1 of its location."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


@dataclass
class Setup:
    """The files of one urlwatch mode."""

    folder: Path
    urls: Path
    config: Path
    hooks: Path
    cache: Path
    page_urls: list[str]


def write_setup(folder: Path, base_url: str, pages: int, mode: str) -> Setup:
    """urls.yaml (one job per page), urlwatch.yaml (stdout reporter only, no colour), an empty hooks.py."""
    folder.mkdir(parents=True, exist_ok=True)
    page_urls = [f"{base_url}/page/{i}" for i in range(pages)]
    jobs = []
    for i, url in enumerate(page_urls):
        job = f"name: page-{i:05d}\nurl: {url}\n"
        if mode == "html2text":
            job += "filter:\n  - html2text:\n      method: pyhtml2text\n"
        jobs.append(job)
    urls = folder / "urls.yaml"
    urls.write_text("---\n".join(jobs), encoding="utf-8")
    config = folder / "urlwatch.yaml"
    # Every reporter but stdout is disabled by default; stated here so the comparison does not depend on that.
    config.write_text(
        "display: {new: true, error: true, unchanged: false, empty-diff: true}\n"
        "report:\n"
        "  stdout: {enabled: true, color: false}\n"
        "  email: {enabled: false}\n"
        "  html: {diff: unified, separate: false}\n"
        "  text: {details: true, footer: true, line_length: 75, minimal: false, separate: false}\n",
        encoding="utf-8",
    )
    hooks = folder / "hooks.py"
    hooks.write_text("", encoding="utf-8")
    return Setup(folder=folder, urls=urls, config=config, hooks=hooks, cache=folder / "cache.db",
                 page_urls=page_urls)


def run(setup: Setup, label: str) -> tuple[Measured, Path]:
    """One urlwatch run over every job; its report goes to a file."""
    out = setup.folder / f"report-{label}.txt"
    env = {**os.environ, "HOME": str(setup.folder)}  # keeps urlwatch away from the real ~/.config and ~/.cache
    with out.open("wb") as f:
        measured = run_measured([str(URLWATCH), "--urls", str(setup.urls), "--config", str(setup.config),
                                 "--hooks", str(setup.hooks), "--cache", str(setup.cache)], env=env, stdout=f)
    return measured, out


def entries(setup: Setup) -> dict[str, int]:
    """Cache entries per job guid."""
    if not setup.cache.exists():
        return {}
    with sqlite3.connect(setup.cache) as db:
        return dict(db.execute("SELECT guid, count(*) FROM CacheEntry GROUP BY guid").fetchall())


def errors(setup: Setup) -> int:
    """Cache entries that record a failed try."""
    with sqlite3.connect(setup.cache) as db:
        return int(db.execute("SELECT count(*) FROM CacheEntry WHERE tries > 0").fetchone()[0])


def verify(setup: Setup, measured: Measured, report: Path, before: dict[str, int],
           changed: set[int] | None) -> list[str]:
    """The same checks as tallywatch's: one entry per page after a first run, then exactly the changed pages gain
    one; no errors in the cache or the report."""
    problems = []
    after = entries(setup)
    ids = {guid(u): i for i, u in enumerate(setup.page_urls)}
    if changed is None:
        if set(after) != set(ids) or any(n != 1 for n in after.values()):
            problems.append(f"{len(after)} jobs cached after the first run, expected {len(ids)} with one entry each")
    else:
        grew = {ids.get(g, -1) for g, n in after.items() if n != before.get(g, 0)}
        if grew != changed:
            problems.append(f"urlwatch stored new data for {len(grew)} jobs, expected exactly the {len(changed)} "
                            "changed ones")
    if errors(setup):
        problems.append(f"{errors(setup)} failed tries in urlwatch's cache")
    text = report.read_text(encoding="utf-8", errors="replace")
    if "ERROR:" in text:
        problems.append(f"{text.count('ERROR:')} ERROR lines in urlwatch's report")
    if measured.returncode != 0:
        problems.append(f"urlwatch exited with {measured.returncode}")
    return problems
