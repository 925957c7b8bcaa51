"""Digit groups written with blanks or dots, decimal commas, dotted dates and times, and counts after a date."""

from __future__ import annotations

import pytest

from monitor.figures import extract_figures

from ._figures_helpers import values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # blank-separated thousands, read as one count when the number is then one count
        ("Since spring the shelling has killed 1 438 civilians in the district.", [1438]),
        ("The toll among minors is now more than 1 520 children.", [1520]),
        ("The shelters host approx. 3 400 IDPs from the front-line villages.", [3400]),
        ("A total of 12\u00a0400 refugees registered this week.", [12400]),
        ("Volunteers handed out 1 250 000 meals last month.", [1250000]),
        # a row of numbers, a model after a count, and a phone number stay apart
        ("Sumska 140 380", [140, 380]),
        # a month word before the group makes it a date and a count; a word that only contains a month's letters
        # ("renovated", "summary") does not
        ("Volunteers renovated 1 438 homes in the old town.", [1438]),
        ("In the summary 1 438 people were listed as missing.", [1438]),
        ("The carrier grounded roughly 400 737 Max jets.", [400]),
        ("For help, dial the free line on 0 800 505 123 at any time.", []),
        # dot-separated thousands; a dot before a scale word or a percent sign is a decimal point
        ("In one night the army launched 1.200 drones at the region.", [1200]),
        ("The number of dead climbed to 11.078, the agency said.", [11078]),
        ("Refugees in the country now total 2.084 million.", [2084000]),
        ("The bond yield rose to 1.786% on Monday.", [1.786]),
        # decimal commas before a scale word or a percent sign
        ("About 1,5 million children have left the country.", [1500000]),
        ("Only 2,5% of the appeal has been funded.", [2.5]),
        ("Officials counted 1,250 damaged houses.", [1250]),
    ],
)
def test_digit_groups(text: str, expected: list[float]) -> None:
    assert values(text) == expected


def test_the_number_as_written_keeps_its_own_separators() -> None:
    text = "Since spring the shelling has killed 1 438 civilians."
    (f,) = extract_figures(text)
    assert text[f.start : f.end] == "1 438"
    assert f.sentence == text
    assert f.label == "killed"


def test_a_table_cell_with_a_blank_group_is_one_number() -> None:
    text = "Oblast | Civilian casualties | of which children\nKhersonska | 1 204 | 71"
    assert values(text) == [1204, 71]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dotted day.month or hour.minute after a word that says when, or as a table row's first cell
        ("The ministry said on 3.11 at 17:40 that the launch was spotted.", []),
        ("The shelling began at 18.30 and lasted until 19.15.", []),
        ("Date | Missiles | Drones\n29.12 | 122 | 36", [122, 36]),
        # a decimal with a counted word or without a word of time stays a number
        ("The index rose to 3.11 on Monday.", [3.11]),
    ],
)
def test_dotted_dates_and_times(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On March 3, 100 people died in the floods.", [100]),
        ("Since March 3, 14 people have died.", [14]),
        ("On March 3, 2022, 100 people died.", [100]),
        ("In March 40 people died of cholera.", [40]),
        # the days of a list are dates
        ("Strikes hit the city on March 3, 4, and 5.", []),
        ("On March 3, 4 and 5 there were air raids.", []),
    ],
)
def test_counts_after_a_date(text: str, expected: list[float]) -> None:
    assert values(text) == expected
