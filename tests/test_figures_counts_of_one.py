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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Overnight shelling flattened a three-storey school annex.", [(1, "buildings destroyed")]),
        ("A drone attack damaged a 16-storey residential tower on Monday.", [(1, "buildings damaged")]),
        ("Firefighters said a ten-story office block had partly collapsed.", [(1, "buildings damaged")]),
        ("A six-storey hostel was completely destroyed by the blast.", [(1, "buildings destroyed")]),
        ("Debris damaged the roof of a four-storey building near the station.", [(1, "buildings damaged")]),
        # where something happened, or what a strike hit, is not a count of damaged buildings
        ("Police evacuated residents of a twelve-storey building in the district.", []),
        ("A missile hit a five-storey block shortly after midnight.", []),
    ],
)
def test_a_building_named_by_its_storeys_is_one_building_when_the_sentence_damages_it(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert pairs(text) == expected


def test_a_kindergarten_or_a_clinic_in_the_passive_is_one() -> None:
    assert pairs("Windows shattered and a kindergarten was damaged in the morning raid.") == [
        (1, "kindergartens damaged")
    ]


def test_a_person_with_an_article_inside_a_list_of_counts_is_one_of_them() -> None:
    assert pairs("Four soldiers, a policeman and two civilians were wounded at the checkpoint.") == [
        (4, "soldiers injured"),
        (1, "injured"),
        (2, "injured"),
    ]
    # nothing counted about the list: no counts of one
    assert pairs("The minister met residents, a doctor and two nurses.") == [(2, "nurses")]


def test_both_is_two_where_an_outcome_counts_them() -> None:
    assert pairs("Both paramedics were injured when the second shell landed.") == [(2, "injured")]
    assert pairs("Both schools have been damaged by the floodwater.") == [(2, "schools damaged")]
    # the last of a list of counts after the outcome's verb
    (_, _, both) = extract_figures("The air force shot down 40 of the 45 drones and both ballistic missiles.")
    assert (both.value, both.as_written.lower().startswith("both")) == (2, True)


@pytest.mark.parametrize(
    "text",
    [
        "Both delegations signed 12 agreements on Friday.",
        "Some 900 children were separated from both parents.",
        "Rockets killed 4 people and both sides blamed each other.",
    ],
)
def test_both_without_an_outcome_is_no_count(text: str) -> None:
    assert [f.value for f in extract_figures(text) if f.value == 2] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # being pulled out alive is being rescued
        ("A girl was pulled out alive from the collapsed bakery.", [(1, "girls rescued")]),
        # the body a person belongs to may stand between the person and the verb
        ("A paramedic of the regional ambulance service was killed.", [(1, "killed")]),
        # (a building pulled down is no rescue)
        ("A school was pulled down last year.", []),
    ],
)
def test_one_person_rescued_or_named_with_their_body(text: str, expected: list[tuple[float, str]]) -> None:
    assert pairs(text) == expected
