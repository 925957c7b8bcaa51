"""Numbers that are not figures must not be extracted."""

from __future__ import annotations

import pytest

from monitor.figures import extract_figures

from ._figures_helpers import values


@pytest.mark.parametrize(
    "text",
    [
        "The talks resumed on 2 March after a short break.",
        "The talks resumed on March 2, 2022, in Geneva.",
        "Sessions were held on 16, 17 and 18 September.",
        "Teams worked from 11-12 April in the northern sector.",
        "The ceasefire held between April 4 and May 9.",
        "Flights were cancelled from May 3 to 7.",
        "The border was first closed in 2019.",
        "The first tremor hit at 4am local time.",
        "The curfew runs until 24:00 every night.",
        "Shops closed at 6:30 p.m. (EET) on Friday.",
        "The siege lasted for 12 days.",
        "Negotiations went on for three weeks.",
        "He had worked in aid for almost 30 years.",
        "A 9-year-old boy was among the survivors.",
        "Patients aged 12 were treated first.",
        "Children aged 6 to 59 months received supplements.",
        "The jets were Su-25 and MiG-29 models.",
        "Bombers dropped 250-kilogram bombs on the bridge.",
        "A four-storey building stood at the corner.",
        "Call the hotline on +44 20 7946 0958 for help.",
        "Install version 3.4.1 of the app to read it.",
        "The 19th century saw many such outbreaks.",
        "Fact Sheet #12, Fiscal Year (FY) 2023",
        "Situation Report No. 07",
        "Updated 12 minutes ago  •  < 2 minute read",
        "The town lies 86 miles north of the capital.",
        "Temperatures fell below 14 degrees Fahrenheit.",
        "The magnitude 6.4 quake was felt across the region.",
        "Last year's 5.9-magnitude tremor was weaker.",
        "The ministry imposed a 48-hour curfew.",
        "Data as of 14 June 2023",
        "The COVID-19 wards were reopened.",
        "The report is dated 5 May 20231",
        "The figure is three times higher than last year.",
        "Rebuilding will cost roughly four times the region's annual budget.",
        "Strikes used Kh-31/35 missiles and S-300 systems.",
        "Shelters admit only minors under the age of 16.",
        "The strongest aftershock, measuring 5.3, hit before dawn.",
        "Page 2 of 9 | Printed from the agency website",
        "For help, dial the free line on 0 800 505 123 at any time.",
        "Orders for its popular 320 Neo jet were paused.",
        "The Hang Seng fell while the Kospi 200 rose on Monday.",
        "Traders watched the FTSE 100 index closely.",
        "The home side won 6-3, 4-6, 7-6 (4) after three hours.",
        "Novak edged the Spaniard 7-6 (8) in the first set.",
    ],
)
def test_not_figures(text: str) -> None:
    assert values(text) == [], [(f.value, f.as_written) for f in extract_figures(text)]


def test_footnote_marker_glued_after_full_stop() -> None:
    text = "Monitors confirmed at least 15 dead.2 Damage to power lines left towns dark."
    assert values(text) == [15]


def test_date_next_to_a_figure() -> None:
    text = "Since Feb. 24, the office has confirmed 812 civilian deaths, including 57 children."
    assert values(text) == [812, 57]


def test_the_two_countries_is_not_a_count() -> None:
    assert values("Aid crossed between the two countries, and 40 trucks arrived.") == [40]


def test_pronoun_one_is_not_a_count() -> None:
    assert values("Rarely has a crisis moved as fast as this one, he said.") == []
    assert values("Households with at least one person with a disability get priority.") == []


def test_attribute_number_after_a_count() -> None:
    fs = extract_figures("Shells hit three five-storey apartment blocks in the city.")
    assert [(f.value, f.label) for f in fs] == [(3, "apartment blocks")]


def test_time_and_measure_in_key_figure_page() -> None:
    text = "As of 3:00 p.m. on 9 June 2023\n\n410K people in need\n(Source: 2023 Flash Appeal)\n"
    fs = extract_figures(text)
    assert [(f.value, f.label) for f in fs] == [(410_000, "people in need")]


@pytest.mark.parametrize(
    "text",
    [
        "The court heard that Smith, 46, had planned the robbery for weeks.",
        "Police searched a house at 2210 Maple Street and another on 18 Oak Avenue.",
        "A neighbour called 911 shortly after midnight.",
        "She won the match 6-2, 3-6, 7-5 after two hours.",
        "Officials do not expect new funding until at least 2026.",
        "Cases were rare between 2011 and 2016 in the province.",
        "The airline ordered more 777-8 freighters last year.",
        "Rainfall reached 142 millimetres in some valleys.",
        "Fine particles smaller than 2.5 microns are the most harmful.",
        "2. The ministry never asked for the report\n\n3. Questions about the budget",
        "Ministers from the Group of Seven met in the capital.",
        "Of the other two, neither was hurt.",
    ],
)
def test_news_non_figures(text: str) -> None:
    assert values(text) == [], [(f.value, f.as_written) for f in extract_figures(text)]


