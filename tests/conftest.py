"""Shared fixtures: a real SQLite file, a real page server on 127.0.0.1, config files and an in-process CLI."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.pages import PageServer

pytest_plugins = ["tests.support.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def site() -> Iterator[PageServer]:
    """A page server on a free loopback port."""
    with PageServer() as server:
        yield server


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Workspace:
    """A folder with config.yaml and a SQLite database, and a way to run the CLI against them."""

    path: Path
    capsys: pytest.CaptureFixture[str]

    @property
    def config(self) -> Path:
        return self.path / "config.yaml"

    @property
    def db(self) -> Path:
        return self.path / "tallywatch.db"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db}"

    def write_config(self, text: str) -> Path:
        self.config.write_text(textwrap.dedent(text), encoding="utf-8")
        return self.config

    def cli(self, *args: str) -> CliResult:
        """Run `tallywatch --config … --db … ARGS` in-process and capture its output and exit code."""
        from monitor.cli import main

        self.capsys.readouterr()
        try:
            main(["--config", str(self.config), "--db", self.db_url, *args])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = self.capsys.readouterr()
        return CliResult(code, captured.out, captured.err)


@pytest.fixture
def ws(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.delenv("TALLYWATCH_DB", raising=False)
    monkeypatch.delenv("TALLYWATCH_CONFIG", raising=False)
    return Workspace(tmp_path, capsys)


def corpus_or_skip() -> Path:
    """The shared corpus folder, or skip the test when this checkout has none beside it."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def python_exe() -> str:
    return sys.executable


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a `tallywatch` subprocess: this interpreter's, without the test's DB/config vars."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TALLYWATCH_")}
    env.update(extra)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env
