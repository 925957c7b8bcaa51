"""Numbers, number words, scales, money, percentages, vague quantities, ranges and qualifiers."""

from __future__ import annotations

import pytest

from monitor.figures import extract_figures

from ._figures_helpers import one, values


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("Officials counted 1,234 displaced families in the camp.", 1234, "1,234"),
        ("The appeal now covers 1.5 million people in the region.", 1_500_000, "1.5 million"),
        ("Aid agencies estimate 12M people need help this winter.", 12_000_000, "12M"),
        ("Health workers vaccinated 5k children last week.", 5000, "5k"),
        ("Police said seventeen people were detained overnight.", 17, "seventeen"),
        ("The storm forced two million residents from their homes.", 2_000_000, "two million"),
        ("Volunteers rescued twenty-one miners from the shaft.", 21, "twenty-one"),
        ("Crews recovered a dozen vehicles from the river.", 12, "a dozen"),
        ("Registrations reached 4.25 MILLION by the end of the month.", 4_250_000, "4.25 MILLION"),
        ("The ministry recorded 3527 injured people, without separators.", 3527, "3527"),
    ],
)
def test_number_forms(text: str, value: float, written: str) -> None:
    f = one(text, value)
    assert text[f.start : f.end] == written


def test_money_and_percent_units() -> None:
    f = one("Donors pledged US$350 million for the response.", 350_000_000)
    assert f.unit == "USD"
    f = one("$2.4B funding required (US$)", 2_400_000_000)
    assert f.unit == "USD" and f.label == "funding required"
    f = one("Only 18% funded so far.", 18)
    assert f.unit == "%" and f.label == "funded"
    f = one("The fund released €12 million in grants.", 12_000_000)
    assert f.unit == "EUR"
    f = one("Around 45 per cent of households lack heating.", 45)
    assert f.unit == "%" and f.qualifier == "approx"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The bank paid a dividend of 34 cents a share.", 0.34, "USD"),
        ("A loaf now costs 80 cents more than in spring, in euro terms.", 0.8, "EUR"),
        ("Diesel fell 1.5 cents a litre overnight.", 0.015, "USD"),
    ],
)
def test_cents_are_a_sum_in_whole_units(text: str, value: float, unit: str) -> None:
    (f,) = extract_figures(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "low", "high"),
    [
        ("At least 73 people died in the blast.", 73, "at_least", 73, None),
        ("No fewer than 40 boats capsized.", 40, "at_least", 40, None),
        ("More than 900 houses were flooded.", 900, "more_than", 900, None),
        ("Over 2,100 patients were treated.", 2100, "more_than", 2100, None),
        ("The toll surpassed 6,000 on Friday.", 6000, "more_than", 6000, None),
        ("Arrivals have exceeded 2.2 million people.", 2_200_000, "more_than", 2_200_000, None),
        ("The official count topped 310 by noon.", 310, "more_than", 310, None),
        ("Nearly 800 people were evacuated.", 800, "almost", None, 800),
        ("Close to 5,000 families lost their homes.", 5000, "almost", None, 5000),
        ("The count stood just under 1,000 dead.", 1000, "almost", None, 1000),
        ("The death toll is fast-approaching 9,000 people.", 9000, "almost", None, 9000),
        ("About 350 people were injured.", 350, "approx", None, None),
        ("Some 12,000 people fled the town.", 12000, "approx", None, None),
        ("Roughly 64 homes burned.", 64, "approx", None, None),
        ("An estimated 430 civilians were wounded.", 430, "approx", None, None),
        ("Up to 70 percent of crops were lost.", 70, "up_to", None, 70),
        ("Officials feared as many as 3,000 people were missing.", 3000, "up_to", None, 3000),
        ("Fewer than 20 people remain in the village.", 20, "less_than", None, 20),
        ("The storm killed 75 people or more in the valley.", 75, "at_least", 75, None),
        ("It rose to 11 at least, the number of people who were killed.", 11, "at_least", 11, None),
        ("The rescue teams counted 212 bodies.", 212, "exact", 212, 212),
        ("Some14 boys were among the injured.", 14, "approx", None, None),
    ],
)
def test_qualifiers(text: str, value: float, qualifier: str, low: float | None, high: float | None) -> None:
    f = one(text, value)
    assert (f.qualifier, f.low, f.high) == (qualifier, low, high)


def test_comparison_is_not_a_qualifier() -> None:
    # "less than" compares with "the ... figure"; it does not qualify the number
    f = one("That is less than the $40 million figure the mayor quoted.", 40_000_000)
    assert f.qualifier == "exact"