def test_year_after_a_month_is_a_date_even_before_a_scale_word() -> None:
    # a key-figure block whose number went missing leaves "<source> – <Month> <year> MILLION <label>"
    text = "Shelter Cluster – June 2023 MILLION Families Needing Repairs\n3.1 MILLION Families Sheltered"
    assert [(f.value, f.key) for f in extract_figures(text)] == [(3_100_000, "families sheltered")]
    assert values("The fund held 2023 million dollars in reserve.") == [2_023_000_000]


def test_a_number_after_a_count_names_a_model() -> None:
    # "three 330 jets": three counts, 330 is the model; the count still reads its noun past the model
    found = extract_figures("The airline ordered three 330 Freighter jets and leased some 40 Neo aircraft.")
    assert [(f.value, f.label) for f in found] == [(3, "freighter jets"), (40, "neo aircraft")]


def test_a_capitalised_place_before_a_count_keeps_the_count() -> None:
    # a name before the number makes it a designation only when no plural noun or outcome follows
    assert values("Teams said that in Irpin 290 bodies were recovered.") == [290]
    assert values("In the strike on Odesa 12 killed, officials said.") == [12]
    assert values("In central Kyiv 3 were hurt by debris.") == [3]
    assert values("Shelling hit Kherson 41 times overnight.") == [41]
    # a singular verb after the number leaves it the name's: an index, not a count
    assert values("The shares rose 12 percent while the Nasdaq 100 is up 4 percent.") == [12, 4]


def test_key_figure_words_before_or_after_a_number_are_no_names() -> None:
    # capitalised counted words on a key-figure line are labels, not names the numbers belong to
    assert values("Killed 312 Injured 907") == [312, 907]
    assert values("Deaths 61 Children 14") == [61, 14]
    assert values("Civilians 230 Soldiers 75") == [230, 75]


def test_places_with_counts_and_rows_of_numbers_keep_their_numbers() -> None:
    assert values("Shelling killed Kherson 9, Mykolaiv 3.") == [9, 3]
    assert values("Sumska 140 380") == [140, 380]


def test_the_reporters_sources_are_no_count() -> None:
    assert values("Two people familiar with the talks said the deal was close.") == []
    assert values("Three officials briefed on the plan declined to comment.") == []
    # a count of people followed by something else is still a count
    assert values("Two people close to the blast were injured.") == [2]
    # who told it: officials, witnesses, diplomats as the subject of a reporting verb
    assert values("The market was hit twice, two officials said.") == []
    assert values("Three local witnesses told reporters 18 people had died.") == [18]
    assert values("Two officials were among the 9 killed.") == [2, 9]


def test_dotted_dates_local_times_and_age_lists() -> None:
    assert values("The order was signed on 04.09.2023 in the capital.") == []
    assert values("The second blast came at 19.45 local time.") == []
    assert values("Four pupils aged 12, 13 and 15 were hurt.") == [4]
    assert values("Schools for children aged 6–10 reopened.") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # areas and volumes are what a report counts: land burned, cleared or flooded, water delivered
        ("The wildfire has now burned 8,300 hectares of forest.", 8300, "ha"),
        ("Deminers have cleared 96 acres near the village.", 96, "acres"),
        ("Floodwater covers some 640 square kilometres of farmland.", 640, "km²"),
        ("Teams have surveyed 2,150 km² since the spring.", 2150, "km²"),
        ("Trucks delivered 2.4 million litres of drinking water.", 2_400_000, "l"),
        ("Crews pumped 5,600 cubic metres out of the metro.", 5600, "m³"),
    ],
)
def test_areas_and_volumes_are_figures_with_their_unit(text: str, value: float, unit: str) -> None:
    (f,) = extract_figures(text)
    assert (f.value, f.unit) == (value, unit)


def test_lengths_heights_and_weights_stay_measures() -> None:
    assert values("The town lies 35 km from the front and 210 m above sea level.") == []
    assert values("The bomb weighed 1,500 kilograms.") == []


def test_a_motorway_exit_or_junction_is_a_place() -> None:
    assert values("Traffic stood still from Exit 41 to junction 9; 300 cars waited.") == [300]


@pytest.mark.parametrize(
    "text",
    [
        "Mensah finished with 28 points, 9 rebounds and 7 assists.",
        "The quarterback threw for 240 yards in the second half.",
        "She led all 44 laps and now tops the standings with 61 points.",
        "He made 97 off 120 balls before the close.",
        # in words too, and a golfer's score against par
        "Okafor added two assists and four rebounds off the bench.",
        "She was 11 under par at the turn.",
    ],
)
def test_a_games_statistics_are_no_figures(text: str) -> None:
    assert [f.value for f in extract_figures(text)] == []


