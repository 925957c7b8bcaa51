"""Figure diff: changed, added, removed, qualifier-only, rewording, repeated keys, and a version series."""

from __future__ import annotations

import json

from monitor.figures import Figure, FigureChange, diff_figures, extract_figures, render_figure


def diff(a: str, b: str) -> list[FigureChange]:
    return diff_figures(extract_figures(a), extract_figures(b))


def test_changed_value_with_delta() -> None:
    ch = diff(
        "At least 249 civilians have been killed since the start of the war.",
        "At least 331 civilians have been killed since the start of the war.",
    )
    assert len(ch) == 1
    c = ch[0]
    assert (c.kind, c.key, c.delta) == ("changed", "killed", 82)
    assert c.delta_pct is not None and round(c.delta_pct, 1) == 32.9
    assert c.old_sentence and c.new_sentence and "331" in c.new_sentence
    assert f"{render_figure(c.old)} → {render_figure(c.new)}" == "at least 249 → at least 331"


def test_qualifier_change_is_a_change() -> None:
    ch = diff(
        "Russia has fired almost 500 missiles at targets across the country.",
        "Russia has fired more than 480 missiles or munitions at targets across the country.",
    )
    assert [(c.kind, c.key, c.old.qualifier, c.new.qualifier) for c in ch if c.old and c.new] == [
        ("changed", "missiles", "almost", "more_than")
    ]


def test_qualifier_only() -> None:
    ch = diff("The toll stands at 1,200 dead.", "The toll stands at more than 1,200 dead.")
    assert len(ch) == 1 and ch[0].qualifier_only and ch[0].delta == 0


def test_reworded_sentence_is_no_figure_change() -> None:
    assert (
        diff(
            "The ministry said 812 people were injured in the strikes.",
            "According to the ministry, the strikes injured 812 people.",
        )
        == []
    )


def test_added_and_removed() -> None:
    ch = diff(
        "The flood killed 40 people. About 300 homes were destroyed.",
        "The flood killed 40 people. Another 12 people are missing.",
    )
    kinds = sorted((c.kind, c.key) for c in ch)
    assert kinds == [("added", "missing"), ("removed", "homes destroyed")]
    added = next(c for c in ch if c.kind == "added")
    assert added.old is None and added.delta is None and added.new_sentence


def test_repeated_keys_align_by_scope_and_sentence() -> None:
    old = "Region | Killed | Injured\nNorth | 120 | 300\nSouth | 45 | 98\n"
    new = "Region | Killed | Injured\nNorth | 120 | 310\nSouth | 51 | 98\n"
    got = sorted((c.key, c.old.scope, c.old.value, c.new.value) for c in diff(old, new) if c.old and c.new)
    assert got == [("injured", "North", 300, 310), ("killed", "South", 45, 51)]


def test_repeated_keys_in_prose_align_by_sentence() -> None:
    old = (
        "In the north, 320 people were killed by shelling. In the coastal towns, 75 people were killed in air strikes."
    )
    new = (
        "In the north, 344 people were killed by shelling. In the coastal towns, 75 people were killed in air strikes."
    )
    ch = diff(old, new)
    assert [(c.kind, c.old.value, c.new.value) for c in ch if c.old and c.new] == [("changed", 320, 344)]


def test_only_current_figures_are_compared() -> None:
    ch = diff(
        "The toll rose to 900, up from 850 on Monday.",
        "The toll rose to 960, up from 900 on Tuesday.",
    )
    assert [(c.old.value, c.new.value) for c in ch if c.old and c.new] == [(900, 960)]


def test_range_change_has_no_delta() -> None:
    ch = diff("Between 10 and 15 people drowned.", "Between 12 and 20 people drowned.")
    assert len(ch) == 1 and ch[0].delta is None and render_figure(ch[0].new) == "between 12 and 20"


def test_round_trip_json() -> None:
    fs = extract_figures("Some 4,500 people, including 900 children, were displaced; 35% funded; $1.2 million pledged.")
    for f in fs:
        assert Figure.from_dict(json.loads(json.dumps(f.to_dict()))) == f
    ch = diff("At least 10 dead.", "At least 12 dead.")[0]
    again = FigureChange.from_dict(json.loads(json.dumps(ch.to_dict())))
    assert again == ch and again.qualifier_only is False


