"""Labels, keys, breakdowns, carried labels, roles, tables and key-figure blocks."""

from __future__ import annotations

import pytest

from monitor.figures import extract_figures, key_for
from monitor.figures.labels import looks_plural

from ._figures_helpers import one


def triples(text: str, **kw: object) -> list[tuple[float | None, str, str]]:
    return [(f.value, f.label, f.role) for f in extract_figures(text, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value", "label", "key"),
    [
        ("Rescuers said 88 killed and 240 injured in the quake zone.", 88, "killed", "killed"),
        ("Rescuers said 88 killed and 240 injured in the quake zone.", 240, "injured", "injured"),
        ("The toll reached 1,906 dead by Thursday morning.", 1906, "killed", "killed"),
        ("The agency registered 52 deaths in the province.", 52, "killed", "killed"),
        ("Authorities said 31 people were wounded in the attack.", 31, "injured", "injured"),
        ("The army fired nearly 200 rockets or shells at the port.", 200, "rockets or shells", "rockets or shells"),
        ("Forces launched more than 60 missiles or munitions overnight.", 60, "missiles or munitions", "missiles"),
        ("The appeal targets 3.1 million people in need.", 3_100_000, "people in need", "people in need"),
        ("Floods left 4,500 people homeless.", 4500, "homeless", "homeless"),
        ("Some 700 people remain missing after the storm.", 700, "missing", "missing"),
        ("Over 90,000 people have been internally displaced.", 90_000, "internally displaced", "displaced"),
        ("The war has forced 1.2 million refugees across the border.", 1_200_000, "refugees", "refugees"),
        ("The office recorded 640 civilian casualties this month.", 640, "civilian casualties", "civilian casualties"),
    ],
)
def test_labels_and_keys(text: str, value: float, label: str, key: str) -> None:
    f = one(text, value)
    assert (f.label, f.key) == (label, key)


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("The death toll climbed to 412 on Sunday.", 412, "killed"),
        ("The number of wounded has risen to 1,870.", 1870, "injured"),
        ("The strike killed at least 23 people in the market.", 23, "killed"),
        ("Shelling hit the suburb, injuring 14 and damaging a school.", 14, "injured"),
        ("The blast claimed the lives of 9 firefighters.", 9, "firefighters killed"),
        ("Since 7 October, 112 aid workers have been killed in the territory.", 112, "aid workers killed"),
        ("Between 24 February and 15 March, 691 civilians were killed.", 691, "killed"),
        ("Authorities said 14 people remain unaccounted for.", 14, "missing"),
        ("In total, 3,452 schools have been damaged and 365 destroyed.", 365, "schools destroyed"),
        ("Officials confirmed the deaths of 130 passengers.", 130, "killed"),
        ("The number of refugees from the region has passed 480,000.", 480_000, "refugees"),
        ("Over 75,000 have fled across international borders.", 75_000, "refugees"),
        ("Hospital staff say 19 civilians were killed when the convoy was hit.", 19, "killed"),
        ("Killed: 249", 249, "killed"),
        ("The town's civilian death toll is close to 3,000 people.", 3000, "killed"),
    ],
)
def test_label_from_verbs_and_tolls(text: str, value: float, label: str) -> None:
    assert one(text, value).label == label


def test_breakdown_including_children() -> None:
    text = "Monitors say 318 civilians, including 22 children, have been killed since the offensive began."
    assert triples(text) == [(318, "killed", "current"), (22, "children killed", "current")]


def test_three_figures_with_breakdown() -> None:
    text = "The shelling left at least 96 killed, including 11 children, and 402 injured."
    assert [(v, lab) for v, lab, _ in triples(text)] == [
        (96, "killed"),
        (11, "children killed"),
        (402, "injured"),
    ]


def test_bracketed_breakdown_by_sex_and_age() -> None:
    text = (
        "410 killed (150 men, 98 women, 12 girls, 9 boys, as well as 4 children and 137 adults "
        "whose sex is yet unknown)"
    )
    got = [(f.value, f.label) for f in extract_figures(text)]
    assert got == [
        (410, "killed"),
        (150, "men killed"),
        (98, "women killed"),
        (12, "girls killed"),
        (9, "boys killed"),
        (4, "children killed (sex unknown)"),
        (137, "adults killed (sex unknown)"),
    ]


def test_breakdown_with_copula() -> None:
    text = "Of the civilians injured, the monitors said 140 were men, 95 were women and 17 were boys."
    assert [(f.value, f.label) for f in extract_figures(text)] == [
        (140, "men injured"),
        (95, "women injured"),
        (17, "boys injured"),
    ]


def test_among_the_injured() -> None:
    text = "Among the 802 injured, 37 girls and 41 boys, as well as 12 children whose sex is not yet known."
    assert [(f.value, f.label) for f in extract_figures(text)] == [
        (802, "injured"),
        (37, "girls injured"),
        (41, "boys injured"),
        (12, "children injured (sex unknown)"),
    ]


def test_carried_labels_in_brackets_and_lists() -> None:
    text = (
        "512 casualties (90 killed and 422 injured) were recorded in the two regions: "
        "300 (51 killed and 249 injured) in the north, and 212 (39 killed and 173 injured) in the south."
    )
    got = [(f.value, f.label) for f in extract_figures(text)]
    assert got == [
        (512, "civilian casualties"),
        (90, "killed"),
        (422, "injured"),
        (300, "civilian casualties"),
        (51, "killed"),
        (249, "injured"),
        (212, "civilian casualties"),
        (39, "killed"),
        (173, "injured"),
    ]


def test_coordinated_numbers_share_the_verb() -> None:
    text = "In May and June, 1,310 and 1,975 people were injured, respectively."
    assert [(f.value, f.label) for f in extract_figures(text)] == [(1310, "injured"), (1975, "injured")]
    text = "Another 41 children and 520 adults have also been confirmed dead."
    assert [(f.value, f.label) for f in extract_figures(text)] == [(41, "children killed"), (520, "adults killed")]


def test_bare_number_takes_previous_label() -> None:
    text = "Officials said 8,120 people had died in the north and 1,403 in the south."
    assert [(f.value, f.label) for f in extract_figures(text)] == [(8120, "killed"), (1403, "killed")]


def test_elided_group() -> None:
    text = "Of the total, twelve children have been killed and 27 injured."
    assert [(f.value, f.label) for f in extract_figures(text)] == [(12, "children killed"), (27, "children injured")]


def test_implicit_one() -> None:
    text = "A 7-year-old girl was killed and 15 people were injured, including four children."
    assert [(f.value, f.label) for f in extract_figures(text)] == [
        (1, "children killed"),
        (15, "injured"),
        (4, "children injured"),
    ]
    text = "Shelling left at least six people dead and another injured."
    assert [(f.value, f.label) for f in extract_figures(text)] == [(6, "killed"), (1, "injured")]


def test_earlier_values() -> None:
    text = "The count reached 4,210 casualties (4,102 in the previous report), including 1,530 killed (1,498)."
    assert triples(text) == [
        (4210, "civilian casualties", "current"),
        (4102, "civilian casualties", "earlier"),
        (1530, "killed", "current"),
        (1498, "killed", "earlier"),
    ]
    text = "The national death toll has risen to 2,315, up from 2,090 on Monday."
    assert triples(text) == [(2315, "killed", "current"), (2090, "killed", "earlier")]
    text = "The agency revised the death toll from 4,000 to 2,750 after counting errors."
    assert triples(text) == [(4000, "killed", "earlier"), (2750, "killed", "current")]


def test_delta_and_projection_roles() -> None:
    text = "The number of dead rose by 48 overnight."
    assert [f.role for f in extract_figures(text)] == ["delta"]
    text = "Officials warned the toll could climb above 10,000."
    f = one(text, 10_000)
    assert (f.role, f.qualifier, f.label) == ("projection", "more_than", "killed")
    text = "The agency plans to reach around 400,000 people by August."
    assert one(text, 400_000).role == "projection"


def test_in_parentheses_after_a_noun_is_current() -> None:
    text = "Confirmed civilian deaths (1,204) in the first month already exceed the annual total."
    f = one(text, 1204)
    assert (f.label, f.role) == ("killed", "current")


def test_metrics_mapping() -> None:
    metrics = {"fatalities": ["killed", "dead", "deaths"], "wounded": ["injured", "wounded"]}
    text = "The ministry reported 61 dead, including 9 children, and 210 injured."
    got = [(f.value, f.key) for f in extract_figures(text, metrics)]
    assert got == [(61, "fatalities"), (9, "children fatalities"), (210, "wounded")]
    assert key_for("people in need", {"pin": ["people in need"]}) == "pin"
    assert key_for("missiles downed") != "missiles"
    assert key_for("death toll") == "killed"
    assert key_for("Children killed (sex unknown)") == "children killed (sex unknown)"
    assert key_for("aid workers killed") == "aid workers killed"
    assert key_for("aid workers killed", {"deaths": ["killed"]}) == "aid workers deaths"
    assert key_for("people killed") == "killed"


def test_table_rows_take_column_headers() -> None:
    text = "Casualties by region\nRegion | Killed | Injured\nKharkiv | 120 | 300\nOdesa | 45 | 98\n"
    got = [(f.value, f.key, f.label, f.scope) for f in extract_figures(text)]
    assert got == [
        (120, "killed", "killed (Kharkiv)", "Kharkiv"),
        (300, "injured", "injured (Kharkiv)", "Kharkiv"),
        (45, "killed", "killed (Odesa)", "Odesa"),
        (98, "injured", "injured (Odesa)", "Odesa"),
    ]


def test_a_column_named_by_a_participle_counts_what_it_says_happened() -> None:
    # (the row's place is the scope, never the label: it was "north coast" for the middle column)
    text = "Province | Displaced | Returned | Total\nNorth Coast | 64 | 210 | 274\n"
    got = [(f.label, f.scope) for f in extract_figures(text)]
    assert got == [("displaced (North Coast)", "North Coast"), ("returned (North Coast)", "North Coast"),
                   ("total (North Coast)", "North Coast")]


def test_a_generic_total_column_beside_named_ones_is_the_rows_total() -> None:
    text = "Province | Arrivals | Departures | Total\nNorth Coast | 64 | 210 | 274\n"
    got = [(f.value, f.key, f.scope) for f in extract_figures(text)]
    assert got == [(64, "arrivals", "North Coast"), (210, "departures", "North Coast"), (274, "total", "North Coast")]
    # (the total of the dead and the wounded has a name of its own: see
    # test_killed_and_injured_together_are_civilian_casualties)
    text = "Province | Dead | Wounded | Total\nNorth Coast | 64 | 210 | 274\n"
    assert [f.key for f in extract_figures(text)] == ["killed", "injured", "civilian casualties"]


def test_table_rows_that_start_with_a_date_are_rows_of_their_own() -> None:
    # The header ends in a lower-case letter and the rows start with digits: still a header and two rows, not
    # one wrapped line (which shifted every number one column left).
    text = "Day | Drones | Downed\n14.03 | 88 | 71\n15.03 | 102 | 95\n"
    got = [(f.value, f.key) for f in extract_figures(text)]
    assert got == [(88, "drones"), (71, "downed"), (102, "drones"), (95, "downed")]


def test_key_value_table_row() -> None:
    text = "Indicator | Value\nPeople in need | 3,400,000\nRefugees | at least 910,000\n"
    got = [(f.value, f.key, f.qualifier) for f in extract_figures(text)]
    assert got == [(3_400_000, "people in need", "exact"), (910_000, "refugees", "at_least")]


def test_a_table_without_a_header_row_labels_its_rows_and_their_signed_changes() -> None:
    # the first row holds counts, so it is no header for the rows under it; "+19" is a change, no phone code
    text = "Missing | 2,310 | +19\nRescued | 905 | +46\n"
    got = [(f.value, f.key, f.role) for f in extract_figures(text)]
    assert got == [
        (2310, "missing", "current"),
        (19, "missing", "delta"),
        (905, "rescued", "current"),
        (46, "rescued", "delta"),
    ]


