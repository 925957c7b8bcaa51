"""Place and total scopes read from prose, and how the diff pairs figures by them."""

from __future__ import annotations

from monitor.figures import diff_figures, extract_figures


def scopes(text: str) -> list[tuple[float | None, str, str | None]]:
    return [(f.value, f.key, f.scope) for f in extract_figures(text) if f.role == "current"]


def test_place_after_the_number_in_its_clause() -> None:
    got = scopes("Floods have killed 410 people in Northland and 95 in Westvale, officials said.")
    assert got == [(410, "killed", "Northland"), (95, "killed", "Westvale")]


def test_place_before_the_number_and_owner_form() -> None:
    assert scopes("The toll in Eastmoor province has climbed to 77.") == [(77, "killed", "Eastmoor province")]
    assert scopes("Rivland's death toll reached 1,250 on Sunday.") == [(1250, "killed", "Rivland")]


def test_sentence_opening_place_applies_to_the_sentence() -> None:
    assert scopes("In Dorvia, the number of displaced people rose to 8,400.")[0][2] == "Dorvia"


def test_total_cues() -> None:
    assert scopes("Across the country, at least 3,300 homes were destroyed.")[0][2] == "total"
    assert scopes("That brings the overall number of dead to 990.")[0][2] == "total"
    assert scopes("Officials said 55 schools were damaged in total.")[0][2] == "total"


def test_several_places_are_one_combined_scope() -> None:
    assert scopes("Storms killed 600 people in Northland and Westvale.")[0][2] == "Northland, Westvale"


def test_months_weekdays_and_institutions_are_not_places() -> None:
    got = scopes("In March, 40 people were injured, according to figures from the Ministry of Health.")
    assert got == [(40, "injured", None)]
    assert scopes("Rescuers found 12 survivors on Monday, data from UNHCR show.")[0][2] is None


def test_diff_pairs_places_with_places_and_totals_with_totals() -> None:
    old = (
        "The death toll in Northland has risen to 600. Local media in Westvale say about 250 people were killed. "
        "The combined toll stands at 850."
    )
    new = "Officials said 1,240 people had died in Northland and 299 in Westvale, bringing the total to 1,539."
    got = sorted(
        (c.old.scope, c.old.value, c.new.value)
        for c in diff_figures(extract_figures(old), extract_figures(new))
        if c.old and c.new
    )
    assert got == [("Northland", 600, 1240), ("Westvale", 250, 299), ("total", 850, 1539)]


def test_different_places_never_pair() -> None:
    ch = diff_figures(
        extract_figures("Shelling killed 30 people in Northland."),
        extract_figures("Shelling killed 45 people in Westvale."),
    )
    assert sorted(c.kind for c in ch) == ["added", "removed"]


def test_reworded_sentence_still_pairs_when_a_place_phrase_appears() -> None:
    ch = diff_figures(
        extract_figures("At least 120 civilians were killed in the attacks. Officials in Westvale counted 30 dead."),
        extract_figures(
            "At least 131 civilians were killed in the attacks in Northland. Officials in Westvale counted 30 dead."
        ),
    )
    assert [(c.kind, c.old.value, c.new.value) for c in ch if c.old and c.new] == [("changed", 120, 131)]


def test_scopeless_figures_pair_as_before() -> None:
    ch = diff_figures(
        extract_figures("Some 40 people were killed on Friday. Another 12 are missing."),
        extract_figures("Some 46 people were killed on Friday. Another 12 are missing."),
    )
    assert [(c.kind, c.key, c.old.value, c.new.value) for c in ch if c.old and c.new] == [("changed", "killed", 40, 46)]


def test_figures_without_a_key_do_not_pair_across_unrelated_sentences() -> None:
    old = extract_figures("The committee met for the 31st time. Its chair read out 1,410.")
    new = extract_figures("The committee met for the 31st time. Observers counted 7 and 900,000 more.")
    keyless = [c for c in diff_figures(old, new) if not c.key]
    assert keyless and all(c.kind in ("added", "removed") for c in keyless)


def test_key_figure_takes_the_place_on_its_heading_line() -> None:
    text = "OVERVIEW\n41,200\nPeople sheltering in Westvale camps\n"
    # (the heading also says what is counted: people sheltering)
    assert [(f.value, f.key, f.scope) for f in extract_figures(text)] == [(41200, "people sheltering", "Westvale")]
