"""The words that say a value is an earlier one: "previous report", "last week", "prior update".

Three readers use them: a cue inside a bracket before a number ("(previous report: 587)"), the rest of a bracket
after a number ("(1,704 in the previous report)") and a table column's title ("Last week"). One vocabulary keeps
the three agreeing on what an earlier report or period is called.
"""

from __future__ import annotations

from collections.abc import Iterable

EARLIER_ADJECTIVES = ("last", "previous", "prior", "preceding")
REPORT_NOUNS = ("report", "update", "bulletin", "sitrep", "round", "count", "statement", "figure")
PERIOD_NOUNS = ("week", "month", "year", "day", "period")


def alternation(*groups: Iterable[str]) -> str:
    """A non-capturing regex group matching any of the words (longest first, so no word stops at its prefix)."""
    words = sorted({w for g in groups for w in g}, key=len, reverse=True)
    return "(?:" + "|".join(words) + ")"