def test_key_figure_blocks() -> None:
    text = (
        "KEY FIGURES\n\n2,781,404\n\nRefugees recorded across the region\n\n"
        "PEOPLE DISPLACED INSIDE THE COUNTRY\n1,120,000\nData as of 4 May 2023\n\n"
        "612\n\nCivilian Deaths Resulting from the Floods\n\nWHO – May 2023\n"
    )
    got = [(f.value, f.key) for f in extract_figures(text)]
    assert got == [(2_781_404, "refugees"), (1_120_000, "displaced"), (612, "killed")]


def test_a_bracketed_earlier_value_on_its_own_line_is_the_key_figures_earlier_value() -> None:
    # under the number, or under the heading below it; the bracket is no heading for the number above it
    text = "Missing\n1,450\n(last update: 1,380)\n\n2.1M\nPeople without shelter\n(previously 1.9M)\n"
    got = [(f.value, f.key, f.role) for f in extract_figures(text)]
    assert got == [
        (1450, "missing", "current"),
        (1380, "missing", "earlier"),
        (2_100_000, "people without shelter", "current"),
        (1_900_000, "people without shelter", "earlier"),
    ]


def test_a_key_figure_strip_names_each_count_before_it_with_its_place() -> None:
    text = "Evacuees in Bihar 41,300 · Evacuees in West Bengal 12,050 · Returnees 1,050 · Source: NDMA"
    got = [(f.value, f.key, f.scope) for f in extract_figures(text)]
    assert got == [(41_300, "evacuated", "Bihar"), (12_050, "evacuated", "West Bengal"), (1050, "returnees", None)]


def test_breakdown_takes_the_outcome_it_follows_not_the_next_one() -> None:
    text = "Officials put the death toll at 88, including 14 women, and said 260 others were wounded."
    got = [(f.value, f.key) for f in extract_figures(text)]
    assert got == [(88, "killed"), (14, "women killed"), (260, "injured")]


def test_owner_after_of_is_not_the_counted_noun() -> None:
    got = [(f.value, f.key) for f in extract_figures("Some 70% of Dorvia's schools were closed during the storm.")]
    assert got == [(70, "share of schools")]


def test_the_figure_points_back_at_the_previous_count() -> None:
    text = "Officials said 320 people had been injured in the north. The latest figure for the south stands at 85."
    assert [(f.value, f.key) for f in extract_figures(text)] == [(320, "injured"), (85, "injured")]


def test_a_number_alone_on_its_line_is_not_the_wrapped_end_of_the_line_above() -> None:
    text = "HIGHLIGHTS\n12,400\nfamilies received cash transfers\n3,050\nshelters repaired by partners\n"
    got = [(f.value, f.key) for f in extract_figures(text)]
    assert got == [(12400, "families received"), (3050, "shelters repaired")]


def test_a_count_of_one_in_the_active_voice() -> None:
    found = extract_figures("The drone strike killed a 71-year-old woman and injured 5 people in the market.")
    assert [(f.value, f.label, f.as_written) for f in found] == [
        (1, "women killed", "a 71-year-old woman"),
        (5, "injured", "5 people"),
    ]
    assert [f.label for f in extract_figures("Shelling near the port killed a 15-year-old boy.")] == ["children killed"]
    assert extract_figures("Volunteers killed a lot of time waiting.") == []


def test_a_count_of_one_in_a_list_may_have_an_adjective() -> None:
    found = extract_figures("Nine people, including an elderly man, were hurt by the debris.")
    assert [(f.value, f.label) for f in found] == [(9, "injured"), (1, "men injured")]
    # the age is not part of the number's span (it is no figure of its own)
    f = extract_figures("Six were wounded, among them a 16-year-old girl.")[-1]
    assert (f.value, f.label, f.as_written) == (1, "children injured", "a 16-year-old girl")
    assert f.end - f.start == 1


def test_what_people_are_without_is_in_the_label() -> None:
    found = extract_figures("Strikes left some 310,000 people without electricity and 1,500 households without water.")
    assert [f.label for f in found] == ["people without electricity", "households without water"]


def test_what_people_are_left_without_is_in_the_label() -> None:
    found = extract_figures("Officials said 48,000 people have been left without natural gas after the strike.")
    assert [f.label for f in found] == ["people without natural gas"]


def test_another_person_in_the_passive_is_a_count_of_one() -> None:
    found = extract_figures("One woman died and another woman was seriously injured.")
    assert [(f.value, f.label) for f in found] == [(1, "women killed"), (1, "women injured")]


def test_a_group_in_need_keys_as_the_group() -> None:
    assert key_for("children in need") == "children in need"
    assert key_for("women in need") == "women in need"
    assert key_for("in need") == "people in need"


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # what was done to the people, before or after them
        ("The cyclone has affected roughly 410,000 people along the coast.", 410_000, "people affected"),
        ("Nearly 96,000 people have been affected by the floods in the delta.", 96_000, "people affected"),
        ("About 80 people remain trapped inside the collapsed market.", 80, "people trapped"),
        ("Up to 150 people may still be trapped beneath the hotel.", 150, "people trapped"),
        ("The landslide has stranded 3,200 people in two valleys.", 3200, "people stranded"),
        # "fled" with no border after it: displaced; across a border: refugees
        ("Some 52,000 people have fled the shelling since Friday.", 52_000, "displaced"),
        ("Thousands of people fled towards the coast overnight.", 2000, "displaced"),
        ("More than 70,000 people have fled the country this year.", 70_000, "refugees"),
        # a plan's or an appeal's aim: the people targeted
        ("The appeal asks for $38 million to assist 190,000 people for six months.", 190_000, "people targeted"),
        ("Partners aim to reach 1.6 million people with cash before winter.", 1_600_000, "people targeted"),
        ("The plan needs €20 million to help 75,000 people rebuild.", 75_000, "people targeted"),
        # the need verb after a place phrase, and with words before the aid
        ("Around 2.2 million people in the three districts require humanitarian aid.", 2_200_000, "people in need"),
        ("Some 640,000 people need urgent food assistance.", 640_000, "people in need"),
        ("An estimated 9.3 million people will need some kind of assistance next year.", 9_300_000, "people in need"),
        # a verb of dying after a place phrase
        ("All 64 people aboard the ferry died.", 64, "killed"),
    ],
)
def test_the_verb_of_a_count_of_people_is_in_its_label(text: str, value: float, label: str) -> None:
    assert one(text, value).label == label


@pytest.mark.parametrize(
    "text",
    [
        "The quake killed 2,000 people, and 1.2 million people fled to the capital.",  # no border named
        "About 300 people need to leave the island.",  # a need, but not of aid
        "The number of people reached rose to 2 million people.",  # "reached" gives the total
    ],
)
def test_no_verb_label_where_the_verb_says_nothing_of_the_people(text: str) -> None:
    labels = {f.label for f in extract_figures(text)}
    assert not labels & {"displaced", "people in need", "people reached"}, labels


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # dying by water is dying; so is being found as a body
        ("Nine migrants drowned when their dinghy sank.", 9, "migrants killed"),
        ("About 1,500 people are feared to have drowned in the lake.", 1500, "killed"),
        ("Divers pulled out the bodies of 31 people on Friday.", 31, "killed"),
        # the verb before the number reaches through "all" and "between"
        ("The blast killed all 12 people in the bus.", 12, "killed"),
        ("The raid killed between 30 and 45 people.", None, "killed"),
        # a border crossed, a listing, a home left
        ("Some 4,100 people crossed into Moldova overnight.", 4100, "refugees"),
        ("More than 900 people have crossed the border since dawn.", 900, "refugees"),
        ("Police still list 46 people as missing.", 46, "missing"),
        ("Another 2,300 people were registered as refugees.", 2300, "refugees"),
        ("Nearly 60,000 people have left their homes in the valley.", 60_000, "displaced"),
        # a relative clause says what happened to them
        ("It counted 75 people who were wounded by glass.", 75, "injured"),
        ("Of the 3.2 million who will need aid, most live in camps.", 3_200_000, "in need"),
        # a bracket with a number in it does not hide the verb after it
        ("At least 41 people (from 36 on Monday) have been confirmed dead.", 41, "killed"),
        # an em dash heads a figure like a colon
        ("Killed — 45; wounded — 130", 130, "injured"),
        # a toll of evacuees
        ("The number of evacuees climbed to 8,400.", 8400, "evacuated"),
    ],
)
def test_more_verbs_and_phrases_say_what_is_counted(text: str, value: float | None, label: str) -> None:
    found = [f for f in extract_figures(text) if f.value == value]
    assert len(found) == 1, [(f.value, f.label) for f in extract_figures(text)]
    assert found[0].label == label


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Gunmen killed 4 and 7 villagers in two raids.", ["killed", "killed", "raids"]),
        ("The strike killed 3 medics and 8 patients.", ["medics killed", "patients killed"]),
        ("Storms killed 2, 5 and 9 people in three provinces.", ["killed", "killed", "killed", "provinces affected"]),
        # a new verb or clause is a new count
        ("The storm killed 6 people and 40 homes were destroyed.", ["killed", "homes destroyed"]),
        ("Some 700 people crossed to the other bank.", ["people"]),
    ],
)
def test_a_verb_before_a_list_of_numbers_counts_them_all(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


def test_a_share_in_brackets_after_a_sum_is_no_earlier_sum() -> None:
    text = "So far $31.5 million (42 per cent) has been received."
    money, share = extract_figures(text)
    assert (money.label, money.role) == ("funding received", "current")
    assert (share.unit, share.role) == ("%", "current")
    # a count's earlier value in brackets is still read as one
    count, before = extract_figures("Some 3,400 people (3,150) were displaced.")
    assert (count.label, count.role) == ("displaced", "current")
    assert (before.role, before.label) == ("earlier", "displaced")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the value a change reaches is the same count as the change
        ("The toll climbed by 58 overnight to 1,302.", [(58, "killed", "delta"), (1302, "killed", "current")]),
        ("Ferry disaster: toll rises from 31 to 44", [(31, "killed", "earlier"), (44, "killed", "current")]),
        # a bracket that opens by saying "previous" holds an earlier value of the count before it
        (
            "Deaths 918 (previous report: 871); injuries 2,406 (2,310)",
            [(918, "killed", "current"), (871, "killed", "earlier"), (2406, "injured", "current"),
             (2310, "injured", "earlier")],
        ),
        ("4.9M people in need (prev. 4.1M)", [(4_900_000, "people in need", "current"),
                                              (4_100_000, "people in need", "earlier")]),
        # the subject opens the sentence, before a list of names
        (
            "Civilian deaths in March, April and May stood at 61, 74 and 90, respectively.",
            [(61, "killed", "current"), (74, "killed", "current"), (90, "killed", "current")],
        ),
    ],
)
def test_labels_carried_to_the_values_of_the_same_count(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert triples(text) == expected


def test_a_heading_word_only_heads_a_number_at_the_start_of_its_clause() -> None:
    assert triples("The ministry said deaths 612") == [(612, "", "current")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the number of <group> <outcome>" names the whole count, also when the outcome word touches the number
        (
            "By Sunday the number of children killed had reached 230, and the number of children injured 615.",
            [(230, "children killed", "current"), (615, "children injured", "current")],
        ),
        # the parts of a group's count, in a bracket or after a colon, are that group's
        (
            "The report lists 940 child casualties (301 killed and 639 injured).",
            [(940, "child casualties", "current"), (301, "children killed", "current"),
             (639, "children injured", "current")],
        ),
        (
            "Children accounted for 85 of the casualties: 20 killed and 65 injured.",
            [(85, "child casualties", "current"), (20, "children killed", "current"),
             (65, "children injured", "current")],
        ),
        # a group as the subject or the complement of a part
        (
            "Women made up 77 of the 402 civilians killed.",
            [(77, "women killed", "current"), (402, "killed", "current")],
        ),
        ("Medics said up to 19 of the dead were children.", [(19, "children killed", "current")]),
        # a share a group makes up is neither the group's count nor a change
        ("Children made up 35 per cent of the dead.", [(35, "share of killed", "current")]),
    ],
)
def test_a_group_reaches_the_parts_of_its_count(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The measles outbreak has now caused 84 deaths.", "measles deaths"),
        ("Cholera: 2,310 suspected cases and 41 deaths (38)", "deaths"),
        ("Since the epidemic began, 96 people have died.", "deaths"),
        # a killing verb keeps its word; without an outbreak the dead are killed
        ("Shelling killed 30 people as cholera spread in the camps.", "killed"),
        ("The strike caused 84 deaths.", "killed"),
    ],
)
def test_the_dead_of_an_outbreak_are_deaths_under_the_killed_key(text: str, label: str) -> None:
    dead = [f for f in extract_figures(text) if f.key == "killed" and f.role == "current"]
    assert [f.label for f in dead] == [label]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a sum's participle, or the words before it, name it
        ("The plan is 22 per cent funded, with $96M received against requirements of $437M.",
         ["funded", "funding received", "funding required"]),
        ("US$1.9B requested | 9% funded", ["funding required", "funded"]),
        ("Donors left a gap of about $310 million.", ["funding gap"]),
        # a change "by" N takes what changed from the words before it, a group carried from the figure before
        ("Deaths rose by 35 overnight.", ["killed"]),
        ("Casualties grew by 80: the dead by 12 and the injured by 68.", ["civilian casualties", "killed", "injured"]),
        ("The number of children killed rose by 3 and injured - by 11.", ["children killed", "children injured"]),
        # and the value it reached, after a comma
        ("The toll rose by nearly 90 in a day, to 2,415.", ["killed", "killed"]),
    ],
)
def test_sums_and_changes_take_the_words_around_them(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # an aside about the people does not hide the verb after it
        ("At least 27 people, most of them fishermen, drowned off the coast.", "killed"),
        ("Some 40 civilians, among them several teachers, were alleged killed.", "killed"),
        # verbs of losing life, home and health
        ("More than 2,600 civilians lost their lives in May alone.", "killed"),
        ("Over 1.1 million people have been driven from their homes.", "displaced"),
        ("Close to 400,000 people have been uprooted by the fighting.", "displaced"),
        ("About 15,000 people have left Dorna town since Sunday.", "displaced"),
        ("A further 52 people, most of them children, sustained serious burns.", "injured"),
        ("All 71 people on board were killed.", "killed"),
    ],
)
def test_what_happened_to_the_people_after_an_aside_or_a_phrase_verb(text: str, label: str) -> None:
    assert [f.label for f in extract_figures(text)] == [label]