def test_up_to_after_an_increase_means_reaching() -> None:
    text = "Arrivals increased sharply, up to 120,400 and 8,310 in the two provinces, respectively."
    assert [f.qualifier for f in extract_figures(text)] == ["exact", "exact"]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Dozens of shops were looted during the night.", 24, "shops looted"),
        ("Hundreds of civilian casualties have been reported in the town.", 200, "civilian casualties"),
        ("Thousands of bodies have already been recovered.", 2000, "bodies recovered"),
        ("Tens of thousands were killed and wounded in the war.", 20_000, "civilian casualties"),
        ("Millions were displaced by the fighting.", 2_000_000, "displaced"),
    ],
)
def test_vague_quantities(text: str, value: float, label: str) -> None:
    f = one(text, value)
    assert f.vague and f.qualifier == "at_least" and f.low == value and f.label == label


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Between 10 and 15 fishermen are unaccounted for.", 10, 15),
        ("The raid killed 10-15 people, witnesses said.", 10, 15),
        ("Monitors put the toll at 2,150–3,400 civilians.", 2150, 3400),
        ("At least 8 and as many as 31 people died in the landslide.", 8, 31),
        ("Between 1.2 and 1.5 million people need food aid.", 1_200_000, 1_500_000),
        ("Shelling killed 3 to 5 people in the district.", 3, 5),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    rs = [f for f in extract_figures(text) if f.qualifier == "range"]
    assert len(rs) == 1
    assert (rs[0].value, rs[0].low, rs[0].high) == (None, low, high)


def test_range_with_shared_scale() -> None:
    rs = extract_figures("Officials said 1.5-2 million people were without power.")
    assert [(f.low, f.high) for f in rs] == [(1_500_000, 2_000_000)]


def test_fractions_and_ratios() -> None:
    f = one("A quarter of the population has left the region.", 25)
    assert f.unit == "%"
    assert values("One in five households has no income.") == [20]
    f = one("More than half of the residents had been evacuated.", 50)
    assert f.qualifier == "more_than" and f.unit == "%"


def test_qualifier_spans_a_line_break() -> None:
    text = "Monitors reported at least 88\ncivilian casualties, including at\nleast 21 dead."
    fs = extract_figures(text)
    assert [(f.value, f.qualifier, f.label) for f in fs] == [
        (88, "at_least", "civilian casualties"),
        (21, "at_least", "killed"),
    ]


def test_indian_scales_and_dozens() -> None:
    f = one("The state distributed 30 lakh masks in a week.", 3_000_000)
    assert f.label == "masks"
    one("The scheme costs 2 crore rupees a year.", 20_000_000)
    f = one("Guards held nearly three dozen migrants at the station.", 36)
    assert f.qualifier == "almost" and f.label == "migrants"


def test_percent_followed_by_its_noun_is_not_a_share() -> None:
    assert one("Shoppers got a 15 per cent discount on fuel.", 15).label == "discount"
    assert one("About 40% of the shelters are full.", 40).label == "share of shelters"


def test_half_a_scale_word() -> None:
    f = one("Roughly half a million households lost power overnight.", 500_000)
    assert f.qualifier == "approx" and f.as_written.startswith("Roughly half a million")


def test_a_spaced_currency_between_qualifier_and_number() -> None:
    f = one("The plan seeks some US$ 2.4 billion for the year.", 2.4e9)
    assert (f.qualifier, f.unit) == ("approx", "USD")
    f = one("Donors pledged about EUR 310 million.", 310e6)
    assert (f.qualifier, f.unit) == ("approx", "EUR")


def test_a_quoted_qualifier() -> None:
    assert one("Witnesses said the blast killed 'more than 30' people.", 30).qualifier == "more_than"


def test_from_to_without_a_change_is_a_range() -> None:
    f = [x for x in extract_figures("Rescuers think from 40 to 60 people were in the hall.") if x.value is None]
    assert [(x.low, x.high, x.qualifier) for x in f] == [(40, 60, "range")]
    # with a verb of change it is a revision: the earlier value and the new one
    found = extract_figures("The toll was revised from 60 to 40 people.")
    assert [(x.value, x.role) for x in found] == [(60, "earlier"), (40, "current")]


def test_a_range_whose_bounds_carry_their_own_qualifiers() -> None:
    text = "Counts of the dead from the 1976 storm still differ, from about 2,000 to more than 6,000, by source."
    assert [(f.low, f.high, f.qualifier, f.key) for f in extract_figures(text)] == [(2000, 6000, "range", "killed")]
    # a verb of change still makes it a revision
    found = extract_figures("The toll climbed from about 200 to more than 600.")
    assert [(x.value, x.qualifier, x.role) for x in found] == [
        (200, "approx", "earlier"),
        (600, "more_than", "current"),
    ]
    # and a year after "in" is no low end: "in 2019 to nearly 40,000" is a year, then where the total went
    found = extract_figures("That brought the total since the scheme began in 2018 to nearly 12,000 trees.")
    assert [(x.value, x.qualifier) for x in found] == [(12_000, "almost")]


def test_a_range_takes_the_name_of_what_is_estimated() -> None:
    found = extract_figures("Estimates of the dead in the flooded delta range from 900 to 1,400.")
    assert [(x.low, x.high, x.key) for x in found] == [(900, 1400, "killed")]