def test_render() -> None:
    f = extract_figures("Over 90% of those harmed were civilians.")[0]
    assert render_figure(f) == "more than 90%"
    f = extract_figures("$1.1B funding required")[0]
    assert render_figure(f) == "USD 1,100,000,000"
    f = extract_figures("Nearly 500 missiles were fired.")[0]
    assert render_figure(f) == "almost 500"


# A short series in our own words, following the facts of a rolling earthquake story.
SERIES = [
    "Earthquake toll passes 5,000\n\n"
    "The death toll across the two countries reached 5,102 on Tuesday. In the south, officials said "
    "3,419 people had died and another 20,534 people were injured.",
    "Earthquake toll tops 7,200\n\n"
    "By Tuesday night, the death toll had climbed past 7,200. In the south, officials said 5,434 people had "
    "died and another 31,777 people were injured. The World Health Organization warned the toll could rise "
    "above 20,000.",
    "Earthquake toll rises above 15,000\n\n"
    "By Wednesday, the death toll had climbed past 15,000. In the south, officials said 12,391 people had "
    "died and another 31,777 people were injured. The World Health Organization warned the toll could rise "
    "above 20,000.",
    "Earthquake toll rises above 15,000\n\n"
    "By Wednesday evening, the death toll had climbed past 15,000. Officials in the south now say "
    "12,873 people have died, up from 12,391 in the morning, and another 31,777 people were injured.",
]


def test_series_of_versions() -> None:
    versions = [extract_figures(t) for t in SERIES]
    d1 = diff_figures(versions[0], versions[1])
    moved = sorted((c.key, c.old.value, c.new.value, c.new.qualifier) for c in d1 if c.kind == "changed")
    # headline and lead both move; the injured count moves; the WHO projection is not a current figure
    assert ("injured", 20_534, 31_777, "exact") in moved
    assert ("killed", 3419, 5434, "exact") in moved
    assert ("killed", 5102, 7200, "more_than") in moved
    assert all(c.kind != "added" for c in d1)

    d2 = diff_figures(versions[1], versions[2])
    assert sorted((c.old.value, c.new.value) for c in d2) == [(5434, 12_391), (7200, 15_000), (7200, 15_000)]
    assert not any(c.key == "injured" for c in d2)

    d3 = diff_figures(versions[2], versions[3])
    # reworded lead with the same 15,000 and 31,777: no change; 12,391 → 12,873; the quoted earlier value and
    # the dropped projection do not show up as current changes
    assert [(c.kind, c.old.value, c.new.value) for c in d3] == [("changed", 12_391, 12_873)]


def test_a_generic_people_key_lines_up_only_alike_sentences() -> None:
    # "people" says who is counted, not what happened to them: two unrelated sentences are no change of one figure
    old = "Power cuts hit around 420,000 people in the eastern districts overnight."
    new = "A single aid convoy reached the besieged town, home to 9,000 people."
    assert [f.key for f in extract_figures(old) + extract_figures(new)] == ["people", "people"]
    assert sorted(c.kind for c in diff(old, new)) == ["added", "removed"]
    # the same sentence updated is still a change
    ch = diff(old, old.replace("420,000", "510,000"))
    assert [(c.kind, c.delta) for c in ch] == [("changed", 90_000)]


def test_a_tally_cut_to_a_tenth_in_another_sentence_is_another_figure() -> None:
    # the city's toll, then a day's strike elsewhere: two figures, not a toll revised from 3,100 to 6
    ch = diff(
        "Officials in the besieged port say the death toll there has passed 3,100.",
        "Overnight shelling of a village near the border left at least six people dead.",
    )
    assert sorted((c.kind, c.key) for c in ch) == [("added", "killed"), ("removed", "killed")]
    # a toll that grows tenfold in another sentence is still the toll
    ch = diff("Six people were killed in the first strikes.", "The death toll has risen to 64, officials say.")
    assert [(c.kind, c.delta) for c in ch] == [("changed", 58)]
    # a revision down in a like sentence is a change
    ch = diff("Police said 120 people had died in the blaze.", "Police said 11 people had died in the blaze.")
    assert [(c.kind, c.delta) for c in ch] == [("changed", -109)]