def test_leaving_a_place_or_losing_a_thing_is_not_always_displacement() -> None:
    # a hospital is no home, and a lost job is no lost life
    labels = [f.label for f in extract_figures("About 30 patients left the hospital; 200 workers lost their jobs.")]
    assert "displaced" not in labels and "killed" not in labels, labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # what was done to things, said before them, carried along a list
        ("The storm damaged at least 140 homes and three clinics.", ["homes damaged", "clinics damaged"]),
        ("Troops seized 18 rifles.", ["rifles seized"]),
        ("Divers recovered 6 bodies from the river.", ["bodies recovered"]),
        # air defence destroying drones or missiles brings them down
        ("Air defence destroyed 29 of the 35 Shahed-type drones.", ["drones downed", "drones"]),
        ("Gunners destroyed 4 tanks.", ["tanks destroyed"]),
        # a launch counts the thing itself, and a verb of damage with no noun says nothing
        ("The army fired 90 missiles.", ["missiles"]),
        ("The blast destroyed 12.", [""]),
    ],
)
def test_a_verb_done_to_things_before_them_labels_them(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Some 230 people remained in hospital on Sunday.", "hospitalized"),
        ("At least 45 people were rushed to hospital.", "hospitalized"),
        ("Nearly 800,000 people have returned to the city.", "returnees"),
        ("About 9,100 people have been cut off by the floods.", "people cut off"),
        ("More than 60,000 people have lost their homes.", "homeless"),
        ("Some 35,000 people were newly displaced last week.", "displaced"),
    ],
)
def test_where_the_people_are_or_went_labels_them(text: str, label: str) -> None:
    assert [f.label for f in extract_figures(text)] == [label]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what follows "the number of" reads like what follows a number
        ("The number of people sheltering in tents has gone up to 2,750.", [(2750, "people sheltering", "current")]),
        (
            "The number of people without power has gone from 41,000 to about 95,000.",
            [(41_000, "people without power", "earlier"), (95_000, "people without power", "current")],
        ),
        ("The number of bridges damaged stands at 57.", [(57, "bridges damaged", "current")]),
        # an adjective before the noun is part of it, not what happened to it
        ("Clinics logged 2,481 suspected measles cases.", [(2481, "suspected measles cases", "current")]),
        # a verb of its own keeps a number out of the list the next verb closes
        (
            "Of the 640 suspected cases, 51 have been laboratory-confirmed and 6 patients have died.",
            [(640, "suspected cases", "current"), (51, "suspected cases laboratory-confirmed", "current"),
             (6, "patients killed", "current")],
        ),
    ],
)
def test_counts_named_by_a_number_of_phrase_or_an_adjective(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # what was done to a group, after its age
        ("This week 1,480 children under five were screened for wasting.", ["children screened"]),
        ("Some 230 children have been reunified with their families.", ["children reunified"]),
        ("About 57 people were admitted to hospital.", ["hospitalized"]),
        # what is left is not the count that left
        ("Some 2,100 people have returned home, leaving 9,800 in the camps.", ["returnees", ""]),
    ],
)
def test_groups_take_their_verbs_and_remainders_no_carried_label(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


def test_a_period_before_a_count_is_no_identifier() -> None:
    # "this week", "each day" end before the count; "week 12" and "day 40" name a week and a day
    assert [f.value for f in extract_figures("Last week 40 people died; each day 300 trucks wait.")] == [40, 300]
    assert extract_figures("In week 12 schools reopened; on day 40 the army left.") == []


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a verb saying what the counted things did next is no part of what they are
        ("At least 31 aftershocks followed.", ["aftershocks"]),
        ("Some 40 drones passed over the capital.", ["drones"]),
        # but being taken to hospital is what happened to them
        ("Nine taken to hospital, three in a critical condition.", ["hospitalized", "hospitalized"]),
    ],
)
def test_a_verb_after_the_noun_ends_it_unless_it_says_what_happened(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a verb after the last noun of a list closes the whole list
        ("Nine police officers and two civilians died in the raid.", ["officers killed", "killed"]),
        ("14 girls, 6 boys and 2 teachers drowned.", ["girls killed", "boys killed", "teachers killed"]),
        # a noun of death is no verb shared with the list
        ("The clinic counted 80 patients and 12 deaths.", ["patients", "killed"]),
        # being held is being detained
        ("Some 650 people are thought to be held at the base.", ["detained"]),
    ],
)
def test_verbs_closing_lists_and_being_held(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # an incident list's entry: its count, then the incident
        ("4-6 in air strike on a market near Hama", ["killed"]),
        ("12 in shelling of a bus station, Donetsk", ["killed"]),
        # ... or the means of the attack after "by"
        ("7-9 by suicide bomber at a wedding hall, Kirkuk", ["killed"]),
        ("2 by roadside IED near the old bridge", ["killed"]),
        ("5 in mortar fire on a camp, Idlib", ["killed"]),
        # not when the count has words before it
        ("Medics said 30 in the attack were soldiers.", [""]),
        # what was attacked is part of what attacks count
        ("Monitors logged 512 attacks on schools this year.", ["attacks on schools"]),
        ("There were 88 attacks on aid workers in May.", ["attacks on aid workers"]),
    ],
)
def test_incident_entries_and_what_attacks_hit(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


def test_a_mass_of_something_is_a_figure_and_a_weight_is_not() -> None:
    (cocaine, guns) = extract_figures("Customs seized 23 kilograms of heroin and 4 rifles.")
    assert (cocaine.value, cocaine.unit, cocaine.label) == (23, "kg", "heroin seized")
    assert (guns.value, guns.label) == (4, "rifles seized")
    assert extract_figures("The parcel weighed 3 kilograms; a 250-kg bomb fell.") == []


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a passive says what was done to the counted things
        ("Scores of homes were flooded overnight.", ["homes flooded"]),
        # and a bare number's passive takes the noun of the figure before it
        ("About 900 prisoners escaped in the riot, and only 140 have been recaptured.",
         ["prisoners escaped", "prisoners recaptured"]),
        # (not a passive that goes on: "were forced to leave")
        ("Some 70 families were forced to leave.", ["families"]),
    ],
)
def test_a_passive_says_what_was_done(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Convoys reached 31 villages along the river.", ["villages reached"]),
        ("The blast damaged four nearby clinics and two buildings nearby.", ["clinics damaged", "buildings damaged"]),
    ],
)
def test_place_words_around_the_noun_are_not_part_of_it(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # "on Tuesday" is no place phrase before a verb ("on board" is)
        ("The toll was cut from 31 to 26 on Friday after four people listed as missing were found.",
         ["killed", "killed", "missing"]),
        # a breakdown's part keeps the count it breaks down, whatever verb the next figure has
        ("Monitors verified 3,120 civilian deaths, among them 402 children, and 7,950 civilians injured.",
         ["killed", "children killed", "injured"]),
        # a bare change or a number with a phrase of its own is no item of a list before a verb
        ("Injuries rose to 880, up 65 since noon, and 41 people are listed as missing.",
         ["injured", "injured", "missing"]),
        ("Thousands of people remain without water after the strikes, and hundreds have left the town.",
         ["people without water", "displaced"]),
        # the subject of "the number of" ends at its verb
        ("The number of confirmed measles cases stood at nearly 4,000.", ["measles cases"]),
    ],
)
def test_what_a_verb_or_a_list_does_not_reach(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


def test_a_bare_number_with_a_verb_done_to_people_keys_with_the_people() -> None:
    # two versions of one report: the key must line the figures up
    (before,) = extract_figures("Around 4.3 million people have been affected by the floods.")
    _displaced, after = extract_figures("Some 900,000 were displaced and over 4 million more have been affected.")
    assert before.key == after.key == "people affected"


def test_a_bracket_after_a_figures_verb_holds_its_earlier_value() -> None:
    text = "Of them, 2,240 were killed (2,190) and 4,015 were wounded (3,960)."
    assert triples(text) == [
        (2240, "killed", "current"), (2190, "killed", "earlier"), (4015, "injured", "current"),
        (3960, "injured", "earlier"),
    ]


def test_a_table_column_named_by_a_period_takes_the_rows_name_and_says_when() -> None:
    text = "Indicator | This week | Previous week\nOTP admissions | 930 | 871\nReferrals | 44 | 60"
    assert triples(text) == [
        (930, "otp admissions", "current"), (871, "otp admissions", "earlier"),
        (44, "referrals", "current"), (60, "referrals", "earlier"),
    ]


def test_a_verb_reaches_the_next_item_after_a_comma_only_in_a_list() -> None:
    assert [f.label for f in extract_figures("After the storm that killed 700 people, 1,200 families still camp.")] == [
        "killed",
        "families",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 5.2 million people are projected to face hunger.", [(5_200_000, "projection")]),
        ("Arrivals passed 40,000, and planners expect the total to reach 90,000.", [(40_000, "current"),
                                                                                      (90_000, "projection")]),
        ("The clinic treated 310 children in May and expects about 450 in June.", [(310, "current"),
                                                                                    (450, "projection")]),
        ("Up to 800,000 people could need shelter.", [(800_000, "projection")]),
        ("The toll will climb to 1,100, officials fear.", [(1100, "projection")]),
        # a requirement stated for the future is today's need; an expectation met is no projection
        ("US$2.1 billion will be required next year.", [(2_100_000_000, "current")]),
        ("As expected, 40 people died.", [(40, "current")]),
    ],
)
def test_projections_said_before_or_after_the_number(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.role) for f in extract_figures(text)] == expected


def test_an_earlier_value_after_a_year_takes_the_label_of_the_figure_before() -> None:
    text = "The number of people in need will rise to 8.1 million in 2026, compared with 7.4 million now."
    assert triples(text) == [(8_100_000, "people in need", "projection"), (7_400_000, "people in need", "earlier")]


