"""Alert rules on real figure changes: each filter suppresses one change and lets another through."""

from __future__ import annotations

from dataclasses import replace

from monitor.config import parse_config
from monitor.figures import Figure, FigureChange
from monitor.rules import decide


def _fig(value: float, key: str = "killed", qualifier: str = "exact") -> Figure:
    return Figure(value=value, low=value, high=value, qualifier=qualifier, label=key, key=key, unit=None,
                  sentence=f"{value:g} {key}.", start=0, end=3)


def _change(old: float, new: float, key: str = "killed", q_old: str = "exact", q_new: str = "exact") -> FigureChange:
    a, b = _fig(old, key, q_old), _fig(new, key, q_new)
    delta = new - old
    return FigureChange(kind="changed", key=key, old=a, new=b, delta=delta,
                        delta_pct=delta / old * 100 if old else None, old_sentence=a.sentence,
                        new_sentence=b.sentence)


def _watch(extra: str = ""):  # type: ignore[no-untyped-def]
    config = parse_config(f"""
watches:
  - name: w
    url: http://127.0.0.1:1/
{extra}
""", env={})
    return config.watches[0]


def test_defaults_alert_on_any_figure_change_but_not_the_first_version() -> None:
    w = _watch()
    assert decide(w, [_change(249, 331)], True, first_version=False).alert
    assert not decide(w, [_change(249, 331)], True, first_version=True).alert
    assert not decide(w, [], True, first_version=False).alert
    assert decide(replace(w, alert_on_first=True), [], True, first_version=True).alert


def test_min_change() -> None:
    w = _watch("    rules: [{metric: killed, min_change: 10}]")
    assert not decide(w, [_change(249, 255)], True, first_version=False).alert
    assert decide(w, [_change(249, 260)], True, first_version=False).alert


def test_min_change_pct() -> None:
    w = _watch("    rules: [{min_change_pct: 5}]")
    assert not decide(w, [_change(1000, 1040)], True, first_version=False).alert
    decision = decide(w, [_change(1000, 1060)], True, first_version=False)
    assert decision.alert and decision.moves[0].delta == 60


def test_metrics_only_named_keys() -> None:
    w = _watch("    rules: [{metric: [killed]}]")
    assert not decide(w, [_change(553, 600, key="injured")], True, first_version=False).alert
    decision = decide(w, [_change(553, 600, key="injured"), _change(249, 331)], True, first_version=False)
    assert decision.alert and [m.key for m in decision.moves] == ["killed"]


def test_direction() -> None:
    w = _watch("    rules: [{direction: down}]")
    assert not decide(w, [_change(249, 331)], True, first_version=False).alert
    assert decide(w, [_change(249, 240)], True, first_version=False).alert


def test_qualifier_only_changes_can_be_silenced() -> None:
    move = _change(480, 480, key="missiles", q_old="almost", q_new="more_than")
    assert move.qualifier_only
    assert decide(_watch(), [move], True, first_version=False).alert
    assert not decide(_watch("    qualifier_changes: false"), [move], True, first_version=False).alert


def test_alert_on_text_and_any() -> None:
    assert decide(_watch("    alert_on: text"), [], True, first_version=False).alert
    assert not decide(_watch("    alert_on: text"), [], False, first_version=False).alert
    assert decide(_watch("    alert_on: any"), [], True, first_version=False).alert
    assert not decide(_watch(), [], True, first_version=False).alert