def test_bare_points_beside_a_percentage_are_a_rates_change_but_an_indexs_points_are_not() -> None:
    (change, level) = extract_figures("Trust in parliament fell 4 points to 28%.")
    assert (change.value, change.unit, change.role, level.value) == (4, "percentage points", "delta", 28)
    index = extract_figures("The FTSE 100 lost 52.3 points, or 0.7%, to 7,410.")[0]
    assert (index.value, index.unit) == (52.3, None)


def test_a_model_after_an_article_and_its_makers_name_is_no_range() -> None:
    assert values("The jet, a Boeing 737-900, landed with 162 passengers on board.") == [162]
    # a range after a place name has no article before it
    assert [(f.low, f.high) for f in extract_figures("Shelling left Izium 10-15 homes damaged.")] == [(10, 15)]


def test_a_line_named_by_its_number_is_a_phone_number() -> None:
    assert values("Texts to the 741 number doubled after the campaign.") == []
    assert values("The 1545 helpline took 2,300 calls in May.") == [2300]
    assert values("Volunteers handed out 400 numbers for the queue.") == [400]


def test_the_bare_end_of_a_change_in_a_unit_has_that_unit() -> None:
    assert values("The average stay fell from 12 days to 9.") == []
    assert values("The queue shrank from 40 metres to 25, and 300 people were served.") == [300]
    assert values("The toll rose from 41 people to 53.") == [41, 53]


def test_an_age_between_commas_before_the_speakers_verb() -> None:
    assert values("About 120 people queue each morning, the centre's cook, 58, told reporters.") == [120]
    assert values("A volunteer, 23, who drove the van, said 14 families were waiting.") == [14]


def test_a_bound_that_defines_a_class_is_no_figure() -> None:
    assert values("Districts with a stunting rate of 30% or higher are marked red on the map.") == []
    assert values("Admissions rose 12% or more in four districts.") == [12, 4]


def test_a_unit_is_a_whole_word_not_the_start_of_a_noun() -> None:
    assert values("Two footbridges and three milestones were swept away.") == [2, 3]
    assert values("The wave was 3 ft high and 4 miles long.") == []
    # a unit glued to a digit is still that unit's measure or volume
    assert values("Tankers delivered 120 m3 a day.") == [120]


def test_identifiers_a_frequency_and_a_date_without_separators_are_no_figures() -> None:
    assert values("The helpline 1517 answers in four languages.") == [4]
    assert values("Send donations through paybill 552200 or by bank transfer.") == []
    assert values("The community station moved to 88.6 FM and now reaches 40,000 homes.") == [40_000]
    assert values("Relay links run on 2.4 GHz.") == []
    assert values("Figures are from the export of 20241107 (build 20241108).") == []
    # eight digits followed by what they count are a count
    assert values("The census counted 20241107 residents.") == [20_241_107]


def test_a_short_code_and_a_manner_of_speaking_are_no_figures() -> None:
    assert values("For updates, text SAFE to 20220 or visit the website.") == []
    assert values("Text messages reached 12,500 households.") == [12_500]
    assert values('The mayor said the city was "100 per cent" behind the rescue teams.') == []
    assert values("Staff said they were 100% sure of the count of 212 missing.") == [212]
    # a share of 100 per cent is still a share
    assert values("Vaccination coverage reached 100 per cent in four districts.") == [100, 4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ages: a birthday, and a list of named people with their ages between commas
        ("The mayor, who turned 81 on Sunday, thanked 300 volunteers.", [300]),
        ("Killed were a farmer, 58, his wife, 55, and a neighbour, 31, relatives said.", []),
        # a law's title and section, a log and a room
        ("He was charged under 21 U.S.C. § 841 and will appear in Courtroom 6A.", []),
        ("Callers should quote log 2208 when reporting sightings.", []),
        # a cricket side's total
        ("The visitors were 187 all out before tea.", []),
        # market quotes: an index's name, its level and its change, and an exchange rate
        ("Nikkei 225 38,412.10 ▼0.8% | EUR/USD 1.0842", []),
        ("The S&P 500 fell as 2,000 workers were laid off.", [2000]),
        # two agencies' names are no currency pair
        ("WFP/IOM 300 trucks carried USD 2 million of aid.", [300, 2_000_000]),
        # a consent banner's button
        ("We use cookies to measure traffic.\nAccept   Manage 143 partners", []),
        # a related story's headline on the heading's own line
        (
            "Twelve people drowned.\nRead more: Storm toll climbs to 40 across the region\nRescuers saved 9 people.",
            [12, 9],
        ),
    ],
)
def test_news_page_traps_are_no_figures(text: str, expected: list[float]) -> None:
    assert values(text) == expected


def test_a_year_names_its_event_past_one_word() -> None:
    assert values("The 1918 influenza pandemic killed at least 50 million people.") == [50_000_000]
    assert values("The 1976 Tangshan earthquake flattened the city.") == []