def test_a_part_in_brackets_after_a_verb_is_no_earlier_value() -> None:
    text = "This year 940 civilians have been killed (212 in the occupied areas) and 2,630 injured."
    assert triples(text) == [(940, "killed", "current"), (212, "killed", "current"), (2630, "injured", "current")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The region logged 58 deaths, a case fatality rate of 2.2%.", [(58, "killed"), (2.2, "case fatality rate")]),
        ("Among refugees, the measles vaccination coverage has slipped to 61 per cent.",
         [(61, "measles vaccination coverage")]),
        ("Coverage in the northern camps fell to 47%.", [(47, "coverage")]),
        ("Unemployment climbed to 11.2% in the last quarter.", [(11.2, "unemployment rate")]),
        # a bracket closes the words before it: the rate inside is not the deaths'
        ("It has recorded 140 deaths (CFR 1.9%) so far.", [(140, "killed"), (1.9, "case fatality rate")]),
        ("Kavira's case fatality rate stands at 0.6%.", [(0.6, "case fatality rate")]),
        # no rate named before the number: nothing is made up
        ("About 12% of households said they had no food, and the rest ate once a day.", [(12, "share of households")]),
    ],
)
def test_a_rate_named_before_its_percentage_labels_it(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list stands after a dash: the clause before it says what is counted
        ("Officials logged a sharp rise in arrivals at the Tamsa and Orel crossings – 4,120 and 2,630, respectively.",
         [(4120, "arrivals"), (2630, "arrivals")]),
        ("Most deaths were in Varno and Ketil - 88 and 41, respectively.", [(88, "killed"), (41, "killed")]),
        # past a list of names, to the clause that counts
        ("The biggest numbers of refugees went to Lira, Baro and Tesk – 61,000, 23,500 and 9,800 people, "
         "respectively.", [(61_000, "refugees"), (23_500, "refugees"), (9_800, "refugees")]),
        # item by item against the list of figures before it
        ("Last month 58 civilians were killed and 230 injured, against 71 and 264 respectively in March.",
         [(58, "killed"), (230, "injured"), (71, "killed"), (264, "injured")]),
        # the last item names them all
        ("The districts of Ovra and Pell reported 12 and 5 deaths, respectively.", [(12, "killed"), (5, "killed")]),
        # a word that points back at a count is not what is counted
        ("The number of deaths in the first week, 140, exceeded the totals for the next two weeks, at 96 and 77 "
         "respectively.",
         [(140, "killed"), (96, "killed"), (77, "killed")]),
    ],
)
def test_a_respectively_list_takes_what_the_words_before_it_count(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


def test_names_of_places_before_a_dash_are_no_label() -> None:
    assert [f.label for f in extract_figures("Reported by the border posts of Lira and Baro – 4,500.")] == [""]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a long phrase after the subject's head, when it opens with a preposition
        ("Enrolments for the accelerated catch-up classes climbed to 2,340.", [(2340, "enrolments", "current")]),
        ("Bookings at the two new reception sites went up to 912 this week.", [(912, "bookings", "current")]),
        # the head before such a phrase, not the plural inside it
        ("Departures from the northern bus terminals fell to 650.", [(650, "departures", "current")]),
        # a collective noun right before the verb counts people
        ("The shelter population stood at 8,150 on Monday.", [(8150, "shelter population", "current")]),
        # a subject that names no outcome, before "by"
        ("The number of registered asylum claims has grown by 730.", [(730, "asylum claims", "delta")]),
        # a clause that only opens with "to" or "from" after a comma continues the one before it
        ("Reported typhoid cases have more than doubled since spring, to 1,204.",
         [(1204, "typhoid cases", "current")]),
        ("Tent allocations fell for a third day, from 4,400 on Monday to 2,950.",
         [(4400, "tent allocations", "earlier"), (2950, "tent allocations", "current")]),
        # the subject ends at the verb before "from"
        ("Tent allocations fell from 4,400 on Monday to 2,950.",
         [(4400, "tent allocations", "earlier"), (2950, "tent allocations", "current")]),
        # a verb of change and its period between the subject and "to"
        ("Measles admissions have tripled in a month to about 450.", [(450, "measles admissions", "current")]),
        # hovering and averaging reach a number; slowing changes it
        ("Weekly clinic visits have hovered around 450.", [(450, "weekly clinic visits", "current")]),
        ("Daily crossings have slowed from 2,000 in May to fewer than 900.",
         [(2000, "daily crossings", "earlier"), (900, "daily crossings", "current")]),
        # "the count of" reads like "the number of"
        ("The count of families sleeping in the school rose to 212.", [(212, "families", "current")]),
        # a fall in per cent is of its subject as a rise is, with or without "by"
        ("New bicycle sales in the region slumped 14 percent last month.", [(14, "bicycle sales", "delta")]),
        ("Ferry bookings fell by 8% in March.", [(8, "ferry bookings", "delta")]),
        # but not a verb that is no change of the subject, nor an abbreviation's letters, nor a singular subject
        ("The airline plans to expand its fleet by 30% by 2027.", [(30, "", "projection")]),
        ("U.S. crude fell 3% on the day.", [(3, "", "delta")]),
        ("The index plunged 10 percent.", [(10, "", "delta")]),
        # "to" before a verb is no preposition of the subject
        ("The team scored seven straight points to take the game to overtime.", [(7, "straight points", "current")]),
    ],
)
def test_the_subject_of_a_change_labels_its_number(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.label, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change of pace, a surge or a plunge from one value to another makes the first one earlier
        ("Inflation eased from 5.1% in March to 4.2%.", [(5.1, "earlier"), (4.2, "current")]),
        ("Clinic visits surged from about 1,100 last week to 2,600.", [(1100, "earlier"), (2600, "current")]),
        # (but being slowed by something is no change of it)
        ("Convoys were slowed by dozens of checkpoints on the road north.", [(24, "current")]),
    ],
)
def test_from_a_value_after_a_change_of_pace_is_earlier(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a projection's subject names it as a current figure's does
        ("Departures are expected to reach 12,000 by the end of May.", [(12_000, "departures", "projection")]),
        ("The number of homes without power is likely to top 9,000.", [(9000, "homes", "projection")]),
        # (guard) a subject that stands for the count before it: the count's name, not who expects it
        ("About 5,200 families have left the valley, and analysts expect the total to reach 9,000 by June.",
         [(5200, "families", "current"), (9000, "families", "projection")]),
    ],
)
def test_the_subject_of_a_projection_labels_it(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.label, f.role) for f in extract_figures(text)] == expected


def test_a_key_figure_above_its_source_line_takes_the_heading_above() -> None:
    text = "Intro paragraph of the page.\n\nPEOPLE INJURED\n4,871\nverified by the health cluster as of 2 May\n"
    assert [(f.value, f.key) for f in extract_figures(text)] == [(4871, "injured")]