def test_a_number_word_after_a_determiner() -> None:
    # pointing back ("the two countries") is no count; a casualty or a counted object after it is
    assert values("Talks between the two countries resumed.") == []
    assert [(f.value, f.label) for f in extract_figures("Crews recovered the four bodies from the river.")] == [
        (4, "bodies")
    ]
    assert one("Air defence shot down all five cruise missiles.", 5).label == "cruise missiles"


def test_a_glued_plus_means_or_more() -> None:
    f = one("Casualties: 31 killed, 120+ injured", 120)
    assert (f.qualifier, f.low, f.high) == ("at_least", 120, None)


def test_scores_of_is_vague() -> None:
    f = one("Scores of residents were hurt when the dam gave way.", 40)
    assert (f.qualifier, f.vague, f.label) == ("at_least", True, "injured")
    assert values("Exam scores of pupils rose.") == []


def test_a_few_hundred_is_vague() -> None:
    f = one("A few hundred residents refused to leave.", 200)
    assert (f.qualifier, f.vague) == ("at_least", True)


def test_a_percent_written_once_after_a_range() -> None:
    f = extract_figures("Farming accounts for 30 to 45 percent of the losses.")[0]
    assert (f.low, f.high, f.qualifier, f.unit) == (30, 45, "range", "%")


def test_a_qualifier_before_a_determiner_of_addition() -> None:
    assert one("Lenders may provide up to an additional 20 per cent.", 20).qualifier == "up_to"
    assert one("Crews evacuated more than another 300 residents.", 300).qualifier == "more_than"


def test_a_ratio_in_digits_is_a_share() -> None:
    f = one("Almost 1 in 5 families has lost its income.", 20)
    assert (f.qualifier, f.unit) == ("almost", "%")
    assert values("Shelling hit the town 3 in 10 minutes.") == [3]
    assert values("It recorded 5 in 2023 alone.") == [5]


def test_a_range_in_words() -> None:
    f = extract_figures("Witnesses said four to six fighters and two to three children were killed.")
    assert [(x.low, x.high, x.qualifier) for x in f] == [(4, 6, "range"), (2, 3, "range")]
    assert f[1].label == "children killed"
    assert values("The talks lasted two to three weeks.") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Since February, 2 million 415 thousand people have crossed the border.", 2_415_000, None),
        ("Donors pledged $1 billion 250 million for reconstruction.", 1_250_000_000, "USD"),
        ("The ministry counted 3 billion 40 million hryvnias in damage.", 3_040_000_000, "UAH"),
    ],
)
def test_a_number_written_scale_by_scale_is_one_number(text: str, value: float, unit: str | None) -> None:
    (f,) = extract_figures(text)
    assert (f.value, f.unit) == (value, unit)


def test_a_scaled_number_and_the_next_clause_stay_two() -> None:
    assert values("About 1 million people fled, 347 thousand of them children.") == [1_000_000, 347_000]


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "role"),
    [
        # a share of the whole just named
        ("Rice imports reached 4.1 million tonnes, of which about a quarter came from Vietnam.", 25, "approx",
         "current"),
        # the second part of a split whose first part was a share
        ("Half of the families rent their homes, while a third own them outright.", 33.3, "exact", "current"),
        # the size of a change, then when or against what
        ("Rail freight dropped by nearly a third year on year, the operator said.", 33.3, "almost", "delta"),
        ("Clinic visits have grown by a quarter since the spring.", 25, "exact", "delta"),
        # a share of something one word further on
        ("The storm cut off roughly half the province's villages.", 50, "approx", "current"),
        ("Wages there are half the national average.", 50, "exact", "current"),
    ],
)
def test_a_fraction_in_words_before_another_word(text: str, value: float, qualifier: str, role: str) -> None:
    f = one(text, value)
    assert (f.unit, f.qualifier, f.role) == ("%", qualifier, role)


@pytest.mark.parametrize(
    "text",
    [
        "The plant was sold by a third party last year.",
        "She was elected to a third term in March.",
        "Prices have stayed flat for a quarter century.",
        "Two of the five bridges are closed and a third bridge is unsafe.",
        "Output was cut in half.",
    ],
)
def test_a_fraction_word_that_is_an_ordinal_or_a_noun_is_no_share(text: str) -> None:
    assert [f for f in extract_figures(text) if f.unit == "%"] == []


def test_an_identifier_range_does_not_end_inside_a_grouped_number() -> None:
    # "week 1 to 9" would be a range of weeks; "to 96,406" is where the total got to
    assert values("The total since week 1 rose to 38,512 cases.") == [38_512]
    assert values("This brings the total since week 1 to 38,512 cases.") == [38_512]
    assert values("They were aged 15 to 24,000 of them girls.") == [24_000]
    assert values("See pages 14 to 21 for the tables.") == []
