"""Words a line-end hyphen broke in PDF text ("mil-\\nlion"), read whole without moving any offset."""

from __future__ import annotations

import pytest

from monitor.figures import extract_figures
from monitor.figures.hyphens import join_broken_words


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("about 4.2 mil-\nlion people", "about 4.2 million   people"),
        ("some 310 chil-\n  dren", "some 310 children    "),
        # a compound broken at its own hyphen, and words the readers do not know, stay as written
        ("the cross-\nborder route", "the cross-\nborder route"),
        ("the emer-\ngency plan", "the emer-\ngency plan"),
        ("no break here - at all", "no break here - at all"),
    ],
)
def test_known_words_are_joined_at_the_same_length(text: str, joined: str) -> None:
    out = join_broken_words(text)
    assert out == joined
    assert len(out) == len(text)


def test_a_scale_word_broken_over_two_lines_scales_its_number() -> None:
    text = "Nearly 4.2 mil-\nlion people need food aid, the agency said."
    (f,) = extract_figures(text)
    assert (f.value, f.qualifier, f.label) == (4_200_000, "almost", "people in need")
    assert text[f.start : f.end] == "4.2 mil-\nlion"


def test_a_number_word_and_a_percent_sign_word_broken_over_lines() -> None:
    text = "Eigh-\nteen houses burned and 35 per-\ncent of the wells ran dry."
    found = extract_figures(text)
    assert [(f.value, f.unit) for f in found] == [(18, None), (35, "%")]
    assert [text[f.start : f.end] for f in found] == ["Eigh-\nteen", "35 per-\ncent"]