def test_a_subjects_count_noun_wins_over_the_plural_of_its_place() -> None:
    text = "The recorded deaths in all three provinces passed 3,000 on Friday."
    assert [(f.value, f.key) for f in extract_figures(text)] == [(3000, "killed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deaths by province (as of 4 May): Orlen 412; Vask 230; Upper Tamsa 96.",
         [(412, "killed"), (230, "killed"), (96, "killed")]),
        ("Dead / wounded by district: Kora 9 / 31; Lesi 2 / 14.",
         [(9, "killed"), (31, "injured"), (2, "killed"), (14, "injured")]),
        # what a number's own noun says stays
        ("Displaced by camp: Orlen 1,200 families, Vask 3,400.", [(1200, "families"), (3400, "displaced")]),
    ],
)
def test_a_count_broken_down_by_places_labels_the_numbers_after_it(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


def test_a_count_noun_heading_a_number_after_a_colon_or_a_semicolon() -> None:
    text = "Tamsa: storm deaths 41 (previous: 37); displaced 9,800; missing 12."
    assert triples(text) == [
        (41, "killed", "current"), (37, "killed", "earlier"), (9800, "displaced", "current"),
        (12, "missing", "current"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Only about 250 residents remain in the old town.", [(250, "residents remaining")]),
        ("Some 90 people stayed behind; 40 people remain behind in the valley.", [(90, "people"),
                                                                                 (40, "residents remaining")]),
        # "remain in" a state is that state, not staying
        ("About 35 people remain in hospital.", [(35, "hospitalized")]),
        ("Four people were pulled alive from the collapsed school.", [(4, "rescued")]),
        ("Volunteers pulled 27 people from the mud overnight.", [(27, "rescued")]),
        ("Some 3,000 people spent a second night in the open.", [(3000, "people sleeping outdoors")]),
        ("Around 600 people are sleeping in the sports hall.", [(600, "people sheltering")]),
        ("More than 900 people have sought refuge in the monastery.", [(900, "people sheltering")]),
        # a place phrase ends with its clause: the verb after it is another count's
        ("The ferry sank with 70 passengers aboard, and only 12 were pulled out alive.", [(70, "passengers aboard"),
                                                                                         (12, "rescued")]),
        ("The town had a pre-war population of 18,000.", [(18_000, "pre-war population")]),
    ],
)
def test_where_people_stay_or_are_taken_from(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nearly 4.1 million people face acute food insecurity this season.",
         [(4_100_000, "people facing acute food insecurity", "current")]),
        ("As many as 900,000 people could face famine-like conditions by August.",
         [(900_000, "people facing famine", "projection")]),
        ("Some 1.2 million people in the north face severe levels of hunger.",
         [(1_200_000, "people facing hunger", "current")]),
        ("About 3 million people face Crisis (IPC Phase 3) or worse, including 520,000 in Emergency (IPC Phase 4).",
         [(3_000_000, "people in ipc phase 3 or worse", "current"), (520_000, "people in ipc phase 4", "current")]),
        # what people face is hunger only when it says so
        ("Some 40 people face trial next month.", [(40, "people", "current")]),
    ],
)
def test_people_facing_hunger_and_in_an_ipc_phase(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Damage to the rail network is estimated at €640 million, the ministry said.",
         [(640_000_000, "damage to rail network")]),
        ("The development bank put recovery needs at $3.1 billion.", [(3_100_000_000, "recovery needs")]),
        ("Officials put the damage at more than $900 million.", [(900_000_000, "damage")]),
        ("Insured losses from the floods could top $2 billion.", [(2_000_000_000, "insured losses")]),
        ("The new seawall would cost $75 million.", [(75_000_000, "new seawall cost")]),
        # the name must name a sum: a place or a verb before the sum is none
        ("The mayor of Tarn was paid $4,000 by the firm.", [(4000, "")]),
        ("Aid agencies flew in tents for $58 million.", [(58_000_000, "")]),
        # an appeal for a sum, and a request of one, ask for funding
        ("Aid agencies launched an appeal for $58 million.", [(58_000_000, "funding required")]),
        ("The revised response plan requests US$ 212 million.", [(212_000_000, "funding required")]),
        # what is said to cost a sum without a name of its own is a cost
        ("The old ferry terminal, which cost $41 million, closed.", [(41_000_000, "cost")]),
        # a measured subject names its tonnes as a count's subject names its count
        ("Wheat shipments from the three ports totalled 2.6 million tonnes.", [(2_600_000, "wheat shipments")]),
    ],
)
def test_a_sum_named_before_it(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The convoy brought 31 tonnes of flour, blankets and medicines to Vask.", [(31, "aid delivered")]),
        ("Partners have delivered 4.5 metric tons of medical supplies this week.", [(4.5, "aid delivered")]),
        # tonnes that were not brought anywhere keep their own noun
        ("The mill ground 900 tonnes of wheat in May.", [(900, "wheat")]),
    ],
)
def test_tonnes_brought_somewhere_are_aid_delivered(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


def test_a_list_of_earlier_values_pairs_with_the_list_before_it() -> None:
    text = "By noon the count stood at 27 dead and 88 injured, up from 21 and 70 at dawn."
    assert triples(text) == [
        (27, "killed", "current"), (88, "injured", "current"), (21, "killed", "earlier"), (70, "injured", "earlier"),
    ]


def test_an_earlier_value_after_a_bracketed_breakdown_is_the_wholes() -> None:
    text = "Monitors logged 52 civilian casualties (19 killed and 33 injured) in May, down from 67 in April."
    assert triples(text)[-1] == (67, "civilian casualties", "earlier")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nearly 600,000 people have been forced to leave their country.", [(600_000, "refugees")]),
        ("About 9,000 people have left Orlenia for Vask since the spring.", [(9000, "refugees")]),
        ("Some 4,000 people have left villages near the front line.", [(4000, "displaced")]),
        ("Around 60 people are believed to be buried under the rubble.", [(60, "missing")]),
        ("At least 300 people were buried alive by the mudslide.", [(300, "killed")]),
        ("Some 12,000 residents have been moved out of the river valley.", [(12_000, "evacuated")]),
        ("About 450 people were ordered to leave their homes.", [(450, "evacuated")]),
        ("In the night attack 17 people got injured.", [(17, "injured")]),
        # a long aside between the people and their verb
        ("Some 900 civilians, roughly one in five of all those counted since the war began, died in June.",
         [(900, "killed")]),
    ],
)
def test_more_verbs_that_say_what_happened_to_people(text: str, expected: list[tuple[float, str]]) -> None:
    # (the first figures: an aside's own share is another test's)
    assert [(f.value, f.key) for f in extract_figures(text)][: len(expected)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Fatalities 612 (last month: 587)",  # a cue before the number
        "Fatalities 612 (587 in the prior bulletin)",  # the rest of the bracket after it
    ],
)
def test_an_earlier_report_or_period_is_named_alike_before_or_after_the_number(text: str) -> None:
    assert triples(text) == [(612, "killed", "current"), (587, "killed", "earlier")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the period a change is measured over or against is no label
        ("Arrivals on the island rose 21% week on week.", [(21, "arrivals", "delta")]),
        ("Monitors logged 88 civilian casualties, a 9% decrease on the month before.",
         [(88, "civilian casualties", "current"), (9, "", "delta")]),
        # what follows "in" is what changed
        ("There was a 15% rise in displaced people.", [(15, "displaced", "delta")]),
    ],
)
def test_a_change_in_per_cent_is_of_its_subject_not_of_its_period(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clinic visits climbed to 940 this week from 610 last week.",
         [(940, "clinic visits"), (610, "clinic visits")]),
        ("Teams cleared 2,150 mines last year.", [(2150, "mines")]),
        ("Registered refugees: 51,300 (49,870 last week)", [(51_300, "refugees"), (49_870, "refugees")]),
    ],
)
def test_a_time_after_the_number_is_not_its_noun(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


def test_beds_in_a_sentence_about_hospitals_are_hospital_beds() -> None:
    assert [f.key for f in extract_figures("The district hospital has 160 beds.")] == ["hospital beds"]
    assert [f.key for f in extract_figures("The new shelter has 300 beds.")] == ["beds"]


@pytest.mark.parametrize(
    "text",
    [
        "Some 3.4 million people, about 28 per cent of the population, will need food assistance.",
        "About 2.1 million people—nearly half the population—need humanitarian assistance.",
    ],
)
def test_a_share_aside_before_the_need_verb(text: str) -> None:
    assert extract_figures(text)[0].key == "people in need"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A further 40 cases were confirmed on Monday, bringing the total to 1,260.",
         [(40, "cases", "delta"), (1260, "cases", "current")]),
        ("Divers recovered six more bodies, taking the number recovered to 31.",
         [(6, "bodies recovered", "delta"), (31, "bodies recovered", "current")]),
        ("Donors pledged an additional $12 million, bringing total funding to $88 million.",
         [(12_000_000, "funding pledged", "delta"), (88_000_000, "funding", "current")]),
        # a count of its own before the total stays current; "a further" without a total is a count of its own
        ("The ministry said 14 people had died overnight, bringing the toll to 230.",
         [(14, "killed", "current"), (230, "killed", "current")]),
        ("A further 3,100 people are sheltering in schools.", [(3100, "people sheltering", "current")]),
    ],
)
def test_what_is_added_to_a_total_given_after_it_is_a_change(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The shelter, built for 1,200, now holds 3,050 people.",
         [(1200, "capacity", "context"), (3050, "people", "current")]),
        ("The site hosts 9,400 people, far above its planned capacity of 5,000.",
         [(9400, "people hosted", "current"), (5000, "capacity", "context")]),
        # a capacity as it stands moves like any count
        ("Wards now have a combined capacity of 640 beds, down from 900.",
         [(640, "beds", "current"), (900, "beds", "earlier")]),
    ],
)
def test_what_a_place_was_built_for_frames_the_count(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a modal written as part of the number still makes it a projection, and "once" ends its noun phrase
        ("The toll could top 900 once rescuers reach the valley.", [(900, "killed", "projection")]),
        ("Officials warn the toll could pass 1,500.", [(1500, "killed", "projection")]),
        ("Planners expect the final count to far exceed 40,000.", [(40_000, "", "projection")]),
        ("Rebuilding the bridge will cost $90 million.", [(90_000_000, "bridge cost", "projection")]),
        ("The flood could leave 30,000 people without power.", [(30_000, "people without power", "projection")]),
    ],
)
def test_more_ways_to_say_a_projection(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials initially reported 12 deaths, but later raised the toll to 19.",
         [(12, "killed", "earlier"), (19, "killed", "current")]),
        ("The toll, first put at 40, was later lowered to 36.", [(40, "killed", "earlier"), (36, "killed", "current")]),
        ("Correction: an earlier version of this story said 14 people were injured.", [(14, "injured", "earlier")]),
        ("Arrivals fell to 2,100 a day from a peak of 9,000 in May.",
         [(2100, "arrivals", "current"), (9000, "arrivals", "earlier")]),
        # a first count that nothing replaces is the count there is
        ("Monitors gave an initial count of at least 58 civilian casualties.",
         [(58, "civilian casualties", "current")]),
    ],
)
def test_a_first_account_that_the_sentence_replaces_is_earlier(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # doubt about what is or was: still a count of now
        ("As many as 250 people may still be trapped under the rubble.", [(250, "trapped", "current")]),
        ("Up to 90 migrants may have been on board the dinghy.", [(90, "migrants", "current")]),
        ("The sex of 12 children could not be established.", [(12, "children", "current")]),
        # a toll that may have happened is not yet known, and what may come is a projection
        ("As many as 3,000 people may have died in the floods.", [(3000, "killed", "projection")]),
        ("The toll may rise to 80.", [(80, "killed", "projection")]),
    ],
)
def test_a_modal_of_doubt_about_now_is_no_projection(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


def test_a_total_adds_the_figure_right_before_it_only() -> None:
    text = "The clinic logged 40 new cholera cases this week and 2 deaths, bringing the season's toll to 9."
    assert [(f.value, f.role) for f in extract_figures(text)] == [(40, "current"), (2, "current"), (9, "current")]


def test_the_figure_named_after_a_correction_note_takes_its_label() -> None:
    text = "Correction: an earlier version of this story said 41 people were injured. The figure given was 14."
    assert triples(text) == [(41, "injured", "earlier"), (14, "injured", "current")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The 88 civilians killed in March were 12 per cent fewer than in February (100).",
            [(88, "killed", "current"), (12, "killed", "delta"), (100, "killed", "earlier")],
        ),
        (
            "The 640 cholera cases recorded this month already exceed the total for the whole of last year (512).",
            [(640, "cholera cases", "current"), (512, "cholera cases", "context")],
        ),
        (
            "Some 41 schools were damaged in the first week, double the number for the previous month (20).",
            [(41, "schools damaged", "current"), (20, "schools damaged", "context")],
        ),
        # a bracket with its own noun keeps it
        (
            "Arrivals rose to 3,100 this week, more than in May (2,400 people a day).",
            [(3100, "arrivals", "current"), (2400, "people", "current")],
        ),
    ],
)
def test_a_bracket_after_another_period_holds_the_same_count_for_it(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "So far 1,310 (1,288) health facilities have been damaged and 95 (91) destroyed.",
            [
                (1310, "health facilities damaged", "current"),
                (1288, "health facilities damaged", "earlier"),
                (95, "health facilities destroyed", "current"),
                (91, "health facilities destroyed", "earlier"),
            ],
        ),
        (
            "Of the 2,400 patients admitted, 63 (58) died in hospital.",
            [(2400, "patients admitted", "current"), (63, "killed", "current"), (58, "killed", "earlier")],
        ),
    ],
)
def test_an_earlier_value_in_a_bracket_between_a_count_and_its_words(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert triples(text) == expected


def test_places_with_their_counts_in_brackets_share_the_count_named_before_them() -> None:
    text = (
        "The fund has approved 1,840 grants this year, led by Lviv (620), Ivano-Frankivsk (410) and the Republic of "
        "Moldova (215)."
    )
    assert triples(text) == [
        (1840, "grants", "current"),
        (620, "grants", "current"),
        (410, "grants", "current"),
        (215, "grants", "current"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The school attendance rate fell to 71 per cent, down 8 percentage points on last term.",
            [
                (71, "school attendance rate", "%", "current"),
                (8, "school attendance rate", "percentage points", "delta"),
            ],
        ),
        (
            "The positivity rate climbed 2.5 percentage points to 14%.",
            [(2.5, "positivity rate", "percentage points", "delta"), (14, "positivity rate", "%", "current")],
        ),
        (
            "Stunting stood at 31 per cent, 4 percentage points higher than in the previous survey.",
            [(31, "", "%", "current"), (4, "", "percentage points", "delta")],
        ),
    ],
)
def test_a_change_in_percentage_points_is_a_delta_named_after_its_rate(
    text: str, expected: list[tuple[float, str, str, str]]
) -> None:
    assert [(f.value, f.label, f.unit, f.role) for f in extract_figures(text)] == expected


def test_a_comparison_after_a_number_is_no_noun() -> None:
    figures = extract_figures("The 96 civilians killed in June were 20 per cent fewer than in May (120).")
    assert [(f.value, f.label, f.role) for f in figures] == [
        (96, "killed", "current"),
        (20, "killed", "delta"),
        (120, "killed", "earlier"),
    ]


def test_a_change_before_the_value_it_reaches_takes_its_label() -> None:
    assert triples("Measles cases rose by 85 to 1,240 this week.") == [
        (85, "measles cases", "delta"),
        (1240, "measles cases", "current"),
    ]


def test_a_low_and_a_high_column_hold_one_count_as_a_range() -> None:
    text = (
        "Month | Civilians killed (min) | (max) | Injured\n"
        "March | 1,204 | 1,390 | 2,118\n"
        "April | 988 | 1,050 | 1,730"
    )
    got = [(f.low, f.high, f.qualifier, f.key) for f in extract_figures(text)]
    assert got == [
        (1204, 1390, "range", "killed"),
        (2118, 2118, "exact", "injured"),
        (988, 1050, "range", "killed"),
        (1730, 1730, "exact", "injured"),
    ]
    first = extract_figures(text)[0]
    assert text[first.start : first.end] == "1,204 | 1,390"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Only 9 of the province's 27 clinics still have power.",
            [(9, "clinics", "current"), (27, "clinics", "context")],
        ),
        (
            "Of the 58 schools in the valley, 21 are being used as shelters.",
            [(58, "schools", "context"), (21, "schools", "current")],
        ),
        # the whole of what happened is a count of its own
        (
            "Of the 230 people injured, 41 were children.",
            [(230, "injured", "current"), (41, "children injured", "current")],
        ),
        (
            "Air defences shot down 19 of the 24 drones.",
            [(19, "drones downed", "current"), (24, "drones", "current")],
        ),
    ],
)
def test_the_whole_of_what_exists_frames_its_part(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert triples(text) == expected


def test_a_possessive_between_a_part_and_its_whole_is_not_what_is_counted() -> None:
    assert triples("Fewer than 15 of the county's 60 pharmacies are open.")[0][1] == "pharmacies"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials lowered the toll to 48 from an earlier 52.", [(48, "current"), (52, "earlier")]),
        (
            "Admissions reached 1,140, up 9 per cent on the previous week's 1,046.",
            [(1140, "current"), (9, "delta"), (1046, "earlier")],
        ),
        (
            "Police counted 214 arrests, far more than the 120 they reported two days earlier.",
            [(214, "current"), (120, "earlier")],
        ),
        (
            "The number of attacks was 15 per cent lower than in May, when the cluster recorded 96 attacks.",
            [(15, "delta"), (96, "earlier")],
        ),
        # a comparison with something else is no earlier value
        ("The toll is now higher than the 1,600 deaths of the 2010 quake.", [(1600, "current")]),
    ],
)
def test_the_value_a_comparison_is_made_with_is_earlier(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.role) for f in extract_figures(text)] == expected


