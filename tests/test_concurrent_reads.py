"""CLI reads while another process writes: never blocked, never a half-written state (SQLite WAL, PostgreSQL MVCC)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from sqlmodel import Session

from storage.db import open_database
from storage.models import VersionRow, WatchRow, utcnow
from tests.conftest import ROOT, Workspace, subprocess_env

# A writer like the daemon's: one transaction that adds the next version and updates the watch row, held open
# until told to commit (or, with `loop N`, N committed versions back to back).
WRITER = r"""
import sys
from sqlmodel import Session, select
from storage.db import open_database
from storage.models import VersionRow, WatchRow, utcnow

engine = open_database(sys.argv[1])
mode = sys.argv[2]

def add_version(s):
    w = s.exec(select(WatchRow).where(WatchRow.name == "report")).one()
    n = max(v.number for v in s.exec(select(VersionRow).where(VersionRow.watch_id == w.id))) + 1
    s.add(VersionRow(watch_id=w.id, number=n, fetched_at=utcnow(), url=w.url, text_hash=f"h{n}",
                     text=f"version {n} " * 2000, http_meta={"n": n}))
    w.last_check_at = utcnow()
    w.last_outcome = "new_version"
    s.add(w)
    s.flush()

if mode == "hold":
    with Session(engine) as s:
        add_version(s)
        print("holding", flush=True)
        sys.stdin.readline()
        s.commit()
    print("committed", flush=True)
else:
    for _ in range(int(sys.argv[3])):
        with Session(engine) as s:
            add_version(s)
            s.commit()
    print("done", flush=True)
engine.dispose()
"""


@pytest.fixture
def seeded(ws: Workspace) -> Workspace:
    ws.write_config("watches:\n  - {name: report, url: 'http://127.0.0.1:9/report'}\n")
    engine = open_database(ws.db_url)
    with Session(engine) as s:
        w = WatchRow(name="report", url="http://127.0.0.1:9/report")
        s.add(w)
        s.flush()
        s.add(VersionRow(watch_id=w.id, number=1, fetched_at=utcnow(), url=w.url, text_hash="h1", text="version 1"))
        s.commit()
    engine.dispose()
    return ws


@pytest.fixture
def writer(seeded: Workspace) -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait(10)


def _start(ws: Workspace, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, ws.db_url, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT, env=subprocess_env())


def _numbers(ws: Workspace) -> list[int]:
    result = ws.cli("history", "report", "--json")
    assert result.code == 0, result.err
    return [v["number"] for v in result.json()]


def test_reads_are_not_blocked_by_an_open_write(seeded: Workspace, writer: list[subprocess.Popen[str]]) -> None:
    ws = seeded
    proc = _start(ws, "hold")
    writer.append(proc)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    started = time.monotonic()
    assert _numbers(ws) == [1]  # the uncommitted version is invisible
    listing = ws.cli("list", "--json")
    assert listing.code == 0, listing.err
    assert [(r["name"], r["versions"]) for r in listing.json()] == [("report", 1)]
    assert ws.cli("show", "report", "--json").json()["number"] == 1
    assert time.monotonic() - started < 5  # not waiting for the writer (SQLite's busy timeout is 30 s)
    assert proc.stdin is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == "committed"
    assert proc.wait(10) == 0
    assert _numbers(ws) == [1, 2]


def test_reads_during_a_stream_of_writes_see_whole_versions(seeded: Workspace,
                                                            writer: list[subprocess.Popen[str]]) -> None:
    ws = seeded
    proc = _start(ws, "loop", "40")
    writer.append(proc)
    seen: list[list[int]] = []
    while proc.poll() is None and len(seen) < 200:
        seen.append(_numbers(ws))
        shown = ws.cli("show", "report", "--json").json()
        assert shown["text"].startswith(f"version {shown['number']}")
    assert proc.wait(30) == 0
    seen.append(_numbers(ws))
    for numbers in seen:
        assert numbers == list(range(1, len(numbers) + 1))  # every read a gap-free prefix
    assert [len(s) for s in seen] == sorted(len(s) for s in seen)  # and never going back
    assert seen[-1] == list(range(1, 42))
