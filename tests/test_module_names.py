"""No module binds the same top-level name twice.

The figure rules are many module-level regexes and word lists; a second ``_NAME = re.compile(...)`` further down a
module silently replaces the first for every function that reads it, and nothing else fails. This has happened
(two rules sharing a name, each tested only where the surviving one happened to agree).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(p for pkg in ("monitor", "storage", "notifiers") for p in (ROOT / pkg).rglob("*.py"))


def _top_level_names(tree: ast.Module) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    return names


def test_there_are_modules_to_check() -> None:
    assert len(MODULES) > 20


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_top_level_name_is_bound_twice(path: Path) -> None:
    names = _top_level_names(ast.parse(path.read_text(encoding="utf-8")))
    assert [n for n, k in names.items() if k > 1] == []


def test_the_check_sees_a_second_binding() -> None:
    tree = ast.parse("import re\n_A = re.compile('x')\n\n\ndef f() -> None: ...\n\n\n_A = re.compile('y')\n")
    assert _top_level_names(tree)["_A"] == 2
