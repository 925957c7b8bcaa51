"""A `check` of many watches analyses pages in worker processes: same results, lean processes.

Real parts: the page server on 127.0.0.1, a SQLite file, the CLI in-process (its pool's workers are real
processes), and a subprocess to see what the parent imports.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess

import pytest

from monitor import runner
from monitor.analysis import analyse
from monitor.textdiff import diff_words, make_patch
from tests import pool_probe
from tests.conftest import Workspace, subprocess_env
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.pages import PageServer

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the pool is only used with two or more cores")

WATCHES = runner.POOL_MIN_WATCHES + 2
FIGURE_COLUMNS = "f.value, f.low, f.high, f.qualifier, f.label, f.key, f.unit, f.role, f.start, f.\"end\", f.sentence"


def _paragraphs(i: int, bump: int = 0) -> list[str]:
    paragraphs = list(BASE_PARAGRAPHS)
    paragraphs[0] = paragraphs[0].replace("at least 249", f"at least {249 + 3 * i + bump}")
    paragraphs[2] = paragraphs[2].replace("12 hospitals", f"{12 + i} hospitals")
    return paragraphs


def _serve(site: PageServer, bump: int = 0) -> None:
    for i in range(WATCHES):
        site.set(f"/p/{i}", article(_paragraphs(i, bump), title=f"Report {i}"))


def _stored(ws: Workspace, name: str, number: int) -> tuple[str, list[tuple[object, ...]]]:
    [(version_id, text)] = ws.sql("SELECT v.id, v.text FROM versions v JOIN watches w ON w.id = v.watch_id "
                                  "WHERE w.name = :name AND v.number = :number", name=name, number=number)
    figures = ws.sql(f"SELECT {FIGURE_COLUMNS} FROM figures f WHERE f.version_id = :vid ORDER BY f.ordinal",
                     vid=version_id)
    return text, [tuple(row) for row in figures]


def _in_process(site: PageServer, i: int, bump: int) -> tuple[str, list[tuple[object, ...]]]:
    body = article(_paragraphs(i, bump), title=f"Report {i}").encode("utf-8")
    text, figures = analyse(body, "text/html; charset=utf-8", None, (), {})
    return text, [(f.value, f.low, f.high, f.qualifier, f.label, f.key, f.unit, f.role, f.start, f.end, f.sentence)
                  for f in figures]


def test_pooled_check_stores_exactly_what_in_process_analysis_gives(ws: Workspace, site: PageServer,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[object] = []
    real_start = runner.start_analysis_pool

    def spy(watch_count: int) -> object:
        pool = real_start(watch_count)
        pools.append(pool)
        return pool

    monkeypatch.setattr(runner, "start_analysis_pool", spy)
    _serve(site)
    site.set("/empty", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    watches = "\n".join(f"  - {{name: p{i}, url: '{site.url(f'/p/{i}')}'}}" for i in range(WATCHES))
    ws.write_config("watches:\n" + watches + f"\n  - {{name: bad-selector, url: '{site.url('/p/0')}', "
                    "selector: '#missing'}\n")

    first = ws.cli("check", "--json")
    assert first.code == 2  # the watch whose selector matches nothing failed, the others ran
    assert pools and pools[0] is not None, "the check did not use a worker pool"
    outcomes = {c["watch"]: c for c in first.json()["checks"]}
    assert outcomes["bad-selector"]["outcome"] == "error"
    # the error raised in the worker process comes back as the one-line reason, not a traceback
    assert "CSS selector '#missing' matched nothing" in outcomes["bad-selector"]["error"]
    for i in range(WATCHES):
        assert outcomes[f"p{i}"]["outcome"] == "new_version"
        assert _stored(ws, f"p{i}", 1) == _in_process(site, i, 0)

    # a re-poll where every page changed: the worker diffs against the stored text, like record_page would
    _serve(site, bump=50)
    assert ws.cli("check", "--json").code == 2
    for i in range(WATCHES):
        old_text, _ = _in_process(site, i, 0)
        new_text, _ = _in_process(site, i, 50)
        assert _stored(ws, f"p{i}", 2) == _in_process(site, i, 50)
        [(patch,)] = ws.sql("SELECT c.patch FROM changes c JOIN watches w ON w.id = c.watch_id "
                            "WHERE w.name = :name AND c.from_version_id IS NOT NULL", name=f"p{i}")
        assert patch == make_patch(old_text, new_text, diff_words(old_text, new_text))
        assert f"at least {249 + 3 * i} → at least {299 + 3 * i}" in ws.cli("diff", f"p{i}").out


def test_workers_load_the_extraction_stack_and_not_the_parent_s() -> None:
    pool = runner.start_analysis_pool(runner.POOL_MIN_WATCHES)
    assert pool is not None
    try:
        in_worker = pool.submit(pool_probe.loaded, (*pool_probe.PARENT_ONLY, "trafilatura")).result(timeout=60)
        openssl = pool.submit(pool_probe.openssl_mapped).result(timeout=60)
        digest = pool.submit(pool_probe.sha256_hex, b"tallywatch").result(timeout=60)
    finally:
        pool.shutdown()
    assert in_worker == ["trafilatura"]  # warm_up ran; the ORM, HTTP client and CLI did not come along
    assert openssl == []  # a worker never opens a connection: no TLS library either
    assert digest == hashlib.sha256(b"tallywatch").hexdigest()


def test_the_parent_of_a_pooled_check_does_not_import_the_extraction_stack(python_exe: str) -> None:
    code = ("import sys, monitor.cli, monitor.runner, monitor.pipeline, monitor.daemon, monitor.record; "
            "print([m for m in ('trafilatura', 'bs4', 'monitor.extract', 'monitor.figures.extract', 'text_to_num') "
            "if m in sys.modules])")
    out = subprocess.run([python_exe, "-c", code], capture_output=True, text=True, env=subprocess_env(),
                         timeout=60, check=True).stdout
    assert out.strip() == "[]"


def test_a_dead_worker_fails_its_pages_and_the_run_goes_on(ws: Workspace, site: PageServer,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    real_start = runner.start_analysis_pool

    def start_then_kill(watch_count: int) -> object:
        pool = real_start(watch_count)
        assert pool is not None
        pool.submit(int).result(timeout=60)  # the workers are up
        for pid in pool.pids:
            os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
        return pool

    monkeypatch.setattr(runner, "start_analysis_pool", start_then_kill)
    _serve(site)
    watches = "\n".join(f"  - {{name: p{i}, url: '{site.url(f'/p/{i}')}'}}" for i in range(WATCHES))
    ws.write_config("watches:\n" + watches + "\n")

    first = ws.cli("check", "--json")
    assert first.code == 2, first.err  # some checks failed; no traceback, the run finished
    checks = {c["watch"]: c for c in first.json()["checks"]}
    failed = [name for name, c in checks.items() if c["outcome"] == "error"]
    assert failed, "no check saw the dead worker"
    for name in failed:
        assert "analysis worker process died" in checks[name]["error"]
        assert checks[name]["error_class"] == "extraction"
    # the pages analysed after the pool broke were read in this process
    assert all(checks[f"p{i}"]["outcome"] in ("new_version", "error") for i in range(WATCHES))

    monkeypatch.setattr(runner, "start_analysis_pool", real_start)
    again = ws.cli("check", "--json")
    assert again.code == 0
    outcomes = {c["watch"]: c["outcome"] for c in again.json()["checks"]}
    assert {outcomes[name] for name in failed} == {"new_version"}
    for i in range(WATCHES):
        assert _stored(ws, f"p{i}", 1) == _in_process(site, i, 0)