def test_a_part_of_a_projection_is_projected_too() -> None:
    text = "Up to 1.2 million people could be displaced by the floods, including some 300,000 children."
    assert [(f.value, f.role) for f in extract_figures(text)] == [(1_200_000, "projection"), (300_000, "projection")]


def test_what_a_delivery_suffices_for_is_a_projection() -> None:
    text = "The agency flew in 40 tonnes of therapeutic food, enough to treat 8,000 children for six weeks."
    assert [(f.value, f.role) for f in extract_figures(text)] == [(40, "current"), (8000, "projection")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Flooding has now spread to 37 districts.", [(37, "districts affected", "current")]),
        ("Deaths were reported in 58 towns and villages.", [(58, "towns and villages affected", "current")]),
        ("Artillery shelled 14 settlements overnight.", [(14, "settlements shelled", "current")]),
        (
            "Cases were confirmed in 6 of the country's 21 provinces.",
            [(6, "provinces affected", "current"), (21, "provinces", "context")],
        ),
    ],
)
def test_a_count_of_places_is_of_the_places_reached(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert triples(text) == expected


def test_a_glued_attribute_between_a_count_and_its_noun_is_skipped() -> None:
    assert triples("Jets dropped three 500-kilogram bombs on the depot.") == [(3, "bombs", "current")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll named after a bare number belongs to the next clause when "and" comes between
        (
            "The toll of civilians killed rose by 12 overnight to 804, and the number of injured climbed to 1,930.",
            [(12, "killed", "delta"), (804, "killed", "current"), (1930, "injured", "current")],
        ),
        ("The number of those who lost their lives reached 2.318, officials said.", [(2318, "killed", "current")]),
        # a verb with a count of its own after a breakdown aside is another clause's
        (
            "Shelling killed 3 persons, including a child, injured else 14.",
            [(3, "killed", "current"), (1, "children killed", "current"), (14, "injured", "current")],
        ),
        ("The landslide claimed 27 lives.", [(27, "killed", "current")]),
        ("Volunteers saved 27 lives.", [(27, "lives", "current")]),
        (
            "Monitors verified 412 civilian casualties, 96 of them fatal and 316 non-fatal.",
            [(412, "civilian casualties", "current"), (96, "killed", "current"), (316, "injured", "current")],
        ),
    ],
)
def test_what_the_dead_and_the_injured_are_called(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials put the dead at 61 and the injured at 140.",
            [(61, "killed", "current"), (140, "injured", "current")],
        ),
        ("Monitors list the dead as 14–17 pending confirmation.", [(None, "killed", "current")]),
        # a count of one shares its verb along its list
        (
            "The drone killed a woman and four children.",
            [(1, "women killed", "current"), (4, "children killed", "current")],
        ),
    ],
)
def test_the_dead_at_and_a_verb_shared_past_a_count_of_one(
    text: str, expected: list[tuple[float | None, str, str]]
) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("bodies pulled", "bodies recovered"),
        ("bodies retrieved", "bodies recovered"),
        ("bodies", "bodies recovered"),
        # what was done to bodies already recovered is another count
        ("bodies identified", "bodies identified"),
        ("bodies buried", "bodies buried"),
    ],
)
def test_bodies_however_they_were_reached_are_one_key(label: str, key: str) -> None:
    assert key_for(label) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Artillery shelled the district 73 times over the past day.", [(73, "shelling attacks", "current")]),
        ("The water station has been struck six times since May.", [(6, "attacks", "current")]),
        ("Troops fired nearly 200 times at border villages on Sunday.", [(200, "shelling attacks", "current")]),
    ],
)
def test_a_number_of_times_an_attack_verb_governs_counts_attacks(
    text: str, expected: list[tuple[float | None, str, str]]
) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Admissions were four times higher than in spring.",
        "The convoy was attacked twice, and the road is shelled three times a day.",
        "Losses are five times the official estimate.",
        "The fund grew three times over in a decade.",
    ],
)
def test_a_multiplier_or_a_frequency_is_no_count_of_attacks(text: str) -> None:
    assert [f for f in extract_figures(text) if f.key.endswith("attacks")] == []


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Floods closed 23 polling stations in the north.", ["polling stations"]),
        ("Two of its 9 operating theatres still work.", ["operating theatres", "operating theatres"]),
        ("The agency opened 1,200 additional hosting spaces this week.", ["hosting spaces"]),
        # a name in "-ing" is no such kind
        ("The carrier ordered 30 Boeing jets on Monday.", [""]),
    ],
)
def test_a_gerund_before_a_plural_names_a_kind_of_thing(text: str, labels: list[str]) -> None:
    assert [f.label for f in extract_figures(text)] == labels


def test_an_adjective_in_ous_is_no_plural_noun() -> None:
    assert not looks_plural("various") and not looks_plural("serious") and not looks_plural("campus")
    assert looks_plural("theatres") and looks_plural("buses")


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # a first account compared with
        ("Some 310 shops burned, up from an initial estimate of about 150.", ["current", "earlier"]),
        # what the value is set against, from an earlier report or period
        ("The count now stands at 58 dead, against 40 in the first bulletin.", ["current", "earlier"]),
        ("Crews cleared 900 tonnes of rubble (it was 650 a week earlier).", ["current", "earlier"]),
        # the account the sentence corrects
        ("The ferry carried 212 people, not 221 as stated earlier.", ["current", "earlier"]),
        # a bracket after "from" and another period holds that period's counts
        ("Police logged 81 arrests and 12 injuries, a fall from May (97 arrests and 15 injuries).",
         ["current", "current", "earlier", "earlier"]),
        # "against" and "was" without a report or period after them compare nothing
        ("Threats against 30 journalists were recorded last week.", ["current"]),
    ],
)
def test_the_value_a_sentence_compares_with_is_earlier(text: str, roles: list[str]) -> None:
    assert [f.role for f in extract_figures(text)] == roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # a difference: "N more (...) than"
        ("Police logged 640 thefts, which is 85 more than in March.", ["current", "delta"]),
        ("That is 12 more admissions than were recorded on Monday.", ["delta"]),
        # what was added since the last report, or before a total written after it
        ("Since the previous update, 14 more schools have been damaged.", ["delta"]),
        ("Since yesterday, a further 230 families have registered.", ["delta"]),
        ("Crews found 2 more bodies; toll now 19", ["delta", "current"]),
        # "more" alone counts others
        ("The blast killed 4 people and 11 more were hurt.", ["current", "current"]),
    ],
)
def test_a_difference_or_an_addition_since_the_last_report_is_a_delta(text: str, roles: list[str]) -> None:
    assert [f.role for f in extract_figures(text)] == roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # still to come, not a doubt about what is
        ("Up to 3,000 families may have to be moved before the dam is repaired.", [(3000, "projection")]),
        ("Epidemiologists expect between 1,200 and 1,800 cases by March.", [(None, "projection")]),
        # the verb after a dashed aside that holds a number
        ("About 2.4 million people – 31 per cent of the region – are projected to need food aid.",
         [(2_400_000, "projection"), (31, "current")]),
        # a doubt about what is or was stays current
        ("As many as 90 workers may have been inside.", [(90, "current")]),
    ],
)
def test_a_projection_after_its_number(text: str, expected: list[tuple[float | None, str]]) -> None:
    assert [(f.value, f.role) for f in extract_figures(text)] == expected


