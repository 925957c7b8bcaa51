"""`figures`, `export` and the figure part of `diff`, through the real pipeline and CLI."""

from __future__ import annotations

import csv
import io

from tests.conftest import Workspace
from tests.support.articles import BASE_PARAGRAPHS, article
from tests.support.pages import PageServer

TOLLS = ["at least 249", "at least 331", "at least 402"]


def _run_series(ws: Workspace, site: PageServer) -> None:
    ws.write_config(f"""
        watches:
          - name: report
            url: {site.url('/report')}
    """)
    for toll in TOLLS:
        site.set("/report", article([p.replace("at least 249", toll) for p in BASE_PARAGRAPHS]))
        assert ws.cli("check").code == 0


def test_figures_timeline_json(ws: Workspace, site: PageServer) -> None:
    _run_series(ws, site)
    rows = ws.cli("figures", "report", "--metric", "killed", "--json").json()
    assert [(r["version"], r["value"], r["qualifier"]) for r in rows] == [
        (1, 249, "at_least"), (2, 331, "at_least"), (3, 402, "at_least")]
    assert set(rows[0]) == {"version", "fetched_at", "key", "label", "value", "low", "high", "qualifier", "unit",
                            "sentence"}
    assert "killed" in rows[0]["sentence"]


def test_figures_table_has_deltas_and_a_chart(ws: Workspace, site: PageServer) -> None:
    _run_series(ws, site)
    out = ws.cli("figures", "report", "--metric", "killed").out
    assert "killed" in out and "+82" in out and "+71" in out
    assert any(ch in out for ch in "▁▂▃▄▅▆▇█")
    missing = ws.cli("figures", "report", "--metric", "nonsense")
    assert missing.code == 1 and "no figure with key 'nonsense'" in missing.err


def test_export_csv_and_json(ws: Workspace, site: PageServer) -> None:
    _run_series(ws, site)
    out = ws.cli("export", "report", "--format", "csv", "--metric", "killed").out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["value"] for r in rows] == ["249.0", "331.0", "402.0"]
    assert [r["delta"] for r in rows] == ["", "82.0", "71.0"]
    target = ws.path / "timeline.json"
    result = ws.cli("export", "report", "--format", "json", "--output", str(target))
    assert result.code == 0 and target.exists()
    assert ws.cli("export", "report", "--format", "xml").code == 1


def test_diff_lists_figure_changes_above_the_text(ws: Workspace, site: PageServer) -> None:
    _run_series(ws, site)
    out = ws.cli("diff", "report").out
    head, _, text = out.partition("\n\n")
    assert "killed: at least 331 → at least 402 (+71, +21.5%)" in head
    assert "[-331-]{+402+}" in text
    data = ws.cli("diff", "report", "1", "3", "--json").json()
    killed = [c for c in data["figure_changes"] if c["key"] == "killed"]
    assert killed[0]["delta"] == 153
