"""The extractor against the shared corpus (skipped when ../shared/corpus is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.figures import diff_figures, extract_figures

from ._figures_helpers import eval_figures_script

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = CORPUS / "figures_dev.jsonl"
SEQUENCES = CORPUS / "sequences"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="shared corpus not available")


def test_dev_set_meets_the_bar(capsys: pytest.CaptureFixture[str]) -> None:
    mod = eval_figures_script()
    assert mod.main([str(GOLD), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["f1"] >= 0.93
    assert res["qualifier_accuracy"] >= 0.93
    assert res["label_accuracy"] >= 0.80
    assert res["leaks"] <= 2


def test_eval_script_reports_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    mod = eval_figures_script()
    assert mod.main([str(tmp_path / "nope.jsonl")]) == 1
    assert "not found" in capsys.readouterr().err


@pytest.mark.skipif(not SEQUENCES.is_dir(), reason="sequences not available")
def test_sequences_extract_and_diff_without_errors() -> None:
    for folder in sorted(p for p in SEQUENCES.iterdir() if p.is_dir()):
        prev = None
        for f in sorted(folder.glob("*.txt")):
            text = f.read_text(encoding="utf-8")
            figs = extract_figures(text)
            assert figs, f
            for fig in figs:
                assert text[fig.start : fig.end].strip(), fig
                assert fig.role in ("current", "earlier", "delta", "projection", "context")
            if prev is not None:
                for ch in diff_figures(prev, figs):
                    assert ch.kind in ("changed", "added", "removed")
            prev = figs
