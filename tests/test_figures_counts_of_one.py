"""Counts of one: a person, a building or a weapon that a report counts without writing a number for it."""

from __future__ import annotations

import pytest

from monitor.figures import extract_figures


def pairs(text: str) -> list[tuple[float | None, str]]:
    return [(f.value, f.label) for f in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Artillery hit the market, killing one resident and wounding one volunteer.", [(1, "killed"), (1, "injured")]),
        ("The helicopter crash killed one pilot and two passengers.", [(1, "killed"), (2, "killed")]),
        ("One paramedic was among the dead.", [(1, "killed")]),
    ],
)
def test_one_person_of_a_kind_reports_count(text: str, expected: list[tuple[float, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "One driver said the road had been closed since dawn.",
        "One resident told the radio station that the water had risen overnight.",
    ],
)
def test_one_person_quoted_is_a_source_not_a_count(text: str) -> None:
    assert pairs(text) == []
