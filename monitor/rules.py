"""A watch's alert rules: which changes of a new version are worth telling people about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from monitor.config import RuleConfig, Watch
from monitor.figures import FigureChange


@dataclass(frozen=True)
class Decision:
    """Whether to alert, and the figure changes the alert should list."""

    alert: bool
    moves: tuple[FigureChange, ...]
    reason: str


def rule_matches(rule: RuleConfig, change: FigureChange, qualifier_changes: bool) -> bool:
    """Does this figure change pass this rule's filters?"""
    metrics = rule.metrics
    if metrics is not None and change.key not in metrics:
        return False
    if change.kind == "added":
        return rule.added
    if change.kind == "removed":
        return rule.removed
    allow_qualifier = rule.qualifier_changes if rule.qualifier_changes is not None else qualifier_changes
    if change.qualifier_only:
        return allow_qualifier
    delta = change.delta
    if delta is None:  # a range or an unparseable bound moved: any move counts, thresholds cannot apply
        return rule.min_change is None and rule.min_change_pct is None
    if rule.direction == "up" and delta <= 0:
        return False
    if rule.direction == "down" and delta >= 0:
        return False
    if rule.min_change is not None and abs(delta) < rule.min_change:
        return False
    return not (rule.min_change_pct is not None
                and (change.delta_pct is None or abs(change.delta_pct) < rule.min_change_pct))


def decide(watch: Watch, changes: Sequence[FigureChange], text_changed: bool, *, first_version: bool) -> Decision:
    """Apply the watch's rules to the figure diff and text diff of a new version.

    With no rules, every figure change counts except removals (a figure dropping out of an updated report is
    usually rewriting, not news) and, unless `qualifier_changes` is off, qualifier-only moves count too.
    """
    if first_version and not watch.alert_on_first:
        return Decision(False, (), "first version is the baseline")
    rules = watch.rules or (RuleConfig(),)
    moves = tuple(c for c in changes if any(rule_matches(r, c, watch.qualifier_changes) for r in rules))
    if first_version:
        return Decision(True, moves, "first version (alert_on_first)")
    if watch.alert_on == "text":
        return Decision(text_changed, moves, "text changed" if text_changed else "text unchanged")
    if watch.alert_on == "any" and (moves or text_changed):
        return Decision(True, moves, "figures or text changed")
    if moves:
        return Decision(True, moves, f"{len(moves)} figure change(s) passed the rules")
    if changes:
        return Decision(False, (), "figure changes filtered out by rules")
    return Decision(False, (), "no figure changed")
