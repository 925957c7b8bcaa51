"""Numbers that are not figures: dates, years, times, durations, ages, attributes, measurements, identifiers,
model designations, phone numbers, version strings, footnote markers and page furniture.

Each check looks at the few characters around a candidate number; the extractor calls them before it spends any
effort on labels.
"""

from __future__ import annotations

import re

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    "JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
)
_WORDNUM = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a|an|several|"
    r"few|\d+(?:\.\d+)?)"
)
TIME_UNITS = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|yrs?|decades?|"
    r"centuries|century|weekends?|fortnights?)"
)

# Right after a day number: "16, 17 and 18 September", "11-12 April", "2nd of March".
DAY_BEFORE_MONTH = re.compile(
    rf"(?:st|nd|rd|th)?(?:\s*(?:,|-|–|to|and|&|or)\s*\d{{1,2}}(?:st|nd|rd|th)?)*\s*(?:of\s+)?(?:{MONTHS})\b\.?"
)
# Right after the number: a time of day.
TIME_AFTER = re.compile(
    r"(?::\d{2})|(?:\s?[aApP]\.?\s?[mM]\b\.?)|(?:\s*(?:GMT|UTC|BST|EET|CET|CEST|EEST|EST|EDT|PST|PDT|EAT|CAT|WAT|IST|hrs)\b)"
    r"|(?:\s+local\s+time\b)"
)
# Right after the number: a duration or an age ("for 12 days", "three days of", "two-year-old").
DURATION_AFTER = re.compile(
    rf"(?:\s*(?:-|–|to|or|and)\s*{_WORDNUM})?[\s-]+(?:(?:more|full|consecutive|straight|long|whole|"
    rf"additional|further|calendar|working)\s+)?{TIME_UNITS}\b",
    re.I,
)
# Right after the number: units that measure rather than count.
# (Areas and volumes are not here: "burned 12,400 hectares", "1.8 million litres of water" are what reports count;
# see extract._UNIT_AFTER.)
MEASURE_AFTER = re.compile(
    # (every unit word ends there: "two footbridges", "three milestones", "four cmdrs" are counts)
    r"\s*(?:-\s*)?(?:(?:km(?![²2])|kms|kilomet(?:er|re)s?|millimet(?:er|re)s?|centimet(?:er|re)s?|microns?|"
    r"micrometres?|miles?|mi|met(?:er|re)s?(?![²2])|m(?!illion)|feet|foot|ft|inch(?:es)?|cm|mm|"
    r"degrees?|mph|km/h|kph|knots|"
    # (a mass of something is counted like tons of it: "seized 14 kilograms of cocaine")
    r"(?:in\s+)?magnitude|on\s+the\s+richter|richter|per\s+hour|(?:kilograms?|kg)(?!\w)(?!\s+of\b)|grams?|g|"
    r"pounds?|lbs?|calibre|caliber|mg|ml|µg|volts?|watts?|megawatts?|mw|gw|kwh|kv|[kmgt]b|[kmg]?hz|fm)(?!\w)|°|"
    r"times\s+(?:higher|lower|more|less|larger|smaller|as|the|greater|bigger|over|its|their|his|her|our|that|this|"
    r"what|a|an|per|[a-z]+(?:'s|’s))\b|-?fold\b)",
    re.I,
)
# Right after the number: a game's statistics, which no report tallies ("31 points and 14 rebounds", "312 yards",
# "led all 57 laps", "143 off 201 balls", "12 under par"). Bare "points" are read in extract._UNIT_AFTER: a change
# of a rate where the sentence gives a percentage ("slipped 3 points to 39%"), a game's score elsewhere.
SPORT_AFTER = re.compile(
    r"\s+(?:rebounds|assists|yards|touchdowns?|laps|wickets|innings|birdies|bogeys|strokes|runs|balls|all\s+out|"
    r"off\s+\d+\s+(?:balls|deliveries)|(?:under|over)\s+par)\b",
    re.I,
)
# A number followed by a glued hyphen word is an attribute: "500-pound", "eight-story", "35-hour", "12-year-old".
ATTRIBUTE_AFTER = re.compile(r"-(?!plus\b|odd\b|(?:one|two|three|four|five|six|seven|eight|nine)\b)[A-Za-z]", re.I)
# Continuations that make the number part of a longer code: "1.2.3", "24/7", "555-0100", "02/03/2022".
CODE_AFTER = re.compile(r"(?:\.\d+\.\d)|(?:/\d)|(?:[-.]\d{3,4}[-.]\d{3,4})|(?:\s\d{3}\s\d{4}\b)|(?:[:]\d)")

