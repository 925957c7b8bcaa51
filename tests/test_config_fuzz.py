"""Bad config never crashes the CLI: hypothesis writes broken config.yaml files and `validate` and `run` must answer
with one-line problems and exit 1 (or exit 0 for a valid document), never a traceback, and never touch the database.

Documents are a valid base config with mutations (wrong types, unknown keys, missing keys, huge numbers, unicode,
unset `${VARS}`), plus raw text (malformed YAML, deep nesting, aliases). `run` is called in-process through
`monitor.cli.main` with the daemon itself replaced by a stub, so a document that passes validation records that it
would have started instead of serving forever; a few samples also go through a real subprocess.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests.conftest import subprocess_env

SECRET = "fuzz-secret-value-7d1c"

BASE: dict[str, Any] = {
    "database": "sqlite:///never-used.db",
    "allow_private_networks": False,
    "defaults": {"interval": "15m", "timeout": "20s", "notify": ["hook"], "error_threshold": 3},
    "daemon": {"max_concurrent": 4, "grace": "10s", "dispatch_interval": "5s"},
    "notifiers": {"hook": {"type": "webhook", "url": "http://127.0.0.1:9/hook", "secret": "${TW_FUZZ_SECRET}"}},
    "watches": [
        {"name": "report", "url": "http://127.0.0.1:9/report", "rules": [{"metric": "killed", "min_change": 1}],
         "metrics": {"killed": ["killed", "dead"]}},
        {"name": "series", "series": {"index": "http://127.0.0.1:9/index", "link_pattern": "update-"},
         "cron": "0 * * * *"},
    ],
}

SPECIAL_STRINGS = ["${TW_FUZZ_UNSET}", "${TW_FUZZ_UNSET:-5m}", "${TW_FUZZ_SECRET}", "15m", "-1s", "0s", "1e309",
                   "10GB", "☃" * 40, "\u202e\u0000x", "http://", "ftp://example.org/", "[", "*/0 * * * *",
                   "(unclosed", "a" * 5000, "${}", "$${X}", "\t", "1 2 3"]
SPECIAL_NUMBERS = [10**400, -(10**30), 2**63, -1, 0, 1e308, float("inf"), float("-inf"), float("nan"), 0.5]


def _values() -> st.SearchStrategy[Any]:
    leaves = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
              | st.floats() | st.text(max_size=30) | st.sampled_from(SPECIAL_STRINGS)
              | st.sampled_from(SPECIAL_NUMBERS))
    keys = st.text(max_size=12) | st.sampled_from(["name", "url", "type", "interval", "watches", "intervall"])
    return st.recursive(leaves, lambda kids: st.lists(kids, max_size=3) | st.dictionaries(keys, kids, max_size=3),
                        max_leaves=8)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in the base document."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


PATHS = [p for p in _paths(BASE) if p]


def _mutate(doc: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif action == "unknown_key":
        target = parent[last]
        if isinstance(target, dict):
            target[f"unknown_{abs(hash(str(value))) % 1000}"] = value
        else:
            parent[last] = {"nested": target, "extra": value}
    elif action == "wrap":
        parent[last] = [parent[last], value]
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        live = [p for p in _paths(doc) if p]
        path = draw(st.sampled_from(live))
        action = draw(st.sampled_from(["replace", "replace", "delete", "unknown_key", "wrap"]))
        doc = _mutate(doc, path, action, draw(_values()))
    return yaml.safe_dump(doc, allow_unicode=draw(st.booleans()), sort_keys=False)


@st.composite
def raw_documents(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["text", "nesting", "dict_nesting", "aliases", "scalar", "truncated", "tabs"]))
    if kind == "text":
        return draw(st.text(max_size=200))
    if kind == "nesting":
        # past ~500 levels the YAML parser itself recurses too deep; each level costs parse time, so a few sizes
        n = draw(st.sampled_from([100, 300, 700]))
        return "watches: " + "[" * n + "]" * n
    if kind == "dict_nesting":
        n = draw(st.sampled_from([100, 400, 1500]))
        return "watches:\n- name: x\n  url: " + "{a: " * n + "1" + "}" * n
    if kind == "aliases":
        width = draw(st.integers(min_value=2, max_value=6))
        lines = ["a0: &a0 [x, y]"] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, 5)]
        return "\n".join(lines) + "\nwatches: *a4\n"
    if kind == "scalar":
        return draw(st.sampled_from(["42", "null", "- just\n- a list", "'text'", "~", "!!binary aGk=", "---\n..."]))
    if kind == "tabs":
        return "watches:\n\t- name: x\n\t  url: http://127.0.0.1:9/x\n"
    text = yaml.safe_dump(BASE, sort_keys=False)
    return text[: draw(st.integers(min_value=0, max_value=len(text)))]


DOCUMENTS = mutated_documents() | raw_documents()


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def database(fuzz_dir: Path) -> Path:
    """A real tallywatch database with rows in it, which no bad config may change."""
    from storage.db import open_database

    db = fuzz_dir / "tallywatch.db"
    engine = open_database(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO watches (name, url, kind, created_at, consecutive_failures, error_alerted)"
                             " VALUES ('existing', 'http://127.0.0.1:9/x', 'article', '2024-01-01 00:00:00', 0, 0)")
    engine.dispose()
    return db


def _digest(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        dump = "\n".join(conn.iterdump())
    return hashlib.sha256(dump.encode()).hexdigest()


@pytest.fixture(scope="module")
def cached_command() -> Iterator[None]:
    """Build the click command once: typer rebuilds it from type hints on every call (~50 ms, most of a run)."""
    import typer.main

    from monitor.cli import app

    command = typer.main.get_command(app)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typer.main, "get_command", lambda _app: command)
        yield


def _cli(args: list[str]) -> tuple[int, str, str]:
    from monitor.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


# No shrinking: a failing document is short enough to read as found, and shrinking a 3000-deep one takes minutes.
@settings(max_examples=500, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(document=DOCUMENTS)
@example(document=yaml.safe_dump(BASE, sort_keys=False))  # the valid base itself: exit 0 and a daemon start
def test_bad_config_is_one_line_errors_never_a_traceback(document: str, fuzz_dir: Path, database: Path,
                                                         cached_command: None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TW_FUZZ_SECRET", SECRET)
    monkeypatch.delenv("TW_FUZZ_UNSET", raising=False)
    monkeypatch.delenv("TALLYWATCH_DB", raising=False)
    started: list[str] = []
    monkeypatch.setattr("monitor.daemon.run_daemon",
                        lambda config, db_url, config_path=None: started.append(db_url) or 0)
    config = fuzz_dir / "config.yaml"
    config.write_text(document, encoding="utf-8")
    before = _digest(database)
    base = ["--config", str(config), "--db", f"sqlite:///{database}"]

    code, out, err = _cli([*base, "validate"])
    assert "Traceback" not in out + err
    assert SECRET not in out + err
    if code == 0:
        assert err == "" and out.count("\n") == 1 and ": ok (" in out
    else:
        assert code == 1 and out == ""
        lines = err.splitlines()
        assert lines and all(line.startswith(f"{config}: ") for line in lines), err
        assert len(lines) == err.count("\n"), "every problem is one line"

    code_run, out_run, err_run = _cli([*base, "run"])
    assert "Traceback" not in out_run + err_run
    assert SECRET not in out_run + err_run
    if code == 0:  # a valid document: the daemon would have started, on the --db database
        assert code_run == 0 and started == [f"sqlite:///{database}"]
    else:
        assert code_run == 1 and started == [] and out_run == ""
        assert err_run.startswith("error: ") and err_run.count("\n") == 1, err_run
    assert _digest(database) == before


SAMPLES = [
    "watches:\n  - name: x\n    url: http://127.0.0.1:9/x\n    intervall: 5m\n",
    "watches: " + "[" * 800 + "]" * 800,
    "notifiers:\n  hook:\n    type: webhook\n    url: ${TW_FUZZ_UNSET}\n",
    "watches:\n  - name: x\n    url: http://127.0.0.1:9/x\n    max_bytes: " + "9" * 500 + "\n",
]


@pytest.mark.parametrize("document", SAMPLES, ids=["unknown-key", "deep", "unset-env", "huge-number"])
def test_bad_config_through_the_real_entry_point(document: str, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(document)
    db = tmp_path / "tallywatch.db"
    for command in ("validate", "run"):
        proc = subprocess.run([sys.executable, "-m", "monitor", "--config", str(config), "--db", f"sqlite:///{db}",
                               command], capture_output=True, text=True, timeout=60, env=subprocess_env())
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr and proc.stdout == ""
        lines = proc.stderr.splitlines()
        assert len(lines) == proc.stderr.count("\n") >= 1, proc.stderr
        if command == "run":  # `validate` lists every problem, one per line; `run` says the first in one line
            assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert not db.exists()