def test_a_dashed_aside_with_a_count_leaves_the_verb_to_the_count_before_it() -> None:
    assert triples("At least 31 villagers – 9 of them children – were killed in the raid.") == [
        (31, "killed", "current"),
        (9, "children killed", "current"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second part under the verb of the first is what the verb was done to; "launched" is the whole's
        (
            "Gunners shot down 12 of the 15 drones and three of the four cruise missiles launched from the sea.",
            [(12, "drones downed"), (15, "drones"), (3, "cruise missiles downed"), (4, "cruise missiles launched")],
        ),
        # the whole's noun phrase may open with a name
        (
            "The navy destroyed two of the three Kalibr missiles.",
            [(2, "kalibr missiles downed"), (3, "kalibr missiles")],
        ),
        # "one" out of a counted whole is a count; out of a whole of kinds it is not; intercepting what flies is
        # downing it
        (
            "Crews intercepted 20 of the 22 drones and one of the two ballistic missiles fired at the port.",
            [(20, "drones downed"), (22, "drones"), (1, "missiles downed"), (2, "missiles fired")],
        ),
        ("Measles is one of the two diseases most often named in the survey.", []),
        ("The blast was felt in one of the three districts, and 14 people were hurt.", [(14, "injured")]),
        ("One of the wounded died overnight.", []),
        ("Of the 30 rockets fired, the army says it intercepted 26.", [(30, "rockets fired"), (26, "rockets downed")]),
        ("Coastguards intercepted 9 boats.", [(9, "boats intercepted")]),
    ],
)
def test_parts_of_a_counted_whole(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eight people were hurt, one of them seriously.", [(8, "injured"), (1, "seriously injured")]),
        ("Shelling injured 23 residents, and six of them remain in critical condition.",
         [(23, "injured"), (6, "critically injured")]),
        ("Nine people were wounded, two of them are in serious condition.", [(9, "injured"), (2, "seriously injured")]),
        ("Four people died in the fire, one of them a child.", [(4, "killed"), (1, "children killed")]),
        # the "one" of a source is no part of the count
        ("Six civilians were killed, officials said, one of them citing hospital records.", [(6, "killed")]),
    ],
)
def test_a_breakdown_by_how_badly_or_who(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the group of the first count carries to the second when only its outcome is new
        ("So far 212 children have died and more than 640 have been hurt.",
         [(212, "children killed"), (640, "children injured")]),
        ("The report lists 35 women killed and 81 injured.", [(35, "women killed"), (81, "women injured")]),
        ("Seven children were killed and 30 people injured.", [(7, "children killed"), (30, "injured")]),
        # "incl." is an abbreviation, not the end of a sentence
        ("Deaths rose to 88 last week, incl. 21 children.", [(88, "killed"), (21, "children killed")]),
        # a breakdown in the bracket after a colon's count takes the colon's outcome
        ("Injured: 95 (including 14 children)", [(95, "injured"), (14, "children injured")]),
        # "among the N killed" names the outcome of a group
        ("Three boys were among the 11 people killed on Sunday.", [(3, "boys killed"), (11, "killed")]),
        ("4 women among 19 injured in the blast", [(4, "women injured"), (19, "injured")]),
    ],
)
def test_a_group_takes_the_outcome_of_the_count_it_belongs_to(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey took in 3.1 million of them, or 48% of all refugees in the region.",
         [(3_100_000, "refugees"), (48, "share of refugees")]),
        ("The town shelters 9,400 people, or about 15% of the displaced.",
         [(9400, "displaced"), (15, "share of displaced")]),
        # a count with a noun of its own keeps it
        ("Some 600 teachers, or 30% of the workforce, were absent.", [(600, "teachers"), (30, "share of workforce")]),
    ],
)
def test_a_count_restated_as_a_share_counts_the_whole_named(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the total of the killed and the injured is the civilian casualties: in a table's Total column ...
        ("District | Killed | Injured | Total\nEast | 7 | 31 | 38",
         [(7, "killed (East)"), (31, "injured (East)"), (38, "civilian casualties (East)")]),
        # ... but a Total beside other outcomes stays a total
        ("District | Killed | Missing | Total\nEast | 7 | 3 | 10",
         [(7, "killed (East)"), (3, "missing (East)"), (10, "total (East)")]),
        # ... and a bare count broken down in a bracket
        ("The monitors recorded 455 (118 killed and 337 injured) in the south.",
         [(455, "civilian casualties"), (118, "killed"), (337, "injured")]),
    ],
)
def test_killed_and_injured_together_are_civilian_casualties(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "of the total" after the killed and the injured: a share of the casualties, not of the places counted
        ("Monitors confirmed 51 killed and 140 injured in 23 villages (62 per cent of the total).",
         [(51, "killed"), (140, "injured"), (23, "villages affected"), (62, "share of casualties")]),
        ("The army says 90 civilians were killed and 300 wounded, 70% of them in the capital.",
         [(90, "killed"), (300, "injured"), (70, "share of casualties")]),
        # "of them" after a single count is a share of what it counts
        ("About 4,000 shelters were damaged, 35 per cent of them beyond repair.",
         [(4000, "shelters damaged"), (35, "share of shelters damaged")]),
        # where the counted live is not the whole
        ("Some 8,000 migrants stay in 12 crowded centres, 40% of them near the border.",
         [(8000, "migrants"), (12, "crowded centres"), (40, "share of migrants")]),
        # a share of one of several tallies stays unnamed rather than guessed
        ("Four people were killed and 15 are missing, 30% of them in the old town.",
         [(4, "killed"), (15, "missing"), (30, "")]),
    ],
)
def test_a_share_of_the_total_or_of_them_names_the_whole_counted_before(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # damaged or destroyed is one tally, whichever way round it is written
        ("Roughly 3,500 homes have been damaged or destroyed by the floods.", [(3500, "homes damaged or destroyed")]),
        ("The earthquake destroyed or damaged 870 schools.", [(870, "schools damaged or destroyed")]),
        # flattened, levelled, swept away: destroyed
        ("About 60 houses were swept away when the dam burst.", [(60, "houses destroyed")]),
        ("The strikes levelled 14 apartment blocks.", [(14, "apartment blocks destroyed")]),
        ("More than 200 shops were flattened.", [(200, "shops destroyed")]),
        # how badly stands between the verb and its participle
        ("Three warehouses were partially damaged.", [(3, "warehouses damaged")]),
        # a second verb before an elided noun is that noun's outcome
        ("The storm damaged 450 houses and destroyed 90.", [(450, "houses damaged"), (90, "houses destroyed")]),
        # a part with a passive of its own, after "of which"
        ("About 9,000 shelters were damaged, of which 1,100 were destroyed.",
         [(9000, "shelters damaged"), (1100, "shelters destroyed")]),
        # a share of the whole done something else
        ("Over 80 per cent of the clinics were damaged, and 25 per cent of them were destroyed.",
         [(80, "share of clinics"), (25, "share of clinics destroyed")]),
    ],
)
def test_what_was_done_to_buildings_names_their_tally(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the civilians among all the dead are a part of their own
        ("The group recorded 640 deaths this month, including 205 civilians, among them 48 children.",
         [(640, "killed"), (205, "civilians killed"), (48, "children killed")]),
        ("Of the 90 people killed in the raid, 31 were civilians.", [(90, "killed"), (31, "civilians killed")]),
        # ... but not among dead who are civilians already
        ("Of the 90 civilians killed, 31 were civilians from the old town.", [(90, "killed"), (31, "killed")]),
        # other people in a breakdown count under the outcome
        ("At least 60 people died, including 14 residents of the camp.", [(60, "killed"), (14, "killed")]),
    ],
)
def test_civilians_among_all_the_dead_are_a_part_of_their_own(text: str, expected: list[tuple[float, str]]) -> None:
    figures = extract_figures(text)
    assert [(f.value, f.label) for f in figures] == expected
    # (the key of civilians killed is the key of the killed: a report that counts only civilians lines up with one
    # that says "civilians")
    assert {f.key for f in figures if f.label == "civilians killed"} <= {"killed"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count per so many people is a rate, named by the clause before it ...
        ("The crude mortality rate in the camps rose to 1.4 deaths per 10,000 people per day.",
         [(1.4, "crude mortality rate", "crude mortality rate")]),
        ("Incidence has reached 65 cases per 100,000 people in the district.", [(65, "incidence", "incidence")]),
        # ... and never the key of the count itself
        ("Doctors counted 3 deaths per 10,000 per day in the valley.", [(3, "mortality rate", "mortality rate")]),
        ("Clinics saw 90 cases per 1,000 children.", [(90, "cases per 1,000", "cases per 1,000")]),
        # a period is no denominator
        ("The wards admitted 40 patients per 24 hours.", [(40, "patients", "patients")]),
    ],
)
def test_a_count_per_so_many_people_is_a_rate(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.label, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "civilian victims" in translated monitoring reports are the killed and the injured together
        ("By Sunday the mission had counted 5,120 civilian victims, of whom 2,050 were killed.",
         [(5120, "civilian casualties"), (2050, "killed")]),
        ("The number of civilian victims rose to 640.", [(640, "civilian casualties")]),
        # an appeal's requirements are the funding it requires; its coverage is how much of it is funded
        ("Requirements (US$)\n$2.2B", [(2.2e9, "funding required")]),
        ("Funding coverage: 31%", [(31, "funded")]),
    ],
)
def test_report_words_for_casualties_and_funding_line_up(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part "of which" did something counts the things just named, done that: never the whole's own key
        ("The navy fired eight missiles, three of which struck the port.",
         [(8, "missiles"), (3, "missiles hit")]),
        ("Forces launched 30 drones overnight, 22 of which were intercepted.",
         [(30, "drones"), (22, "drones downed")]),
        ("Some 310 homes have been damaged since June, 45 of which were later demolished.",
         [(310, "homes damaged"), (45, "homes demolished")]),
        # the whole need not be a number
        ("The city was hit with cluster rockets, four of which exploded near a market.",
         [(4, "cluster rockets exploded")]),
        # a verb that does nothing to the part leaves the whole's label
        ("The agency runs 40 shelters, 12 of which included clinics.", [(40, "shelters"), (12, "shelters")]),
    ],
)
def test_a_part_of_which_did_something_counts_the_things_done_that(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bracket that says the value was reported before holds the earlier value, in digits or in words
        ("At least 14 people died (earlier reported 11) in the collapse.",
         [(14, "killed", "current"), (11, "killed", "earlier")]),
        ("Twelve people were hurt (initially reported eight).",
         [(12, "injured", "current"), (8, "injured", "earlier")]),
        # a revision down to a number from "the" one given before
        ("Officials revised the toll down to seven from the ten given at the morning briefing.",
         [(7, "killed", "current"), (10, "killed", "earlier")]),
        # ... and not "the two" that merely point back
        ("Aid came from the two given at the summit.", []),
    ],
)
def test_a_value_reported_before_is_earlier(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.label, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # animals killed are no people killed: a key of their own, never the toll's
        ("The flash floods killed 450 cattle and two herders.", [(450, "cattle killed"), (2, "killed")]),
        ("More than 3,000 goats have died since the rains failed.", [(3000, "goats killed")]),
        # families and households are counted apart from people
        ("The fighting displaced 30,000 people, or about 6,000 families.",
         [(30000, "displaced"), (6000, "families displaced")]),
        ("Some 900 households were left homeless by the storm.", [(900, "households homeless")]),
        ("Nine members of three families died in the blaze.", [(9, "killed"), (3, "families affected")]),
        # so are the combatants a side says it killed, or captured
        ("Troops killed 12 insurgents and captured 5 more.", [(12, "insurgents killed"), (5, "captured")]),
        ("Police shot dead 3 gunmen near the border.", [(3, "gunmen killed")]),
        ("The clashes left 14 rebels dead.", [(14, "rebels killed")]),
        # a list's next item owned by the one before shares the verb
        ("The raid killed a woman and her two young daughters.", [(1, "women killed"), (2, "girls killed")]),
    ],
)
def test_who_or_what_was_killed_keeps_its_own_key(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sum in a breakdown takes the sum's name before it, never the name of a count in between
        ("About $1.9 billion is needed to assist 8 million people, including $400 million for 2 million refugees.",
         [(1.9e9, "funding required"), (8e6, "people targeted"), (4e8, "funding required"), (2e6, "refugees")]),
        # a sum and its share as an aside, then the verb: what was received, and the appeal's coverage
        ("The plan seeks $900 million, but only $270 million, or 30 per cent, had been received by May.",
         [(9e8, "funding required"), (2.7e8, "funding received"), (30, "funded")]),
        # a sum with no name of its own stays unnamed rather than take a count's
        ("The airline ordered 40 jets on Monday for $6 billion.", [(40, "jets"), (6e9, "")]),
    ],
)
def test_a_sum_of_money_takes_only_a_sums_name(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


def test_up_to_after_a_clause_of_change_is_reaching_and_counts_its_subject() -> None:
    figures = extract_figures("Departures from the port have kept climbing, up to 18,400 by Friday.")
    assert [(f.value, f.qualifier, f.label) for f in figures] == [(18400, "exact", "departures")]
    # a bound stays a bound
    figures = extract_figures("The shelters can take up to 2,000 people.")
    assert [(f.value, f.qualifier) for f in figures] == [(2000, "up_to")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what was suffered says what happened
        ("Around 60 clinics suffered heavy damage in the storm.", [(60, "clinics damaged")]),
        ("Nine passengers sustained serious injuries.", [(9, "injured")]),
        # ... also to an elided noun after "while"
        ("Over 300 houses were destroyed, while some 1,200 have suffered varying degrees of damage.",
         [(300, "houses destroyed"), (1200, "houses damaged")]),
        # "and counting" stands between a count and what it did
        ("Some 2.1 million people have been displaced, on top of the 900,000 and counting who have fled the country.",
         [(2.1e6, "displaced"), (9e5, "refugees")]),
    ],
)
def test_what_was_suffered_or_done_after_an_aside_names_the_count(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # displaced within a country's borders is internal displacement, whichever way it is written
        ("Some 410,000 people are displaced within the country.", [(4.1e5, "internally displaced", "displaced")]),
        ("An estimated 2.2 million remain displaced inside Yemen.", [(2.2e6, "internally displaced", "displaced")]),
        ("Floods have displaced 61,000 people across Malawi.", [(6.1e4, "internally displaced", "displaced")]),
        # a time or a border is no country: the count stays plainly displaced
        ("The storm displaced 8,000 people within hours.", [(8000, "displaced", "displaced")]),
        ("Over 3,000 people were displaced across borders.", [(3000, "displaced", "displaced")]),
        ("Nearly 90,000 people are displaced in Burundi.", [(9e4, "internally displaced", "displaced")]),
        ("Some 5,000 people were displaced in the south.", [(5000, "displaced", "displaced")]),
        # the place in a toll phrase before the number
        (
            "The number of people displaced inside Somalia passed 3 million.",
            [(3e6, "internally displaced", "displaced")],
        ),
    ],
)
def test_displaced_within_a_country_is_internal_displacement(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(f.value, f.label, f.key) for f in extract_figures(text)] == expected