# Left context (matched against the text that ends right before the number).
MONTH_BEFORE = re.compile(
    # a comma may follow the day ("March 2, 2022") but not the month: "since 7 October, 112 aid workers"
    # and the days of a list may follow it: "March 3, 4 and 5"
    rf"(?:\b(?:{MONTHS})\.?[ \t]*"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:,(?:\s*(?:and|or)\b)?|-|–|to|and|or|through|until|till)?\s*){{0,4}}"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?[ \t]+|\b(?:{MONTHS})\s*[-–]\s*(?:{MONTHS})\s+)\Z"
)
# Words right before a number that make it an identifier, an age or a measure.
ID_WORDS = frozenset(
    str.split(
        "no no. nos nos. number # article art. section sec. chapter resolution res. page p. pp. para paragraph "
        "annex phase flight route highway room level category cat. grade stage round episode season issue vol vol. "
        "volume edition update bulletin sheet report protocol item rule law decree act code line channel gate "
        "block unit suite plot terminal pier berth district zone sector ward platform camp station street st. "
        "avenue road exit junction building floor apartment apt apt. day week version v ver. ver release windows "
        "ios android iphone covid covid-19 aged age ages magnitude size model type class mark mk tier top-level "
        "top fy figure fig. table box map footnote note exhibit appendix series batch term session image photo "
        "slide picture hotline helpline paybill tel tel. phone call dial ext measuring measured area pages epi-week "
        "epiweek log ref ref. reference courtroom paragraphs paras articles sections chapters annexes per kilometre "
        "kilometer km milepost marker"
    )
)
# Two-word phrases right before a number with the same effect: "under the age of 18".
ID_PHRASES = frozenset(
    (
        *("age of", "ages of", "aged between", "age from", "ages from", "aged from"),
        *("epi week", "epi weeks", "epidemiological week", "epidemiological weeks"),
        # a definition's value, not a count: "the emergency threshold of 1", "a margin of error of 3", "plus or
        # minus 3.1 percentage points"
        *("threshold of", "error of", "or minus"),
        # a phone number: "call the hotline on 1545"
        *("hotline on", "helpline on", "hotline at", "helpline at", "call on", "dial on"),
    )
)
# Two words before a number, past any qualifier, that make it a magnitude: "aftershocks of up to 5.9", "a tremor of
# 4.2"
MAGNITUDE_PHRASES = frozenset(
    ("aftershocks of", "aftershock of", "tremors of", "tremor of", "quake of", "earthquake of", "quakes of")
)
# Capitalised-only identifier words (lower-case "order", "act" are ordinary words before counts).
# Page furniture before a count of readers' reactions: "Share 112", "Part 2".
ID_WORDS_CASED = frozenset(
    str.split(
        "Order Act Law Rule Line Unit Code Item Series Term Box Map Note Part Share Shares Likes Views Height Hill "
        "Admin"
    )
)
# The same in brackets: "Comments (14)", "Photos (12)".
FURNITURE_BEFORE = re.compile(r"\b(?:comments?|shares?|views?|likes?|replies|photos?|images?)[ \t]*\(\Z", re.I)

YEAR_MIN, YEAR_MAX = 1800, 2099

# Page furniture that survives text extraction.
FURNITURE_AFTER = re.compile(
    r"\s*(?:min(?:ute)?s?\s+(?:ago|read)|hours?\s+ago|(?:comments?|shares?|views?|likes?|replies|retweets)\b|"
    r"of\s+\d+\s*(?:photos?|images?|slides?|pages?)?[ \t]*(?:$|\n|[|•·]))",
    re.I,
)


def is_year_like(digits: str) -> bool:
    """True for a bare four-digit number that reads as a year (1800-2099, no separators)."""
    return len(digits) == 4 and digits.isdigit() and YEAR_MIN <= int(digits) <= YEAR_MAX