def test_a_bare_count_that_returned_counts_returnees_but_a_sum_that_returned_does_not() -> None:
    figures = extract_figures("Some 2.4 million remain displaced, while just over 900,000 have returned home.")
    assert [(f.value, f.key) for f in figures] == [(2.4e6, "displaced"), (9e5, "returnees")]
    assert [(f.value, f.key) for f in extract_figures("About 1.3 million have returned.")] == [(1.3e6, "returnees")]
    assert [(f.value, f.key) for f in extract_figures("The ministry said $3 million was returned.")] == [(3e6, "")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number its own verb reaches counts its clause's subject, not what the next clause's verb did
        ("The number of dengue cases has passed 6,000, and 41 people have died.",
         [(6000, "dengue cases"), (41, "killed")]),
        ("Measles cases climbed to 2,300 and 17 children died.", [(2300, "measles cases"), (17, "children killed")]),
        # a list of bare numbers still shares the verb after it
        ("The blasts killed 4, 7 and 12 people.", [(4, "killed"), (7, "killed"), (12, "killed")]),
    ],
)
def test_a_number_reached_by_its_own_verb_does_not_take_the_next_clauses_outcome(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pointer inside the sentence, after the count it stands for
        (
            "Officials first said 340 people had drowned, but the figure was lowered on Friday to about 290.",
            [(340, "killed"), (290, "killed")],
        ),
        # the pointer's count given inside the pointer's own phrase, and a projection
        ("Police fear the toll of 18 could climb to 30.", [(18, "killed"), (30, "killed")]),
        # a pointer that is an object, in the next sentence
        (
            "Rebels said 12 soldiers were killed. The army put the number at 5.",
            [(12, "soldiers killed"), (5, "soldiers killed")],
        ),
        (
            "At least 45 houses were destroyed. The total for the district has been corrected to 52.",
            [(45, "houses destroyed"), (52, "houses destroyed")],
        ),
        # not another thing's number, nor a count named by its own "of"
        (
            "The storm killed 60 people. Officials said the villages whose number runs into the hundreds were cut off.",
            [(60, "killed"), (200, "")],
        ),
        (
            "The storm killed 60 people, and the number of schools closed reached 300.",
            [(60, "killed"), (300, "schools closed")],
        ),
    ],
)
def test_the_figure_or_the_total_stands_for_the_count_named_before_it(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Monitors counted 212 attacks on schools in Darfur, which have killed at least 96 and injured 240.",
            [(212, "attacks on schools"), (96, "killed"), (240, "injured")],
        ),
        # the verb with no count of its own still names what the count before it is
        ("Some 45 miners in the shaft, which collapsed at dawn, died.", [(45, "killed")]),
        ("About 300 people died at the scene.", [(300, "killed")]),
    ],
)
def test_a_verb_with_a_count_of_its_own_does_not_name_the_count_before_it(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Departures from the port of Kismayo in the last three months of the year exceeded 9,500.", "departures"),
        ("Registrations at the border crossing in the first two weeks of March reached 18,200.", "registrations"),
        # a period inside the phrase is no subject
        ("Cholera cases over the past two weeks rose to 4,000.", "cholera cases"),
        # a plural that the words after it do not tie to the verb is no subject
        ("Officials said that across the region during the whole of last year the figure topped 12,000.", ""),
    ],
)
def test_a_subject_may_be_far_from_its_verb_past_phrases_of_place_and_period(text: str, expected: str) -> None:
    assert [f.key for f in extract_figures(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police said 41 people had died, two days after they reported 33 deaths and 12 missing.",
            [(41, "current"), (33, "earlier"), (12, "earlier")],
        ),
        (
            "The health ministry now counts 96 dead, correcting a figure of 104 it gave on Sunday.",
            [(96, "current"), (104, "earlier")],
        ),
        (
            "The toll stands at 58, after local officials had said as many as 90 might have drowned.",
            [(58, "current"), (90, "earlier")],
        ),
        (
            "The count of the missing - at one point above 600 - has fallen as families were reunited.",
            [(600, "earlier")],
        ),
        # a first account the sentence goes on to change
        ("The number of dead, initially put at 19, rose to 23.", [(19, "earlier"), (23, "current")]),
        # "after" that dates no report
        ("Three days after the dam burst, officials said 140 people had died.", [(140, "current")]),
    ],
)
def test_a_count_a_report_gave_before_the_current_one_is_earlier(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.role) for f in extract_figures(text)] == expected


def test_the_previous_count_as_a_subject_past_an_aside_is_earlier_and_revised_up_to_is_reaching() -> None:
    text = "The flood toll was revised up to 64 on Tuesday. The earlier figure, given by the governor, was 59."
    got = [(f.value, f.qualifier, f.key, f.role) for f in extract_figures(text)]
    assert got == [(64, "exact", "killed", "current"), (59, "exact", "killed", "earlier")]
    # "up to" after other words is still a bound
    assert [f.qualifier for f in extract_figures("Shelters were revised to hold up to 400 people.")] == ["up_to"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dead: 1,310 (402 men, 233 women and 97 children)",
            [(1310, "killed"), (402, "men killed"), (233, "women killed"), (97, "children killed")],
        ),
        (
            "Wounded: 760 — 310 men, 190 women, plus 12 adults of unknown sex.",
            [(760, "injured"), (310, "men injured"), (190, "women injured"), (12, "adults injured (sex unknown)")],
        ),
        # the bracket closes: what follows is no part of it
        (
            "Dead: 1,310 (402 men); 55 children remain missing.",
            [(1310, "killed"), (402, "men killed"), (55, "children missing")],
        ),
    ],
)
def test_a_breakdown_after_a_colons_count_takes_its_outcome(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


def test_every_item_of_a_breakdown_list_belongs_to_the_figure_before_it() -> None:
    text = "The blast killed 22 people, including 6 children, 4 women and 2 medics, while 61 others were hurt."
    got = [(f.value, f.key) for f in extract_figures(text)]
    assert got == [(22, "killed"), (6, "children killed"), (4, "women killed"), (2, "medics killed"), (61, "injured")]


def test_remain_before_a_participle_says_what_the_count_is_and_a_bare_count_after_keeps_its_own_verb() -> None:
    text = "Fourteen workers remain trapped in the tunnel and nine have been brought to safety."
    assert [(f.value, f.label) for f in extract_figures(text)] == [(14, "workers trapped"), (9, "workers")]
    assert [f.label for f in extract_figures("Some 60 remain stranded on the island.")] == ["people stranded"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The storm has claimed 96 lives, 14 more than the day before, officials said.",
            [(96, "killed", "current"), (14, "killed", "delta")],
        ),
        (
            "Some 48,000 people have crossed from Myanmar into neighbouring countries since March.",
            [(48_000, "refugees", "current")],
        ),
        ("About 75 villagers remained out of contact after the landslide.", [(75, "missing", "current")]),
    ],
)
def test_outcomes_named_by_a_carried_noun_a_crossing_from_a_country_and_lost_contact(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a share of everyone restates the count and says nothing of what it counts: the verb after it does
        (
            "Around 2.1 million people, or 40 per cent of the population, have been displaced since the war began.",
            [(2_100_000, "displaced"), (40, "share of population")],
        ),
        ("Some 90,000 people have been displaced across the Gaza Strip.", [(90_000, "internally displaced")]),
        # a share of a kind still names it
        ("The camps host 41,000 people, or 12% of the displaced.", [(41_000, "displaced"), (12, "share of displaced")]),
    ],
)
def test_a_share_of_the_population_after_a_count_names_nothing(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Missing 2,410 ▲ 35 | Rescued 9,880 ▼ 4",
            [
                (2410, "missing", "current"),
                (35, "missing", "delta"),
                (9880, "rescued", "current"),
                (-4, "rescued", "delta"),
            ],
        ),
        ("Returnees: 812,300 (↑ 6%)", [(812_300, "returnees", "current"), (6, "returnees", "delta")]),
        # a change on the line under a key figure: no heading for it, and it is the key figure's change
        ("Injured\n5,604\n▲ 118 since the last update\n", [(5604, "injured", "current"), (118, "injured", "delta")]),
    ],
)
def test_an_arrow_before_a_number_marks_its_figures_change(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(f.value, f.key, f.role) for f in extract_figures(text)] == expected


def test_cases_head_a_bare_number_like_a_column_title() -> None:
    text = "Week 31\nConfirmed cases 2,216\nDeaths 40\n"
    assert [(f.value, f.key) for f in extract_figures(text)] == [(2216, "confirmed cases"), (40, "killed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the one disease named beside the deaths labels them; the key lines them up with any report of the dead
        (
            "Health officials have recorded 2,870 suspected measles cases and 41 associated deaths this year.",
            [(2870, "suspected measles cases", "suspected measles cases"), (41, "measles deaths", "killed")],
        ),
        ("At least 96 people have died of dengue in the province.", [(96, "dengue deaths", "killed")]),
        # two diseases, or one named only in passing: plain deaths
        (
            "The clinics treat cholera and measles patients; 30 deaths were recorded in May.",
            [(30, "deaths", "killed")],
        ),
        # the disease's name as a whole word, not inside another ("influential")
        ("The influential minister said 30 people died; flu clinics stayed open.", [(30, "deaths", "killed")]),
        # an earlier value with its own noun is of the figure that counts it
        (
            "Officials counted 1,900 suspected cholera cases and 22 deaths, up from 1,400 cases a week earlier.",
            [
                (1900, "suspected cholera cases", "suspected cholera cases"),
                (22, "cholera deaths", "killed"),
                (1400, "suspected cholera cases", "suspected cholera cases"),
            ],
        ),
    ],
)
def test_an_outbreaks_deaths_name_its_disease_and_keep_the_key_of_all_deaths(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(f.value, f.label, f.key) for f in extract_figures(text)] == expected


def test_a_bracket_saying_earlier_was_reported_holds_an_earlier_value() -> None:
    text = "The number of injured in Kherson rose to 27 (earlier was reported about 20)."
    got = [(f.value, f.key, f.role) for f in extract_figures(text)]
    assert got == [(27, "injured", "current"), (20, "injured", "earlier")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a heading on the line above the number, not a verb before it
        ("Situation overview\nWomen injured\n3,300+\nSource: Ministry of Health", [(3300, "women injured")]),
        # a group heading the line names the group of the counts after it
        (
            "Children: 212 killed (previously 198) / 640 injured",
            [(212, "children killed"), (198, "children killed"), (640, "children injured")],
        ),
        # a place heading the line is no group
        ("Kharkiv: 12 killed, 40 injured", [(12, "killed"), (40, "injured")]),
    ],
)
def test_a_heading_line_or_a_group_heading_names_the_counts_under_it(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Partners distributed blankets and stoves to 14,500 people in the north.", [(14_500, "people reached")]),
        ("The agency has provided cash assistance to 310,000 people since May.", [(310_000, "people reached")]),
        (
            "The convoy brought 30 tonnes of food and medicines for about 4,000 residents.",
            [(30, "aid delivered"), (4000, "people served by convoy")],
        ),
        # what aid is still to do, or people with no aid handed out to them, stay people
        ("Repairs are expected to restore water supplies for 20,000 people.", [(20_000, "people")]),
        ("The mayor spoke to 300 people at the shelter.", [(300, "people")]),
    ],
)
def test_people_that_aid_is_handed_out_to_are_people_reached(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


def test_drones_of_any_make_share_one_key_and_the_ones_shot_down_another() -> None:
    old = "Russia launched 61 Shahed-type drones overnight; air defences shot down 48 drones."
    new = "Russia launched 70 attack drones overnight; air defences shot down 52 drones."
    assert [f.key for f in extract_figures(old)] == ["drones", "drones downed"]
    assert [f.key for f in extract_figures(new)] == ["drones", "drones downed"]
    labels = ("kamikaze drones", "uavs", "missiles fired")
    assert [key_for(label) for label in labels] == ["drones", "drones", "missiles"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The appeal, launched at $1.9 billion, is 22 per cent funded.", [(1.9e9, "funding required"), (22, "funded")]),
        (
            "The regional response plan, launched on 3 March for $410 million, has received $96 million.",
            [(4.1e8, "funding required"), (9.6e7, "funding received")],
        ),
        # a sum given to an appeal is not what it asks for
        ("Contributions to the appeal reached $96 million.", [(9.6e7, "contributions to appeal")]),
    ],
)
def test_the_sum_an_appeal_asks_for_is_the_funding_required(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


def test_the_residents_a_part_is_counted_of_are_context() -> None:
    text = "Only about 300 of the village's 2,400 residents remained after the shelling."
    assert [(f.value, f.role) for f in extract_figures(text)] == [(300, "current"), (2400, "context")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shot down, downed or intercepted: one count, one key
        ("Air defences shot down 41 drones overnight.", [(41, "drones downed")]),
        ("Air defences downed 41 drones overnight.", [(41, "drones downed")]),
        # a part "of which", past an adverbial phrase after the whole's verb
        (
            "Some 60 drones were launched at the port overnight, of which 52 were shot down.",
            [(60, "drones"), (52, "drones downed")],
        ),
        # a sum that is sought is the funding required
        (
            "About $1.2 billion is sought to help 3 million people.",
            [(1.2e9, "funding required"), (3e6, "people targeted")],
        ),
    ],
)
def test_downed_drones_share_a_key_and_a_sum_sought_is_required(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.key) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A rocket struck three houses in the village, partly destroying them.", [(3, "houses damaged")]),
        ("Shelling hit 12 apartment blocks, destroying them.", [(12, "apartment blocks destroyed")]),
        # what happened to something else is not theirs
        ("A rocket struck three houses; firefighters saved them.", [(3, "houses")]),
    ],
)
def test_what_a_clause_after_buildings_does_to_them_names_them(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.label) for f in extract_figures(text)] == expected
