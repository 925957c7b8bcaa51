"""The figure extractor: numbers that count something, with qualifier, label, key, role and offsets.

How it works, in three passes that keep the per-number work small:

1. **Candidates.** One regex scan finds digit tokens (with currency, scale and percent), one scan of the
   lower-cased text finds numbers in words, vague plurals ("dozens", "thousands"), fractions ("a quarter of") and
   ratios ("one in three"). Each candidate is checked against the characters around it and dropped if it is a
   date, year, time, duration, age, attribute ("500-pound"), measurement, identifier, model designation, phone
   number, version string, footnote marker or page furniture (see :mod:`.nonfigures`).
2. **Local reading.** For each candidate, the words touching it on the left give the qualifier ("at least",
   "surpassed"), a verb ("killing", "injuring"), a role cue ("from", "by", "(") and on the right the post
   qualifier ("or more"), the counted noun phrase and the verb phrase that follows it (:mod:`.labels`).
3. **Sentence reading.** Within a sentence, figures lend each other what they lack: a breakdown ("including 17
   children") takes the outcome of the figure it breaks down, a coordinated number ("1,254 and 2,414 people were
   injured") takes its neighbour's label, a bare number takes the label of the previous figure at the same
   bracket depth, a toll phrase ("the death toll rose to 18") labels the first figure after it, a number alone on
   its line takes the heading next to it, and a table cell takes its column header (:mod:`.layout`).

Sentence results are cached (bounded, per process) under the sentence text, the layout context that can change
its reading and the metrics: a watched page's next version repeats most sentences, so it costs little to read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import islice, pairwise

from .earlier import EARLIER_ADJECTIVES, PERIOD_NOUNS, REPORT_NOUNS, alternation
from .grouping import normalise_groups
from .hyphens import join_broken_words
from .keys import DISEASES, freeze_metrics, frozen_key_for
from .labels import (
    ACTION_BEFORE,
    AERIAL_NOUNS,
    AUX,
    COUNT_OBJECTS,
    DEATH_VERBS,
    DOUBT_ADVERBS,
    GROUP_NOUNS,
    LEFT_PHRASES,
    LEFT_VERBS,
    MONEY_VERBS,
    NOT_PARTICIPLES,
    OBJECT_OUTCOMES,
    OBJECT_PARTICIPLES,
    ONE_PERSON_NOUNS,
    OUTCOME_WORDS,
    PERIOD_DETERMINERS,
    SCALE_WORDS,
    STOP,
    TENS_WORDS,
    UNIT_WORDS,
    RightInfo,
    casualties_of,
    compose,
    contains_any,
    displaced_outcome,
    gated_finditer,
    is_count_noun,
    looks_plural,
    parse_right,
    words_label,
)
from .layout import (
    blank_table_header,
    heading_above,
    is_label_pairs,
    is_metadata_line,
    join_bound_columns,
    keyfig_label,
    label_blank_row,
    label_pairs,
    label_table_row,
    link_blocks,
    table_header,
)
from .model import Figure, bounds_for, make_figure
from .nonfigures import (
    ATTRIBUTE_AFTER,
    CODE_AFTER,
    DAY_BEFORE_MONTH,
    DURATION_AFTER,
    FURNITURE_AFTER,
    FURNITURE_BEFORE,
    ID_PHRASES,
    ID_WORDS,
    ID_WORDS_CASED,
    MAGNITUDE_PHRASES,
    MEASURE_AFTER,
    MONTH_BEFORE,
    MONTHS,
    SPORT_AFTER,
    TIME_AFTER,
    is_year_like,
)
from .numbers import (
    CURRENCY_SYMBOLS,
    FRACTIONS,
    VAGUE,
    parse_digits,
    round_value,
    scale_of,
    words_to_number,
)
from .qualifiers import GLUED, PREFIX, REACHING_CUES
from .scope import assign_scopes, clear_scope_cache, line_scope
from .sentences import split_sentences

# --------------------------------------------------------------------------------------------------- patterns
_SCAN = re.compile(r"[$€£0-9]")
# A scale word may start the next line ("almost $2.4\nbillion": a wrapped line).
# The blanks before a scale word or a percent sign or word are possessive (*+, ?+): none of those starts with a blank,
# so giving a blank back never lets one match, and the engine need not try all the words again for each blank.
_NUM = re.compile(
    r"""(?P<cur>[$€£])?
        (?P<dig>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?P<sc>[ \t]*+\n?+[ \t]*+(?:thousands?|millions?|billions?|trillion|mln|Thousand|Million|Billion|Trillion
                        |THOUSAND|MILLION|BILLION|TRILLION|lakhs?|crores?|Lakhs?|Crores?)\b
               |(?:[MBK]|bn|mn|k|m)(?![A-Za-z0-9]))?
        (?P<pct>[ \t]?+%|[ \t]*+(?:per[ \t]?cent|percent|Per[ \t]?cent|PER[ \t]?CENT|PERCENT)\b)?""",
    re.X,
)
# (the high end may carry its own qualifier, which the range then stands for: "from about 100,000 to more than
# 300,000")
_RANGE_SEP = re.compile(
    r"[ \t]*(?P<sep>-|–|—|to|(?<=[ \t])or(?=[ \t]))"
    r"(?:(?<=to)[ \t]+(?:more[ \t]+than|over|about|around|nearly|almost|roughly|some|at[ \t]+least))?[ \t]*(?=[$€£]?\d)"
)
_AND_NUM = re.compile(r"\s+and\s+(?=[$€£]?\d)")
# "at least 13 and as many as 46", "at least 2,000 people, and perhaps as many as 5,000" (a person noun may come
# between; an outcome may not: "at least 13 killed and as many as 46 injured" are two figures)
_TWO_BOUNDS = re.compile(
    r"(?:[ \t]+(?:people|civilians|persons|residents))?(?:,?\s+and\s+|,\s*)"
    r"(?:(?:possibly|perhaps|maybe|probably|(?:could|may|might)\s+(?:be|reach|rise\s+to|climb\s+to))\s+)?"
    r"(?:as\s+many\s+as|as\s+high\s+as|up\s+to|possibly|perhaps|maybe|an?\s+(?:likely\s+)?maximum\s+of)"
    r"\s+(?=[$€£]?\d)",
    re.I,
)
# A unit after the number, in one match: group "t" for tons, "q" for an area, a volume or a mass, "c" for a
# currency, "pp" for percentage points, "ct" for cents.
_UNIT_AFTER = re.compile(
    r"[ \t]+(?:(?P<t>(?:metric\s+)?(?:tons|tonnes)\b)"
    r"|(?P<q>(?:hectares?|ha|acres?|sq(?:uare)?\.?\s*(?:km|kilomet(?:er|re)s?|mi|miles?)|square\s+miles?"
    r"|litres?|liters?|gallons?|cubic\s+met(?:er|re)s?|kilograms?|kg)\b|km[²2](?!\d)|m[³3](?!\d))"
    r"|(?P<c>US\s+dollars|dollars|USD|euros?|EUR|GBP|hryvnias?|UAH|CHF)\b"
    r"|(?P<pp>(?:percentage[ \t]+)?points?)\b(?![ \t]+of\b)|(?P<ct>cents?)\b)",
    re.I,
)
PP = "percentage points"
_INDEX_POINTS = re.compile(r",?[ \t]+or[ \t]+[+-]?\d[\d.,]*[ \t]?(?:%|per[ \t]?cent|percent)")
_PERCENT_IN = re.compile(r"%|\bper[ \t]?cent|\bpercent", re.I)
_QUANTITY_UNITS = {"hectare": "ha", "ha": "ha", "acre": "acres", "litre": "l", "liter": "l", "gallon": "gal"}


def _quantity_unit(word: str) -> str:
    """The unit of an area or a volume as written after a number ("hectares" → "ha", "sq km" → "km²")."""
    w = word.lower()
    if w.startswith("kilogram") or w == "kg":
        return "kg"  # (a mass of something: only "N kilograms of X" gets here, see nonfigures.MEASURE_AFTER)
    if "mi" in w:
        return "sq mi"
    if "k" in w:
        return "km²"
    if "cubic" in w or w[-1] in "³3":
        return "m³"
    return _QUANTITY_UNITS.get(w.rstrip("s"), w)


# Anything of these after a plain number makes it a non-figure (one match instead of four).
_PLAIN_AFTER = re.compile(
    "|".join(
        f"(?:{p.pattern})" for p in (TIME_AFTER, DURATION_AFTER, MEASURE_AFTER, FURNITURE_AFTER, SPORT_AFTER)
    ),
    re.I,
)
# After a number in words: a measure or a game's statistic (one match for both).
_MEASURE_OR_SPORT_AFTER = re.compile(f"(?:{MEASURE_AFTER.pattern})|(?:{SPORT_AFTER.pattern})", re.I)
_PHONE = re.compile(r"\+\d{1,3}(?:[ .\-]?\(?\d{1,4}\)?){1,6}")
# Cheap gate in front of _PLAIN_AFTER: the next word must be one that can start a time, duration, measure or
# page-furniture phrase or a game's statistic (or the next character is punctuation such as ":" or "°").
_NEXT_TOKEN = re.compile(r"[ \t]*(?:([A-Za-z]+)|[:°\-–/.])")
_AFTER_TRIGGERS = frozenset(
    str.split(
        "a p am pm gmt utc bst est edt pst pdt eat cat wat ist eet cet cest eest hrs h to or and second seconds sec "
        "secs minute minutes min mins hour mg ml "
        "hours hr day days night nights week weeks month months year years yr yrs decade decades century centuries "
        "weekend weekends fortnight fortnights millimeters millimetres centimeters centimetres micron microns "
        "micrometres more full consecutive straight long whole additional further calendar "
        "working km kilometer kilometers kilometre kilometres mile miles mi meter meters metre metres m feet foot ft "
        "inch inches cm mm degree degrees mph kph knots in magnitude on "
        "richter per kilogram kilograms kg gram grams g pound pounds lb lbs "
        "calibre caliber volt volts watt watts megawatts mw gw kwh kv kb mb gb tb hz khz mhz ghz fm times fold "
        "comment comments share "
        "shares view views like likes replies retweets of one two three four five six seven eight nine ten eleven "
        "twelve several few local rebounds assists yards touchdown touchdowns laps wickets innings birdies bogeys "
        "strokes runs balls off under over all"
    )
)
_O19 = "|".join(UNIT_WORDS)
_O9 = "|".join(UNIT_WORDS[:9])
_TENS = "|".join(TENS_WORDS)
_MULT = "|".join(SCALE_WORDS)
_G = rf"(?:(?:{_TENS})(?:[ \t-](?:{_O9}))?|(?:{_O19})|a(?=[ \t]+(?:{_MULT})))"
_WNUM = rf"{_G}(?:[ \t]+(?:{_MULT})(?:,?[ \t]+(?:and[ \t]+)?{_G})?)*"
_WNUM_REST = rf"(?:[ \t]+(?:{_MULT})(?:,?[ \t]+(?:and[ \t]+)?{_G})?)*"


# What a bare "half the ..." is a share of: "over half the population", "half the homes".
_FRACTION_NOUNS = frozenset(
    str.split(
        "population people residents inhabitants households families civilians children those them all country "
        "city homes adults women men refugees hospitals schools buildings average total"
    )
)


def _word_scan_pattern() -> re.Pattern[str]:
    """The scan for numbers in words, vague plurals, dozens, fractions and ratios, as a first-letter trie.

    Every top-level alternative starts with a literal letter, so the regex engine skips all other characters in C
    (a leading lookaround would make it try every position); the word-start check is a lookbehind after that
    first letter. Entries are (first word, rest of the pattern), most specific first.
    """
    # (before "of", or before a verb: "about two thirds had done so"; or ending a clause, which _word_candidates
    # keeps only after "by": "injuries rose by a third.")
    # (or before any other word, which _word_candidates keeps only where a share or a change is plain:
    # "of which nearly a quarter went", "fell by a third year on year", "while a third said")
    frac = r"[ \t-](?:half|thirds?|quarters?|fifths?|tenths?)(?=[ \t]+[a-z]|[ \t]*(?:[.,;:)]|\Z))"
    entries: list[tuple[str, str]] = [
        ("tens", r"\s+of\s+(?:thousands|millions)"),
        ("hundreds", r"\s+of\s+(?:thousands|millions)"),
        ("several", r"\s+(?:hundred|thousand|million)"),
        ("a", r"\s+few\s+(?:hundred|thousand|million)(?![a-z])"),
        ("dozens", ""),
        ("scores", r"(?=[ \t]+of[ \t])"),  # "scores of wounded", not "test scores"
        ("hundreds", ""),
        ("thousands", ""),
        ("millions", ""),
        ("billions", ""),
        ("half", r"\s+a\s+dozen"),
        ("half", rf"\s+an?\s+(?:{_MULT})(?![a-z])"),
        ("a", r"\s+dozen"),
        ("a", r"[ \t]+single(?=[ \t]+[a-z])"),  # "a single airstrike": one, said to be only one
        ("both", ""),  # two, where an outcome says so (see _both_counted)
    ]
    # ratios: "one in three", "two in five", "nine out of 10"
    entries += [
        (o, rf"[ \t-](?:in|out[ \t]+of)(?:[ \t]+every)?[ \t-](?:{_O19}|{_TENS}|\d+)(?![\d,.])") for o in _O9.split("|")
    ]
    entries += [
        ("a", frac),
        ("one", frac),
        ("two", frac),
        ("three", frac),
        # "half of the homes"; "more than half were women" (a share of the group just named)
        ("half", r"(?=[ \t]+(?:of|were|was|are|is|have|has|had|said|say)[ \t])"),
        # (or after an owner, "half the province's villages", or one more word, "half the monthly average")
        ("half", rf"(?=[ \t]+the[ \t]+(?:[a-z]+(?:'s|’s)[ \t]+[a-z]|(?:[a-z]+[ \t]+)?"
                 rf"(?:{'|'.join(sorted(_FRACTION_NOUNS))})(?![a-z])))"),
        # at the end of a clause, after a qualifier ("accounting for just under half."): see _word_candidates
        ("half", r"(?=[ \t]*(?:[.,;:)]|\Z))"),
        # the scale word must end there: a bare "a" before "millionaire" would be no number anyway, and every match
        # then holds a whole number word (which _word_matches relies on)
        ("a", rf"(?=[ \t]+(?:{_MULT})(?![a-z])){_WNUM_REST}"),
    ]
    entries += [(t, rf"(?:[ \t-](?:{_O9}))?{_WNUM_REST}") for t in _TENS.split("|")]
    # longer words first, so "seventeen" is tried before "seven"
    entries += [(o, _WNUM_REST) for o in sorted(_O19.split("|"), key=len, reverse=True)]
    by_letter: dict[str, list[str]] = {}
    for word, rest in entries:
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]) + rest)
    branches = [rf"{c}(?<![a-z\-]{c})(?:{'|'.join(alts)})" for c, alts in by_letter.items()]
    return re.compile("(?:" + "|".join(branches) + r")(?![a-z])")


_WSCAN = _word_scan_pattern()


def _word_matches(low: str, az: bytes, a: int, b: int, found: AbstractSet[bytes]) -> list[re.Match[str]]:
    """``list(_WSCAN.finditer(low, a, b))``, with the scan tried only where a match can start.

    ``az`` is the text's a-z runs as bytes (see :func:`extract_figures`), ``found`` the number words
    (:data:`_NUMBER_WORDS_B`) among the sentence's runs. A match starts a run that is a number word, or "a", "tens"
    or "several" before one (see :data:`_LEAD_WORDS`): those runs are the only places to try. The scan itself stops
    at every "a", "e", "o", "t"… of the sentence, most of its letters.
    """
    firsts = set(found)
    for lead, follows in _LEAD_WORDS.items():
        if not follows.isdisjoint(found):
            firsts.add(lead)
    starts = sorted(i for w in firsts for i in _whole_runs(az, w, a, b))
    out: list[re.Match[str]] = []
    end = a
    match = _WSCAN.match
    for p in starts:
        # the leftmost match at or after the previous one's end, as finditer takes it
        if p >= end and (m := match(low, p, b)) is not None:
            out.append(m)
            end = m.end()
    return out


def _whole_runs(az: bytes, w: bytes, a: int, b: int) -> list[int]:
    """Where ``w`` is a whole a-z run of ``az[a:b]`` (found as ``w`` and a blank, or ``w`` at the end)."""
    out = []
    n = len(w)
    wb = w + b" "
    i = az.find(wb, a, b)
    while i >= 0:
        if i == a or az[i - 1] == 32:
            out.append(i)
        i = az.find(wb, i + n, b)
    if b - n >= a and az.startswith(w, b - n) and (b - n == a or az[b - n - 1] == 32):
        out.append(b - n)
    return out


# The first words of _WSCAN's entries that are no number words, each with the number words one of its matches holds
# ("a dozen", "a third of", "a hundred", "tens of thousands", "several million").
_LEAD_WORDS: dict[bytes, frozenset[bytes]] = {
    lead: frozenset(w.encode() for w in follows.split())
    for lead, follows in (
        (
            b"a",
            "dozen half third thirds quarter quarters fifth fifths tenth tenths hundred thousand million billion "
            "trillion single",
        ),
        (b"tens", "thousands millions"),
        (b"several", "hundred thousand million"),
    )
}


# Small patterns used per candidate, compiled once (a module-level re.match / re.split call looks its pattern up in
# re's cache every time).
_ONE_IN = re.compile(rf"(?:{_O9})[ \t-](?:in|out[ \t]+of)(?:[ \t]+every)?[ \t-]")
_WORD_SEP = re.compile(r"[ \t-]+")
_OF_UNITS = re.compile(r"\s+of\s+(?:years|decades|centuries|miles|kilomet|times)")
_CLAUSE_END = re.compile(r"[,;.(:]")
_OPEN_BRACKET = re.compile(r"\s*[(\[]")
_STOP_CHARS = re.compile(r"[.;(]")
_TO_NUMBER = re.compile(r"\s+to\s+\S*\d")
_CHUNK_END = re.compile(r"[.;(|•]")
_CLAUSE_MARK = re.compile(r"[,:]")
# A plan's aim before "N people" (the infinitive of purpose): they are the people targeted
_PURPOSE_BEFORE = frozenset(f"to {verb}" for verb in str.split("assist help reach support serve"))
_DISEASE = re.compile(r"\b(" + alternation(DISEASES) + r")\b")
# A disease outbreak named in the sentence: its dead are deaths, not people killed
_OUTBREAK = re.compile(
    r"\b(?:"
    + alternation(DISEASES)
    + r"|outbreak|epidemic|pandemic|case[- ]fatality|cfr|(?:suspected|confirmed)\s+cases)\b"
)
# An incident list's entry after its count: "in shelling by ...", "in a car bomb explosion near ...", "by roadside
# IED at ...", "by airstrike on a farmhouse"
_IN_ATTACK = re.compile(
    r"[ \t]+(?:in|by)[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:[\w-]+[ \t]+){0,3}?(?:shelling|strikes?|airstrikes?|attacks?|"
    r"bombings?|bombs?|bombers?|explosions?|blasts?|clashes|raids?|ambush|shooting|gunfire|gunm[ae]n|bombardment|IEDs?|mortars?|"
    r"rockets?|missiles?|drones?|grenades?)\b"
)
# A plural outcome noun opening a clause right before a bare number ("Deaths 612; injuries 1,940", "Suspected cases
# 1,092"), maybe with its place ("Refugees in Poland 957,505 · Refugees in Germany 1,139,690")
_HEADING_WORD = re.compile(
    r"(?:\A|[;,(•·|\n]|:[ \t])[ \t]*(?P<kind>[a-z]+[ \t]+)??"
    r"(deaths|fatalities|injuries|casualties|refugees|evacuees|missing|dead|injured|wounded|idps|returnees|arrivals|"
    r"cases)"
    r"(?:[ \t]+(?:in|from)[ \t]+(?-i:(?P<place>[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?)))?\Z",
    re.I,
)
_TALLY_WORDS = re.compile(r"\b(?:number|toll|total|tally|count|figure)\b", re.I)
_NUMBER_NEXT = re.compile(r"[ \t]+[$€£]?\d")
_VAGUE_FIRST = frozenset(str.split("tens hundreds several dozens scores thousands millions billions a"))
_FRACTION_WORDS = frozenset(str.split("half third thirds quarter quarters fifth fifths tenth tenths"))


def _word_kind(g: str) -> str:
    """Which kind of word candidate a _WSCAN match is (the trie has no named groups)."""
    words = g.split()
    first = words[0]
    if first in _VAGUE_FIRST and " ".join(words) in VAGUE:
        return "vague"
    if words[-1] == "dozen":
        return "dozen"
    if first == "both":
        return "both"
    if _ONE_IN.match(g):
        return "onein"
    if _WORD_SEP.split(g)[-1] in _FRACTION_WORDS:
        return "frac"
    return "w"


_POSSESSIVES = frozenset(str.split("his her their its our my your"))
# Words between a verb and the number it governs that leave the verb in force
_VERB_THROUGH = frozenset(("all", "between"))
_DETERMINERS = frozenset(str.split("the these those both its their his her our all first last every each my your"))
_AGE_NOUNS = frozenset(str.split("children child kids adults people persons those aged age minors youths"))
_AGE_QUALS = frozenset(("under", "over", "below", "above"))
# "a boy of seven" (an age), "a mother of three" (her children): no count of what the sentence counts
_AGE_OF_NOUNS = frozenset(
    str.split("boy girl child man woman son daughter baby teenager pensioner grandmother grandfather mother father")
)
_AGE_SPAN_BEFORE = re.compile(r"\b(?:aged|ages?)[ \t]+(?:between|from)?[ \t]*[a-z]+[ \t]+(?:and|to)[ \t]+\Z", re.I)
_AGE_PEOPLE = frozenset(str.split("them men women residents patients victims"))
_GLUED_CURRENCY = frozenset(("us", "usd", "a", "c", "hk", "nz", "s", "au", "ca"))
_CURRENCY_WORDS = {"usd": "USD", "us$": "USD", "eur": "EUR", "gbp": "GBP", "chf": "CHF", "uah": "UAH"}

# Sentence-level cues (run on the lower-cased sentence).
_TOLL = re.compile(
    r"""(?P<toll>(?:death|civilian\s+death|fatality)\s+tolls?|\btoll\b|(?:total\s+)?loss\s+of\s+(?:civilian\s+)?life
        |(?:known|confirmed)\s+dead|dead\s+(?:as|at)\b)
      | (?P<cas>losses\s+among\s+civilians|civilian\s+losses|casualty\s+(?:toll|count|figures?))
      | (?P<inj>(?:injured|wounded)\s+(?:as|at)\b)
      | number\s+of\s+(?:the\s+)?(?P<what>those\s+who\s+(?:have\s+)?lost\s+their\s+lives|lives\s+lost
        |(?:[a-z-]+\s+){0,3}?(?:dead|deaths|killed|fatalities|injured|wounded|injuries
        |refugees|displaced|idps|missing|casualties|evacuated|evacuees|homeless|children|people\s+in\s+need|victims)
        (?:\s+(?:children|women|men|girls|boys|civilians|people))?(?:\s+(?:killed|dead|injured|wounded|missing))?)\b""",
    re.X,
)
_CHANGE = re.compile(
    r"\b(?:rose|risen|rise|rises|rising|increased?|increases|increasing|grew|grown|climbed|climbs|jumped|soared|gone|"
    r"cut|cuts|lowered|revised|raised|fell|fallen|dropped|decreased?|declined?|went|reduced|up|down|updated|"
    r"revision|revising|doubled|tripled|quadrupled|halved|surged|plunged)\b"
)
# Before "from" a change of pace is a change too ("arrivals have slowed from 2,000 in May to 900"); before "by" it is
# not ("teams were slowed by dozens of rockslides")
_PACE_CHANGE = re.compile(r"\b(?:slowed|eased)\b")
# A modal counts only when it governs a verb of number ("could be as many as", "could eventually rise above").
_MODAL = re.compile(
    r"\b(?:(?:could|might|may|would)\s+(?:\w+\s+){0,2}?(?:be|have|reach|rise|exceed|top|climb|increase|grow|total|"
    r"number|surpass|hit|double|soar|go|jump|end|far|need|run|face|cost|pass|infect|affect|kill|leave|displace)\b"
    r"|expected\s+to|likely\s+to|projected|"
    r"forecasts?|worst[- ]case|scenario|plans?\s+to|planned\s+to|planning\s+for|aim(?:s|ing)?\s+to|predicts?|"
    r"predicted|estimates\s+as\s+many"
    # what something suffices for is not yet done: "56 tonnes of biscuits, enough to feed 20,000 children"
    r"|enough\s+(?:\w+\s+)?(?:to|for)\b"
    # a future of growth ("will climb to 25.6 million"; not "will be required", which reports state as a need now),
    # and an expectation of a number ("planners expect the figure to reach 250,000", "the clinic expects 1,600")
    r"|will\s+(?:\w+\s+)?(?:climb|rise|reach|exceed|top|surpass|grow|increase|double|soar|jump|hit|cost)\b"
    r"|expects?\s+(?:(?:the|a|an|its|their)\s+)?(?:\w+\s+){0,2}?to\s+(?:far\s+|well\s+)?(?:reach|rise|climb|exceed|"
    r"top|hit|pass|surpass|grow|increase|double|go|run)\b"
    r"|expects?\s+(?=(?:around|about|some|up\s+to|at\s+least|more\s+than|over|nearly|between|from)?\s*"
    r"[$€£]?\d))"
)
# A modal of doubt about what is or was, not of what will be: "as many as 600 people may still be trapped", "up to
# 400 may have been on board", "the sex of 6 children could not be established" (not "may have to be evacuated",
# which is still to come); but a death that may have happened is a toll not yet known, read like a projection ("as
# many as 20,000 people may have died")
_UNCERTAIN_NOW = re.compile(
    r"(?:may|might)\s+(?:(?:" + "|".join(DOUBT_ADVERBS) + r")\s+)?(?:be|have(?!\s+to\b))\b"
    r"(?!\s+(?:been\s+)?(?:" + "|".join(DEATH_VERBS) + r"))|(?:may|might|could)\s+not\b"
)
# Every _TOLL / _MODAL match starts with one of these words: their matches, found from the words' positions.
_toll_matches = gated_finditer(
    _TOLL, str.split("death civilian fatality toll total loss known confirmed casualty number dead injured wounded")
)
_modal_matches = gated_finditer(
    _MODAL,
    str.split(
        "could might may would expect likely projected forecast worst scenario plan aim predict estimates will enough"
    ),
)
_PREVIOUS = re.compile(
    r"\b(?:previous(?:ly)?|earlier)\s+(?:\w+\s+){0,2}?(?:statement|report|estimate|figure|toll|count|tally)s?\b"
)
# A first account of a count, later replaced, in the number's clause before it (see _assign_role)
_FIRST_ACCOUNT = re.compile(
    r"\b(?:initially|initial|originally|original\s+(?:estimate|figure|count|toll)"
    r"|first\s+(?:count|estimate|report|figure|toll)s?|first\s+(?:put|reported|said|estimated|given|announced)"
    r"|at\s+first|early\s+reports?"
    # a correction note says by itself that its number was replaced
    r"|(?P<note>(?:an|the)\s+earlier\s+(?:version|claim)|previous\s+version))\b"
)
# Words that revise a count ("was later lowered to 52", "raised the toll to 14")
_REVISION_WORDS = ("later", "revised", "raised", "lowered", "cut", "corrected", "updated", "increased", "reduced")
_REVISION = re.compile(r"\b(?:" + "|".join(_REVISION_WORDS) + r")\b")
# What follows a first account when the sentence goes on to what replaced it: a revision, or a turn to what holds now
_REPLACED_AFTER = re.compile(
    r"\b(?:"
    + "|".join((*_REVISION_WORDS, *str.split("but now proved before then rose risen climbed fell dropped")))
    + r")\b"
)
# A report the number's clause dates before the one the sentence gives: "a day after officials said 25 people had
# been killed", "hours after it reported 143 deaths", "after state media had said as many as 400", "correcting a
# toll of 261", "(the number of missing) - at one point put at more than 1,000 -"
_EARLIER_REPORT = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|several|\d+)\s+(?:days?|hours?|weeks?)\s+|hours\s+|days\s+)after\s+"
    r"(?:[\w'’\-]+\s+){1,4}?(?:said|reported|announced|gave|put|estimated|confirmed|counted|recorded)\b"
    r"|\bafter\s+(?:[\w'’\-]+\s+){1,4}?had\s+(?:earlier\s+|initially\s+)?(?:said|reported|announced|given|put|estimated)\b"
    r"|\bcorrect(?:ing|ed|s)\s+(?:a|an|the|its|their)\s+(?:[\w\-]+\s+)?(?:toll|figure|count|tally|total|estimate)\s+of\b"
    r"|\bat\s+one\s+point\b"
)
_FROM_PEAK = re.compile(r"\bfrom\s+(?:a|its|the)\s+peak\s+of\s+\Z")
_FIRST_HINTS = ("initial", "original", "first", "early", "earlier", "previous version", "peak of")
_CONTEXT = re.compile(
    r"(?:\b(?:in|over|during)\s+the\s+(?:\w+\s+)?(?:past|previous|preceding|last)\s+(?:[\w-]+\s+){0,2}years?\b"
    r"|\bleading\s+up\s+to\b|\bbefore\s+the\s+(?:invasion|war|conflict)\b|\bcentury\b)"
)
# A bracket that opens right before a number by saying the value is an earlier one: "(previous report: 587)"
_PREVIOUS_IN_BRACKET = re.compile(
    r"[(\[][ \t]*(?:(?:prev(?:ious(?:ly)?)?\.?|earlier|initially|originally)"
    r"(?:[ \t]+(?:(?:was|were|had[ \t]+been|it[ \t]+was)[ \t]+)?(?:reported|recorded|given))?|before|"
    + alternation(EARLIER_ADJECTIVES)
    + r"[ \t]+"
    + alternation(REPORT_NOUNS, PERIOD_NOUNS)
    + r")(?:[ \t]+"
    + alternation(REPORT_NOUNS)
    + r")?[ \t]*[:=]?[ \t]*\Z",
    re.I,
)
# The rest of a bracket that opens right before a number and says it is an earlier value
_PAREN_PREVIOUS = re.compile(
    r"(?![ \t]+of\b)[^()\n]{0,50}?\b(?:previous(?:ly)?|earlier|ago|yesterday|"
    + alternation(EARLIER_ADJECTIVES)
    + r"\s+(?:\w+\s+)?"
    + alternation(REPORT_NOUNS)
    + r"s?|day\s+before)\b[^()\n]{0,30}[)\]]",
    re.I,
)
# A name in a list, right before a bracket: ", Hungary (", "and the Republic of Moldova (", "followed by Romania ("
_LISTED_NAME_BEFORE_BRACKET = re.compile(
    r"(?:,|\band|\bby|\bin|:)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w'’-]*){0,3}"
    r"[ \t]*\(\Z"
)
# A bracket holding a count alone, right after a number: "2,104 (2,036) institutions"
_BARE_BRACKET = re.compile(r"[ \t]*\([ \t]*\d[\d,.]*[ \t]*\)")


def _another_period(blank: str) -> str:
    """Regex alternatives for another period named in a sentence ("the previous week", "June 2023", "2022"), with
    ``blank`` as the class of its blanks."""
    return (
        alternation(EARLIER_ADJECTIVES)
        + blank
        + "+"
        + alternation(PERIOD_NOUNS, ("quarter",))
        + rf"|(?:{MONTHS})(?:{blank}+\d{{4}})?|(?:19|20)\d\d"
    )


# A bare bracketed number right after another period: "41 per cent fewer than in June (259)", "almost triple the
# figure for the whole of last year (107)", "exceed the total for the previous year (37)". It is the same count for
# that period: after a comparison ("than") its earlier value, after "the total for" a figure that frames the count.
_PERIOD_BEFORE_BRACKET = re.compile(
    r"\b(?:(?P<than>than)\s+(?:(?:in|for|during|over)\s+)?|(?:in|for|during|over)\s+)"
    r"(?:the\s+)?(?:(?:whole|rest|end|same\s+\w+)\s+(?:of|in)\s+)?(?:the\s+)?(?:"
    + _another_period(r"\s")
    + r"|a\s+year\s+(?:earlier|before|ago))\s*[(\[]\Z"
)
_OFHEAD = re.compile(r"^\W*(?:of|among)\s+(?:the|them|those|these|that|all)\b(?P<rest>[^,;:]{0,60})")
# The same whole named as a subject: "The dead include four children and an elderly man"
_HEAD_INCLUDES = re.compile(
    r"^\W*the\s+(?P<rest>(?:[a-z-]+\s+){0,2}?(?:dead|killed|injured|wounded|casualties|fatalities))\s+"
    r"(?:include[sd]?|were|are)\b"
)
_SEXUNK = re.compile(
    r"\b(?:sex|gender)\b[^.;()]{0,60}?\b(?:unknown|not\s+(?:yet\s+)?(?:been\s+)?(?:known|determined|established|"
    r"identified)|(?:still\s+|yet\s+)?to\s+be\s+(?:determined|established|identified))"
    r"|(?:unable|impossible)\s+to\s+(?:determine|establish)\s+their\s+(?:sex|gender)"
    r"|\b(?:undetermined|unknown|unidentified|unestablished)\s+(?:sex|gender)\b"
)
_RESPECTIVELY = re.compile(r"\brespectively\b")
# Nouns of a change: "a rise of 37 per cent", "a 30 percent rise in deaths", "a 12% cut"
_CHANGE_NOUNS = frozenset(str.split("rise increase jump surge drop decline fall reduction decrease growth hike cut"))
# What a change noun is a change of: "a 30 percent rise in civilian deaths", "an increase of"
_CHANGE_OF = re.compile(r"\s*(?:in|of|among)\b", re.I)
# A period compared with the one before it: "week on week", "year-on-year"
_PERIOD_ON_PERIOD = re.compile(
    r"[ \t]*(?:%|per[ \t]*cent|percent)?[ \t]+(day|week|month|quarter|year)[ \t-]+on[ \t-]+\1\b", re.I
)
_DELTA_AFTER = re.compile(rf"[ \t]+(?:{'|'.join(sorted(_CHANGE_NOUNS))})\b", re.I)
# "the number of people sheltering ... has gone up to 4,300": the subject's words start after it
_NUMBER_OF = re.compile(r"\b(?:number|count) of(?: the)?(?= )")
# Verbs of change after which "up to" is reaching, not a bound
_UP_TO_VERBS = frozenset(
    str.split(
        "gone went rose risen climbed jumped increased grown grew surged soared climbing rising growing increasing"
    )
)
# A change written before the number: "a rise of 37 per cent", "an increase of 58", "fell 40%", "up 12%".
_CHANGE_VERBS_BARE = frozenset(
    str.split(
        "rose fell dropped climbed jumped declined decreased increased grew slid gained soared plunged surged tumbled "
        "sank slumped dipped rises falls drops climbs jumps declines decreases increases grows"
    )
)
# After the number: a comparison with an earlier value ("18 per cent lower", "1.3 million fewer").
_COMPARED_AFTER = re.compile(r"[ \t]+(?:(?P<pct>more|lower|higher|less)|fewer)\b", re.I)
_DIFFERENCE_AFTER = re.compile(r"[ \t]+(?:more|less|higher|lower)(?:[ \t]+[a-z-]+){0,3}?[ \t]+than\b", re.I)


# A part of a count that a group makes up: "12 of the dead were children", "Children made up 312 of the 1,095
# killed" (the part's own "of" phrase must follow: "Children made up 46 per cent of ..." is a share)
_GROUP_WORD = r"(?P<g>children|women|girls|boys|men|minors)"
_GROUP_PART_AFTER = re.compile(
    r"[ \t]+of[ \t]+(?:all[ \t]+)?(?:the|those)[ \t]+[^.;,()]{0,40}?[ \t](?:were|was|are)[ \t]+(?:all[ \t]+)?"
    + _GROUP_WORD
    + r"\b",
    re.I,
)
_GROUP_PART_BEFORE = re.compile(
    r"(?:\A|[,;:][ \t]*|\b(?:and|while)[ \t]+)" + _GROUP_WORD + r"[ \t]+(?:made|make|makes|accounted|account|accounts|"
    r"represented|represent|represents|comprised)[ \t]+(?:up[ \t]+|for[ \t]+)?(?:\w+[ \t]+){0,2}?\Z",
    re.I,
)
# "Women and children made up 46 per cent": a share, no change
_MAKE_UP = frozenset(f"{verb} up" for verb in str.split("make makes made making"))


def _is_change(c: _C, text: str, a: int, lw: str, lw2: str) -> bool:
    """Whether the number is the size of a change rather than a level (see :data:`_CHANGE_NOUNS`)."""
    if lw == "of" and lw2[: -len(" of")] in _CHANGE_NOUNS:
        return True  # "a rise of 37 per cent", "a decrease of 120,000"
    if c.qual in (None, "exact") and lw in ("up", "down") and lw2 not in _MAKE_UP:
        # "412, up 319 since dawn", "shares were up 12%" (but "picked up 40 survivors" counts survivors)
        before = text[a : c.aw_s].rstrip()
        before = before[: -len(lw)].rstrip() if before.lower().endswith(lw) else before
        return c.unit == "%" or not before or before[-1] in ",;(–—"
    if c.unit == "%" and lw in _CHANGE_VERBS_BARE:
        return True  # "fell 40%", "rose 12 percent"
    m = _COMPARED_AFTER.match(text, c.e)
    # ("212 more than in the whole of the previous month", "17 more deaths than were reported": a difference; a
    # bare "19 more were injured" counts others)
    return m is not None and (
        m.group("pct") is None or c.unit == "%" or _DIFFERENCE_AFTER.match(text, c.e) is not None
    )


# An age written as an attribute: "a 62-year-old", "a 3-month-old".
_AGE_ATTR = r"\d{1,2}-(?:year|month|week|day)s?-old\s+"
# What may stand between the article and the noun of a count of one, up to two of them: an age or a word that is no
# conjunction ("a 9-year-old girl", "an elderly man")
_ONE_MOD = rf"{_AGE_ATTR}|(?!and\b|or\b)[a-z-]+\s+"
# A person counted as one: a group noun (child, girl, woman …) or another word for one person.
_ONE_PERSON = "child|girl|boy|woman|man|baby|infant|toddler|teenager|teen|person|civilian|" + "|".join(
    sorted(ONE_PERSON_NOUNS, key=len, reverse=True)
)
_IMPLICIT_PASSIVE = re.compile(
    rf"\b(?:a|an|another)\s+(?P<age>{_AGE_ATTR}|[\w-]+\s+){{0,3}}?(?P<n>{_ONE_PERSON}|"
    r"building|house|home|school|kindergarten|hospital|clinic)"
    # (the body the person belongs to: "a volunteer of the Sudanese Red Crescent was killed")
    r"(?:\s+of\s+the(?:\s+[\w-]+){1,3}?)?"
    r"\s+(?:was|has\s+been|had\s+been)\s+(?:\w+\s+)?"
    # (being pulled out alive is being rescued: "a woman was pulled alive from the rubble")
    r"(?:(?P<v>killed|injured|wounded|destroyed|damaged|rescued)|pulled\s+(?:out\s+)?alive)\b"
)
_IMPLICIT_LIST = re.compile(
    r"\b(?:including|as\s+well\s+as|along\s+with|among\s+them)\s+(?P<art>a|an|one)\s+"
    rf"(?P<age>{_ONE_MOD}){{0,2}}?(?P<n>child|girl|boy|woman|man|baby|infant|toddler|"
    # the age alone: "including a 14-year-old,"
    r"\d{1,2}-(?:year|month|week|day)s?-old(?=\s*[,;.)–—]))\b"
)
# The active voice: "the missile killed a 62-year-old man", "injuring a child".
_IMPLICIT_ACTIVE = re.compile(
    r"\b(?P<v>killed|injured|wounded|killing|injuring|wounding)\s+(?P<art>an?)\s+"
    rf"(?P<age>{_ONE_MOD}){{0,2}}?(?P<n>{_ONE_PERSON})\b"
)
# A count of one coordinated with a count of people: "3 children and a woman", "a woman and her two daughters".
_ONE_FAMILY = r"man|woman|child|girl|boy|baby|infant|teenager|father|mother|husband|wife"
_IMPLICIT_AND_AFTER = re.compile(
    r"(?:children|child|men|women|girls|boys|adults|persons|people|civilians|sons|daughters|residents)"
    # (with their ages: "aged 4, 7 and 9", "between 3 and 10 years old")
    r"(?:\s+aged\s+[\d\s,and–-]+?|\s+(?:aged\s+)?between\s+\d{1,2}\s+and\s+\d{1,2}(?:\s+years(?:\s+old)?)?)?"
    r"\s*,?\s+and\s+"
    rf"(?P<art>an?)\s+(?P<age>{_ONE_MOD}){{0,2}}?(?P<n>{_ONE_FAMILY})\b"
)
_IMPLICIT_AND_BEFORE = re.compile(
    rf"(?P<art>an?)\s+(?P<age>{_ONE_MOD}){{0,2}}?(?P<n>{_ONE_FAMILY})\s+and\s+"
    rf"(?:his|her|their)\s+(?:[a-z-]+\s+)?(?=(?!\d{{1,2}}-(?:year|month|week|day))\d|(?:{_O19}|{_TENS})\b)"
)
# A count of one inside a list of counts: "Two rescuers, a paramedic and four residents were killed"
_IMPLICIT_IN_LIST = re.compile(
    rf",[ \t]+(?P<art>an?)[ \t]+(?P<age>{_ONE_MOD}){{0,2}}?(?P<n>{_ONE_PERSON})[ \t]+and[ \t]+"
    rf"(?=(?!\d{{1,2}}-(?:year|month|week|day))\d|(?:{_O19}|{_TENS})\b)"
)
_implicit_and_after_matches = gated_finditer(
    _IMPLICIT_AND_AFTER,
    str.split("children child men women girls boys adults persons people civilians sons daughters residents"),
)
_implicit_and_before_matches = gated_finditer(_IMPLICIT_AND_BEFORE, ("a", "an"))
_implicit_in_list_matches = gated_finditer(_IMPLICIT_IN_LIST, (", a",))
_ACTIVE_OUTCOMES = {
    "killed": "killed",
    "killing": "killed",
    "injured": "injured",
    "injuring": "injured",
    "wounded": "injured",
    "wounding": "injured",
}
_IMPLICIT_ANOTHER = re.compile(
    r"\b(?P<an>another)\s+(?P<v>injured|wounded|killed|dead|missing)\b"
    # the active voice, "another" ending the phrase: "killed two women and injured another", "wounding another man"
    r"|\b(?P<av>killed|killing|injured|injuring|wounded|wounding)\s+(?P<an2>another)"
    r"(?=\s*(?:[,.;:)]|\Z|\s(?:person|man|woman|child|civilian|resident)\b))"
    # one more of the count before, its verb left out: "Two people died at the scene and another later in hospital"
    r"|\band\s+(?P<an3>another)(?=\s+(?:later|subsequently|afterwards|overnight|in\s+hospital)\b)"
)
# Their matches, found from the positions of their first words (a leading \b makes a regex try every position).
_implicit_list_matches = gated_finditer(_IMPLICIT_LIST, ("including", "as", "along", "among"))
_implicit_another_matches = gated_finditer(_IMPLICIT_ANOTHER, ("another", "and", *_ACTIVE_OUTCOMES))
_implicit_active_matches = gated_finditer(
    _IMPLICIT_ACTIVE, ("killed", "injured", "wounded", "killing", "injuring", "wounding")
)
# ("and her two daughters": a possessive may follow the conjunction)
_COORD = re.compile(r"^\s*(?:,\s*)?(?:(?:and|or)(?:\s+(?:his|her|their))?|as\s+well\s+as|while|,)?\s*$")
_OWN_VERB_AFTER = re.compile(r"[ \t]+(?:have|has|had|were|was|are|is)\b")
_HAS_AUX = re.compile(r"\b(?:have|has|had|been|were|was|are|is)\b")
_LIST_BETWEEN = re.compile(
    r"^[\s,]*(?:(?:an?|the)\s+)?[a-z][a-z \-]{0,60}?(?:,\s*(?:an?|the)?\s*[a-z][a-z \-]{0,60}?)*"
    r"\s*(?:,\s*)?(?:and|or)\s*$"
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_NEXT_WORD = re.compile(r"[ \t]+(?:more[ \t]+|other[ \t]+|additional[ \t]+)?([a-z][a-z\-]*)")


class _C:
    """A candidate figure while the sentence is being read."""

    __slots__ = (
        "aw_e",
        "aw_s",
        "depth",
        "e",
        "from_",
        "group",
        "high",
        "info",
        "kind",
        "label",
        "low",
        "lverb",
        "lword",
        "lword2",
        "money_label",
        "outcome_src",
        "paren",
        "place",
        "pre_q",
        "qual",
        "role",
        "s",
        "scope",
        "unit",
        "vague",
        "value",
        "year_like",
    )

    def __init__(self, s: int, e: int, value: float | None, kind: str) -> None:
        self.s = s
        self.e = e
        self.value = value
        self.low: float | None = None
        self.high: float | None = None
        self.kind = kind
        self.aw_s = s
        self.aw_e = e
        self.qual: str | None = None
        self.pre_q: str | None = None
        self.unit: str | None = None
        self.vague = False
        self.info: RightInfo | None = None
        self.lverb: str | None = None
        self.lword = ""
        self.lword2 = ""
        self.money_label: str | None = None
        self.paren = False
        self.from_ = False
        self.label = ""
        self.group: str | None = None
        self.outcome_src = ""  # own | verb | left | toll | head | carry | ...
        self.role = "current"
        self.depth = 0
        self.scope: str | None = None
        self.place: str | None = None  # prose scope (see .scope); ``scope`` is a table row's header
        self.year_like = False


class _Left:
    __slots__ = (
        "age",
        "determiner",
        "ident",
        "lverb",
        "lword",
        "lword2",
        "money",
        "negative",
        "paren",
        "qstart",
        "qual",
        "signed",
        "skip",
        "unit",
        "with_",
    )

    def __init__(self) -> None:
        self.skip = False
        self.qual: str | None = None
        self.qstart = -1
        self.unit: str | None = None
        self.lverb: str | None = None
        self.money: str | None = None
        self.lword = ""
        self.lword2 = ""
        self.paren = False
        self.determiner = False
        self.age = False
        self.with_ = False
        self.ident = False  # skipped after an identifier word ("page", "round", "aged between")
        self.signed = False  # a plus sign glued before: a change
        self.negative = False  # a minus sign glued before, in a bracket or a table cell: a fall


_APPOSITIVE_AGE = re.compile(
    r"\b(?:[A-Z][a-z'’\-]+|suspect|gunman|attacker|driver|victim|man|woman|boy|girl|son|daughter|mother|father|"
    r"wife|husband|brother|sister|grandson|granddaughter|grandmother|grandfather|neighbou?r|friend|teacher|nurse|"
    r"doctor|pensioner|student|resident|passenger|worker|farmer|owner|officer|soldier)\Z"
)
# After a number: what makes it a class's bound ("15% or above", "aged 60 and over" is read as an age before).
_THRESHOLD_AFTER = re.compile(r"[ \t]+(?:or|and)[ \t]+(?:above|higher)(?![a-z])")
# A speaker's verb after the age between commas: "the manager, 49, said".
_SPEAKS_AFTER = re.compile(r"[ \t]+(?:said|says|told|added|recalled|explained|who)(?![a-z])")
_ADDRESS_AFTER = re.compile(
    # the name's words may have accents or particles: "131 Ștefan cel Mare Boulevard"
    r"[ \t]+(?:[NSEW]\.?\b|(?:[^\W\d_a-z][\w'’\-]*[ \t]+(?:(?:de|del|la|cel|van|von|der|al)[ \t]+)?){1,3}"
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Place|Pl|Lane|Ln|"
    r"Drive|Dr|Way|Court|Ct|Terrace|Highway|Hwy|Parkway|Pkwy)\b)"
)
# "from 41 weeks to ": a number and one word (a unit, when the word is one) before the "to" of a change.
_FROM_UNIT_TO_BEFORE = re.compile(r"\bfrom[ \t]+(?:[a-z]+[ \t]+)?(\d[\d,.]*)[ \t]+[a-z]+[ \t]+to[ \t]+\Z", re.I)
# A phone line named by its number: a count would be followed by a plural ("988 numbers").
_LINE_AFTER = re.compile(r" (?:number|hotline|helpline)(?![a-z])", re.I)
_EMERGENCY_AFTER = re.compile(r"[ \t]+(?:calls?|callers?|dispatch\w*|operators?|emergency)\b", re.I)
# Scores: a score before ("6-3, " ends the text looked at) or after (", 7-5") a hyphenated pair, or a tie-break
# after it ("7-6 (5)"). Two patterns: \A does not match at a later start position, so the "after" one is a plain match.
_SCORE_BEFORE = re.compile(r"\d{1,2}[-–]\d{1,2}(?:[ \t]*\(\d{1,2}\))?\s*,\s*\Z")
_TIEBREAK = re.compile(r"[ \t]*\(\d{1,2}\)")
_SCORE_AFTER = re.compile(r"\s*,\s*\d{1,2}[-–]\d{1,2}\b")
# A part of a period before "of" and a year: "in the first quarter of 2024", "by the end of 2023"
_PERIOD_PARTS = frozenset(
    str.split("quarter half end start beginning middle rest course spring summer autumn fall winter")
) | frozenset(m.lower() for m in MONTHS.split("|"))
_TIME_PREPOSITIONS = frozenset(str.split("until till since by before after in from through to during"))
_PREFIX_FIRST = frozenset(p.split()[0] for p in PREFIX)
_MONTH_WORDS = frozenset(MONTHS.split("|"))
_PUNCT_STRIP = "\"'“”‘’()[],;:"


# Opening punctuation glued to a qualifier's first word: "('more than 20')".
_OPENERS = "(\"“‘'[—–-"
# A determiner of addition right before the number (looked for in the left text, its blanks stripped).
_ANOTHER_END = re.compile(r"(?:(?<!\w)(?:an?[ \t]+)?(?:additional|further)|(?<!\w)(?:another|else))\Z", re.I)
_BLOCK_OF = re.compile(r" block of [A-Z]")
# A phone number's line: "Tel. hotline for protection referrals (toll-free): 1517"
_HOTLINE_BEFORE = re.compile(
    r"\b(?:hotline|helpline|tel\.?|telephone|phone\s+line|call\s+cent(?:re|er))\b[^\n.;]{0,50}\Z", re.I
)
_HOTLINE_HINTS = ("line", "tel", "call cent")  # a substring of every _HOTLINE_BEFORE match
# After "100 per cent": an attitude, so a manner of speaking rather than a share
_ATTITUDE_AFTER = re.compile(
    r"[\"'”’]?[ \t]+(?:committed|sure|certain|confident|convinced|behind|dedicated|focused|determined|ready|"
    r"right|correct|honest|serious)\b",
    re.I,
)
# A market index or an exchange rate before a number: its name's numeral, its level ("FTSE 100 8,214.33")
_FX = "USD|EUR|GBP|JPY|CHF|CNY|CAD|AUD|UAH|RUB|INR|TRY|ZAR|BRL|MXN|KRW|SEK|NOK|PLN"
_QUOTE_NAME = (
    r"\b(?:FTSE|S&P|Nikkei|DAX|CAC|Stoxx|STOXX|Russell|Hang[ \t]+Seng|Sensex|Nifty|ASX|KOSPI|TSX|IBEX|MIB|"
    r"Dow(?:[ \t]+Jones)?|Nasdaq|Brent|WTI|(?:" + _FX + r")/(?:" + _FX + r"))"
)
# Their words as the a-z runs of a sentence hold them (a currency's code stands for a currency pair): a sentence
# with none of them has no quote
_QUOTE_WORDS_B = frozenset(
    w.encode()
    for w in str.split(
        "ftse nikkei dax cac stoxx russell seng sensex nifty asx kospi tsx ibex mib dow nasdaq brent wti "
        "usd eur gbp jpy chf cny cad aud uah rub inr try zar brl mxn krw sek nok pln"
    )
)
_QUOTE_BEFORE = re.compile(_QUOTE_NAME + r"(?:[ \t]+\d+)?[ \t]*\Z")
_CONSENT_BEFORE = re.compile(r"\b(?:cookies?|consent|manage)\b", re.I)
_QUOTE_RUN = re.compile(r"(?:[ \t]*[▲▼↑↓△▽+\-−]?[ \t]*[\d][\d,.]*%?)*")
# A message's short code: "text HELP to 30300", "SMS 'FOOD' to 4040"
_TEXT_TO_BEFORE = re.compile(r"\b(?i:text|sms)[ \t]+[\"'“‘]?[A-Z]{2,}[\"'”’]?[ \t]+to[ \t]+\Z")
# A phone number after the verb of calling: "call the Red Crescent on 1010"
_CALL_BEFORE = re.compile(r"\b(?:call|calls|calling|dial|ring|phone|text|contact)\b[^.;\d]{0,40}\bon[ \t]+\Z", re.I)
# The age of the oldest or the youngest: "33 patients, the oldest of them 94"
_EXTREME_BEFORE = re.compile(
    r"\b(?:oldest|youngest)(?:[ \t]+(?:of[ \t]+them|of[ \t]+the[ \t]+\w+|victim|was|is|aged|just))*[ \t]*,?[ \t]*\Z",
    re.I,
)
# A photo gallery's counter before its caption: "3 / 14 Residents inspect ..."
_GALLERY_COUNT = re.compile(r"[ \t]*/[ \t]*\d+\b")
# An event a year names: "the 2010 earthquake", "the 2022 floods", "its 2024 appeal"
_EVENT_AFTER = re.compile(
    # (maybe past one word: "the 1918 influenza pandemic", "the 2010 Haiti earthquake")
    r"[ \t]+(?:[A-Za-z][a-z\-]+[ \t]+)?"
    r"(?:earthquake|quake|tsunami|floods?|flooding|cyclone|hurricane|typhoon|storm|wildfires?|war|invasion|"
    r"offensive|elections?|census|drought|famine|outbreak|epidemic|pandemic|crisis|coup|uprising|revolution|"
    r"massacre|genocide|ceasefire|truce|agreement|accord|appeal|response\s+plan|report|survey|season|"
    r"budget|figures?|total|toll|levels?)\b",
    re.I,
)
# A round number named as a milestone: "passed the one million mark"
_MARK_AFTER = re.compile(r"[\w,. $€£]{1,24}?[ \t]+(?:mark|milestone)\b", re.I)
# A currency written apart between a qualifier and its number: "some US$ 1.09 billion", "about EUR 40 million".
_SPACED_CURRENCY = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "eur": "EUR",
    "€": "EUR",
    "gbp": "GBP",
    "£": "GBP",
    "chf": "CHF",
    "uah": "UAH",
}


# The groups a label can start with ("children killed" → "children")
_GROUP_VALUES = {group: group for group in GROUP_NOUNS.values()}
# A period before a count ("this week 40 people died"), not an identifier ("week 12")
_PERIOD_WORDS = frozenset(("day", "week"))
# The words before a sum that name it ("requirements of $1.33bn", "a gap of $2.3 billion")
_MONEY_PHRASES = {
    "requirements of": "funding required",
    "requirement of": "funding required",
    "gap of": "funding gap",
    "shortfall of": "funding gap",
    "appeal for": "funding required",
    "appeals for": "funding required",
    "appealed for": "funding required",
}


_UP_ARROWS = "▲↑△⬆⇧"
_DOWN_ARROWS = "▼↓▽⬇⇩"
_ARROWS = frozenset(_UP_ARROWS + _DOWN_ARROWS)
_SIGNS = " \t+-−" + _UP_ARROWS + _DOWN_ARROWS  # what may stand between a bracket and a change's number


def _read_left(text: str, s: int, a: int, plain_small: bool) -> _Left:
    """Read the words touching a number on its left (qualifier, verb, identifier word, month, currency)."""
    r = _Left()
    lo = max(a, s - 48)
    lw = text[lo:s]
    if not lw:
        return r
    if lw[-4:].lower() == "the " and _MARK_AFTER.match(text, s) is not None:
        lw = lw[:-4]  # "passed the one million mark": the verb qualifies the number
        if not lw:
            return r
    arrow = lw[-1] if lw[-1] not in " \t" else lw.rstrip(" \t")[-1:]
    if arrow in ("§", "¶"):
        r.skip = True  # a section of a law or a text: "§ 1030"
        return r
    if arrow and arrow in _ARROWS and len(lw) - len(lw.rstrip(" \t")) <= 1:
        # a dashboard's change: "Killed 11,973 ▲ 53", "IDPs: 2,000,157 (↑ 3%)", "▼ 12"
        r.signed = True
        r.negative = arrow in _DOWN_ARROWS
        lw = lw.rstrip(" \t")[:-1]
        r.paren = lw[-1:] == "("
        if not lw:
            return r
    last = lw[-1]
    if not last.isspace():
        if last.isalpha():
            k = len(lw)
            while k > 0 and lw[k - 1].isalpha():
                k -= 1
            word = lw[k:].lower()
            if word in GLUED:
                r.qual = PREFIX.get(word)
                r.qstart = lo + k
                lw = lw[:k]
            elif word in _GLUED_CURRENCY and s < len(text) and text[s] in "$€£":
                lw = lw[:k]
            else:
                r.skip = True
                return r
        elif last == "-" and len(lw) > 1 and lw[-2].isalnum():
            r.skip = True  # model designation "Su-34", "COVID-19"
            return r
        elif last in "-−" and lw[:-1].rstrip(" \t")[-1:] in ("(", "|"):
            # "| -1,150" in a change column, "(-3,215 since last report)": a signed change, a fall (a dash after a
            # blank elsewhere is a list's bullet or a range's dash)
            r.signed = r.negative = True
            r.paren = lw[-2:-1] == "("
            lw = lw[:-1]
        elif last == "+" and not lw[-2:-1].isalnum():
            # a signed change ("(+3,215 since last report)"): phone numbers ("+380 44 …") were skipped before
            r.signed = True
            r.paren = lw[-2:-1] == "("
            lw = lw[:-1]
            if not lw:
                return r
        elif last in "./:#\\_@+=±":
            r.skip = True  # footnote ".1", ratio, time, "#5", a margin of error "±3.5%"
            return r
        elif last in "(":
            if FURNITURE_BEFORE.search(lw) is not None:
                r.skip = True  # "Comments (14)"
                return r
            r.paren = True
        elif last == "[":
            if lw[-2:-1].strip() and text[s : s + 4].lstrip("0123456789")[:1] == "]":
                r.skip = True  # a footnote mark glued to its word: "killed 249 people.[3]", "said[12]"
                return r
            r.paren = True  # "Deaths: 1,209 [1,183]": a bracket like "(1,183)"
        elif last == "<":
            r.qual = "less_than"
            r.qstart = s - 1
        elif last == ">":
            r.qual = "more_than"
            r.qstart = s - 1
        elif last == "~":
            r.qual = "approx"
            r.qstart = s - 1
    if lw[-1:] in (" ", "\t"):
        t = lw.rstrip(" \t")
        j = max(t.rfind(" "), t.rfind("\t"), t.rfind("\n")) + 1
        if j > 0 and (cu := _SPACED_CURRENCY.get(t[j:].lower())) is not None:
            r.unit = cu
            lw = lw[:j]
        elif t[-10:].lower().endswith(("another", "additional", "further", " else")) and (
            am := _ANOTHER_END.search(t)
        ):
            # "shot down another four missiles", "up to an additional 15 per cent", "injured else 11" (a wire's
            # translation): the verb or the qualifier is before the determiner
            lw = lw[: am.start()]
    words = lw.split()
    if not words:
        return r
    lwords = lw.lower().split()
    qk = 0
    if r.qual is None and lw[-1:].isspace():
        low = lwords[-3:]
        nlow = len(low)
        for k in (3, 2, 1):
            if nlow >= k:
                first = low[-k].lstrip(_OPENERS)
                if first not in _PREFIX_FIRST:
                    continue
                ph = " ".join([first, *low[nlow - k + 1 :]]) if k > 1 else first
                q = PREFIX.get(ph)
                if q is not None:
                    r.qual = q
                    qk = k
                    # locate the phrase start for as_written
                    p = len(lw)
                    for j in range(1, k + 1):
                        p = lw.rfind(words[-j], 0, p)
                    r.qstart = lo + p + (len(words[-k]) - len(words[-k].lstrip(_OPENERS)))
                    break
    rest = words[: len(words) - qk] if qk else words
    lrest = lwords[: len(lwords) - qk] if qk else lwords
    if not rest:
        return r
    raw = rest[-1]
    lword = lrest[-1]
    if qk == 0 and not lw[-1:].isspace() and r.qual is None and not r.paren:
        return r
    r.lword = lword.strip(_PUNCT_STRIP)
    if len(rest) > 1:
        r.lword2 = lrest[-2].strip(_PUNCT_STRIP) + " " + r.lword
    adjacent = raw[-1:].isalnum() or raw[-1:] in ".$"
    if (
        plain_small
        and r.qual is None
        # (a month after a hyphen too: "in mid-April 2023", "by late-March 12")
        and any(w.strip(".,;").rpartition("-")[2] in _MONTH_WORDS for w in rest[-5:])
        and (mb := MONTH_BEFORE.search(text, max(a, s - 32), s)) is not None
        and not _count_after_date(text, mb.group(), s)
    ):
        r.skip = True
        return r
    if not adjacent:
        return r
    if r.qual is None and lword == "top" and len(lrest) > 1 and _is_plural_subject(lrest[-2]):
        r.qual = "more_than"  # a headline's verb: "Cholera cases top 10,000" (not "the top 10")
        r.qstart = lo + lw.rfind(raw)
        return r
    ident = (
        r.qual is None
        and (
            lword in ID_WORDS
            or lword.rstrip(".") in ID_WORDS
            or r.lword in ID_WORDS  # "(round 16)"
            or raw.strip(_PUNCT_STRIP) in ID_WORDS_CASED
            or r.lword2 in ID_PHRASES
        )
        and not (r.lword in _PERIOD_WORDS and r.lword2.partition(" ")[0] in PERIOD_DETERMINERS)
    )
    if ident or r.lword2 in MAGNITUDE_PHRASES:
        # ("this week 40 people died", "each day 300 trucks": a period, then the count; "day 12" names a day)
        r.skip = True
        r.ident = True
        return r
    if (
        r.qual in ("less_than", "more_than")
        and qk == 1
        and words[-1].lower() in _AGE_QUALS
        and (
            r.lword in _AGE_NOUNS
            or r.lword in ("aged", "age")
            # "seven people died, most of them over 65": people of an age (an age has at most three digits)
            or (r.lword in _AGE_PEOPLE and (dm := _LEADING_DIGITS.match(text, s)) is not None and len(dm.group()) <= 3)
        )
    ):
        r.age = True
    elif r.qual is not None and qk and r.lword in _AGE_WORDS:
        r.age = True  # "a boy aged around 12"
    elif r.lword in ("and", "to") and _AGE_SPAN_BEFORE.search(lw) is not None:
        r.age = True  # "aged between four and 12": the second age of the span
    elif (
        r.qual is None
        and r.lword in ("turned", "turns", "turning")
        and (dm := _LEADING_DIGITS.match(text, s)) is not None
        and len(dm.group()) <= 3
        and (
            (nw := _NEXT_WORD.match(text, dm.end())) is None
            or nw.group(1) in ("on", "in", "at", "last", "this", "earlier", "and", "but", "when", "before", "after")
        )
    ):
        r.age = True  # "the King, who turned 76 on 14 November" (not "turned 300 people away")
    elif (
        r.qual is None
        and r.lword == "of"
        and r.lword2[:-3] in _AGE_OF_NOUNS
        and not text[s : s + 4].replace(",", "").isdigit()  # (at most three digits: "a boy of seven", "a mother of 3")
    ):
        r.age = True
    if r.lword in _CURRENCY_WORDS and not r.qual:
        r.unit = _CURRENCY_WORDS[r.lword]
    r.lverb = LEFT_VERBS.get(r.lword) or LEFT_PHRASES.get(r.lword2)
    if (
        r.lverb in ("damaged", "destroyed")
        and len(lrest) > 2
        and lrest[-2] == "or"
        and {r.lverb, LEFT_VERBS.get(lrest[-3])} == {"damaged", "destroyed"}
    ):
        r.lverb = "damaged or destroyed"  # "destroyed or damaged 21,300 houses": the tally of both
    if r.lverb is None and (r.lword in _POSSESSIVES or r.lword in _VERB_THROUGH) and len(lrest) > 1:
        # "killed his two young sons", "killing all 298 people on board", "killed between 40 and 60 people"
        r.lverb = LEFT_VERBS.get(lrest[-2].strip(_PUNCT_STRIP))
    r.money = MONEY_VERBS.get(r.lword) or _MONEY_PHRASES.get(r.lword2)
    r.determiner = r.lword in _DETERMINERS and r.qual is None
    r.with_ = r.lword == "with"
    return r


# People named before ages in brackets: "named locally as Ahmad (9)", "identified as ...".
_NAMED_CUE = re.compile(r"\b(?:named|identified|names)\b", re.I)
_NAME_BEFORE_BRACKET = re.compile(r"[A-Z][a-z'’\-]+[ \t]*\(\Z")


def _named_age(text: str, a: int, s: int) -> bool:
    """Whether a one- or two-digit number in brackets right after a capitalised word is a person's age: only when
    the sentence names people before it ("Kharkiv (9)" is a place with its count)."""
    if _NAME_BEFORE_BRACKET.search(text, max(a, s - 30), s) is None:
        return False
    return _NAMED_CUE.search(text, a, s) is not None


def _is_plural_subject(word: str) -> bool:
    """Whether a lower-cased word before "top" reads as the plural subject of the verb ("cases", "deaths")."""
    w = word.strip(_PUNCT_STRIP)
    return len(w) > 3 and looks_plural(w)


_FULL_DATE_END = re.compile(
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:{MONTHS})\.?|\b(?:{MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?)[ \t]+\Z"
)
_WORD_NEXT = re.compile(r"[ \t]+[A-Za-z]")


def _is_compact_date(dig: str) -> bool:
    """Whether eight digits read as a year, a month and a day ("20240611")."""
    return is_year_like(dig[:4]) and "01" <= dig[4:6] <= "12" and "01" <= dig[6:8] <= "31"


_DAY_COMMA = re.compile(r"\d(?:st|nd|rd|th)?\s*,\s*\Z")
_LEADING_DIGITS = re.compile(r"\d+")
_DATE_LIST_AFTER = re.compile(r"\s*(?:,\s*(?:and\b|or\b)?|and\b|or\b|to\b|-|–)\s*\d|\s*(?:st|nd|rd|th)\b")


def _count_after_date(text: str, before: str, s: int) -> bool:
    """Whether the number at ``s`` after a month (``before``, a MONTH_BEFORE match) is a count ("On March 3, 100
    people died", "in March 40 people died"), not the year ("March 3, 2022"), the day ("March 3") or the next day
    of a list ("March 3, 4 and 5")."""
    dm = _LEADING_DIGITS.match(text, s)
    if dm is None or is_year_like(dm.group()):
        return False
    if _DAY_COMMA.search(before) is not None:
        return int(dm.group()) > 31 or _DATE_LIST_AFTER.match(text, dm.end()) is None
    if _FULL_DATE_END.search(before) is not None:
        # "On 3 March 12 civilians were killed", "On March 3 100 people died": the date is whole, so a number with
        # a word after it is a count
        return _DATE_LIST_AFTER.match(text, dm.end()) is None and _WORD_NEXT.match(text, dm.end()) is not None
    # right after the month ("in March 40 people died"): no day is above 31, and a number above 31 before it was no
    # day either ("in January and December 128 and 119 people died")
    return int(dm.group()) > 31 and all(int(d) > 31 for d in _LEADING_DIGITS.findall(before))


# --------------------------------------------------------------------------------------------- candidates
def _digit_candidates(text: str, a: int, b: int, digits: bytes | None = None, quotes: bool = True) -> list[_C]:
    """Digit-based candidates of the sentence ``text[a:b]``.

    ``digits`` (see :func:`_digit_marks`) marks _SCAN's characters with "#": the next one is then found with
    bytes.find (a regex search scans character by character to the next digit, often to the sentence end).
    """
    out: list[_C] = []
    n = len(text)
    pos = a
    search = _SCAN.search
    nmatch = _NUM.match
    while True:
        if digits is None:
            m = search(text, pos, b)
            p = -1 if m is None else m.start()
        else:
            p = digits.find(b"#", pos, b)
        if p < 0:
            break
        nm = nmatch(text, p)
        if nm is None:
            pos = p + 1
            continue
        s, e = nm.span()
        pos = e
        if s > 0 and text[s - 1].isdigit():
            continue  # the tail of a number that a rule before cut short ("Kh-59/69")
        if text[e : e + 1] == "." and text[e + 1 : e + 2].isdigit() and "." in nm.group("dig"):
            pos = _DOTTED_RUN.match(text, e).end()
            continue  # a dotted date or version: "17.06.2024", "1.2.3"
        if (
            s > 0
            and text[s - 1] == "+"
            and (ph := _PHONE.match(text, s - 1)) is not None
            and (
                any(ch.isdigit() for ch in text[nm.end("dig") : ph.end()])  # more digit groups: a phone number
                or s < 2
                or text[s - 2].isalnum()
                or (
                    "," not in nm.group("dig")
                    and not nm.group("pct")
                    and text[s - 2] != "("
                    and text[max(0, s - 4) : s - 1].rstrip(" \t")[-1:] != "|"  # a change column: "| 1,204 | +37"
                    and _WORD_NEXT.match(text, e) is None  # "+64 since last report" is a change
                )
            )
        ):
            # "+44 20 7946 0958", "+7" (but "+3,215 since last report" and "+2%" are changes: see _read_left)
            pos = ph.end()
            continue
        cur, dig, sc, pct = nm.group("cur", "dig", "sc", "pct")
        if pct is not None and dig in ("100", "110", "1000", "1,000") and _ATTITUDE_AFTER.match(text, e):
            continue  # "we are 100 per cent committed", '"110 per cent" behind the team': a manner of speaking
        de = nm.end("dig")
        if de < n and text[de].isalpha() and not sc and _GLUED_COUNT.match(text, de) is None:
            # glued letters: ordinals ("14th"), codes ("5G"), times ("4am"); not a lost blank ("at least 27people")
            pos = max(pos, de + 1)
            continue
        if pct is None and sc is None and cur is None:
            if len(dig) in (4, 5) and dig[-3] == "." and _day_or_clock(text, a, s, e, dig):
                continue  # "on 3.11 at 17:40", "at 18.30", "29.12 | 122": a date or a clock time
            if len(dig) == 6 and dig[4] == "." and is_year_like(dig[:4]):
                continue  # "in April 2023.3": a year and a footnote marker (no count has one decimal after 1800)
            if len(dig) == 8 and _is_compact_date(dig) and _WORD_NEXT.match(text, e) is None:
                continue  # "build 20240611", "report_20231105": a date without separators (a count that big has them)
            if len(dig) <= 2 and (mm := DAY_BEFORE_MONTH.match(text, e)) is not None:
                pos = mm.end()
                continue
            nw = _NEXT_TOKEN.match(text, e)
            if (
                nw is not None
                and not (text.startswith(" times", e) and _attacks_counted(text, a, s, e))
                and (nw.group(1) is None or nw.group(1).lower() in _AFTER_TRIGGERS)
                and (mm := _PLAIN_AFTER.match(text, e)) is not None
                # ("(3386 day before)" in a translated digest: the value of the day before, not a duration)
                and not (text[s - 1 : s] == "(" and text.startswith(" day before", e) and dig != "1")
            ):
                pos = max(pos, mm.end())
                continue
        elif sc == "m" and cur is None and not ("." in dig and _PEOPLE_AFTER.match(text, e)):
            continue  # "130m": metres (but "1.45m people": millions)
        elif sc in ("K", "k") and cur is None and pct is None and FURNITURE_AFTER.match(text, e) is not None:
            continue  # "1.4K comments", "2.3k shares": page furniture
        elif (
            sc
            and cur is None
            and pct is None
            and (MEASURE_AFTER.match(text, e) is not None or DURATION_AFTER.match(text, e) is not None)
        ):
            continue  # "roughly 590 million kilometres", "66 million years old": a distance, a time, not a count
        elif (
            cur is None
            and pct is None
            and is_year_like(dig)
            and MONTH_BEFORE.search(text, max(a, s - 16), s) is not None
        ):
            pos = max(pos, de)
            continue  # "May 2022 MILLION …" where a lost number left the year before a scale word: a date
        # the regexes after the number run only when the next character can start their match (a call costs more
        # than the test): "-" for an attribute; ".", "/", "-", ":" or a blank before a digit for a code
        if pct is None and text[e : e + 1] == "-" and ATTRIBUTE_AFTER.match(text, e) is not None:
            continue
        if pct and text[e : e + 1] == " " and _SETTING_AFTER.match(text, e) is not None:
            continue  # "a 95% confidence level", "the 15% emergency threshold": a definition's value
        nx = text[de : de + 1]
        if (
            nx
            and (nx in ".-/:" or (nx.isspace() and text[de + 1 : de + 2].isdigit()))
            and (mm := CODE_AFTER.match(text, de)) is not None
        ):
            pos = max(pos, mm.end())
            continue
        if (
            de < n
            and text[de] in ".)"
            and de + 1 < n
            and text[de + 1] in " \t"
            and len(dig) <= 2
            and not text[a:s].strip(" \t•-–*")
        ):
            continue  # a numbered list item: "2. Never urged ..."
        if pct is None and sc is None and cur is None and "," not in dig and "." not in dig:
            if (
                len(dig) <= 3
                and text[de : de + 1] == ","
                and text[s - 2 : s] == ", "
                and (
                    _APPOSITIVE_AGE.search(text, max(a, s - 40), s - 2) is not None
                    or _SPEAKS_AFTER.match(text, de + 1) is not None
                )
            ):
                continue  # an age in apposition: "Webb, 51, was convicted", "the charity's manager, 49, said"
            if (
                nx in (" ", "\t")
                and (text[de + 1 : de + 2] in (" ", "\t") or text[de + 1 : de + 2].isupper())
                and _ADDRESS_AFTER.match(text, de) is not None
            ):
                continue  # a street address: "1119 Eighth St", "3170 W Main"
            if text.startswith((" U.S.C.", " USC ", " CFR ", " C.F.R."), de):
                continue  # a title of a code of laws: "18 U.S.C. § 1030"
            if (
                dig in ("911", "999", "112")
                and (
                    _EMERGENCY_AFTER.match(text, de) is not None
                    or text[max(a, s - 8) : s].rstrip().lower().endswith(("call", "called", "dial", "dialed",
                                                                         "dialled"))
                )
            ) or (nx == " " and text[de + 1 : de + 2] in "nNhH" and _LINE_AFTER.match(text, de) is not None):
                continue  # an emergency phone number; a line named by its number: "the 988 number", "1545 hotline"
        if text.startswith((" partners", " vendors"), e) and _CONSENT_BEFORE.search(text, max(0, s - 200), s):
            continue  # a consent banner: "We use cookies ... Accept all   Manage 12 partners"
        if quotes and _QUOTE_BEFORE.search(text, max(a, s - 24), s) is not None:
            # a market quote: "FTSE 100 8,214.33 ▲0.4%", "GBP/USD 1.2741" (the index's name, its level and its
            # change)
            pos = max(pos, _QUOTE_RUN.match(text, e).end())
            continue
        plain_small = pct is None and sc is None and cur is None and "," not in dig and len(dig) <= 5
        left = _read_left(text, s, a, plain_small)
        if (left.skip or left.age) and not (
            left.ident and text.startswith(" times", e) and _attacks_counted(text, a, s, e)
        ):  # (an identifier's word then names the place attacked: "shelled the district 73 times")
            if (left.lword in _AGE_WORDS or left.lword2 in ID_PHRASES) and (al := _AGE_LIST.match(text, e)):
                pos = al.end()  # "aged 14, 17 and 17", "aged between 19 and 64": every number of the list is an age
            elif left.ident and (al := _ID_GROUPS.match(text, e) or _ID_RANGE.match(text, e)) is not None:
                pos = al.end()  # "pages 14–21", "the hotline on 0 800 307 711": the rest is the identifier's
            continue
        if plain_small and left.qual is None and "." not in dig and _names_number(text, a, s, e):
            continue
        if (
            left.lword == "to"
            and plain_small
            and _WORD_NEXT.match(text, e) is None
            and (fm := _FROM_UNIT_TO_BEFORE.search(text, max(a, s - 48), s)) is not None
            and (DURATION_AFTER.match(text, fm.end(1)) or MEASURE_AFTER.match(text, fm.end(1)))
        ):
            continue  # "the wait fell from 41 weeks to 33": the bare second number has the first one's unit
        if text[e : e + 6] == " times" and _BY_BEFORE.search(text, max(a, s - 24), s) is not None:
            continue  # "grew by 3 times": a multiplier
        if plain_small and text[e : e + 7] == " block " and _BLOCK_OF.match(text, e) is not None:
            continue  # "the 1400 block of Elm Street": an address
        if plain_small and _SOURCES_RULE_AFTER.match(text, e) is not None:
            continue  # "at least 2 independent sources": a rule of the method, not a count
        if text.startswith((" or ", " and "), e) and _THRESHOLD_AFTER.match(text, e) is not None:
            continue  # "a prevalence of 15% or above is critical": a threshold that defines a class, not a figure
        if (
            plain_small
            and "," not in dig
            and _WORD_NEXT.match(text, e) is None
            and contains_any(text[max(a, s - 60) : s].lower(), _HOTLINE_HINTS)  # (what the regex needs: test first)
            and _HOTLINE_BEFORE.search(text, max(a, s - 60), s) is not None
        ):
            continue  # "Tel. hotline for protection referrals (toll-free): 1517 — open 24/7": a phone number
        if "." in dig and not sc and _PEOPLE_AFTER.match(text, e) is not None:
            continue  # "the average household size is 3.2 people": an average, no count
        if left.lword == "on" and _CALL_BEFORE.search(text, max(a, s - 48), s) is not None:
            if (al := _ID_GROUPS.match(text, e)) is not None:
                pos = al.end()  # the rest of the number: "dial the free line on 0 800 505 123"
            continue  # "call the Red Crescent on 1010": a phone number
        if (
            left.lword == "to"
            and plain_small
            and "," not in dig
            and _TEXT_TO_BEFORE.search(text, max(a, s - 30), s) is not None
        ):
            continue  # "text HELP to 30300": a short code (not "text messages reached 30,000 people")
        if (
            plain_small
            and len(dig) <= 3
            and "est" in text[max(a, s - 32) : s].lower()  # ("oldest", "youngest": test first)
            and _EXTREME_BEFORE.search(text, max(a, s - 32), s) is not None
        ):
            continue  # "33 patients, the oldest of them 94": an age
        if s == a and plain_small and (gm := _GALLERY_COUNT.match(text, e)) is not None:
            pos = gm.end()
            continue  # "3 / 14 Residents inspect ...": a photo gallery's counter before its caption
        if left.paren and len(dig) <= 2 and text[e : e + 1] == ")" and _named_age(text, a, s):
            continue  # "named as Ahmad (9) and Mariam (6)": ages after the names of people
        if dig[0] == "0" and (ph := _SPACED_PHONE.match(text, s)) is not None:
            pos = ph.end()  # "0 800 307 711"
            continue
        if dig[0] == "0" and dig[1:2].isdigit():
            continue  # a leading zero writes a code or a line's number, not a count: "call 0147 or 0800"
        value = parse_digits(dig) * scale_of(sc)
        unit: str | None = None
        if pct:
            unit = "%"
        elif cur:
            unit = CURRENCY_SYMBOLS.get(cur)
        elif left.unit:
            unit = left.unit
        if (
            plain_small
            and dig.isdigit()
            and text[e : e + 4] in (" in ", " out")
            and (rm := _DIGIT_RATIO.match(text, e)) is not None
            and len(dig) == 1
            and 0 < int(dig) < int(rm.group(1)) <= 100
            and not _is_date_or_duration_after(text, rm.end())
            and MEASURE_AFTER.match(text, rm.end()) is None
        ):
            # "2 in 3 households", "more than 1 in 4 children": a share, as "one in three" is
            c = _C(s, rm.end(), round(100.0 * int(dig) / int(rm.group(1)), 1), "frac")
            c.unit = "%"
            _apply_left(c, left)
            c.aw_e = c.e
            pos = c.e
            out.append(c)
            continue
        c = _C(s, e, round_value(-value if left.negative else value), "num")
        if left.signed:
            c.role = "delta"
        c.year_like = plain_small and is_year_like(dig)
        if c.year_like and left.qual is None and _EVENT_AFTER.match(text, e) is not None:
            continue  # "the 2010 earthquake killed ...": the year names the event
        if c.year_like and left.qual is None and _NUMBER_NEXT.match(text, e) is not None:
            continue  # "In 2023 1,214 migrants died": the year, then the count
        if c.year_like and left.qual and left.qstart > a:
            before = text[max(a, left.qstart - 12) : left.qstart].split()
            if before and before[-1].lower() in _TIME_PREPOSITIONS:
                continue  # "until at least 2021"
        _apply_left(c, left)
        # ranges: "8,194–13,249", "10 to 15", "between 10 and 15", "at least 13 and as many as 46"
        r2 = None
        # _RANGE_SEP needs a dash or "to" after at most some blanks
        nx = text[e : e + 1]
        if nx and (nx in "-–—t" or (nx in " \t" and text[e + 1 : e + 2] in ("-", "–", "—", "t", "o", " ", "\t"))):
            rm = _RANGE_SEP.match(text, e)
        else:
            rm = None
        if rm is not None:
            sep = rm.group("sep")
            r2 = nmatch(text, rm.end())
            if r2 is not None:
                if sep == "-" and r2.group("dig").startswith("0"):
                    pos = r2.end()
                    continue  # phone-like "555-0100"
                if c.year_like and is_year_like(r2.group("dig")):
                    pos = r2.end()
                    continue  # "2014-2022"
                if sep in ("-", "–") and len(dig) <= 2 and len(r2.group("dig")) <= 2:
                    # a tie-break follows only a 7-6 set
                    tb = _TIEBREAK.match(text, r2.end(), b) if {dig, r2.group("dig")} == {"6", "7"} else None
                    if (
                        tb is not None
                        or _SCORE_BEFORE.search(text, max(a, s - 16), s) is not None
                        or _SCORE_AFTER.match(text, r2.end(), b) is not None
                    ):
                        pos = r2.end() if tb is None else tb.end()
                        continue  # scores: "6-3, 3-6, 7-5", "7-6 (5)"
                if (
                    sep in ("-", "–")
                    and parse_digits(r2.group("dig")) * scale_of(r2.group("sc")) <= value
                    and not r2.group("sc")
                ):
                    pos = r2.end()
                    continue  # a code such as "787-9", not a range
                if sep == "-" and rm.end() == e + 1 and (
                    _names_number(text, a, s, r2.end()) or _ARTICLE_NAME_BEFORE.search(text, max(a, s - 30), s)
                ):
                    pos = r2.end()
                    continue  # a model after its maker's name: "Boeing 737-800", "its Dash 8-300 twice weekly",
                    # "a Boeing 737-800," (a range after a place has no article: "Donetsk 12-15, Luhansk 4-6")
                if sep == "to" and (
                    parse_digits(r2.group("dig")) * scale_of(r2.group("sc")) < value  # "$4.7m to 19 local groups"
                    or (left.lword == "from" and not _from_range(text, a, s, value, r2))
                    or left.lword in ("by", "up")
                    or (left.qual not in (None, "approx"))
                    or (bool(pct) and not r2.group("pct"))
                    or (c.year_like and left.lword in ("in", "since", "of"))
                ):
                    r2 = None  # "from 8,000 to 1,500": a revision; "by 20% to 15,537": a delta and a value
                    # (and a year, then where a count went: "since the programme began in 2019 to 40,000")
                    # ("40 to 80 percent" is a range of shares: the unit is written once, after both)
                elif sep in ("-", "–", "—") and _is_date_or_duration_after(text, r2.end()):
                    pos = r2.end()
                    continue
                elif sep == "—":
                    r2 = None
                elif sep == "or" and not (
                    value < parse_digits(r2.group("dig")) * scale_of(r2.group("sc")) <= 10 * value
                    and r2.group("dig")[0] != "0"
                    and bool(pct) == bool(r2.group("pct"))
                ):
                    r2 = None  # "30 or 40 people" is a range; "1 or more", "0147 or 0800" are not
        elif (left.lword == "between" and (am := _AND_NUM.match(text, e)) is not None) or (
            left.qual == "at_least" and (am := _TWO_BOUNDS.match(text, e)) is not None
        ):
            r2 = nmatch(text, am.end())
            if r2 is not None and c.year_like and is_year_like(r2.group("dig")):
                pos = r2.end()
                continue  # "between 2010 and 2015"
        if r2 is not None and (
            TIME_AFTER.match(text, r2.end()) is not None or MEASURE_AFTER.match(text, r2.end()) is not None
        ):
            pos = r2.end()
            continue  # "between 2 and 4 a.m.", "150–200 mm possible": a span of time or a measure, both ends
        if r2 is not None and not _is_date_or_duration_after(text, r2.end()):
            v2 = parse_digits(r2.group("dig")) * scale_of(r2.group("sc"))
            if not sc and r2.group("sc") and parse_digits(dig) * scale_of(r2.group("sc")) <= v2:
                value = parse_digits(dig) * scale_of(r2.group("sc"))
            if r2.group("pct"):
                unit = "%"
            elif r2.group("cur") and not unit:
                unit = CURRENCY_SYMBOLS.get(r2.group("cur"))
            c.kind = "range"
            c.value = None
            c.low = round_value(min(value, v2))
            c.high = round_value(max(value, v2))
            c.e = r2.end()
            c.year_like = False
            if left.lword == "between" and left.lword:
                c.aw_s = (
                    min(c.aw_s, text.rfind("between", max(0, s - 12), s))
                    if "between" in text[max(0, s - 12) : s]
                    else c.aw_s
                )
            pos = c.e
        c.unit = unit
        end = c.e
        if unit is None:
            # a unit written after the number ("85 tons", "20 euros") counts only when none was found yet; the
            # tons and currency words never overlap, so one match tells which (if any) follows
            um = _UNIT_AFTER.match(text, end)
            if um is not None and (pp := um.group("pp")) is not None and pp[0] in "pP":
                # bare "points": a rate's change beside a percentage, else a game's score ("41 points from 22
                # games"); an index's points ("the Dow fell 102.2 points, or 0.36%") are no unit
                if not _PERCENT_IN.search(text, a, b):
                    continue
                if _INDEX_POINTS.match(text, um.end()):
                    um = None
            if um is not None:
                if um.group("t") is not None:
                    c.unit = "t"
                elif (q := um.group("q")) is not None:
                    c.unit = _quantity_unit(q)
                elif um.group("pp") is not None:
                    c.unit = PP  # "up 19 percentage points", "9 points higher": the change of a rate, in its unit
                elif um.group("ct") is not None:
                    # "87 cents a share", "12 cents lower": a sum in the sentence's currency, in its whole units
                    c.unit = "EUR" if "euro" in text[a:b].lower() or "€" in text[a:b] else "USD"
                    c.value = None if c.value is None else round_value(c.value / 100)
                    c.low = None if c.low is None else round_value(c.low / 100)
                    c.high = None if c.high is None else round_value(c.high / 100)
                else:
                    cw = um.group("c").lower()
                    c.unit = CURRENCY_SYMBOLS.get(cw.replace("  ", " "), "USD")
                    if cw in ("euro", "euros"):
                        c.unit = "EUR"
                end = um.end()
        c.aw_e = end
        out.append(c)
    return out


# Before a day.month or hour.minute written with a dot: the words that make it one; after it, anything but a
# counted word ("3.25 points").
_WHEN_BEFORE = re.compile(r"(?<![\w])(?:on|at|since|from|until|till|before|after|as[ \t]+of)[ \t]+\Z", re.I)
_NO_WORD_AFTER = re.compile(r"[ \t]*+(?![a-z])|[ \t]+(?:at|on|in|and|or|local|hrs|hours|when|the|a|an)\b")


def _day_or_clock(text: str, a: int, s: int, e: int, dig: str) -> bool:
    """Whether "3.11" / "18.30" at ``text[s:e]`` is a date (day.month) or a clock time rather than a decimal.

    Counts are whole numbers, so a bare decimal with two places is read as a date or time when the words before
    it say when ("on", "at", "since", a table row's first cell) and no counted word follows.
    """
    first, _, second = dig.partition(".")
    d, m = int(first), int(second)
    if not ((1 <= d <= 31 and 1 <= m <= 12) or (d <= 23 and m <= 59)):
        return False
    line_start = max(a, text.rfind("\n", a, s) + 1)
    if not text[line_start:s].strip(" \t"):
        return text[e : e + 3].lstrip(" ")[:1] in ("|", "\t")  # the first cell of a table row
    when = _WHEN_BEFORE.search(text[max(line_start, s - 12) : s]) is not None
    return when and _NO_WORD_AFTER.match(text, e) is not None


_WORD_RANGE_SEP = re.compile(r"[ \t]*(?:-|–|[ \t]to[ \t]|[ \t]or[ \t])[ \t]*")
# "Both pilots were killed", "both bridges have been destroyed": two, counted by the outcome after their noun.
_BOTH_PASSIVE_AFTER = re.compile(
    r"[ \t]+(?:of[ \t]+them[ \t]+|[a-z0-9’'\-]+[ \t]+){0,4}?(?:were|have[ \t]+been|had[ \t]+been)[ \t]+"
    r"(?:[a-z]+[ \t]+)?(?:killed|injured|wounded|destroyed|damaged|downed|intercepted|shot[ \t]+down)(?![a-z])"
)
# "downed 31 of the 38 drones and both cruise missiles": two, in a list of counts after the outcome's verb.
_BOTH_LISTED_BEFORE = re.compile(
    r"\b(?:killed|injured|wounded|destroyed|damaged|downed|intercepted|shot[ \t]+down)[ \t]+[^.;:]{0,80}?\d"
    r"[^.;:]{0,60}[ \t]and[ \t]+\Z"
)


def _both_counted(low: str, a: int, s: int, e: int) -> bool:
    """Whether "both" at ``low[s:e]`` counts two: an outcome follows its noun, or it ends a list of counts of
    aircraft or missiles after the outcome's verb."""
    if _BOTH_PASSIVE_AFTER.match(low, e) is not None:
        return True
    if _BOTH_LISTED_BEFORE.search(low, max(a, s - 160), s) is None:
        return False
    return any(w.rstrip(",.;:)") in AERIAL_NOUNS for w in low[e : e + 60].split()[:4])


# An article and a capitalised name right before a number: "a Boeing 737-800", "the Airbus 320-200".
_ARTICLE_NAME_BEFORE = re.compile(r"\b(?:a|an|the|its|their)[ \t]+[A-Z][a-z]+[ \t]\Z")
# "shelled the region 58 times", "has been hit four times since October", "firing about 130 times": a count of
# attacks when an attack verb governs the number (not "three times higher", "three times the average", "twice a day").
_TIMES_COUNT_AFTER = re.compile(
    r"[ \t]+times(?![a-z])(?![ \t]+(?:higher|lower|more|less|larger|smaller|as|greater|bigger|than|the|a|an|per|"
    r"every|each|that|what|its|their|his|her|our|this|[a-z]+(?:'s|’s))(?![a-z]))",
    re.I,
)
_ATTACK_BEFORE = re.compile(
    r"\b(?:(?P<shell>shell(?:ed|ing)|fir(?:ed|ing))|attack(?:ed|ing)?|struck|hit|bomb(?:ed|ing)|target(?:ed|ing)|"
    r"strik(?:es?|ing))(?:[ \t]+[a-z’'\-]+){0,3}[ \t]+\Z",
    re.I,
)


def _attacks_counted(text: str, a: int, s: int, e: int) -> str | None:
    """The noun a number of times counts ("attacks", "shelling attacks") when an attack verb before it governs
    it; None otherwise (``text[s:e]`` is the number, ``a`` its sentence's start; the text may be lower-cased or
    not)."""
    if text[e : e + 6].lower() != " times" or _TIMES_COUNT_AFTER.match(text, e) is None:
        return None
    m = _ATTACK_BEFORE.search(text, max(a, s - 50), s)
    if m is None:
        return None
    return "shelling attacks" if m.group("shell") else "attacks"


# "by" before a number of times, through a qualifier: "by more than three times", "by 2 times".
_BY_BEFORE = re.compile(r"\bby[ \t]+(?:[a-z]+[ \t]+){0,3}\Z")
_WORD_AND = re.compile(r"[ \t]+and[ \t]+")  # "between three and seven members"
_SMALL_DIGITS = re.compile(r"\d{1,4}(?![\d,.:/%]|[ \t]*(?:per|percent|million|billion)\b)")
# After a fraction: what makes it a share of something ("a third of", "half the", "a quarter were").
_SHARE_NEXT = (" of", " the", " were", " was", " are", " is", " have", " has", " had")
_ENDS_CLAUSE = re.compile(r"[ \t]*(?:[.,;:)]|\Z)")
# A change's size goes on with its period or comparison: "fell by a third year on year", "by a quarter since May".
_CHANGE_GOES_ON = re.compile(
    r"[ \t]+(?:year[ \t-]on[ \t-]year|since|in|over|from|compared|on|last|this|to|and|but|while|after|between|"
    r"during|against|versus|as)(?![a-z])"
)
# A share of the whole just named: "of which nearly a quarter went to China", "of them a third".
_OF_WHICH_BEFORE = re.compile(r"\bof[ \t]+(?:which|whom|them|these|those),?[ \t]+(?:[a-z]+[ \t]+){0,2}\Z")
# "while a third said ...": the other part of a split whose first part was a share.
_CONTRAST = frozenset(str.split("while whereas but and"))
_SHARE_BEFORE = re.compile(
    r"%|\bper[ \t]?cent\b|\b(?:half|thirds?|quarters?|fifths?)\b|\b(?:one|two|three|four|five|six|seven|eight|nine)"
    r"[ \t]+(?:in|out[ \t]+of)[ \t]"
)
# A fraction of a period is no share of anything counted: "the first half of the year", "of November".
_OF_PERIOD = re.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+|this[ \t]+|last[ \t]+|that[ \t]+|a[ \t]+)?"
    rf"(?:year|month|week|day|decade|century|period|season|quarter|term|night|morning|(?:19|20)\d\d|{MONTHS.lower()})\b"
)
# A list's next item owned by the one before: "a woman and her two daughters"
_AND_THEIR = frozenset(f"{c} {p}" for c in ("and", "or") for p in ("his", "her", "their"))
# An earlier value written in words after its determiner: "up from the seven reported on Sunday"
_EARLIER_THE = ("up from the ", "down from the ", "compared with the ", "compared to the ")
# ... or the words after it say it was given before: "down to six from the nine given at an earlier briefing"
_REVISED_FROM_THE = re.compile(r"\bto[ \t]+[\w,.]+[ \t]+from[ \t]+the[ \t]+\Z")
_GIVEN_BEFORE = re.compile(r"[ \t]+(?:given|reported|announced|cited)[ \t]+(?:earlier|previously|before|at|on|by|in)\b")
_OF_A_SCALE = re.compile(r"[ \t]+of[ \t]+an?[ \t]+(thousand|million|billion)(?![a-z])")
_DIGIT_RATIO = re.compile(r" (?:in|out of)(?: every)? (\d{1,3})(?![\d,.%:/])")
_DOTTED_RUN = re.compile(r"(?:\.\d+)+")
_AGE_WORDS = frozenset(("aged", "age", "ages"))
_PEOPLE_AFTER = re.compile(r"[ \t]+(?:people|persons|residents|civilians|children|refugees|IDPs|returnees)\b")
_SETTING_AFTER = re.compile(r" (?:confidence\b|(?:[a-z]+ )?threshold\b)")
# A counted word glued to its number where a blank was lost in extraction: "at least 27people".
_GLUED_COUNT = re.compile(
    r"(?:people|persons|civilians|children|women|men|girls|boys|killed|dead|deaths|injured|wounded|casualties|"
    r"refugees|houses|homes)\b"
)
_ID_GROUPS = re.compile(r"(?:[ \-]\d{2,4}){2,}(?![\d,.]?\d)")
_ID_RANGE = re.compile(r"[ \t]*(?:-|–|to|and|of)[ \t]*\d+(?:\.\d+)?(?![\d,.]?\d)")
_AGE_LIST = re.compile(r"(?:[ \t]*(?:,|and|or|to|-|–)[ \t]*\d{1,3}(?![\d,.]?\d))+")
# A phone number written in blank-separated groups after a leading zero: "0 800 307 711", "0 44 123 45 67".
_SPACED_PHONE = re.compile(r"0\d{0,4}(?:[ \-]\d{2,4}){2,}(?!\d)")
_NUMBER_WORD_NAMES = frozenset((*UNIT_WORDS, *TENS_WORDS))
# Capitalised words before a number that still read as ordinary words (sentence openers after a quote or a colon,
# prepositions, qualifiers, verbs), not as a name the number belongs to.
_NOT_NAMES = frozenset(
    str.split(
        "on in at by from between another some of to and since until with the only just all these those for after "
        "before over under about around nearly almost more than least up as its their his her our a an total "
        "monday tuesday wednesday thursday friday saturday sunday rs inr usd eur gbp chf uah"
    )
)


def _names_number(text: str, a: int, s: int, e: int) -> bool:
    """Whether a plain integer is part of a name or a model designation rather than a count.

    Three shapes, all with one blank before the number: right after another number and before a capitalised word
    ("five 787 Dreamliner sales", "roughly 400 737 Max jets": the first counts, the second names); before a
    capitalised word whose phrase has no plural ("its popular 320 Neo jet", see :func:`_name_without_count`); or
    after a capitalised word inside the sentence when a lower-case word follows that is no plural, outcome or plural
    verb ("the S&P 500 index", "the Nikkei 225 fell"; "in Bucha 410 bodies were found", "in Kyiv 3 were hurt" and
    "Donetsk 12, Luhansk 4" still count).
    """
    if s - a < 2 or text[s - 1] != " " or text[e : e + 1] in ("-", "–"):
        return False  # (a pair such as "7-6" is a range or a score, read after this)
    j = s - 1
    while j > a and not text[j - 1].isspace():
        j -= 1
    prev = text[j : s - 1]
    if prev.isdigit() or prev.lower() in _NUMBER_WORD_NAMES:
        # a model name follows ("787 Dreamliner"); a row of numbers ("Kharkiv 120 410") is a table
        nw = _BLANK_WORD.match(text, e)
        return nw is not None and nw.group(1)[0].isupper()
    if e - s >= 2 and _name_without_count(text, e):
        return True  # "its popular 320 Neo jet": a singular noun after a name, so no count of jets
    if not prev or j == a or text[j - 1] != " " or not prev[0].isupper() or not (prev.isalpha() or "&" in prev):
        return False
    lp = prev.lower()
    if lp in _NOT_NAMES or prev in _MONTH_WORDS or lp in _PREFIX_FIRST or lp in LEFT_VERBS or lp in OUTCOME_WORDS:
        return False
    if (is_count_noun(lp) and (lp not in COUNT_OBJECTS or looks_plural(lp))) or lp in _COLLECTIVE_NOUNS:
        return False  # a key-figure line: "Deaths 52 Children 12" (but "School 112 on ...", "Gate 3 in ..." name)
    nm = _NEXT_WORD.match(text, e)
    if nm is None:
        return False  # a list of places and counts: "Donetsk 12, Luhansk 4"
    # a plural verb makes the number its subject, so a count: "in Kyiv 3 were hurt" (but "the S&P 500 was down")
    return not (_is_plural_like(nm.group(1)) or nm.group(1) in ("were", "are", "have", "had", "remain"))


_BLANK_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'’\-]*)")
_NEXT_BLANK_WORD = re.compile(r"\S*[ \t]+([A-Za-z][A-Za-z'’\-]*)")


def _name_without_count(text: str, e: int) -> bool:
    """Whether a capitalised word follows the number and the phrase it starts names no counted plural before its
    first function word or outcome: "737 Max jet in ..." (a model) but "66 Kinzhal hypersonic missiles",
    "18 Northern and central California counties", "12 Ukrainian soldiers" (counts)."""
    m = _BLANK_WORD.match(text, e)
    if m is None or not m.group(1)[0].isupper() or m.group(1).endswith("s"):
        return False  # (a capitalised plural counts: "12 Ukrainians", "nearly 150 Indians")
    first = m.group(1).lower()
    if first in STOP or first in OUTCOME_WORDS or first in _NOT_NAMES or m.group(1) in _MONTH_WORDS:
        return False  # a key-figure line ("Killed 249 Injured 553"), a day or a month after the number
    if is_count_noun(first) or first in _COLLECTIVE_NOUNS:
        return False  # "Deaths 52 Children 12"
    for _ in range(4):
        # the rest of a glued token is skipped: "Shahed-136/131 attack drones", "Kh-101/Kh-555 cruise missiles"
        m = _NEXT_BLANK_WORD.match(text, m.end())
        if m is None:
            return True
        w = m.group(1)
        lw = w.lower()
        if lw in ("and", "or"):
            continue
        if lw in STOP or lw in OUTCOME_WORDS:
            return True  # the phrase ended without a plural: "737 Max jet killed ..."
        if w[0].islower() and _is_plural_like(w):
            return False
    return True


# Nouns that count without a plural "s".
_COLLECTIVE_NOUNS = frozenset(
    str.split("staff personnel police crew crews aircraft military security youth cattle livestock sheep fish media")
)


def _is_plural_like(w: str) -> bool:
    """Whether a word after a number can be what it counts: a plural, a collective or an outcome ("killed")."""
    return looks_plural(w) or w in _COLLECTIVE_NOUNS or w in OUTCOME_WORDS or is_count_noun(w)


def _from_range(text: str, a: int, s: int, value: float, r2: re.Match[str]) -> bool:
    """Whether "from X to Y" is a range ("estimate that from 250 to 300 people were inside") rather than a revision
    ("the toll was lowered from 8,000 to 1,500"): the bounds ascend and no verb of change comes before them."""
    if parse_digits(r2.group("dig")) * scale_of(r2.group("sc")) <= value:
        return False
    return _CHANGE.search(text[a:s].lower()) is None


def _is_date_or_duration_after(text: str, e: int) -> bool:
    return (
        DAY_BEFORE_MONTH.match(text, e) is not None
        or DURATION_AFTER.match(text, e) is not None
        or TIME_AFTER.match(text, e) is not None
    )


def _apply_left(c: _C, left: _Left) -> None:
    c.pre_q = left.qual
    if left.qual and left.qstart >= 0:
        c.aw_s = min(c.aw_s, left.qstart)
    c.lverb = left.lverb
    c.lword = left.lword
    c.lword2 = left.lword2
    c.paren = left.paren
    c.money_label = left.money


def _word_candidates(text: str, low: str, a: int, b: int, az: bytes, found: AbstractSet[bytes]) -> list[_C]:
    """Candidates written in words (numbers, vague plurals, fractions, ratios) of the sentence ``text[a:b]``.

    ``az`` and ``found`` (the sentence's number words) are as for :func:`_word_matches`.
    """
    out: list[_C] = []
    for m in _word_matches(low, az, a, b, found):
        s, e = m.span()
        g = m.group()
        kind = _word_kind(g)
        if (
            # ("by a third year on year": the size of a change, then its period)
            (DURATION_AFTER.match(low, e) and not (kind == "frac" and low.startswith((" year on year",
                                                                                      " year-on-year"), e)))
            or ATTRIBUTE_AFTER.match(low, e)
            or (_MEASURE_OR_SPORT_AFTER.match(low, e) and not _attacks_counted(low, a, s, e))
        ):
            continue
        if kind == "vague" and _OF_UNITS.match(low[e : e + 20]):
            continue
        if low.startswith(" times", e) and _BY_BEFORE.search(low, max(a, s - 24), s) is not None:
            continue  # "exceed the total by more than three times": a multiplier
        if kind == "frac" and _OF_PERIOD.match(low, e) is not None:
            continue
        left = _read_left(text, s, a, False)
        if kind == "frac" and not low.startswith(_SHARE_NEXT, e):
            if _ENDS_CLAUSE.match(low, e) is not None:
                if left.lword != "by" and (g != "half" or left.qual is None):
                    continue  # a bare fraction ending a clause is a share only after a qualifier ("just under
                    # half") or as the size of a change ("rose by a third", "cut by half"), not "cut in half" nor
                    # "a third."
            elif not (
                (left.lword == "by" and _CHANGE_GOES_ON.match(low, e) is not None)
                or _OF_WHICH_BEFORE.search(low, max(a, s - 30), s) is not None
                or (left.lword in _CONTRAST and _SHARE_BEFORE.search(low, a, s) is not None)
            ):
                continue  # "a third party", "a quarter century", "a third hospital": an ordinal or a noun
        if g.startswith("scores") and left.lword and not (
            left.lword in STOP or left.lword.endswith(("ed", "ing")) or left.lword in ("left", "saw", "hit")
        ):
            continue  # "exam scores of pupils": the scores are a noun there, not twenties
        if left.skip or left.age or (
            left.determiner
            and kind == "w"
            and not left.lverb
            and not _counts_after(low, e)
            and not low.endswith(_EARLIER_THE, max(a, s - 20), s)
            and not (_REVISED_FROM_THE.search(low, max(a, s - 40), s) and _GIVEN_BEFORE.match(low, e))
        ):
            continue  # "the two countries", "all three of them": words pointing back, not counts (but "killed his
            # two sons" and "up from the seven reported on Sunday" count)
        if (
            kind == "w"
            and text[s].isupper()
            and text[a:s].strip(" \t\"'“‘(•-–")
            and not text[s:e].isupper()
            and not text[a:s].rstrip(" \t\"'“‘").endswith(("-", "–", "—", ":", ";"))
        ):
            continue  # a number word inside a name: "the Three Amigos", "Group of Seven" (not after a dateline's dash)
        if kind == "w" and (
            _SOURCES_AFTER.match(low, e) is not None
            or _SOURCES_RULE_AFTER.match(low, e) is not None
            or (
                (left.lword in ("per", "citing", "quoting") or left.lword2 == "according to")
                and _CITED_AFTER.match(low, e) is not None
            )
            or _SOURCES_SAID.match(low, e) is not None
        ):
            continue  # "two people familiar with the matter", "per two local sources": who said it, not a count
        if kind == "both":
            if not _both_counted(low, a, s, e):
                continue  # "both countries", "both parents": two named things, no count a report states
            c = _C(s, e, 2.0, "word")
        elif kind == "vague":
            c = _C(s, e, VAGUE[" ".join(g.split())], "vague")
            c.vague = True
        elif kind == "dozen":
            c = _C(s, e, 6.0 if g.startswith("half") else 12.0, "word")
        elif kind == "onein":
            parts = _WORD_SEP.split(g)
            d = words_to_number(parts[-1]) if not parts[-1].isdigit() else float(parts[-1])
            n = words_to_number(parts[0])
            if not d or not n or n >= d:
                continue
            c = _C(s, e, round(100.0 * n / d, 1), "frac")
            c.unit = "%"
        elif kind == "frac":
            parts = _WORD_SEP.split(g)
            num = 1.0 if len(parts) == 1 else (words_to_number(parts[0]) or 1.0)
            if (sm := _OF_A_SCALE.match(low, e, b)) is not None:
                # "a quarter of a million people": a number, not a share
                c = _C(s, sm.end(), float(round(num * FRACTIONS[parts[-1]] / 100 * scale_of(sm.group(1)))), "word")
            else:
                c = _C(s, e, round(num * FRACTIONS[parts[-1]], 1), "frac")
                c.unit = "%"
        else:
            if g.startswith("half"):  # "half a million"
                v = words_to_number(g.split(None, 1)[1])
                v = None if v is None else v / 2
            elif g.endswith("single"):
                v = 1.0
            else:
                v = words_to_number(g)
            if v is None:
                continue
            if low.startswith(" dozen", e):
                v *= 12  # "nearly three dozen immigrants"
                e += 6
            c = _C(s, e, v, "word")
            rs = _WORD_RANGE_SEP.match(low, e, b) or (_WORD_AND.match(low, e, b) if left.lword == "between" else None)
            # (the second bound may be in digits: "between four and 11 civilians")
            if rs is not None and (m2 := _WSCAN.match(low, rs.end(), b) or _SMALL_DIGITS.match(low, rs.end(), b)):
                g2 = m2.group()
                if g2.isdigit():
                    v2 = None if is_year_like(g2) else float(g2)
                else:
                    v2 = words_to_number(g2) if _word_kind(g2) == "w" else None
                if v2 is not None and v2 > v and not g2.isdigit() and v < 100 <= v2 and v2 / _head_of(g2) > 1:
                    # "two to three thousand people": the second bound's scale is the first's too
                    scaled = v * v2 / _head_of(g2)
                    v = scaled if scaled < v2 else v
                or_sep = rs is not None and "or" in rs.group()
                if v2 is not None and v2 > v and (not or_sep or v2 <= 10 * v):
                    # "two to three children", "thirty or 40 people": a range written in words
                    c.kind = "range"
                    c.value = None
                    c.low, c.high = v, v2
                    c.e = c.aw_e = m2.end()
            if v == 1 and c.kind != "range" and not _one_of_counted(low, a, s, e, left.lword):
                # "one" is a pronoun more often than a count: keep it only before a counted noun
                nm = _NEXT_WORD.match(low, e)
                if left.with_ or left.lword == "of" or nm is None or not is_count_noun(nm.group(1)):
                    continue  # (nor after "of": "members of one family")
        _apply_left(c, left)
        out.append(c)
    return out


# "one of the two missiles", "one of the 12 bakeries": one out of a counted whole (the whole is a number)
# (number words that count a small whole: "the two", "the twelve", "the fifteen")
_SMALL_WHOLE = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty"
_ONE_OF_NUMBER = re.compile(rf"[ \t]+of[ \t]+(?:the|those|these|its|their)[ \t]+(?:\d[\d,]*|{_SMALL_WHOLE}|hundred)\b")
# Where "one of" names a place or a time, not a count: "in one of the three districts"
_ONE_OF_NOT_AFTER = frozenset(str.split("in at on from to into near for by with within across during"))


def _one_of_counted(low: str, a: int, s: int, e: int, lword: str | None) -> bool:
    """Whether "one" at ``low[s:e]`` counts one out of a whole the sentence counts: "destroyed one of the two
    missiles", "3 persons were wounded, one of them seriously". Not "one of the wounded later died", "one of those
    killed" (no number of a whole: who it was, not how many), nor "in one of the three districts"."""
    if lword in _ONE_OF_NOT_AFTER or not low.startswith(" of ", e):
        return False
    if (m := _ONE_OF_NUMBER.match(low, e)) is not None:
        # (of a whole reports count: not "one of the two main forms of infection")
        return _counts_after(low, m.end())
    # "... wounded, one of them ...": a breakdown of a count before it in the same sentence (not a source: "two
    # security sources said, one of them putting the toll at 50")
    return (
        low.startswith(" of them", e)
        and _SOURCE_ONE_AFTER.match(low, e + 8) is None
        and _DIGIT_OR_WORD_BEFORE.search(low, a, s) is not None
    )


_SOURCE_ONE_AFTER = re.compile(r",?[ \t]+(?:[a-z]+ing|said|says|told|added)\b")


_DIGIT_OR_WORD_BEFORE = re.compile(rf"\d|\b(?:{_SMALL_WHOLE}|dozens?|hundreds|thousands)\b")


def _head_of(words: str) -> float:
    """The number a number in words counts its scale in: "three" of "three thousand", "two" of "two hundred
    thousand" (1 when the words have no head)."""
    parts = words.split()
    while len(parts) > 1 and parts[-1] in _SCALE_NAMES:
        parts.pop()
    return words_to_number(" ".join(parts)) or 1.0


_SCALE_NAMES = frozenset(("hundred", "thousand", "million", "billion"))
_ACTIVE_CUES = (" killed a", " injured a", " wounded a", "killing a", "injuring a", "wounding a")


def _active_cue(seg: str) -> bool:
    """Whether the lower-cased sentence has one of :data:`_ACTIVE_CUES` (two substring tests first: most have none)."""
    return ("ed a" in seg or "ng a" in seg) and contains_any(seg, _ACTIVE_CUES)


def _coordinated_one(a: int, m: re.Match[str]) -> _C:
    """The count of one of an _IMPLICIT_AND_* match: its article is the number, its noun the group; the outcome
    comes from the count it is coordinated with (read by :func:`_analyse`)."""
    st = a + m.start("art")
    c = _C(st, a + m.end("art"), 1.0, "implicit")
    c.group = _implicit_group(m.group("n"), m.group("age"))
    c.aw_e = a + m.end("n")
    c.info = RightInfo(np_end=c.aw_e, group=c.group, word_count=1, singular=True)
    return c


_FAMILY_GROUPS = {"father": "men", "husband": "men", "mother": "women", "wife": "women"}


# Counts of one before a verb the passive pattern does not read: "A child drowned", "a woman is missing", "An aid
# worker and a 14-year-old boy were killed" (found from the verb, then read back: a leading \b would make a regex try
# every position)
_ONE_VERBS = {" died": "killed", " drowned": "killed", " missing": "missing"}
_PLURAL_PASSIVE = re.compile(r" (?:were|have been|had been) (?:\w+ )?(killed|injured|wounded)\b")
_ONE_BEFORE = re.compile(
    rf"\b(?P<art>an?)\s+(?P<age>{_ONE_MOD}){{0,2}}?(?P<n>{_ONE_PERSON})"
    r"(?:\s+(?:later|also|then|reportedly))?(?:\s+(?:is|was|remains|remained|went|still|are|were))*\s*\Z"
)
_ONE_AND_ONE = re.compile(
    rf"\b(?P<art>an?)\s+(?P<age>{_ONE_MOD}){{0,2}}?(?P<n>{_ONE_PERSON})\s+and\s+"
    rf"(?P<art2>an?|his|her|their)\s+(?P<age2>{_ONE_MOD}){{0,2}}?"
    rf"(?P<n2>{_ONE_PERSON}|{_ONE_FAMILY}|son|daughter)\s*\Z"
)


def _ones_before_verbs(seg: str, a: int) -> list[_C]:
    """Counts of one right before an outcome verb of their own (see :data:`_ONE_VERBS`, :data:`_PLURAL_PASSIVE`)."""
    out: list[_C] = []
    # "A 71-year-old man died in hospital, bringing the number killed to twelve": he is in the total, no count
    total_after = bool(_total_clauses(seg))
    for verb, outcome in _ONE_VERBS.items():
        if total_after and outcome == "killed":
            continue
        i = seg.find(verb)
        while i >= 0:
            m = _ONE_BEFORE.search(seg, max(0, i - 60), i)
            if m is not None and (verb != " missing" or m.group().rstrip().endswith(_MISSING_AUX)):
                out.append(_one_person(a, m, "", outcome, i + len(verb)))
            i = seg.find(verb, i + 1)
    if " were " in seg or " been " in seg:
        for pm in _PLURAL_PASSIVE.finditer(seg):
            m = _ONE_AND_ONE.search(seg, max(0, pm.start() - 100), pm.start())
            if m is not None:
                outcome = OUTCOME_WORDS.get(pm.group(1), pm.group(1))
                out.append(_one_person(a, m, "", outcome, m.end("n")))
                out.append(_one_person(a, m, "2", outcome, pm.end()))
    return out


# A total the sentence goes on to give: "..., bringing the total to 913", "taking its total since February to",
# "raising to 221 the number killed"
# (or the total written after the addition: "3 more bodies recovered; toll now 27")
_TOTAL_CLAUSE = re.compile(
    r"\b(?:bringing|taking|pushing|raising|lifting)\s+(?:the|its|their|total|to)\b"
    r"|[;,]\s+(?:the\s+)?(?:death\s+)?(?:toll|total|tally)\s+(?:is\s+)?now\b"
)
_TOTAL_HINTS = ("bringing", "taking", "pushing", "raising", "lifting", " now")
# Words before a number that say it adds to what was there: "a further 86 cases", "an additional $30 million"
_ADDING_BEFORE = re.compile(r"\b(?:further|additional|another)[ \t]+(?:US)?\Z", re.I)
_ADDING_AFTER = re.compile(r"[ \t]+(?:more|new)\b")


# The period of an addition: "Since the last update, 6,300 more people have returned", "since yesterday".
_SINCE_LAST = re.compile(
    r"\bsince\s+(?:(?:the|our|its)\s+)?(?:last|previous|prior)\s+"
    + alternation(REPORT_NOUNS)
    + r"|\bsince\s+yesterday\b"
)


def _added_since_last(c: _C, text: str, sl: str, a: int) -> bool:
    """Whether the figure is what was added since the last report: "more" or "new" after it, or "further",
    "additional", "another" before it, in a sentence that names the last report or yesterday as the start."""
    if "since" not in sl or (
        _ADDING_AFTER.match(text, c.e) is None and _ADDING_BEFORE.search(text, max(a, c.s - 16), c.s) is None
    ):
        return False
    return _SINCE_LAST.search(sl) is not None


def _adds_to_a_total(c: _C, text: str, a: int, next_s: int, totals: list[tuple[int, int]]) -> bool:
    """Whether the figure is what was added to a total the sentence gives after it: "A further 86 cases were
    confirmed, bringing the total to 913", "found four more bodies, bringing the number recovered there to 29" (not
    "37 people had been killed, bringing the total to 8,614": a count of its own, nor "a further 560,200 are
    registered outside Europe", with no total). The total must come before the next figure (``next_s``): "312 new
    flu cases ... and 3 deaths, bringing the season's total to 11" adds the deaths. ``totals``: the sentence's
    _TOTAL_CLAUSE spans (see _total_clauses)."""
    if not totals:
        return False
    if _ADDING_BEFORE.search(text, max(a, c.s - 16), c.s) is None and _ADDING_AFTER.match(text, c.e) is None:
        return False
    return any(c.e - a <= s < next_s - a for s, _ in totals)


def _total_clauses(sl: str) -> list[tuple[int, int]]:
    """The spans of the totals a lower-cased sentence gives ("bringing the total to"), found once per sentence."""
    if not contains_any(sl, _TOTAL_HINTS):  # (what _TOTAL_CLAUSE needs: most sentences give no total)
        return []
    return [m.span() for m in _TOTAL_CLAUSE.finditer(sl)]


_MISSING_AUX = (" is", " was", " remains", " remained", " went", " still")


def _one_person(a: int, m: re.Match[str], k: str, outcome: str, end: int) -> _C:
    """The count of one that ``m``'s groups ``art{k}``, ``age{k}``, ``n{k}`` name, with its outcome."""
    c = _C(a + m.start("art" + k), a + m.end("art" + k), 1.0, "implicit")
    grp = _implicit_group(m.group("n" + k), m.group("age" + k))
    c.group = grp
    c.label = compose(outcome, grp, False, [], None) if grp else outcome
    c.outcome_src = "own"
    c.aw_e = a + end
    return c


def _implicit_group(noun: str, age: str | None) -> str | None:
    """The group of a count of one ("a 9-year-old girl" is a child; "a civilian" has no group)."""
    grp = GROUP_NOUNS.get(noun) or _FAMILY_GROUPS.get(noun)
    if noun.endswith("-old"):  # "a 14-year-old": the age alone, a child under 18
        years = int(noun.split("-", 1)[0])
        return "children" if years < 18 or "-year" not in noun else None
    if noun in ("baby", "infant", "toddler", "teenager", "teen", "pupil"):
        grp = "children"
    elif (
        grp in ("girls", "boys", "men", "women")
        and age
        and age[:2].strip("-").isdigit()
        and (int(age[:2].strip("-")) < 18 or "-year" not in age)
    ):
        grp = "children"  # "a 9-year-old girl", "a 20-month-old boy"
    elif grp not in ("girls", "boys", "men", "women", "children", "adults"):
        grp = None  # "a student was killed": a casualty, counted under the outcome alone
    return grp


# How many sources a method asks for: "at least two independent sources", "two or more credible sources"
_SOURCES_RULE_AFTER = re.compile(
    r"(?:[ \t]+or[ \t]+more)?[ \t]+(?:independent|credible|separate|reliable|different|corroborating)[ \t]+sources\b",
    re.I,
)
# The reporter's sources after a number word: "two people familiar with the talks", "three officials briefed on".
_SOURCES_AFTER = re.compile(
    r"[ \t]+(?:other[ \t]+)?(?:people|persons|sources|officials|diplomats|individuals)[ \t]+(?:familiar[ \t]+with|"
    r"briefed[ \t]+on|with[ \t]+(?:direct[ \t]+)?knowledge[ \t]+of)\b"
)


_CITED_AFTER = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?(?:sources|witnesses|officials|residents|reports|outlets)\b")
# Sources as the subject of a reporting verb: "at least two credible sources reported harm", "two officials said",
# "three witnesses told Reuters" (who said it, not a count)
_SOURCES_SAID = re.compile(
    r"[ \t]+(?:[a-z]+[ \t]+)?(?:sources[ \t]+(?:said|say|says|reported|report|told|confirmed)|"
    r"(?:officials|witnesses|diplomats|analysts)[ \t]+(?:said|say|says|told))\b"
)


def _counts_after(low: str, e: int) -> bool:
    """Whether one of the three words after a number word is a casualty or an object counted in reports: after a
    determiner such a number still counts ("the three fatalities", "all three cruise missiles")."""
    end = e
    for _ in range(3):
        nm = _NEXT_WORD.match(low, end)
        if nm is None:
            return False
        if low[nm.end() : nm.end() + 1].isdigit():  # a model code: "the four kh-59 guided missiles"
            blank = low.find(" ", nm.end(), nm.end() + 12)
            nm = _NEXT_WORD.match(low, blank) if blank >= 0 else None
            if nm is None:
                return False
        w = nm.group(1)
        if is_count_noun(w):
            return True  # (and people: "their four children", "the three civilians")
        end = nm.end()
    return False


# A building named by its storeys: "a nine-storey apartment block", "a 14-storey building". The storeys are its size
# (a non-figure); the building is one building, which reports count when something damaged it ("destroyed a
# five-storey dormitory", "a nine-storey block was partially destroyed", "had partly collapsed"). Without such a
# verb right before or after it, it is only where something happened ("pulled a boy from the ruins of a five-storey
# building") and no count; nor is the target of a strike that "hit a five-storey block": the damage is not said.
_STOREYED = re.compile(
    r"\b(?P<art>an?)\s+(?:[a-z]+\s+)?(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ]stor(?:e?y|ied)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:building|block|dormitory|house|tower|clinic|hospital|school|hotel|hostel|warehouse|centre|center|complex)\b"
)
_DAMAGED_BEFORE = re.compile(
    r"\b(?P<v>destroyed|destroying|levelled|leveled|flattened|razed|damaged|damaging)"
    r"\s+(?:(?:the\s+)?(?:roof|facade|façade|top\s+floors?|upper\s+floors?|side)\s+of\s+)?\Z"
)
_DAMAGED_AFTER = re.compile(
    r"\s+(?:(?:was|were|has|had|has\s+been|had\s+been|is|also)\s+)*"
    r"(?P<adv>partly|partially|completely|totally|badly|heavily|severely)?\s*"
    r"(?P<v>destroyed|levelled|leveled|flattened|razed|collapsed|damaged)\b"
)
_DESTROYING = frozenset(("destroyed", "destroying", "levelled", "leveled", "flattened", "razed", "collapsed"))


def _storeyed_buildings(seg: str, a: int) -> list[_C]:
    """Counts of one building named by its storeys, with the verb that damaged it (see :data:`_STOREYED`)."""
    out: list[_C] = []
    for m in _STOREYED.finditer(seg):
        after = _DAMAGED_AFTER.match(seg, m.end())
        vm = _DAMAGED_BEFORE.search(seg, max(0, m.start() - 40), m.start()) if after is None else after
        if vm is None:
            continue
        v = vm.group("v")
        partly = after is not None and after.group("adv") in ("partly", "partially")
        outcome = "destroyed" if v in _DESTROYING and not partly else "damaged"
        c = _C(a + m.start("art"), a + m.end("art"), 1.0, "implicit")
        c.label = f"buildings {outcome}"
        c.outcome_src = "own"
        c.aw_e = a + (after.end() if after is not None else m.end())
        out.append(c)
    return out


def _implicit_candidates(text: str, low: str, a: int, b: int) -> list[_C]:
    """Counts of one written with an article: "a 2-year-old girl was killed", "including a child", "another injured"."""
    out: list[_C] = []
    seg = low[a:b]
    if (" was " in seg or " been " in seg) and contains_any(seg, _PASSIVE_VERBS):
        for m in _IMPLICIT_PASSIVE.finditer(seg):
            c = _C(a + m.start(), a + m.start() + len(m.group().split()[0]), 1.0, "implicit")
            noun = m.group("n")
            v = m.group("v") or "rescued"
            grp = _implicit_group(noun, m.group("age"))
            if grp:
                c.group = grp
                c.label = compose(OUTCOME_WORDS.get(v, v), grp, False, [], None)
            elif noun not in ("building", "house", "home", "school", "kindergarten", "hospital", "clinic"):
                c.label = OUTCOME_WORDS.get(v, v)  # "a student was killed": one of the killed
            else:
                c.label = f"{noun}s {v}"
            c.outcome_src = "own"
            c.aw_e = a + m.end()
            out.append(c)
    if "a" in seg and contains_any(seg, _LIST_WORDS):
        for m in _implicit_list_matches(seg):
            # the article is the number ("including a 7-year-old boy": the age stays out of its span)
            st = a + m.start("art")
            c = _C(st, a + m.end("art"), 1.0, "implicit")
            c.group = _implicit_group(m.group("n"), m.group("age"))
            c.aw_e = a + m.end("n")
            c.info = RightInfo(np_end=c.aw_e, group=c.group, word_count=1, singular=True)
            out.append(c)
    if _active_cue(seg):
        for m in _implicit_active_matches(seg):
            c = _one_person(a, m, "", _ACTIVE_OUTCOMES[m.group("v")], m.end())
            c.lverb = _ACTIVE_OUTCOMES[m.group("v")]  # (shared along its list: "killed a woman and three children")
            out.append(c)
    if _one_verb_cue(seg):
        out.extend(_ones_before_verbs(seg, a))
    if "stor" in seg:
        out.extend(_storeyed_buildings(seg, a))
    # (after the others: a count of one they read already keeps their reading, which has its outcome). These need a
    # number in the sentence ("3 children and a woman", "a woman and her two daughters"), so a sentence without one
    # is never read for them: the pre-filters above leave them out.
    if " and a" in seg:
        out.extend(_coordinated_one(a, m) for m in _implicit_and_after_matches(seg))
    if ", a" in seg:
        out.extend(_coordinated_one(a, m) for m in _implicit_in_list_matches(seg))
    if " and his " in seg or " and her " in seg or " and their " in seg:
        out.extend(_coordinated_one(a, m) for m in _implicit_and_before_matches(seg))
    if "another" in seg:
        for m in _implicit_another_matches(seg):
            an = "an" if m.group("an") else "an2" if m.group("an2") else "an3"
            if an == "an3":
                # (unlabelled: it takes the label of the count before it, and without one it is dropped)
                out.append(_C(a + m.start(an), a + m.end(an), 1.0, "word"))
                continue
            c = _C(a + m.start(an), a + m.end(an), 1.0, "implicit")
            c.label = OUTCOME_WORDS[m.group("v")] if m.group("v") else _ACTIVE_OUTCOMES[m.group("av")]
            c.outcome_src = "own"
            c.aw_s = a + m.start()
            c.aw_e = a + m.end()
            out.append(c)
    return out


# ------------------------------------------------------------------------------------------ sentence reading
def _final_qualifier(c: _C, text: str, a: int, b: int) -> str:
    if c.kind == "range":
        return "range"
    post = c.info.post_qualifier if c.info else None
    pre = c.pre_q
    if post and (pre is None or pre == "approx"):
        return post
    if pre:
        if (
            pre == "up_to"
            and text[c.aw_s : c.s].lower().split() == ["up", "to"]
            and not text[max(a, c.aw_s - 5) : c.aw_s].lower().endswith("for ")  # "supplies for up to 20,000 people"
        ):
            # "increased ... up to 231,764 and 3,765, respectively": reaching, not a bound (but "could climb to as
            # many as 300" is a bound)
            before = text[a : c.aw_s].lower()
            words = before.split()[-20:]
            if (
                any(w.strip(",;:") in REACHING_CUES for w in words)
                or words[-1:] in (["revised"], ["raised"])  # "the toll was revised up to 217"
                or _RESPECTIVELY.search(text[c.e : min(b, c.e + 60)].lower())
            ):
                return "exact"
        return pre
    if c.vague:
        return "at_least"
    return "exact"


def _clause_start(seg: str, rel: int) -> int:
    best = 0
    for ch in (",", ";", ":", "—", " – ", " - "):
        k = seg.rfind(ch, 0, rel)
        # a comma between digits is a thousands separator, not a clause break
        while ch == "," and k > 0 and k + 1 < len(seg) and seg[k + 1].isdigit() and seg[k - 1].isdigit():
            k = seg.rfind(ch, 0, k)
        if k >= 0 and k + len(ch) > best:
            best = k + len(ch)
    return best


# How much a change was, between its auxiliary and its verb ("has more than doubled", "have nearly halved")
_DEGREE_WORDS = frozenset(str.split("more than nearly almost roughly about over well just"))


def _before_auxiliaries(words: list[str], v: int) -> int:
    """Where the words before the verb at ``v`` end once its auxiliaries and degree words are left out ("cases have
    more than doubled" -> before "have")."""
    while v > 0 and (words[v - 1] in AUX or words[v - 1] in _DEGREE_WORDS):
        v -= 1
    return v


# A verb of change that a subject's clause may end with, before ", to 2,610" or ", from 1,402 ... to 1,158"
_CHANGE_VERB_FORMS = _CHANGE_VERBS_BARE | frozenset(
    str.split("doubled tripled quadrupled halved risen fallen grown increased decreased declined dropped")
)


# Verbs that spread a count over a range ("estimates vary widely, from about 100,000 to more than 300,000")
_SPREAD_VERBS = frozenset(str.split("vary varies varied range ranges ranged differ differs differed"))


def _reaching_clause(seg: str, rel: int) -> tuple[int, list[str]]:
    """Start and words of the clause that a number at ``rel`` reaches the end of ("cases stood at").

    A clause that only opens with "to" or "from" after a comma continues the one before it, up to its verb of
    change or spread: "reported cases have more than doubled since January, to 2,610" is read as "... have more
    than doubled to".
    """
    cs = _clause_start(seg, rel)
    words = _WORD_RE.findall(seg[cs:rel])
    if cs < 2 or seg[cs - 1] != "," or not words or words[0] not in ("to", "from"):
        return cs, words
    before = _clause_start(seg, cs - 1)
    prev = _WORD_RE.findall(seg[before : cs - 1])
    for v in range(len(prev) - 1, -1, -1):
        if prev[v] in _CHANGE_VERB_FORMS or prev[v] in _SPREAD_VERBS:
            # "have more than doubled": the subject ends before its auxiliary
            return before, [*prev[: _before_auxiliaries(prev, v)], "to"]
    return cs, words


_OUTCOME_VERBS = frozenset(str.split("died perished drowned killed injured wounded hurt"))
_LAST_WORD = re.compile(r"([a-z]+)\W*\Z", re.I)


def _outcome_is_verb(text: str, c: _C) -> bool:
    """Whether the outcome in the figure's noun phrase is a verb after a noun ("3 civilians died"), which the
    numbers before it share ("17 soldiers and 3 civilians died"), not a noun of its own ("3 deaths")."""
    if c.info is None or c.info.word_count < 2:
        return False
    m = _LAST_WORD.search(text, c.aw_s, c.info.np_end)
    return m is not None and m.group(1).lower() in _OUTCOME_VERBS


_AND_THEN = re.compile(
    r"[^\d.;:()]{0,60}\b(?:and|while|whereas)(?:[ \t]+(?:only|just|another|a[ \t]+further))?[ \t]*\Z"
)


def _elided_after(between: str, passive: bool) -> bool:
    """Whether a figure without a noun follows the figure before it closely enough to share its noun: right after
    a coordinator ("... damaged and 365 destroyed"), or, when it has a verb of its own, after a short clause ending
    in "and" or "while" ("escaped during the unrest, and only 212 have been recaptured") or after "of which"."""
    return _COORD.match(between) is not None or (
        passive and (_AND_THEN.match(between) is not None or _OF_WHICH.fullmatch(between) is not None)
    )


# A part of the figure before, with a passive verb of its own: "40,000 homes were damaged, of which 6,700 were
# destroyed", "90 drones were launched at the capital overnight, of which 73 were shot down"
_OF_WHICH = re.compile(r"(?:[^\d.;:()]{0,40}?,)?\s*,?\s*(?:of\s+(?:which|these|those)|among\s+them)\s*")


def _end_before(c: _C, pos: int) -> int:
    """Where the figure's words end before ``pos``: its verb's end when the verb comes before ``pos``, else its
    noun phrase's ("3,381 were killed (3,309)", "3,400 people (3,150) were displaced")."""
    v = c.info.verb_end if c.info is not None else 0
    return v if c.aw_e < v <= pos else c.aw_e


def _word_count(c: _C) -> int:
    return c.info.word_count if c.info is not None else 0


def _group_whole(cands: list[_C], i: int, text: str) -> _C | None:
    """The figure of a group ("1,682 child casualties") whose breakdown, in a bracket or after a colon right after
    it, holds ``cands[i]`` with the parts before it; None if there is none."""
    c = cands[i]
    j = i - 1
    while (
        j >= 0
        and cands[j].outcome_src == "own"
        and _word_count(cands[j]) == 1
        and cands[j].depth == c.depth
        and _COORD.match(text[cands[j].aw_e : cands[j + 1].aw_s])
    ):
        j -= 1  # the parts before this one: "(468 killed and 1,214 injured)"
    if j < 0:
        return None
    whole = cands[j]
    first = cands[j + 1]
    if not whole.group or whole.role != "current" or whole.kind == "drop":
        return None
    gap = text[whole.aw_e : first.aw_s]
    if first.depth == whole.depth + 1:
        return whole if _OPEN_BRACKET.fullmatch(gap) else None
    if first.depth == whole.depth and ":" in gap and not _STOP_CHARS.search(gap) and len(gap) < 80:
        return whole
    return None


def _done_to(verb: str, nouns: list[str]) -> str:
    """The label of things a verb was done to: "destroyed 34 drones" → "drones downed" (destroying or intercepting
    what flies is downing it), "two of which hit a school" → "missiles hit"."""
    done = "downed" if verb in ("destroyed", "intercepted") and nouns[-1] in AERIAL_NOUNS else verb
    return compose(None, None, False, [w for w in nouns if not _is_adjective(w)] or nouns, done)


def _coordinated_part(cands: list[_C], i: int, text: str) -> None:
    """A second part of a whole, coordinated with a first under the verb before it, is what that verb was done to:
    "destroyed 34 of the 42 drones and two of the three cruise missiles launched" (two missiles downed; the
    participle after the whole, "launched", is the whole's)."""
    c = cands[i]
    info = c.info
    if i < 2 or info is None or not info.part_of or not info.nouns or c.role != "current" or c.group:
        return
    first, whole = cands[i - 2], cands[i - 1]
    if (
        first.info is not None
        and first.info.part_of
        and first.lverb in OBJECT_OUTCOMES
        and first.role == "current"
        and first.outcome_src == "noun"
        and whole.aw_s >= first.e
        and _COORD.match(text[whole.aw_e : c.aw_s]) is not None
    ):
        c.label = _done_to(first.lverb, info.nouns)


def _named_by_its_share(c: _C, share: _C, text: str) -> None:
    """A count restated as a share of a named whole counts that whole's kind: "hosted 1.64 million of them, or
    27.3% of all refugees" (refugees); "41,000 people, or 12% of the displaced" (displaced people)."""
    if (
        share.unit == "%"
        and c.unit is None
        and c.role == "current"
        and share.label.startswith("share of ")
        # (a share of everyone says nothing of what they are: "1.7 million people, or 75% of the population")
        and share.label not in ("share of population", "share of total", "share of residents", "share of inhabitants")
        and (not c.label or (c.label == "people" and c.outcome_src == "person"))
        and not c.group
        and _OR_SHARE.match(text[c.aw_e : share.aw_s]) is not None
    ):
        c.label = share.label[len("share of ") :]
        c.outcome_src = "noun"


def _share_of_counted_whole(cands: list[_C], i: int, text: str) -> None:
    """A percentage "of the total" or "of them" is a share of what the sentence counted before it: "236 killed and
    790 injured in 129 settlements (84 percent of the total)" (a share of the casualties; the places are where they
    were counted, not the whole), "some 120 homes were destroyed, 60 per cent of them in the north". A share
    restating the funding received is the appeal's coverage: "only $744 million, or 29 per cent, had been received"."""
    c = cands[i]
    if c.unit != "%" or c.label or c.group or c.role != "current":
        return
    prev = cands[i - 1]
    if prev.label == "funding received" and _OR_SHARE.match(text[prev.aw_e : c.aw_s]) is not None:
        c.label = "funded"
        c.outcome_src = "noun"
        return
    if _OF_THE_WHOLE.match(text, c.aw_e) is None:
        return
    counts = [
        p
        for p in cands[:i]
        if p.unit is None
        and p.role == "current"
        and p.label
        and p.kind != "frac"
        and p.label not in _AREA_LABELS
        and p.lword not in ("in", "across")  # (where the counted were: "live in 33 congested camps")
    ]
    if not counts:
        return
    if len(counts) > 1 and casualties_of((_outcome_of(counts[-2].label), _outcome_of(counts[-1].label))):
        c.label = "share of casualties"
    elif not _outcome_of(counts[-1].label) or len(counts) == 1:
        c.label = "share of " + counts[-1].label
    else:
        return  # (of one of several tallies, or of them all: "5 killed and 12 missing, 40% of them children")
    c.outcome_src = "noun"


def _part_of_which(c: _C, prev: _C | None, text: str, a: int) -> None:
    """A part of things just named, with a verb of its own, counts those things done that: "fired 12 missiles, two
    of which hit a school" (missiles hit; not the whole's label), "with cruise missiles, two of which were
    intercepted" (the whole need not be a number)."""
    if c.unit is not None or c.group or (c.label and c.outcome_src != "carry") or c.info is None:
        return
    m = _OF_WHICH_VERB.match(text, c.aw_e)
    if m is None:
        return
    v = m.group("v").lower()
    if m.group("p"):
        done = "destroyed" if m.group("p").lower() == "away" else "shot down"
    elif v in OBJECT_PARTICIPLES:
        done = OBJECT_PARTICIPLES[v]
    elif v in ("hit", "struck"):
        done = "hit"
    elif v.endswith("ed") and v not in AUX and v not in NOT_PARTICIPLES:
        done = v  # "three of which landed in a field"
    else:
        return
    before = text[max(a, c.aw_s - 80) : c.aw_s]
    if not before.rstrip().endswith(","):
        return
    between = text[prev.aw_e : c.aw_s].rstrip().removesuffix(",") if prev is not None else ""
    if prev is not None and prev.info is not None and prev.info.nouns and _STOP_CHARS.search(between) is None:
        # (the figure before and its clause: "548 educational facilities have been damaged amid the hostilities,
        # 72 of which have been destroyed")
        nouns = prev.info.nouns
    else:
        o, g, person, nouns, _ = words_label(_WORD_RE.findall(before)[-3:])
        if o or g or person or not nouns or not looks_plural(nouns[-1]):
            return
    c.label = _done_to(done, nouns)
    c.outcome_src = "noun"


# "..., two of which hit a school", "..., 11 of which were intercepted", "..., three of which were shot down"
_OF_WHICH_VERB = re.compile(
    r"[ \t]+of[ \t]+which[ \t]+(?:(?:were|was|are|is|have[ \t]+been|has[ \t]+been|had[ \t]+been)[ \t]+)?"
    r"(?:(?:[a-z]+ly|later|also|then|since|now|already)[ \t]+)?(?P<v>[A-Za-z]+)(?:[ \t]+(?P<p>down|away)\b)?"
)


def _counted_apart(c: _C) -> None:
    """What an outcome befell when it is no person keeps its noun, and a key of its own, never the toll's: animals
    ("the floods killed 300 cattle": cattle killed; "2,000 livestock have died") and the families or households a
    report counts instead of people ("displaced 12,000 families": families displaced, which is not 12,000 people)."""
    assert c.info is not None
    o = _outcome_of(c.label)
    if o is None or c.group or (o not in _ANIMAL_OUTCOMES and c.info.nouns[-1] in _ANIMALS):
        return
    # (the families whose members it befell: "21 members of two extended families died")
    c.label = f"{' '.join(c.info.nouns)} {'affected' if c.lword == 'of' else o}"
    c.outcome_src = "noun"


# What farms, herds and households keep: their dead are counted apart from people's
_ANIMALS = frozenset(
    str.split(
        "livestock cattle cows cow sheep goats goat camels camel horses horse donkeys donkey pigs pig animals animal "
        "dogs dog cats cat chickens poultry birds herds oxen buffalo buffaloes"
    )
)
_ANIMAL_OUTCOMES = frozenset(("killed", "injured", "missing", "rescued", "evacuated"))
_COUNTED_APART = _ANIMALS | frozenset(("families", "households"))


def _rate_per_population(c: _C, text: str, sl: str, a: int) -> None:
    """A count per so many people is a rate, not a count: "1.9 deaths per 10,000 people per day" is a mortality
    rate, named by the clause before it when it names one ("the crude mortality rate reached ..."); "120 cases per
    100,000 people" is that many cases per 100,000."""
    if c.unit is not None or c.info is None or not c.label:
        return
    m = _PER_POPULATION.match(text, c.info.np_end)
    if m is None:
        return
    cs = _clause_start(sl, c.aw_s - a)
    name = _rate_label(_WORD_RE.findall(sl[cs : c.aw_s - a]))
    if not name:
        # (never the key of the count itself: a rate of deaths lined up with the dead would be a nonsense change)
        name = "mortality rate" if _outcome_of(c.label) == "killed" else f"{c.label} per {m.group('per')}"
    c.label = name
    c.group = None
    c.outcome_src = "left"


# A denominator after a count's noun: "per 10,000 people", "per 100 000", "per thousand"
_PER_POPULATION = re.compile(
    r"[ \t]+per[ \t]+(?P<per>\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+|a[ \t]+(?:hundred|thousand)|ten[ \t]+thousand|"
    r"(?:one[ \t]+)?(?:hundred|thousand|million))\b(?![,.]?\d)"
    r"(?![ \t]*(?:%|hours?\b|days?\b|weeks?\b|months?\b|years?\b))"
)


# What makes a percentage a share of a whole named before it: "(84 percent of the total)", "95 per cent of them in
# ...", not a whole that follows ("of the total 1,200") nor a group ("of them children": a share of the group)
_OF_THE_WHOLE = re.compile(
    r"\s+of\s+(?:the\s+total|them|those|these)\b(?!\s*(?:\d|were\b|was\b|are\b|is\b|being\b|\w+ed\b|\w+ing\b))"
)


def _casualties_by_bracket(c: _C, killed: _C, injured: _C, text: str) -> None:
    """A bare count broken down in a bracket into the killed and the injured counts the civilian casualties:
    "Of the total, 1,204 (310 killed and 894 injured) occurred in ..."."""
    if (
        not c.label
        and c.unit is None
        and c.role == "current"
        and killed.depth == injured.depth == c.depth + 1
        and killed.unit is None
        and injured.unit is None
        and text[c.aw_e : killed.aw_s].strip() == "("
        and (total := casualties_of((killed.label, injured.label)))
    ):
        c.label = total
        c.outcome_src = "noun"


# What joins a count and its restatement as a share: "1,612,500, or roughly 26% of all refugees", "1.64 million of
# them, or 27.3% of all refugees"
_OR_SHARE = re.compile(
    r"(?:\s+of\s+(?:them|those|these))?\s*,\s*or\s*(?:about|roughly|some|around|nearly|almost|over|more\s+than|"
    r"just\s+\w+)?\s*$"
)


def _label_parts_of_whole(cands: list[_C], of_end: int) -> None:
    """"Of the 48 missiles, 44 were shot down": a part without a noun of its own counts the whole's noun, with its
    own verb ("missiles shot down"); the whole ends at ``of_end``."""
    whole = next((c for c in cands if c.aw_e <= of_end and c.info is not None and c.info.nouns), None)
    if whole is None or whole.info is None:
        return
    nouns = [w for w in whole.info.nouns if not _is_adjective(w)] or whole.info.nouns
    for c in cands:
        info = c.info
        if c.aw_s <= of_end or info is None or info.nouns or info.person or c.group or c.role != "current":
            continue
        part = info.verb_participle or info.participle
        if part and c.label == part:
            c.label = compose(None, None, False, nouns, part)
        elif not part and not c.label and c.lverb in OBJECT_OUTCOMES:
            c.label = _done_to(c.lverb, nouns)  # "Of the 76 missiles fired, it intercepted 60"
            c.outcome_src = "noun"


def _analyse(
    text: str,
    low: str,
    a: int,
    b: int,
    cands: list[_C],
    table_header: list[str] | None,
) -> None:
    """Give every candidate of one sentence its qualifier, label, group and role (in place)."""
    seg = text[a:b]
    sl = low[a:b]
    is_table = table_header is not None or (" | " in seg)
    # local reading: the noun phrase after each number
    for c in cands:
        if c.info is None:
            end_limit = min(b, c.aw_e + 90)
            if is_table:
                bar = text.find("|", c.aw_e, b)
                if bar >= 0:
                    end_limit = bar
            if c.unit is None and (noun := _attacks_counted(low, a, c.s, c.aw_e)) is not None:
                c.info = RightInfo(np_end=c.aw_e + 6, nouns=[noun], word_count=1)
                continue
            bm = _BARE_BRACKET.match(text, c.aw_e, end_limit) if c.unit is None else None
            # "2,104 (2,036) educational institutions have been damaged", "214 (198) died": a bracket holding a
            # number alone (the earlier value) stands between the count and its words; the count's span stays
            # before the bracket, which is a figure of its own
            c.info = parse_right(text, bm.end() if bm is not None else c.aw_e, end_limit)
            if bm is not None and c.info.word_count == 0 and not (c.info.verb_outcome or c.info.participle):
                bm = None
                c.info = parse_right(text, c.aw_e, end_limit)
        else:
            bm = None
        info: RightInfo | None = c.info
        assert info is not None
        if info.np_end > c.aw_e and bm is None:
            c.aw_e = info.np_end
        c.depth = seg.count("(", 0, c.s - a) - seg.count(")", 0, c.s - a)
        if not c.group:
            c.group = info.group
    # the whole sentence's cues
    tolls: list[tuple[int, int, str]] = []
    if (
        "toll" in sl
        or "number of" in sl
        or "loss" in sl
        or "dead" in sl
        or "casualt" in sl
        or "injured a" in sl
        or "wounded a" in sl
    ):
        for m in _toll_matches(sl):
            if m.group("toll"):
                lab = "killed"
            elif m.group("cas"):
                lab = "civilian casualties"
            elif m.group("inj"):
                lab = "injured"  # "put the dead at 40 and the injured at 120"
            else:
                o, g, person, nouns, part = words_label(m.group("what").split())
                if o == "displaced":  # "the number of people displaced within Sudan"
                    o = _displaced_before(text, a + m.end(), b)
                lab = compose(o, g, person, nouns, part)
            if lab:
                tolls.append((m.start(), m.end(), lab))
    ofhead: str | None = None
    of_end = -1  # "Of the 48 missiles, 44 were shot down": where the whole named first ends
    if sl[:1] in ("o", "a", "t") or sl.lstrip("•-– ")[:2] in ("of", "am", "th"):
        of_match = _OFHEAD.match(sl) or _HEAD_INCLUDES.match(sl)
        if of_match:
            o, g, _, _, _ = words_label(of_match.group("rest").split())
            ofhead = o
            if sl[of_match.end() : of_match.end() + 1] == "," and any(ch.isdigit() for ch in of_match.group("rest")):
                of_end = a + of_match.end()
    sexunk = [m.span() for m in _SEXUNK.finditer(sl)] if ("sex" in sl or "gender" in sl) else []
    modals = (
        [
            m.start()
            for m in _modal_matches(sl)
            if not (m.group().startswith("may") and seg[m.start()] == "M")
            and _UNCERTAIN_NOW.match(sl, m.start()) is None
        ]
        if contains_any(sl, _MODAL_HINTS)
        else []
    )
    contexts = (
        [m.start() for m in _CONTEXT.finditer(sl)]
        if (
            ("year" in sl and ("past" in sl or "previous" in sl or "preceding" in sl or "last" in sl))
            or "century" in sl
            or "leading" in sl
            or "before the" in sl
        )
        else []
    )

    # pass 1: own labels
    prev_end = a
    prev_c: _C | None = None
    for c in cands:
        info = c.info
        assert info is not None
        c.qual = _final_qualifier(c, text, a, b)
        if c.label:  # implicit candidates come labelled
            prev_c = c
            continue
        own = info.outcome or info.verb_outcome
        if (
            prev_c is not None
            and prev_c.lverb
            and not c.lverb
            and not own
            and not (info.participle or info.verb_participle)
            and (
                c.lword in ("and", "or")
                or c.lword2 in _AND_THEIR  # "killed a man and his three young sons"
                # (after a comma, only a list's next item: "killed 6, 9 and 11 people", "killed 4 children, 3 women
                # and ..."; not "killed 9,000 people, 3,000 families still live in shelters")
                or (
                    text[prev_c.aw_e : c.aw_s].strip() == ","
                    and (not _word_count(prev_c) or (c.group and prev_c.group))
                )
            )
            and _COORD.match(text[prev_c.aw_e : c.aw_s])
        ):
            # "shelling killed 6 and 11 people", "killed two soldiers and three civilians", "killed 6, 9 and 11"
            c.lverb = prev_c.lverb
        prev_c = c
        if c.unit == "t" and c.lword in _DELIVERY_VERBS:
            # "the convoy brought 42 tonnes of food, hygiene kits and medicines": tonnes of aid delivered
            c.label = "aid delivered"
            c.outcome_src = "own"
        elif (c.unit == "%" or c.kind == "frac") and info.nouns and info.nouns[0] in _CHANGE_NOUNS:
            # "a 30 percent rise in civilian deaths": the change of what follows "in"
            # (not what it is measured against: "a 12% decrease on the week before")
            tail = _CLAUSE_END.split(text[info.np_end : min(b, info.np_end + 60)], maxsplit=1)[0]
            if _CHANGE_OF.match(tail):
                o, g, person, nouns, part = words_label(_WORD_RE.findall(tail)[:6])
                c.label = compose(o, g, person, nouns[:2], part)
                c.outcome_src = "share"
        elif c.unit == "%" and info.nouns and _PERIOD_ON_PERIOD.match(text, c.e) is not None:
            pass  # "rose 37% week on week": the words after it say when, not of what (the subject may: see below)
        elif (c.unit == "%" or c.kind == "frac") and (info.nouns or info.outcome or info.person):
            c.label = _share_label(info, c.kind == "frac")
            c.outcome_src = "share"
        elif own and not (info.outcome is None and c.unit is not None and _is_money(c.unit)):
            # (a verb's outcome counts people or things, never a sum: "$4 million was returned")
            c.label = compose(own, c.group, False, [], None)
            c.outcome_src = "own" if info.outcome else "verb"
        elif c.lverb in OBJECT_OUTCOMES and info.nouns and not info.person and not c.group:
            # "shot down another four missiles", "damaged at least 23 homes", "destroyed 34 of the 42 drones"
            c.label = _done_to(c.lverb, info.nouns)
            c.outcome_src = "noun"
        elif c.lverb and prev_end == a and (head := heading_above(text, a, c.aw_s)):
            c.label = head  # a heading on the line above, not a verb: "Children killed" / "14,100+"
            c.outcome_src = "left"
        elif c.lverb and c.lverb not in OBJECT_OUTCOMES:
            toll = _toll_for(tolls, c, a, prev_end, sl) if tolls else None
            if toll and not c.group and _outcome_of(toll) == c.lverb:
                c.label = toll  # "the number of children injured 2,046": the whole phrase names the count
                c.outcome_src = "toll"
            else:
                verb = c.lverb
                if verb == "displaced":  # "displaced 61,000 people across Malawi"
                    verb = _displaced_before(text, info.np_end, b)
                c.label = compose(verb, c.group, False, [], None)
                c.outcome_src = "left"
        else:
            toll = _toll_for(tolls, c, a, prev_end, sl)
            if toll and not c.group and not info.nouns:
                c.label = toll
                c.outcome_src = "toll"
            elif c.unit == "%" or c.kind == "frac":
                c.label = _share_label(info)
            elif c.unit and c.unit.isupper() and c.unit != "%":
                c.label = _money_label(c, text, a, b)
            elif info.nouns or info.participle or (info.verb_participle and not (info.person or c.group)):
                nouns = [w for w in info.nouns if not _is_adjective(w)] or info.nouns
                part = info.participle or (info.verb_participle if not (info.person or c.group) else None)
                c.label = compose(None, c.group, info.person, nouns, part)
                c.outcome_src = "noun"
            elif c.group:
                c.outcome_src = "group"
            elif info.person:
                c.label = "people"
                c.outcome_src = "person"
        prev_end = c.aw_e

    # pass 2 (right to left): coordinated numbers share the verb that follows them
    for i in range(len(cands) - 2, -1, -1):
        c, nx = cands[i], cands[i + 1]
        if c.outcome_src in ("own", "verb", "left", "toll") or c.role != "current" or c.aw_e <= of_end:
            continue  # (nor does the whole named first with its parts: "Of the 48 missiles, 44 were shot down")
        if c.lword in _REACH_WORDS or c.lword in _UP_TO_VERBS or _reached_by_qualifying_verb(c, text):
            # a number a verb of its own reaches is its clause's subject's: "The number of confirmed cases has topped
            # 10,000, and 300 people have died" (pass 3 reads the subject)
            continue
        if _breakdown_item(cands, i, text):
            # "203, including 31 children, and 700 were injured", "11,743 deaths, among them 614 children, and
            # 24,614 injured", "14 people, including 5 children and 3 women, while 30 others were injured": the
            # children and the women belong to the figure before
            continue
        between = text[c.aw_e : nx.aw_s]
        if not _COORD.match(between) and _LIST_BETWEEN.match(between) and (
            _HAS_AUX.search(between) or not c.info or c.info.word_count == 0 or c.info.participle
        ):
            # a list's items are nouns: not a number with a verb or a phrase of its own ("47 have been
            # laboratory-confirmed and 9 patients have died", "people remain without heating ..., and thousands
            # have left"), nor a bare one ("up 319 since dawn, and 207 people are missing")
            continue
        if (
            nx.outcome_src == "verb" or (nx.outcome_src == "own" and _outcome_is_verb(text, nx))
        ) and nx.info and (_COORD.match(between) or _LIST_BETWEEN.match(between)):
            # (the next one may have its verb from the one after it: "826 women, 97 girls and 112 boys were among
            # the dead")
            c.label = compose(nx.info.verb_outcome or _outcome_of(nx.label), c.group, False, [], None)
            c.outcome_src = "verb"
        elif (
            nx.info
            and nx.info.verb_participle
            and not nx.info.part_of  # (a part's participle is its whole's: "33 of the 40 drones and one of the
            # two missiles launched")
            and c.outcome_src in ("noun", "")
            and (_COORD.match(between) or _LIST_BETWEEN.match(between))
            and c.info
            and c.info.nouns
        ):
            nouns = [w for w in c.info.nouns if not _is_adjective(w)] or c.info.nouns
            c.label = compose(None, None, False, nouns, nx.info.verb_participle)
        elif (
            not c.label
            and not c.group
            and nx.label
            and _COORD.match(between)
            and c.info
            and c.info.word_count == 0
            and nx.outcome_src in ("own", "verb", "left", "noun")
        ):
            _carry_label(c, nx)

    if of_end >= 0:
        _label_parts_of_whole(cands, of_end)
    for i in range(2, len(cands)):
        _coordinated_part(cands, i, text)
    for i in range(len(cands) - 1):
        _named_by_its_share(cands[i], cands[i + 1], text)
        if i + 2 < len(cands):
            _casualties_by_bracket(cands[i], cands[i + 1], cands[i + 2], text)

    # pass 3 (left to right): breakdowns, elided groups, roles, carried labels
    capacity_cue = contains_any(sl, _CAPACITY_HINTS)
    totals = _total_clauses(sl)
    last_head: str | None = ofhead
    has_of = " of " in sl
    for i, c in enumerate(cands):
        info = c.info
        assert info is not None
        prev = cands[i - 1] if i > 0 else None
        if has_of and not c.group and c.unit is None and c.kind != "frac" and (o := _outcome_of(c.label)):
            # a group named as the part's subject or complement: "Children made up 312 of the 1,095 civilians
            # killed", "as many as 12 of the dead were children"
            g = _GROUP_PART_AFTER.match(text, c.e, b)
            if g is None and text[c.e : c.e + 4] == " of ":
                g = _GROUP_PART_BEFORE.search(text, max(a, c.aw_s - 40), c.aw_s)
            if g is not None:
                c.group = GROUP_NOUNS[g.group("g").lower()]
                c.label = compose(o, c.group, False, [], None)
        # elided group: "nineteen children have been killed and 31 injured", "498 children have died and more
        # than 1,100 have been hurt", "11 children killed and 63 injured"
        if (
            prev is not None
            and c.outcome_src in ("own", "verb")
            and not c.group
            and prev.group
            and prev.outcome_src in ("verb", "own")
            and prev.role == c.role == "current"
            and prev.info
            and (info.word_count == 1 if c.outcome_src == "own" else info.word_count == 0)
            and (o := info.outcome or info.verb_outcome)
            and o != _outcome_of(prev.label)
            and _COORD.match(text[prev.info.verb_end if prev.info.verb_end > 0 else prev.info.np_end : c.aw_s])
        ):
            c.group = prev.group
            c.label = compose(o, c.group, False, [], None)
        elif (
            prev is not None
            and c.outcome_src == "own"
            and not c.group
            and info.word_count == 1
            and (whole := _group_whole(cands, i, text)) is not None
        ):
            # "1,682 child casualties (468 killed and 1,214 injured)", "1,964 children have been affected: 552
            # killed and 1,412 injured": the parts of a group's count are that group's
            c.group = whole.group
            c.label = compose(info.outcome, c.group, False, [], None)
        # elided noun: "3,452 schools have been damaged and 365 destroyed" (past the earlier value in a bracket:
        # "1,310 (1,288) facilities have been damaged and 95 (91) destroyed")
        host = cands[i - 2] if prev is not None and i > 1 and prev.paren and prev.role == "earlier" else prev
        if (
            host is not None
            and (part := info.participle or info.verb_participle)
            and not info.nouns
            and not info.person
            and not c.group
            and host.info is not None
            and (host.info.nouns or (host.group and info.participle is None))
            and _elided_after(text[max(host.aw_e, host.info.verb_end) : c.aw_s], info.participle is None)
        ):
            # (and a passive after the figure: "1,500 prisoners escaped during the unrest, and only 212 have been
            # recaptured")
            nouns = [w for w in host.info.nouns if not _is_adjective(w)] or host.info.nouns
            c.label = compose(None, None if nouns else host.group, False, nouns, part)
            if c.unit == "%":
                c.label = "share of " + c.label  # "90 per cent of all hospitals ..., while 40 per cent of them ..."
        if not c.label and c.unit in ("%", PP) and c.kind != "frac":
            # "a case fatality rate of 1.4%", "the unemployment rate ticked up to 3.9%": the rate named before it
            # (inside a bracket, from the bracket on: "289 deaths (CFR 2.3%)")
            cs = max(_clause_start(sl, c.aw_s - a), sl.rfind("(", 0, c.aw_s - a) + 1)
            if lab := _rate_label(_WORD_RE.findall(sl[cs : c.aw_s - a])):
                c.label = lab
                c.outcome_src = "left"
        # role: previous value in brackets "(1,035)", "(2,685 in the report a day earlier)"
        if (
            c.paren
            and prev is not None
            and info.word_count == 0
            and not info.verb_outcome
            # (after the figure's verb too, when the bracket holds the number alone: "3,381 were killed (3,309) and
            # 3,875 were wounded (3,752)", not "1,318 have been killed (248 in occupied territory)")
            and (
                _OPEN_BRACKET.fullmatch(text[prev.aw_e : c.s].rstrip(_SIGNS))
                or (
                    _OPEN_BRACKET.fullmatch(text[_end_before(prev, c.s) : c.s].rstrip(_SIGNS))
                    and text[c.aw_e : c.aw_e + 2].lstrip()[:1] in (")", "]")
                )
            )
            and c.outcome_src not in ("own", "verb")
            # ("$18.2 million (24 per cent)": a share of it, no earlier value; "(+3%)" is a change all the same)
            and (c.role == "delta" or (c.unit == "%") == (prev.unit == "%"))
        ):
            c.role = "delta" if c.role == "delta" else "earlier"  # "(+3,215 since last report)" is a change
            _carry_label(c, prev)
        elif (
            c.role == "delta"
            and prev is not None
            and prev.role == "current"
            and info.word_count == 0
            and not text[prev.aw_e : c.s].strip(_SIGNS)
            and c.outcome_src not in ("own", "verb")
        ):
            _carry_label(c, prev)  # a dashboard's change right after its count: "Killed 11,973 ▲ 53"
        elif (
            prev is not None
            and info.word_count == 0
            and c.outcome_src not in ("own", "verb")
            and _PREVIOUS_IN_BRACKET.search(text, max(prev.aw_e, c.aw_s - 30), c.aw_s) is not None
        ):
            # "Fatalities 612 (previous report: 587)", "7.3M people in need (prev. 6.8M)": the bracket says first that
            # the value is an earlier one
            c.role = "earlier"
            _carry_label(c, prev)
        elif (
            c.paren
            and c.role == "current"
            and c.outcome_src not in ("own", "verb")
            and _PAREN_PREVIOUS.match(text, c.e, b) is not None
        ):
            # "1,932 patients since the escalation (1,704 in the previous report)", "(1,102 previously)": the
            # bracket says the value is an earlier one, with the label of the figure before it
            c.role = "earlier"
            if (not c.label or c.label in ("day", "week", "month")) and prev is not None:  # ("(3386 day before)")
                _carry_label(c, prev)
        elif (
            c.paren
            and not c.label
            and info.word_count == 0
            and (
                (pm := _PERIOD_BEFORE_BRACKET.search(text, max(a, c.s - 70), c.s)) is not None
                or _LISTED_NAME_BEFORE_BRACKET.search(text, max(a, c.s - 60), c.s) is not None
            )
            and (same := _last_labelled(cands, i, c.unit)) is not None
        ):
            # the same count for another period ("fewer than in June (259)": earlier; "the total for last year
            # (107)": context), or a place's share of it ("2,593,902 arrivals, followed by Romania (686,232)")
            if pm is not None:
                c.role = "earlier" if pm.group("than") else "context"
            _carry_label(c, same)
        elif c.paren and not c.label and info.word_count == 0:
            # "civilian deaths (780)": the noun before the bracket
            before = _WORD_RE.findall(text[max(a, c.s - 80) : c.s])[-8:]
            o, g, person, nouns, part = words_label(before)
            if o:
                c.label = compose(o, g, False, [], None)
                c.outcome_src = "left"
        if info.degree and last_head == "injured" and c.label in ("", "injured"):
            # "14 people were injured, four of them seriously": a part of the injured, by how badly (also when the
            # verb before reached over the part: "injuring 40 people, and two of them remain in critical condition")
            c.label = f"{info.degree} injured"
            c.outcome_src = "head"
        elif c.group and not c.label:
            head = last_head
            if head is None:
                # the verb after a coordinated list may come later: look ahead for the next outcome
                for nx in cands[i + 1 :]:
                    if ";" in text[c.aw_e : nx.aw_s] or ")" in text[c.aw_e : nx.aw_s]:
                        break  # (not past the list's clause: "Dead: 1,310 (402 men); 55 children remain missing")
                    if nx.outcome_src in ("verb",) and nx.info and nx.info.verb_outcome:
                        head = nx.info.verb_outcome
                        break
            c.label = compose(head, c.group, False, [], None) if head else c.group
            c.outcome_src = "head"
        elif c.outcome_src == "person" and last_head and (c.lword in _BREAKDOWN_WORDS or (i == 0 and ofhead)):
            # "317 people, including 71 civilians"; "Among the dead were 9,806 people": counted under the outcome
            # (the civilians among all the dead are a part of their own: "civilians killed")
            c.label = compose(last_head, _civilians_part(c, prev, text), False, [], None)
            c.outcome_src = "head"
        elif ofhead and not c.label and not info.nouns and not info.person and c.unit is None and c.role == "current":
            # "Of the deaths, 11,832 were in Kahramanmaras, 9,504 in Hatay": the parts of the whole named first
            # (and "Of the 120 people killed, 45 were civilians")
            c.label = compose(ofhead, _civilians_part(c, prev, text), False, [], None)
            c.outcome_src = "head"
        if not c.label and c.lword2 == "population of" and c.unit is None:
            # "a pre-war population of around 12,000": the population, not what the figure before counted
            before = _WORD_RE.findall(text, max(a, c.aw_s - 40), c.aw_s)[-3:-2]
            mod = before[0].lower() if before and "-" in before[0] else ""
            c.label = f"{mod} population".strip()
            c.outcome_src = "left"
        if not c.label and c.role in ("current", "projection"):
            if c.year_like and not c.pre_q:
                c.kind = "drop"
                continue
            if (
                c.lword in _REACH_WORDS
                or c.lword in _UP_TO_VERBS
                or (c.unit == "%" and c.lword in _CHANGE_VERBS_BARE)
                or (c.kind == "range" and c.lword == "from")  # "estimates of the dead range from 5,000 to 8,000"
            ):
                # "a 30 percent rise in civilian deaths to 574": the outcome named earlier in the clause (and after
                # a verb of change, "up to" was reaching: "the number of people sheltering has gone up to 4,300")
                cs, words = _reaching_clause(sl, c.aw_s - a)
                o, g, _, _, _ = words_label(words)
                if not o and cs > 0 and i == 0:
                    # "Civilian deaths in May, June and July stood at 147, 181 and 204": the clause began with the
                    # sentence, before the list of names
                    o, g, _, _, _ = words_label(_WORD_RE.findall(sl[: min(cs, 40)])[:3])
                if o:
                    c.label = compose(o, g, False, [], None)
                    c.outcome_src = "left"
                elif c.unit is None and (lab := _number_of_label(text, sl, a, cs, c.aw_s)):
                    c.label = lab
                    c.outcome_src = "left"
                elif (
                    c.unit is None
                    or _is_measure(c.unit)
                    or (c.unit == "%" and (c.lword in _UP_TO_VERBS or c.lword in _CHANGE_VERBS_BARE))
                ) and (
                    (lab := _subject_label(words))
                    # (the verb of change in the clause before: "Arrivals in Romania have kept climbing, up to
                    # 94,310")
                    or (i == 0 and cs > 0 and c.unit is None and (lab := _subject_label(_WORD_RE.findall(sl[:cs]))))
                ):
                    # "Arrivals in Slovakia grew to 256,110", "cholera cases since 1 January stand at 58,204"; a
                    # change in per cent of the subject: "arrivals in Lampedusa rose 37%"
                    c.label = lab
                    c.outcome_src = "left"
            elif c.lword == "by":
                # a change and what it is of, since the figure before: "deaths rose by 20", "the dead by 27 and the
                # injured by 97", "children killed rose by 6, and injured - by 14" (the group carried)
                o, g, _, _, _ = words_label(_WORD_RE.findall(sl[(prev.aw_e if prev else a) - a : c.aw_s - a])[-6:])
                if o:
                    if g is None and prev is not None and (po := _outcome_of(prev.label)) not in (None, o):
                        g = prev.group or _GROUP_VALUES.get(prev.label.removesuffix(f" {po}"))
                    c.label = compose(o, g, False, [], None)
                    c.outcome_src = "left"
                elif (
                    c.unit in (None, "%")
                    and len(before := _WORD_RE.findall(sl[_clause_start(sl, c.aw_s - a) : c.aw_s - a])) > 1
                    and (before[-2] in _SUBJECT_VERBS or before[-2] in _CHANGE_VERB_FORMS)
                    and (lab := _subject_label(before[:-1]))
                ):
                    # the subject, when it names no outcome: "the number of confirmed cases has grown by", "staple
                    # food prices fell by 12%" (a change in per cent of it, as "arrivals rose 37%")
                    c.label = lab
                    c.outcome_src = "left"
            elif c.unit is None and _reached_by_qualifying_verb(c, text):
                # "Cholera cases top 12,000", "arrivals passed the one million mark": the subject is what is counted
                # ("the number of people needing shelter is likely to top 150,000")
                cs = _clause_start(sl, c.aw_s - a)
                if lab := _subject_label(_WORD_RE.findall(sl[cs : c.aw_s - a])) or _number_of_label(
                    text, sl, a, cs, c.aw_s
                ):
                    c.label = lab
                    c.outcome_src = "left"
            if not c.label and prev is not None and prev.label and _new_value_of(prev, c, text, sl, a):
                _carry_label(c, prev)
            elif (
                not c.label
                and prev is not None
                and prev.label
                and prev.role == "delta"
                and prev.unit == c.unit
                and any(prev.e - a <= s and e <= c.aw_s - a for s, e in totals)
            ):
                # "A further 86 cases were confirmed, bringing the total to 913": the total of what was added
                _carry_label(c, prev)
            carried = None
            if not c.label and c.lword != "leaving":
                # (not to what is left: "6,300 people have returned home, leaving 42,700 in 188 sites")
                # (at most _CARRY_BACK figures back, without copying the list: a line of thousands of bare numbers
                # would otherwise cost a quadratic walk)
                for j in range(i - 1, max(-1, i - 1 - _CARRY_BACK), -1):
                    pv = cands[j]
                    if (
                        pv.kind != "drop"
                        and pv.depth == c.depth
                        and pv.label
                        # (not an earlier value's or a change's label; a projection's only to its breakdown:
                        # "2.7 million people are projected to face Crisis, including 410,000 in Emergency"; a
                        # whole's to its part: "Of the 36 hospitals, only 12 are functional")
                        and (
                            pv.role == "current"
                            or (pv.role == "projection" and c.lword in _BREAKDOWN_WORDS)
                            or (pv.role == "context" and _whole_of_a_stock(pv, text, a))
                        )
                        and pv.outcome_src != "head"
                        # (a count never takes a share's label, nor a sum of money a count's: "$2.6 billion
                        # is needed to assist 14.7 million people, including $1.1 billion for ...")
                        and _unit_kind(pv.unit) == _unit_kind(c.unit)
                    ):
                        carried = pv
                        break
            if carried is not None:
                _carry_label(c, carried)
                if (
                    carried.info is not None
                    and (carried.info.participle or carried.info.verb_participle)
                    and _OWN_VERB_AFTER.match(text, c.aw_e) is not None
                ):
                    # what was done to the figure before is not this one's, which has a verb of its own: "23 miners
                    # remain trapped and 41 have been brought to the surface" (miners, not miners trapped)
                    ci = carried.info
                    c.label = compose(None, carried.group, ci.person, ci.nouns, None) or c.label
                if (
                    c.lverb in OBJECT_OUTCOMES
                    and carried.info is not None
                    and carried.info.nouns
                    and not carried.group
                    and not carried.info.person
                ):
                    c.label = _done_to(c.lverb, carried.info.nouns)  # "damaged 300 homes and destroyed 40"
        if c.outcome_src in ("own", "verb", "left", "toll") and not c.group:
            # the outcome a breakdown after it is of (also when the clause reaching it named it just now: "Deaths
            # rose to 88, including 21 children")
            last_head = _outcome_of(c.label) or last_head
        if (
            c.year_like
            and not c.pre_q
            and (
                c.outcome_src not in ("own", "verb", "left", "toll")
                or (
                    (c.lword in _TIME_PREPOSITIONS or (c.lword == "of" and c.lword2.split(" ", 1)[0] in _PERIOD_PARTS))
                    and not any(_is_plural_like(w) for w in info.nouns)
                )
            )
            and not (info.person or c.group)
            and not (c.paren and c.role == "earlier")  # "2104 dead (2072)": the count the day before, no year
        ):
            c.kind = "drop"  # (also "during 2016 likely killed ...": a year, then the verb of another count)
            continue
        if (
            capacity_cue
            and c.role == "current"
            and _CAPACITY_BEFORE.search(text, max(a, c.aw_s - 40), c.aw_s) is not None
        ):
            # "the camp, built for 20,000, now houses 58,000": what a place was made for frames the count
            c.role = "context"
            if not info.word_count or c.outcome_src == "carry":
                c.label = "capacity"
                c.outcome_src = "left"
            continue
        # (most sentences give no total: no call then)
        adds = bool(totals) and _adds_to_a_total(c, text, a, cands[i + 1].s if i + 1 < len(cands) else b, totals)
        _assign_role(c, text, sl, a, prev, modals, contexts, adds)
        if (
            c.role == "current"
            and (c.lword in _BREAKDOWN_WORDS or c.lword2 in _BREAKDOWN_PAIRS)
            and (whole := next((p for p in reversed(cands[:i]) if p.kind != "drop" and p.depth == c.depth), None))
            is not None
            and whole.role == "projection"
        ):
            # "2.7 million people are projected to face Crisis ..., including 410,000 in Emergency": a part of a
            # projection is projected too
            c.role = "projection"

    # earlier values take the label of the value they precede or follow
    for i, c in enumerate(cands):
        if c.role == "earlier" and c.from_ and not (c.info and (c.info.outcome or c.info.verb_outcome)):
            ref = _earlier_of(cands, i)
            if ref is not None and ref.label:
                c.label = ref.label
                c.group = ref.group
        elif (
            c.role == "delta"
            and not c.label
            and c.unit is None
            and i + 1 < len(cands)
            and (nx := cands[i + 1]).lword == "to"
            and nx.label
            and nx.unit is None
        ):
            c.label = nx.label  # "the number of cholera cases rose by 120 to 3,400": the change of what it reaches
            c.group = nx.group

    for i in range(1, len(cands)):
        _share_of_counted_whole(cands, i, text)
    for c in cands:
        if c.info is not None and c.info.nouns and c.info.nouns[-1] in _COUNTED_APART:
            _counted_apart(c)
    if " per " in sl:
        for c in cands:
            _rate_per_population(c, text, sl, a)
    if " of which " in sl:
        for i, c in enumerate(cands):
            _part_of_which(c, cands[i - 1] if i else None, text, a)
    if any(c.unit == PP for c in cands):
        _label_rate_changes(cands)
    if "respectively" in sl:
        _label_respective(text, sl, a, cands)
    if len(cands) > 3:
        _label_earlier_list(text, cands)
    if " by " in sl and ":" in sl and (head := _BY_DIVISION.match(sl)) is not None:
        _label_by_division(text, a + head.end(), head.group("what"), cands)

    # "(sex unknown)" for children/adults whose sex is not determined
    for c in cands:
        if (
            c.group in ("children", "adults")
            and c.label.startswith(c.group)
            # the phrase after the number ("40 adults whose sex is unknown") or around it ("the sex of a further
            # 31 children ... is not yet known")
            and any(0 <= ms - (c.s - a) < 120 or ms <= c.s - a < me for ms, me in sexunk)
        ):
            c.label += " (sex unknown)"


# The end of a list read item by item against the names before it: "402 and 264, respectively"
_RESPECTIVELY_AFTER = re.compile(r"[\s,]*\(?respectively\b")
_NUMBERS_OF = re.compile(r"\bnumbers? of(?: the)?(?= )")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)\Z")
# Plurals that say when or how often, or point at a count named elsewhere, not what is counted
_NOT_COUNTED_PLURALS = frozenset(
    str.split("days weeks months years hours nights weekends times totals figures numbers counts tallies estimates")
)


def _label_rate_changes(cands: list[_C]) -> None:
    """A change in percentage points and the rate it changes name each other: "fell to 62 per cent, down 19
    percentage points" (the change takes the rate's name), "rose 0.3 percentage points to 4.1%" (the rate takes the
    change's)."""
    for i, c in enumerate(cands):
        if c.unit != PP or not c.label:
            continue
        nx = cands[i + 1] if i + 1 < len(cands) else None
        if nx is not None and nx.unit == "%" and not nx.label and nx.lword == "to":
            nx.label = c.label
    for i, c in enumerate(cands):
        if c.unit == PP and not c.label:
            rate = next((p for p in reversed(cands[:i]) if p.unit == "%" and p.label), None)
            if rate is None:
                rate = next((p for p in cands[i + 1 :] if p.unit == "%" and p.label), None)
            if rate is not None:
                c.label = rate.label


# The civilians counted right after a number: "including 71 civilians", "45 were civilians"
_CIVILIANS = re.compile(r"[ \t]+(?:(?:were|are|was)[ \t]+)?civilians?\b", re.I)


def _civilians_part(c: _C, prev: _C | None, text: str) -> str | None:
    """"civilians" when the part ``c`` of the count before it counts the civilians among all it counted ("317 people,
    including 71 civilians"), else None; not when ``prev`` counts civilians itself ("104 civilians killed",
    "civilian deaths rose to 40")."""
    if prev is None or _CIVILIANS.match(text, c.e) is None:
        return None
    np_end = prev.info.np_end if prev.info is not None else prev.aw_e
    return None if "civilian" in text[max(0, prev.aw_s - 30) : max(prev.aw_e, np_end)].lower() else "civilians"


def _unit_kind(unit: str | None) -> str | None:
    """What a figure measures, for the labels it may share: a count (None), a share ("%"), money (a currency code)
    or a quantity in its own unit."""
    return "money" if unit is not None and _is_money(unit) else unit


def _carry_label(c: _C, src: _C) -> None:
    """``c`` counts what ``src`` counts: it takes its label and group."""
    c.label = src.label
    c.group = src.group
    c.outcome_src = "carry"


def _last_labelled(cands: list[_C], i: int, unit: str | None) -> _C | None:
    """The last current figure before ``cands[i]`` with a label and the same unit (a count for a count, a share for
    a share)."""
    return next((p for p in reversed(cands[:i]) if p.label and p.unit == unit and p.role == "current"), None)


def _new_value_of(prev: _C, c: _C, text: str, sl: str, a: int) -> bool:
    """Whether ``c`` is the new value of the count that the change or earlier value ``prev`` gave: "the toll rose by
    214 overnight to 5,987", "rises from 14 to 19", or a first account's revision ("initially reported three deaths,
    but by Friday the figure had been raised to 14", "initially put at 60, was later lowered to 52")."""
    if c.lword not in ("to", "at") or prev.role not in ("delta", "earlier"):
        return False
    if c.lword == "to":
        between = text[prev.aw_e : c.aw_s]
        if (
            len(between) < 40
            and not _STOP_CHARS.search(between)
            # (a comma may close the change: "rose by almost 200 in a single day, to 8,574")
            and "," not in between.rstrip().removesuffix("to").rstrip()[:-1]
        ):
            return True
    if prev.role != "earlier":
        return False
    between = sl[prev.e - a : c.aw_s - a]
    return len(between) < 160 and _REVISION.search(between) is not None


def _label_respective(text: str, sl: str, a: int, cands: list[_C]) -> None:
    """Label the numbers of a "respectively" list that have no name of their own with what the words before the
    list count: "a rise in arrivals into Moldova and Romania – up to 98,412 and 71,530, respectively" -> arrivals;
    "Most deaths recorded in Sindh and Punjab - 402 and 264, respectively" -> killed (in place)."""
    for i, last in enumerate(cands):
        if _RESPECTIVELY_AFTER.match(text, last.aw_e) is None:
            continue
        j = i
        while j > 0 and _LIST_JOIN.match(text[cands[j - 1].aw_e : cands[j].aw_s]):
            j -= 1
        run = [c for c in cands[j : i + 1] if c.kind != "drop" and c.unit is None]
        if j == i or len(run) < 2 or not all(_respective_open(c) for c in run[:-1]):
            continue
        if not _respective_open(run[-1]):
            continue  # the last item names them all: "reported 7 and 3 deaths, respectively"
        if _pair_with_list_before(text, cands[:j], run):
            continue  # "192 civilians killed and 711 wounded, compared with 203 and 657 respectively in September"
        # the nearest clause before the list that names what is counted (at most four back: the list may follow
        # a dash or a list of names, "received by Poland, Romania and Moldova – 1,916,445, 553,107 and ...")
        end = cands[j].aw_s - a
        lab = ""
        for _ in range(4):
            cs = _clause_start(sl, end)
            lab = _counted_in(text, a + cs, a + end)
            if lab or cs == 0:
                break
            end = cs - 1
            while end > 0 and not sl[end - 1].isalnum():
                end -= 1
        if lab:
            for c in run:
                if _respective_open(c):
                    c.label = lab
                    c.outcome_src = "left"


# A heading that breaks a count down by places: "Fatalities by governorate (as of 30 Nov): Gaza 6,108; ...",
# "Killed / injured by region: Kharkiv 14 / 52; ..."
_BY_DIVISION = re.compile(
    r"\W*(?P<what>[a-z][a-z /-]{0,40}?)\s+by\s+(?:region|governorate|province|district|oblast|state|county|area|"
    r"country|city|camp|site|department|municipality|commune|zone|sector|location)s?\b[^:.;]{0,40}:"
)


def _label_by_division(text: str, start: int, what: str, cands: list[_C]) -> None:
    """Label the bare numbers after a "<count> by <division>:" heading with the count; a heading of two counts
    ("killed / injured") labels each "N / M" pair in that order (in place)."""
    parts = [words_label(p.split()) for p in re.split(r"\s*/\s*|\s+and\s+", what.strip()) if p]
    labels = [compose(o, g, False, [], None) for o, g, _, _, _ in parts if o]
    if not labels or len(labels) != len(parts) or len(labels) > 2:
        return
    second = False  # whether the number is the second of an "N / M" pair
    for i, c in enumerate(cands):
        if c.aw_s < start or c.kind == "drop" or c.unit is not None or c.role != "current":
            second = False
            continue
        if c.info is not None and c.info.word_count == 0 and (not c.label or c.outcome_src == "carry"):
            c.label = labels[1 if second and len(labels) == 2 else 0]
            c.outcome_src = "left"
        nx = cands[i + 1] if i + 1 < len(cands) else None
        second = not second and nx is not None and text[c.aw_e : nx.aw_s].strip() == "/"


def _pair_with_list_before(text: str, earlier: list[_C], run: list[_C]) -> bool:
    """Label the list ``run`` item by item with the list of as many differently labelled figures that ends
    ``earlier`` (in place); False when there is no such list."""
    before = [c for c in earlier if c.kind != "drop" and c.label and c.unit is None]
    pairs = before[-len(run) :]
    if not (
        len(before) >= len(run)
        and len({c.label for c in pairs}) == len(run)
        # (after a figure's verb: "58 civilians were killed and 230 injured")
        and all(_LIST_JOIN.match(text[_end_before(p, q.aw_s) : q.aw_s]) for p, q in pairwise(pairs))
    ):
        return False
    for c, pv in zip(run, pairs, strict=True):
        _carry_label(c, pv)
    return True


def _label_earlier_list(text: str, cands: list[_C]) -> None:
    """A list of bare earlier values after a list of figures takes their labels item by item, and the whole list is
    earlier: "19 dead and 63 wounded, up from 12 and 41 in the morning" (in place)."""
    for j, first in enumerate(cands):
        if not (first.from_ and first.role == "earlier" and _respective_open(first)):
            continue
        i = j
        while i + 1 < len(cands) and _LIST_JOIN.match(text[cands[i].aw_e : cands[i + 1].aw_s]):
            i += 1
        run = cands[j : i + 1]
        if len(run) < 2 or not all(_respective_open(c) and c.unit is None and c.kind != "drop" for c in run):
            continue
        if _pair_with_list_before(text, cands[:j], run):
            for c in run:
                c.role = "earlier"


def _respective_open(c: _C) -> bool:
    """Whether a list item has no name of its own: a bare number or a generic "people"."""
    return not c.label or (c.label == "people" and c.outcome_src == "person") or (
        c.info is not None and c.info.word_count == 0 and c.outcome_src in ("", "carry")
    )


def _counted_in(text: str, s: int, e: int) -> str:
    """What the words ``text[s:e]`` count: an outcome ("most deaths recorded in ..."), what follows "number of", or
    else the first plural common noun ("a rise in arrivals into Moldova"); "" when none."""
    words = _WORD_RE.findall(text, s, e)
    low_words = [w.lower() for w in words]
    o, g, _, _, _ = words_label(low_words)
    if o:
        return compose(o, g, False, [], None)
    if (nm := _NUMBERS_OF.search(text[s:e].lower())) is not None:
        what = parse_right(text, s + nm.end(), e)
        own = what.outcome or what.verb_outcome
        nouns = [w for w in what.nouns if not _is_adjective(w)] or what.nouns
        return compose(own, what.group, what.person, [] if own else nouns, what.participle)
    for w, lw in zip(words, low_words, strict=True):
        if w[0].islower() and looks_plural(lw) and lw not in _NOT_COUNTED_PLURALS and lw not in _AGENT_NOUNS:
            return compose(None, GROUP_NOUNS.get(lw), lw in ("people", "persons", "individuals"), [lw], None)
    return ""


_CARRY_BACK = 64
# Words _CAPACITY_BEFORE needs (a yes/no pre-test per sentence)
_CAPACITY_HINTS = ("built", "designed", "meant", "intended", "planned", "capacity")
# What a place was built or planned to hold, before the number: "built for 400", "its planned capacity of 7,500"
_CAPACITY_BEFORE = re.compile(
    r"\b(?:(?:built|designed|meant|intended|planned)[ \t]+(?:for|to[ \t]+(?:hold|house|accommodate|host))"
    # (a capacity as it stands is a count of its own: "a combined capacity of about 1,800 beds, down from 3,500")
    r"|(?:planned|original|designed|intended|nominal)[ \t]+capacity[ \t]+(?:of|for))"
    r"[ \t]+(?:up[ \t]+to[ \t]+|about[ \t]+|some[ \t]+|around[ \t]+)?\Z",
    re.I,
)
# Verbs that bring aid somewhere, before its tonnes
_DELIVERY_VERBS = frozenset(
    str.split("delivered delivering delivers deliver brought bringing brings sent sending airlifted airlifting "
              "carrying carried dispatched shipped trucked")
)
# ("incl." keeps its dot as the word before a number)
_BREAKDOWN_WORDS = frozenset(("including", "includes", "include", "among", "incl", "incl."))
_BREAKDOWN_PAIRS = frozenset(("among them", "of them", "among whom", "of whom"))
_REACH_WORDS = frozenset(
    str.split(
        "to at reach reaches reached reaching hit hits totalled totaled totals totalling stands stood is was were are "
        "tops topped hovered hovers hovering averaged averages averaging"
    )
)
# The verb (and its adverbs) between a subject and its number: the words of reaching, and of changing or passing
_SUBJECT_VERBS = _REACH_WORDS | frozenset(
    str.split(
        "stand top rose risen grew grown climbed jumped increased fell fallen dropped declined now has have had so "
        "gone went up far already passed crossed exceeded surpassed neared near nears pass passes crosses exceeds "
        "surpasses rises climbs jumps grows falls drops increases declines reaches slowed slows eased eases surged "
        "soared doubled tripled halved"
    )
)
# The first of them after a subject: where the subject ends ("the number of confirmed cases stood at")
_VERB_AFTER_SUBJECT = re.compile(
    r"\b(?:" + "|".join(sorted(_SUBJECT_VERBS - {"to", "at", "up", "so", "far", "now", "near"})) + r")\b"
)
# Who does the counting or the reaching, not what is counted
_AGENT_NOUNS = frozenset(
    str.split(
        "rescuers organisers organizers police authorities officials teams partners agencies volunteers medics "
        "troops forces doctors workers responders crews planners analysts experts forecasters"
    )
)
# The first word of a number as written, past an infinitive's "to" ("is likely to top 150,000")
_LEADING_WORD = re.compile(r"(?:to[ \t]+)?([A-Za-z]+)", re.I)
# Verbs that are a number's qualifier ("cases top 12,000", "arrivals passed 1 million", "deaths near 500")
_QUALIFYING_VERBS = frozenset(
    str.split(
        "top tops topped pass passes passed cross crosses crossed exceed exceeds exceeded surpass surpasses surpassed "
        "near nears neared approach approaches approached"
    )
)


def _reached_by_qualifying_verb(c: _C, text: str) -> bool:
    """Whether a verb that is the figure's qualifier reaches it: "cases have topped 10,000", "arrivals passed 1
    million" (the verb stands inside the written figure, before the number)."""
    return bool(
        c.pre_q and (qm := _LEADING_WORD.match(text, c.aw_s)) is not None and qm.group(1).lower() in _QUALIFYING_VERBS
    )


# What may open the phrase between a subject's head and its verb when that phrase is long ("admissions for severe
# acute malnutrition stood at", "registrations at the transit centre went up to")
_AFTER_HEAD_PREPOSITIONS = frozenset(str.split("in across from among within for at to on through since over during"))
_ARTICLES = frozenset(("the", "a", "an"))
# Words that open the period a change is over ("doubled in a week", "rose since January", "fell this month")
_PERIOD_OPENERS = frozenset(str.split("in since over during this last for within"))
# A subject that stands for a count named before it ("the figure", "the total")
_ANAPHORIC_HEADS = frozenset(str.split("figure figures number total tally count"))
# Periods a phrase between a subject and its verb may name: "in the last three months", "over two weeks"
_PERIOD_PLURALS = frozenset(str.split("hours days nights weeks months years decades quarters weekends"))
# Singular nouns that are themselves a count of people when they are a subject ("the camp population reached")
_COUNT_SUBJECTS = frozenset(str.split("population caseload"))


def _number_of_label(text: str, sl: str, a: int, cs: int, s: int) -> str:
    """The label of "the number of X" that opens the clause (from ``cs`` in the sentence ``sl`` that starts at ``a``)
    whose verb reaches the number at ``s``: "the number of people sheltering in the stadium has gone up to 4,300";
    what follows "number of" reads like what follows a number. "" without one."""
    nm = _NUMBER_OF.search(sl, cs, s - a)
    if nm is None:
        return ""
    vm = _VERB_AFTER_SUBJECT.search(sl, nm.end(), s - a)
    what = parse_right(text, a + nm.end(), a + vm.start() if vm else s)
    nouns = [w for w in what.nouns if not _is_adjective(w)] or what.nouns
    own = what.outcome or what.verb_outcome
    return compose(own, what.group, what.person, [] if own else nouns, what.participle)


def _is_measure(unit: str) -> bool:
    """A unit of mass, area or volume ("t", "ha", "km²"), not a share, a rate's points or a currency ("USD")."""
    return unit not in ("%", PP) and not unit.isupper()


def _is_money(unit: str) -> bool:
    """A currency ("USD", "EUR"): the units written in capitals."""
    return unit not in ("%", PP) and unit.isupper()


def _subject_head(words: list[str], k: int) -> int:
    """Where the plural head of the subject ending at ``k`` is, or -1: within four words of the verb (past a place
    or a period: "cases since 1 January", "arrivals in Slovakia"), or within fifteen past phrases that open with a
    preposition ("admissions for severe acute malnutrition", "arrivals in Italy in the first half of the year")."""
    for j in range(k - 1, max(-1, k - 16), -1):
        w = words[j]
        if w in _SUBJECT_VERBS or (w in _PERIOD_PLURALS and j > 0 and words[j - 1] not in _ARTICLES):
            continue  # (a period inside the phrase: "in the last three months of the year", "over two weeks")
        if (looks_plural(w) and len(w) > 2) or (w in _COUNT_SUBJECTS and j == k - 1):  # (not "u s")
            after = words[j + 1] if j + 1 < k else ""
            if j >= k - 4 or (
                after in _AFTER_HEAD_PREPOSITIONS and (after != "to" or (j + 2 < k and words[j + 2] in _ARTICLES))
            ):
                return j  # (not before an infinitive: "scored nine points to cut the lead to")
            return -1
    return -1


def _subject_label(words: list[str]) -> str:
    """The counted noun phrase that is the subject of the verb ending ``words`` (lower-cased words of the clause
    before a number): "arrivals in slovakia grew (to)" -> "arrivals"; "" when its head is no plural noun."""
    k = len(words)
    for f in range(k - 1, 0, -1):
        if words[f] == "from" and words[f - 1] in _SUBJECT_VERBS:
            k = f  # "cases fell from 1,402 in week 35 to": the subject ends at the verb before the earlier value
            break
    while k > 0 and (words[k - 1] in _SUBJECT_VERBS or words[k - 1] in AUX):
        k -= 1  # the verb and its auxiliaries
    if k > 0 and words[k - 1] in _ANAPHORIC_HEADS:
        return ""  # "planners expect the figure to reach": the figure named before, not the planners
    j = _subject_head(words, k)
    if j < 0:
        # a verb of change, then its period: "cholera admissions have doubled in a week to"
        v = next((i for i in range(k - 1, max(0, k - 6), -1) if words[i] in _CHANGE_VERB_FORMS), -1)
        if 0 < v < k - 1 and words[v + 1] in _PERIOD_OPENERS:
            k = _before_auxiliaries(words, v)
            j = _subject_head(words, k)
    if j < 0 or words[j] in _AGENT_NOUNS or "'" in words[j] or "’" in words[j]:
        return ""  # (nor an agent: "rescuers had reached 17 of them", "organisers at 250,000"; nor "haiti's")
    m = j - 1
    while m > max(0, j - 6) and words[m] not in _AFTER_HEAD_PREPOSITIONS:
        m -= 1
    if (
        m > 0
        and words[m] in _AFTER_HEAD_PREPOSITIONS
        and (words[m] != "to" or words[m + 1] in _ARTICLES)
        and looks_plural(words[m - 1])
        and words[m - 1] not in _SUBJECT_VERBS
        and (is_count_noun(words[m - 1]) or not is_count_noun(words[j]))
    ):
        # the plural was in a phrase after the head: "the confirmed deaths in both countries passed 21,000",
        # "arrivals at the southern crossings fell to"
        j = m - 1
    start = j
    while start > 0 and j - start < 2 and words[start - 1] not in STOP:
        start -= 1  # (at most three words: "suspected cholera cases")
    o, g, person, nouns, part = words_label(words[start : j + 1])
    return compose(o, g, person, nouns, part)


# Nouns that name a rate or a share of a whole: the head of a percentage's name written before it ("a case fatality
# rate of 3.1%", "vaccination coverage has dropped to 54 percent")
_RATE_NOUNS = frozenset(
    str.split(
        "rate rates ratio coverage prevalence proportion percentage turnout incidence positivity occupancy cfr rating"
    )
)
# Nouns that are a rate by themselves: "inflation slowed to 3.4%" is the inflation rate
_RATE_BY_ITSELF = frozenset(str.split("inflation unemployment poverty"))
# What may stand between a rate's name and its value: verbs of being, reaching and changing, and their particles
_RATE_LINKS = (
    _SUBJECT_VERBS
    | AUX
    | _CHANGE_VERBS_BARE
    | frozenset(
        str.split(
            "of at from to by ticked slowed eased edged slipped accelerated unchanged kept held sat hovered "
            "remained remains stayed went gone rising falling standing"
        )
    )
)
# A place or a period between a rate's name and its verb: "coverage in the district has dropped to"
_RATE_AFTER_HEAD = frozenset(str.split("in among across for during since at within"))


def _rate_label(words: list[str]) -> str:
    """The name of a rate written before its percentage: ``words`` are the lower-cased words of the clause before
    the number. "a case fatality rate of" -> "case fatality rate"; "inflation slowed to" -> "inflation rate";
    "" when the clause does not end in a rate's name and its verb."""
    k = len(words)
    while k > 0 and words[k - 1] in _RATE_LINKS:
        k -= 1
    if k == len(words) and k > 0 and words[k - 1] not in _RATE_NOUNS:
        return ""  # no verb or "of": "30% ... the rate" is no name of this number
    j = k - 1
    while j >= max(0, k - 5) and words[j] not in _RATE_NOUNS and words[j] not in _RATE_BY_ITSELF:
        j -= 1
    if j < max(0, k - 5) or (j < k - 1 and words[j + 1] not in _RATE_AFTER_HEAD):
        return ""
    if words[j] in _RATE_BY_ITSELF:
        return words[j] + " rate"
    start = j
    while start > 0 and j - start < 3 and words[start - 1] not in STOP and words[start - 1] not in _RATE_LINKS:
        if "'" in words[start - 1] or "’" in words[start - 1]:
            break  # a possessive owns the rate: "yemen's case fatality rate"
        start -= 1
    return " ".join(words[start : j + 1])


# Words _MODAL needs (a yes/no pre-test with contains_any)
_MODAL_HINTS = (
    "enough",
    "will ",
    "could",
    "might",
    "may",
    "would",
    "expect",
    "likely",
    "project",
    "forecast",
    "worst",
    "scenario",
    "plan",
    "aim",
    "predict",
    "estimates as",
)


_NEW_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\b")


def _toll_for(tolls: list[tuple[int, int, str]], c: _C, a: int, prev_end: int, sl: str) -> str | None:
    """The toll phrase that names this number: the last one before it with no other figure in between, or one
    that follows the bare number at once ("rose to 9 at least, the number of persons who were killed")."""
    best = None
    for start, end, lab in tolls:
        if a + end <= c.aw_s and a + end >= prev_end - 1:
            best = lab
        elif a + end > c.aw_s:
            if (
                best is None
                and c.info is not None
                and c.info.word_count == 0
                and 0 <= a + start - c.info.np_end < 25
                and not _STOP_CHARS.search(sl[c.info.np_end - a : start])
                # (not the toll of the next clause: "rose by 43 overnight to 2,104, and the number of injured ...")
                and _NEW_CLAUSE.search(sl, c.info.np_end - a, start) is None
            ):
                best = lab
            break
    return best or None


def _outcome_of(label: str) -> str | None:
    for o in (
        "civilian casualties",
        "killed",
        "injured",
        "missing",
        "internally displaced",
        "displaced",
        "refugees",
        "evacuated",
        "rescued",
        "homeless",
    ):
        if label == o or label.endswith(" " + o):
            return o
    return None


def _is_adjective(w: str) -> bool:
    return "-" in w or w.endswith(("al", "ic", "ous", "ive", "ful", "ary"))


def _share_label(info: RightInfo, fraction: bool = False) -> str:
    if not info.of_ and not fraction:
        # "2.8 per cent discount", "15% tariffs": the noun itself, not a share of it
        nouns = [w for w in info.nouns if not _is_adjective(w)] or info.nouns
        return compose(info.outcome, info.group, info.person, nouns, info.participle)
    if info.outcome:
        return "share of " + info.outcome
    nouns = [w for w in info.nouns if not _is_adjective(w)] or info.nouns
    if nouns:
        return "share of " + " ".join(nouns)
    if info.person:
        return "share of people"
    if info.participle:
        return info.participle
    return ""


def _money_label(c: _C, text: str, a: int, b: int) -> str:
    info = c.info
    assert info is not None
    if info.nouns:
        lab = " ".join(info.nouns)
        return f"{lab} {info.participle}" if info.participle else lab
    if info.participle and (verb_label := MONEY_VERBS.get(info.participle)):
        return verb_label  # "with $412M received", "US$4.3B requested"
    # "US$565 billion in damages and losses"; "US$4.1 billion will be urgently required"
    tail = text[info.np_end : min(b, info.np_end + 60)]
    if tail.lstrip()[:1] == "(" and (close := tail.find(")")) > 0:
        tail = tail[close + 1 :]  # "$18.2 million (24 per cent) had been received": the verb is after the bracket
    elif (aside := _SHARE_ASIDE.match(tail)) is not None:
        tail = tail[aside.end() :]  # "... only $744 million, or 29 per cent, had been received": likewise
    words = _WORD_RE.findall(_CLAUSE_END.split(tail, maxsplit=1)[0])
    if words and words[0].lower() == "in":
        ws: list[str] = []
        for w in words[1:]:
            if not w[0].islower() or len(ws) >= 4:
                break
            ws.append(w)
        if ws:
            return " ".join(ws)
    for w in words[:6]:
        verb_label = MONEY_VERBS.get(w.lower())
        if verb_label:
            return verb_label
    if c.money_label:
        return c.money_label
    if _APPEAL_BEFORE.search(text, max(a, c.s - 70), c.s) is not None:
        # "The appeal, launched at $2.7 billion", "launched on 25 May for $58 million": what an appeal or a plan
        # asks for
        return "funding required"
    return _money_named_before(text, a, c.s)


# An appeal or a plan named before a sum, with no other number or sum between: the sum is what it asks for
_APPEAL_BEFORE = re.compile(
    r"\b(?:appeals?|response[ \t]+plans?|requirements?)"
    r"(?:[ \t]*,?[ \t]+(?:launched|issued)(?:[ \t]+on[ \t]+[^,.;$€£\n]{1,20})?)?"  # ", launched on 25 May"
    r"[ \t]*,?[ \t]*(?:of|for|at|worth|seeks|seeking|totalling|totaling|:|\((?:US\$|USD|EUR|€)\):?)?"
    r"[ \t]*(?:US\$|\$|€|£|USD|EUR)?[ \t\n]*\Z",
    re.I,
)


# A sum's share of the whole, as an aside between commas: ", or 29 per cent,"
_SHARE_ASIDE = re.compile(
    r"[ \t]*,[ \t]*or[ \t]+(?:about[ \t]+|some[ \t]+|just[ \t]+|only[ \t]+)?[\d.]+[ \t]*"
    r"(?:%|per[ \t]*cent|percent)[ \t]*,"
)


# Verbs that value something at a sum: "the World Bank put reconstruction needs at $452 billion"
_VALUING_VERBS = frozenset(str.split("put puts putting estimated estimates estimate estimating valued values assessed"))
# Words between a sum's name and the sum: "damage ... is estimated at", "losses are expected to reach", "revenue
# rose 12% to"
_MONEY_LINKS = _RATE_LINKS | _VALUING_VERBS | frozenset(
    str.split("expected forecast set likely reach be in excess than more less over could would will may might cost")
)
# Where a sum's name ends: a place, a cause or a time after it ("insured losses from the storm")
_NAME_CUTS = frozenset(str.split("from in since after during over across by on at"))
# Words a sum's name goes without: determiners, and "alone" ("rebuilding the port alone will cost")
_NAME_DETERMINERS = frozenset(str.split("the a an its their his her this these those our own total alone"))
# Words that end the reading back: the clause's verb or its reporter ("the company said its quarterly revenue")
_NAME_STARTS = frozenset(
    str.split("said says say reported reports announced that which who while but and whereas although as")
)


def _money_named_before(text: str, a: int, s: int) -> str:
    """The name of a sum written before it in its clause: "Damage to the power grid is estimated at €1.2 billion"
    -> "damage to power grid"; "the World Bank put reconstruction needs at $452 billion" -> "reconstruction
    needs"; "" when the clause names none."""
    seg = text[a:s]
    # (searched from near the end only: an optional-everything pattern would otherwise be tried at every position)
    cm = _CURRENCY_CODE_END.search(seg, max(0, len(seg) - 8))
    if cm is not None:
        seg = seg[: cm.start()]
    # (inside a bracket, from the bracket on: "put flood losses at Rs 3.2 trillion (about $14.9 billion)")
    cs = max(_clause_start(seg.lower(), len(seg)), seg.rfind("(") + 1)
    words = [w.lower() for w in _WORD_RE.findall(seg, cs)]
    k = len(words)
    while k and words[k - 1] in _QUALIFIER_WORDS:
        k -= 1  # "put damage at more than $30 billion"
    if k and words[k - 1] == "at":
        # "put <name> at": the name is what follows the valuing verb
        for v in range(k - 2, max(-1, k - 9), -1):
            if words[v] in _VALUING_VERBS:
                if name := _sum_name(words[v + 1 : k - 1]):
                    return name
                break
    while k and words[k - 1] in _MONEY_LINKS:
        k -= 1
    if k == len(words):
        return ""  # no verb between: "... for $58 million" names no sum
    cost = "cost" in words[k:] or "costs" in words[k:]
    j = k
    while j > 0 and k - j < 8 and words[j - 1] not in _VERB_STOPS:
        w = words[j - 1]
        if w in _NAME_STARTS and not (w == "and" and _IN_PHRASE.intersection(words[j - 4 : j - 1])):
            break  # (but "damage to roads and bridges": a list inside the name)
        j -= 1
    if cost:  # "the project would cost": what costs it is named by any noun; else it is a cost all the same
        name = _sum_name(words[j:k], any_head=True)  # ("rebuilding will cost", "which cost")
        return f"{name} cost" if name and not name.endswith("cost") else name or "cost"
    return _sum_name(words[j:k])


_IN_PHRASE = frozenset(("to", "of", "for", "on"))
# Nouns that name a sum of money
_SUM_NOUNS = frozenset(
    str.split(
        "damage damages loss losses needs need cost costs revenue revenues profit profits funding funds aid budget "
        "requirements requirement appeal price prices value bill fine reward pay wage wages salary income spending "
        "expenditure investment debt deficit gap grant grants contribution contributions pledge pledges assistance "
        "compensation earnings sales exports imports claims allocation spending"
    )
)
# Words of a qualifier before a sum ("at more than", "in excess of", "an estimated")
_QUALIFIER_WORDS = frozenset(
    str.split("more than less over about around nearly almost some an estimated roughly approximately just under "
              "excess in of up to")
)
_VERB_STOPS = frozenset(str.split("have has had been were was are is be being will would could may might"))
# A currency code written before the sign ("US$ 300 million"): not a word of the name
_CURRENCY_CODE_END = re.compile(r"(?:\b(?:US|USD|CHF|SDG|EUR|GBP|CAD|AUD))?\s*[$€£¥]?\s*\Z")


def _sum_name(words: list[str], any_head: bool = False) -> str:
    """A sum's name from its noun phrase's words: determiners dropped, cut before a place, cause or time; "" unless
    it names a sum (see _SUM_NOUNS) or ``any_head``."""
    out: list[str] = []
    while words and words[0].endswith("ing") and words[0] not in _SUM_NOUNS:
        words = words[1:]  # "beating analyst forecasts of": the participle before the name
    for w in words:
        if w in _NAME_CUTS:
            break
        if w not in _NAME_DETERMINERS:
            out.append(w)
    if not out or len(out) > 5 or "'" in out[-1] or "’" in out[-1]:
        return ""
    if any_head:
        return "" if out[-1] in STOP or out[-1].endswith("ed") else " ".join(out)
    if out[-1] not in _SUM_NOUNS and not (len(out) > 2 and out[0] in _SUM_NOUNS and out[1] in _IN_PHRASE):
        return ""  # what a sum is named by: "insured losses", "damage to roads and bridges", "cost of reconstruction"
    return " ".join(out)


_LABEL_OUTCOMES = {"lives": "killed", "fatal": "killed", "non-fatal": "injured", "nonfatal": "injured"}
_TAKING_LIVES = frozenset(str.split("claimed claiming claim claims cost costing costs took taken taking lost"))
# Labels that name places and nothing done to them (see _read_sentence); the whole of a part counted in them is
# context (see _whole_of_a_stock)
_AREA_NOUNS = str.split(
    "settlements villages towns cities communities districts provinces states regions counties departments "
    "municipalities governorates oblasts localities communes hromadas raions"
)
_AREA_LABELS = frozenset((*_AREA_NOUNS, "towns and villages", "cities and towns", "villages and towns"))
# The whole that a part is counted of: "fewer than 40 of the district's 212 health facilities", "three of its 11
# operating theatres", "Of the enclave's 36 hospitals, only 12 ...".
_WHOLE_BEFORE = re.compile(
    r"(?:\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"half|thirds?|quarters?|fifths?|tenths?|all|most|some|many|none|several|few|majority|each)[ \t]+of[ \t]+"
    r"|(?:\A|[.;:|•]|\n)[ \t]*of[ \t]+)"
    r"(?:(?:the|its|their|[\w’'-]+(?:'s|’s))[ \t]+){0,2}\Z",
    re.I,
)
# What exists rather than what happened: the whole of such a part frames it ("Of the 36 hospitals, 12 are
# functional": 36 is no count of the report's own), where the whole of killed, drones or incidents is a count too
# ("Of the 412 people killed, 131 were men").
_STOCK_NOUNS = frozenset(
    str.split(
        "facilities facility hospitals clinics posts centres centers beds bakeries stores shops theatres schools "
        "residents inhabitants population employees staff workers participants"
    )
) | frozenset(_AREA_NOUNS)


def _whole_of_a_stock(c: _C, text: str, a: int) -> bool:
    """Whether the figure is the whole of a part counted before or after it, and what it counts exists rather than
    happened (see :data:`_STOCK_NOUNS`): a plain noun, no outcome, nothing done to it ("health facilities", not
    "health facilities assessed")."""
    words = c.label.split()
    if words == ["people"] and (nw := _NEXT_WORD.match(text, c.e)) is not None and nw.group(1) in _STOCK_NOUNS:
        words = [nw.group(1)]  # ("of the town's 11,000 residents": people, who live there)
    if not words or words[-1] not in _STOCK_NOUNS or any(w.endswith("ed") for w in words):
        return False  # (nor "the 14 affected districts": what happened to them is counted)
    if c.info is not None and (c.info.participle or c.info.verb_participle):
        return False
    # (searched in a slice so that \A is the sentence's start when the sentence starts within reach)
    before = text[a : c.s] if c.s - a <= 40 else text[c.s - 40 : c.s].partition(" ")[2]
    return _WHOLE_BEFORE.search(before) is not None


# Words right before a number that give it as an earlier value: "from an earlier 71", "on the previous week's 265",
# "last year's figure of 15.8 million".
_EARLIER_NAMED_BEFORE = re.compile(
    r"(?:\b(?:an?|the)[ \t]+(?:earlier|previous|prior)|\b"
    + alternation(EARLIER_ADJECTIVES)
    + r"[ \t]+"
    + alternation(PERIOD_NOUNS, REPORT_NOUNS)
    + r"(?:'s|’s)(?:[ \t]+(?:figure|total|tally|count|toll)[ \t]+of)?)[ \t]+\Z",
    re.I,
)
# "far more than the 300 it reported seven days earlier", "fewer than the 6,900 recorded the week before": the value
# compared with, when the clause says it is from before
_THAN_THE_BEFORE = re.compile(r"\bthan[ \t]+the[ \t]+\Z")
_FROM_BEFORE_AFTER = re.compile(
    r"[^,;.()]{0,40}?\b(?:earlier|before|ago|yesterday|previously|(?:last|previous)[ \t]+(?:week|month|year|report))\b"
)
# "37 per cent more than in August, when the Office recorded 459 civilian casualties": the other period's count
_WHEN_RECORDED_BEFORE = re.compile(
    r",[ \t]+when[ \t]+(?:(?:the|it|its|they)[ \t]+(?:[\w-]+[ \t]+)?"
    r"(?:recorded|registered|counted|documented|reported|verified|logged)[ \t]+)?\Z"
)
_EARLIER_HINTS = ("earlier", *EARLIER_ADJECTIVES)
_COMPARISON_HINTS = ("than", "compared", "increase", "decrease", "drop", "rise", "fall", "higher", "lower", "up from")
# "up from an initial estimate of more than 200", "against the first count of 71": a first account compared with
_FROM_FIRST_ACCOUNT_BEFORE = re.compile(
    r"\b(?:from|than|with|against)[ \t]+(?:an?|the)[ \t]+(?:initial|first|original)[ \t]+"
    r"(?:estimate|figure|count|toll|tally|total|report|assessment)[ \t]+of[ \t]+\Z"
)
_FIRST_ACCOUNT_HINTS = ("initial", "first", "original")
# "against 71 in the morning bulletin", "against 1998 the week before": the value compared with, when what follows
# says it is from before
_AGAINST_BEFORE = re.compile(r"\bagainst[ \t]+\Z")
# Right after the value compared with (and at most two words of its own): the report or period it is from.
_PERIOD_REF_AFTER = re.compile(
    r"(?:[ \t]+[a-z]+){0,2}?[ \t]+(?:(?:in|on|during|for)[ \t]+)?(?:the[ \t]+)?(?:"
    r"(?:morning|evening|previous|earlier|last|first)[ \t]+"
    + alternation(REPORT_NOUNS)
    + r"|(?:week|month|year|day)[ \t]+(?:before|earlier)|(?:last|previous|prior)[ \t]+(?:week|month|year)|"
    r"an?[ \t]+(?:week|month|year|day)[ \t]+(?:earlier|before|ago)|yesterday)(?![a-z])"
)
# "(it was 1,800 yesterday)", "the figure had been 52 on Monday": what the count was, when what follows says before
_WAS_BEFORE = re.compile(
    r"\b(?:it|that|this|the[ \t]+(?:figure|toll|count|number|total))[ \t]+(?:was|had[ \t]+been)[ \t]+\Z"
)
# "54 passengers were on board, not 45 as reported earlier": the account the sentence corrects
_NOT_BEFORE = re.compile(r"\bnot[ \t]+\Z")
_AS_REPORTED_AFTER = re.compile(
    r"[^,;.()]{0,30}?\bas[ \t]+(?:[a-z]+[ \t]+)?(?:reported|stated|announced|said|given|published)\b"
)
# "a drop from January (164 killed and 602 injured)": a bracket after "from" and another period holds that period's
# counts (after "than" only a bare bracket does: see _PERIOD_BEFORE_BRACKET)
_FROM_PERIOD_BRACKET = re.compile(
    r"\bfrom[ \t]+(?:(?:in|for|during)[ \t]+)?(?:the[ \t]+)?(?:" + _another_period(r"[ \t]") + r")[ \t]*\(\Z",
    re.I,
)


def _compared_earlier(c: _C, text: str, sl: str, a: int, rel: int) -> bool:
    """Whether the figure is the earlier value a comparison is made with (see :data:`_EARLIER_NAMED_BEFORE`,
    :data:`_THAN_THE_BEFORE`, :data:`_WHEN_RECORDED_BEFORE`)."""
    lo = max(a, c.aw_s - 60)
    window = sl[max(0, rel - 60) : rel]
    # (substring tests first: the regexes try every position of the window, and most figures have none of these)
    if contains_any(window, _EARLIER_HINTS) and _EARLIER_NAMED_BEFORE.search(text, lo, c.aw_s) is not None:
        return True
    if "than" in window and _THAN_THE_BEFORE.search(sl, max(0, rel - 12), rel) is not None:
        return _FROM_BEFORE_AFTER.match(text, c.e) is not None
    if "when" in window and _WHEN_RECORDED_BEFORE.search(text, lo, c.aw_s) is not None:
        return contains_any(sl[:rel], _COMPARISON_HINTS)
    if contains_any(window, _FIRST_ACCOUNT_HINTS) and _FROM_FIRST_ACCOUNT_BEFORE.search(sl, max(0, rel - 50), rel):
        return True
    if (
        ("against" in window and _AGAINST_BEFORE.search(sl, max(0, rel - 10), rel))
        or ((" was " in window or " been " in window) and _WAS_BEFORE.search(sl, max(0, rel - 30), rel))
    ):
        return _PERIOD_REF_AFTER.match(sl, c.e - a) is not None
    if "not" in window and _NOT_BEFORE.search(sl, max(0, rel - 5), rel):
        return _AS_REPORTED_AFTER.match(text, c.e) is not None
    if (j := sl.rfind("(", max(0, rel - 60), rel)) >= 0 and ")" not in sl[j:rel] and "from" in sl[max(0, j - 50) : j]:
        return _FROM_PERIOD_BRACKET.search(sl, max(0, j - 50), j + 1) is not None
    return False


def _assign_role(
    c: _C, text: str, sl: str, a: int, prev: _C | None, modals: list[int], contexts: list[int], adds_to_total: bool
) -> None:
    """Set the candidate's role from the cues around it (``adds_to_total``: see _adds_to_a_total)."""
    rel = c.aw_s - a
    info = c.info
    assert info is not None
    clause = -1  # start of the number's clause: computed when a cue needs it (most sentences have none)
    lw, lw2 = c.lword, c.lword2
    if lw == "the" and lw2 in ("from the", "with the", "to the"):
        # "up from the seven reported on Sunday": read as "up from seven"
        words = text[max(a, c.aw_s - 24) : c.aw_s].lower().split()
        lw, lw2 = words[-2], " ".join(words[-3:-1])
    if (lw == "from" or lw2 in ("up from", "down from", "compared with", "compared to")) and (
        lw2 in ("up from", "down from", "compared with", "compared to")
        or _CHANGE.search(sl, 0, rel) is not None
        or _PACE_CHANGE.search(sl, 0, rel) is not None
        or _TO_NUMBER.match(text[c.e : min(len(sl) + a, c.e + 20)])
    ):
        c.role = "earlier"
        c.from_ = True
        return
    if lw == "by" and _CHANGE.search(sl, 0, rel) is not None:
        c.role = "delta"
        return
    if adds_to_total or c.unit == PP or _added_since_last(c, text, sl, a):
        c.role = "delta"  # (a number of percentage points is always the difference of two rates)
        return
    if c.unit == "%" and _DELTA_AFTER.match(text, c.e, a + len(sl)):
        c.role = "delta"
        return
    if _is_change(c, text, a, lw, lw2):
        c.role = "delta"
        return
    if " after " in sl or "correct" in sl or "one point" in sl:  # (words _EARLIER_REPORT needs)
        clause = _clause_start(sl, rel)
        if _EARLIER_REPORT.search(sl, clause, rel) is not None:
            c.role = "earlier"
            return
    if info.modal_after:
        c.role = "projection"
        return
    if modals:
        clause = _clause_start(sl, rel)
        # (a modal may be part of the number as written: "could top 20,000")
        num = c.s - a
        if any(clause <= p < num and num - p < 70 for p in modals):
            c.role = "projection"
            return
    if "previous" in sl or "earlier" in sl:  # words _PREVIOUS needs (its leading \b makes it try every position)
        if clause < 0:
            clause = _clause_start(sl, rel)
        if _PREVIOUS.search(sl, clause, rel) is not None or (
            # the sentence's subject, past an aside: "The previous count, issued late on Saturday, stood at 211."
            (pm := _PREVIOUS.search(sl, 0, min(rel, 40))) is not None
            and pm.start() <= 4
            and not any(ch.isdigit() for ch in sl[pm.end() : rel])
            and ";" not in sl[pm.end() : rel]
        ):
            c.role = "earlier"
            return
    if _compared_earlier(c, text, sl, a, rel):
        c.role = "earlier"
        return
    if contains_any(sl, _FIRST_HINTS):
        if clause < 0:
            clause = _clause_start(sl, rel)
        if (
            (fm := _FIRST_ACCOUNT.search(sl, clause, rel)) is not None
            # (a first account is an earlier one when the sentence goes on to what replaced it: not "an initial
            # count of at least 127 civilian casualties", the only count there is)
            and (fm.group("note") or _REPLACED_AFTER.search(sl, c.e - a) is not None)
        ) or _FROM_PEAK.search(sl, max(0, rel - 24), rel) is not None:
            # "officials initially said more than 2,000 people had died, but ...", "an earlier version of this story
            # said 27 people", "from a peak of 140,000"
            c.role = "earlier"
            return
    if c.unit is None and c.label and _whole_of_a_stock(c, text, a):
        c.role = "context"
        return
    end_rel = info.np_end - a
    if c.paren and contexts:
        if clause < 0:
            clause = _clause_start(sl, rel)
        if any(clause <= p < rel and rel - p < 60 for p in contexts):
            c.role = "context"
            return
    for p in contexts:
        if (p >= end_rel and p - end_rel < 60 and "," not in sl[end_rel:p]) or (
            sl.startswith("century", p) and p < rel
        ):
            c.role = "context"
            return


# ------------------------------------------------------------------------------------------------- entry
# Per-sentence results, shared across calls: successive versions of a watched page repeat most of their
# sentences, so re-extracting a new version mostly costs the split and these look-ups. Keyed by the sentence,
# the context that can change its reading (a table's header row, the lines around a short line) and the metrics.
_CACHE: dict[tuple[object, ...], tuple[tuple[object, ...], ...]] = {}
_CACHE_MAX = 8000


def clear_cache() -> None:
    """Forget cached per-sentence results and word-level look-ups (benchmarks use it to time a cold extraction)."""
    _CACHE.clear()
    words_to_number.cache_clear()
    frozen_key_for.cache_clear()
    clear_scope_cache()


def extract_figures(text: str, metrics: Mapping[str, Sequence[str]] | None = None) -> list[Figure]:
    """Extract the figures of a report text.

    ``metrics`` maps a watch's metric names to synonyms (``{"killed": ["killed", "dead"]}``); a figure whose label
    contains a synonym gets that metric name as its key (see :func:`monitor.figures.keys.key_for`).
    Returns figures in text order; ``text[f.start:f.end]`` is the number as written.
    """
    if not text or not text.strip():
        return []
    sents = split_sentences(text)
    if not sents:
        return []
    orig = text
    # same-length rewrites, read from here on (the numbers as written are taken from ``orig``): words a line-end
    # hyphen broke ("2.3 mil-\nlion"), then "1 438", "1.200", "1,5 million" in the report-English form
    text = join_broken_words(text)
    low, low_slices = _lower_exact(text)
    ascii_low = low.encode("ascii", "replace")
    grouped = normalise_groups(text, sents, ascii_low)
    if grouped is not text:
        text = grouped
        low, low_slices = _lower_exact(text)
        ascii_low = low.encode("ascii", "replace")
    frozen = freeze_metrics(metrics)
    # a-z runs of the text as bytes, everything else a space: a sentence's words are one C split away
    az = ascii_low.translate(_NON_AZ)
    number_words_in = _NUMBER_WORDS_B.intersection
    digits = _digit_marks(text, ascii_low)
    out: list[Figure] = []
    cache = _CACHE
    # "Read more:" and the headlines under it: other stories' figures
    links = link_blocks(text, low)
    for a, b in sents:
        if links and any(ls <= a < le for ls, le in links):
            continue
        seg = orig[a:b]
        header: list[str] | None = None
        blank_header: list[str] | None = None
        if "|" in seg:
            header = table_header(text, a)
            ctx: object = ("table", tuple(header) if header else None)
        elif seg[-1:].isdigit() and seg[:1].isupper() and (blank_header := blank_table_header(text, a, b)):
            ctx = ("blank table", tuple(blank_header))
        elif b - a <= 40:
            ctx = ("lines", _neighbour_lines(text, a, b))
        else:
            ctx = None
        ck = (seg, ctx, frozen)
        recs = cache.get(ck)
        if recs is None:
            # cheap pre-filter: a sentence with no digit or currency sign, no number word and no implicit count
            # ("a child was killed") has no figure
            words = az[a:b].split()
            found = number_words_in(words)
            if found or digits.find(b"#", a, b) >= 0 or _implicit_possible(low, a, b):
                quotes = not _QUOTE_WORDS_B.isdisjoint(words) or seg.find("S&P") >= 0
                recs = _read_sentence(
                    text, low, a, b, header, frozen, found, az, digits, low_slices, orig, blank_header, quotes
                )
            else:
                recs = ()
            if len(cache) >= _CACHE_MAX:
                for old in list(islice(cache, _CACHE_MAX // 2)):
                    del cache[old]
            cache[ck] = recs
        # positional arguments (record order = Figure field order): cheaper than 14 keywords per figure; make_figure
        # sets the frozen slots directly (see model.py)
        for r in recs:
            if not r[5] and out and r[9] in ("current", "projection", "earlier"):
                r = _anaphoric(r, seg, low, out, a)
            if out and (
                (seg[:1] in "([" and r[9] in ("current", "earlier")) or (r[9] == "delta" and not r[5])
            ):
                r = _under_key_figure(r, seg, out, a, orig)
            value, lo, hi, qual, label, key, unit, s, e, role, shown, vague, scope = r
            out.append(make_figure(value, lo, hi, qual, label, key, unit, seg, a + s, a + e, role, shown, vague, scope))  # type: ignore[arg-type,operator]
    return out


# "The most recent figure from Syria stands at 2,992", "authorities have revised the figure to 21", "the total for
# Tavish has been corrected to 14,082": a word that points back at a count named before it (not another thing's
# number: "the other ones whose number can be expressed in hundreds of thousands")
_POINTER_NOUNS = ("figure", "number", "tally", "count", "total", "toll")
_POINTER = re.compile(
    r"\b(?:the|this|that|its|their)\s+(?:(?!(?:whose|which|who|ones|other|others)\s)[a-z-]+\s+){0,3}?"
    r"(?:" + "|".join(_POINTER_NOUNS) + r")\b"
)
# What the pointer may not be followed by: "the number of schools" names a count of its own
_POINTER_OWN = re.compile(r"\s+of\s+(?!\S*\d)")


_ASCII_BYTES = bytes(range(128))


def _lower_exact(text: str) -> tuple[str, bool]:
    """The text's lower case with the text's offsets, and whether a slice of it is the slice's own lower case.

    A slice of the lower case is the slice's own lower case unless a character's case change has another length or
    depends on its neighbours (the final sigma): then the scopes lower each sentence themselves.
    """
    low = _lower(text)
    low_slices = "Σ" not in text
    if len(low) != len(text):  # rare Unicode case changes: keep offsets exact
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        low_slices = False
    return low, low_slices


def _lower(text: str) -> str:
    """``text.lower()``, cheaper for the usual report: ASCII letters plus a few non-ASCII characters without case.

    str.lower looks every character of a non-ASCII string up in the Unicode tables; bytes.lower of the UTF-8
    form changes only ASCII letters, through a byte table. That is the same result when lowering changes none of the
    non-ASCII characters, tested on them alone (any that lowering changes, the context-dependent final sigma "Σ"
    included, makes the test fail and the text go through str.lower).
    """
    if text.isascii():
        return text.lower()
    try:
        utf8 = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return text.lower()
    others = utf8.translate(None, _ASCII_BYTES).decode("utf-8")
    if others.lower() != others:
        return text.lower()
    return utf8.lower().decode("utf-8")


def _anaphoric(r: tuple[object, ...], seg: str, low: str, out: list[Figure], a: int) -> tuple[object, ...]:
    """A figure without a label whose clause calls it "the figure"/"the number"/"the total" takes the label and key
    of the last current or earlier figure before it, counting the same unit: in the previous sentences (at most 400
    characters back) or earlier in its own ("55,000 people may have died, but the figure was later revised to
    25,000"; "the toll of 63 could rise to 100")."""
    start = r[7]
    assert isinstance(start, int)
    if not out or out[-1].start >= a + start:
        return r
    if not any(low.find(noun, a, a + start) >= 0 for noun in _POINTER_NOUNS):
        return r  # (what _POINTER needs: most unlabelled figures have no pointer before them)
    head = seg[:start].lower()
    pointers = list(_POINTER.finditer(head))
    pointer = pointers[-1] if pointers else None  # (the one nearest the number)
    if pointer is None or _POINTER_OWN.match(head, pointer.end()):
        return r
    # (the pointer's clause reaches the number: no other number and no clause end between them, but the count the
    # pointer is of: "the toll of 63 could rise to")
    between = head[pointer.end() :]
    for f in out:
        if a + pointer.end() <= f.start and f.end <= a + start:
            between = between.replace(seg[f.start - a : f.end - a].lower(), " ")
    if len(between) > 60 or _POINTER_BREAK.search(between):
        return r
    for last in reversed(out):
        if last.end > a + start:
            continue
        if a - last.end > 400:
            break
        # (an earlier value names the count as well: "An earlier version said 130 people were killed. The figure
        # given by the ministry was 103.")
        if last.role in ("current", "earlier", "projection"):
            if last.key and last.unit == r[6] and "(" not in last.label:  # not a table cell's "killed (North)"
                return (*r[:4], last.label, last.key, *r[6:])
            break
    return r


# A number or a clause's end between a pointer and the number it would name
_POINTER_BREAK = re.compile(r"\d|[;!?()]|\.\s")


def _displaced_before(text: str, pos: int, b: int) -> str:
    """The outcome of "displaced" read with the words at ``pos`` (before the sentence's end ``b``): internal
    displacement when they name a place inside a country (see :func:`.labels.displaced_outcome`)."""
    words = ["displaced", *_WORD_RE.findall(text, pos, min(b, pos + 40))[:3]]
    return displaced_outcome(words, len(words), 0)


def _breakdown_item(cands: list[_C], i: int, text: str) -> bool:
    """Whether ``cands[i]`` is an item of a breakdown ("including 5 children and 3 women") of a figure before it."""
    j = i
    while j > 0:
        c = cands[j]
        if c.lword in _BREAKDOWN_WORDS or c.lword2 in _BREAKDOWN_PAIRS:
            return cands[j - 1].kind != "drop"
        prev = cands[j - 1]
        between = text[prev.aw_e : c.aw_s]
        if not (_COORD.match(between) and "while" not in between) or not c.group or not prev.group:
            return False  # (the list's items are groups: "5 children, 3 women and 2 men")
        j -= 1
    return False


def _earlier_of(cands: list[_C], i: int) -> _C | None:
    """The figure whose earlier value ``cands[i]`` ("up from 120", "rises from 14 to 19") is."""
    c = cands[i]
    if c.info is not None and c.info.nouns:
        # an earlier value with a noun of its own is of the figure that counts it: "4312 suspected cholera cases and
        # 37 associated deaths, up from 2950 cases"
        head = c.info.nouns[-1]
        same = next((p for p in reversed(cands[:i]) if p.label and p.label.rsplit(" ", 1)[-1] == head), None)
        if same is not None:
            return same
    if i + 1 < len(cands) and cands[i + 1].lword == "to":
        return cands[i + 1]
    # the figure before, past dropped years ("will climb to 25.6 million in 2025, compared with 24.8 million") and
    # past a bracket's breakdown ("64 civilian casualties (28 deaths and 36 injuries), down from 91")
    return next((p for p in reversed(cands[:i]) if p.kind != "drop" and p.depth <= c.depth), None)


# A group noun and a colon opening a line: what the counts after it are of ("Children: 659 killed / 1,418 injured")
_GROUP_HEADING = re.compile(r"[ \t•*-]*([A-Za-z]+)[ \t]*:[ \t]")
_OUTCOME_LABELS = frozenset(OUTCOME_WORDS.values())


# Verbs of handing out aid: the people it goes "to" or is "for" are the people reached
_AID_VERBS = re.compile(
    r"\b(?:distribut(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|deliver(?:s|ed|ing)?|bring(?:s|ing)?|brought|"
    r"hand(?:s|ed|ing)?\s+out|supplied|supplying)\b"
)


def _served_by_aid(c: _C, text: str, low: str, a: int) -> str:
    """The label of people that aid handed out earlier in their clause goes "to" or is "for" ("distributed hygiene
    kits to 12,700 people": people reached; a convoy's supplies "for 9,000 residents": people served by convoy), or
    "" when no verb of handing out aid comes before them within 160 characters, with no full stop, semicolon or
    bracket between, or when the aid is still to come ("expected to restore water supplies for 20,000 people")."""
    start = max(a, c.aw_s - 160)
    verbs = list(_AID_VERBS.finditer(low, start, c.aw_s))
    vm = verbs[-1] if verbs else None  # (the one nearest the number)
    if (
        vm is None
        or _STOP_CHARS.search(text, vm.end(), c.aw_s) is not None
        # (not what is still to come: "pumps expected to restore water supplies for 90,000 residents")
        or _MODAL.search(low, vm.end(), c.aw_s) is not None
    ):
        return ""
    if c.lword == "for" and "convoy" in low[a : c.aw_s]:
        return "people served by convoy"
    return "people reached"


def _in_bracket_after(text: str, whole: _C, c: _C) -> bool:
    """Whether ``c`` is inside a bracket or a dash's aside that opens right after ``whole`` ("Killed: 249 (31 men,
    12 women)", "Injured: 502 — 201 men, 148 women")."""
    between = text[whole.aw_e : c.aw_s]
    opener = between.lstrip(" \t")[:1]
    if opener == "(":
        return ")" not in between
    return opener in ("—", "–") and not any(ch in between for ch in ";.()") and between.count(opener) == 1


def _under_key_figure(r: tuple[object, ...], seg: str, out: list[Figure], a: int, text: str) -> tuple[object, ...]:
    """A line under a key figure that gives its earlier value or its change takes that figure's label and key: a
    bracket saying its number is earlier ("(previous report: 2,977)", "(prev. 6.8M)": role earlier), or a signed
    change ("▲ 204 since last report", "+64 since last report"). The figure is on the line before, or above its
    heading ("7.3M" / "people in need" / "(prev. 6.8M)")."""
    start = r[7]
    assert isinstance(start, int)
    last = out[-1]
    if r[9] == "delta":
        if seg[:start].strip(_SIGNS):
            return r
        role = "delta"
    else:
        m = _PREVIOUS_IN_BRACKET.search(seg, 0, start)
        if m is None or m.start() != 0:
            return r
        role = "earlier"
    if (
        last.role != "current"
        or not last.key
        or last.unit != r[6]
        or a - last.end > 80
        or not 1 <= text.count("\n", last.end, a) <= 2
        or any(ch.isdigit() for ch in text[last.end : a])
    ):
        return r
    return (*r[:4], last.label, last.key, *r[6:9], role, *r[10:])


def _neighbour_lines(text: str, a: int, b: int) -> str:
    """Text around a short line (a key figure takes its label from the lines next to it): part of its cache key."""
    return text[max(0, a - 160) : a] + "\x00" + text[b : b + 160]


def _settle_label(c: _C, low: str, a: int, b: int, outbreak: bool | None) -> bool | None:
    """The last words on a label, which need its final role and the word before the number: counts of places, lives
    and fatal cases, hospital beds, an outbreak's dead. ``outbreak`` is whether the sentence ``low[a:b]`` names an
    outbreak, None until some figure needed to know; the function returns it."""
    if c.role == "current" and c.unit is None and c.label in _AREA_LABELS:
        # "killed and injured in 129 settlements", "cholera has spread to 41 districts": a count of places in a
        # report is of the places the emergency reached (the whole they are part of is context), or of what was
        # done to them ("shelled 11 communities", "convoys reached 31 villages")
        lw = c.lword
        done = lw in ("hit", "struck") or (lw.endswith("ed") and lw not in AUX and lw not in STOP)
        c.label += f" {lw}" if done else " affected"
    if c.label in _LABEL_OUTCOMES and (c.label != "lives" or c.lword in _TAKING_LIVES):
        # "claimed 31 lives" are the dead ("saved 40 lives" are not); of civilian casualties, "149 of them
        # fatal" are the dead and "480 non-fatal" the injured
        c.label = _LABEL_OUTCOMES[c.label]
    if (
        c.role == "current"
        and c.label.rsplit(" ", 1)[-1] in _STRUCTURES
        and (dm := _DONE_TO_THEM.search(low, c.aw_e, b)) is not None
        and not _STOP_CHARS.search(low, c.aw_e, dm.start())
    ):
        # "hit two residential buildings, partially destroying them": what the clause after says was done to them
        c.label += " destroyed" if dm.group(1) is None and dm.group(2) != "damaging" else " damaged"
    if c.label == "beds" and "hospital" in low[a:b]:
        c.label = "hospital beds"  # "the hospital has 420 beds", "1,800 beds in the city's hospitals"
    if c.label == "deaths" or (c.label == "killed" and c.lword not in ("killed", "killing", "kills", "kill")):
        if outbreak is None:
            outbreak = _OUTBREAK.search(low, a, b) is not None
        if outbreak:
            # an outbreak's dead died of it: "deaths", or "cholera deaths" (the key is still "killed")
            c.label = _disease_deaths(c, low, a, b)
    return outbreak


# Buildings counted bare, and what a clause after them says was done to them ("partially destroying them")
_STRUCTURES = frozenset(str.split("buildings blocks houses homes"))
_DONE_TO_THEM = re.compile(
    r",[ \t]+(partially[ \t]+|partly[ \t]+)?(destroying|collapsing|flattening|damaging)[ \t]+"
    r"(?:both[ \t]+of[ \t]+)?them\b"
)


def _disease_deaths(c: _C, low: str, a: int, b: int) -> str:
    """The label of deaths in the sentence ``low[a:b]`` that names an outbreak: "<disease> deaths" when the sentence
    ties them to the one disease it names, near the figure ("1,143 people have died of cholera", "the cholera death
    count rose to 311") or as the disease's cases beside them ("4,210 suspected cholera cases and 61 associated
    deaths"); plain "deaths" when it names two diseases, or one only in passing ("the floods left 300 deaths, and
    officials fear cholera in the camps"). The key stays "killed": versions that name the disease or not line up."""
    found = {m.group(1) for m in _DISEASE.finditer(low, a, b)}
    if len(found) != 1:
        return "deaths"
    disease = found.pop()
    # (within the figure's clause: no comma, colon, full stop or bracket between the two)
    near = (
        _CLAUSE_END.split(low[max(a, c.aw_s - 40) : c.aw_s])[-1]
        + low[c.aw_s : c.aw_e]
        + _CLAUSE_END.split(low[c.aw_e : min(b, c.aw_e + 40)], maxsplit=1)[0]
    )
    sent = low[a:b]
    if _DISEASE.search(near) is not None or f"{disease} case" in sent or f"cases of {disease}" in sent:
        return f"{'covid-19' if disease == 'covid' else disease} deaths"
    return "deaths"


def _read_sentence(
    text: str,
    low: str,
    a: int,
    b: int,
    header: list[str] | None,
    frozen: tuple[tuple[str, tuple[str, ...]], ...],
    number_words: AbstractSet[bytes],
    az: bytes,
    digits: bytes | None = None,
    low_slices: bool = False,
    orig: str | None = None,
    blank_header: list[str] | None = None,
    quotes: bool = True,
) -> tuple[tuple[object, ...], ...]:
    """All figures of the sentence ``text[a:b]`` as offset-relative records (see :func:`extract_figures`).

    ``low_slices``: ``low[a:b]`` equals ``text[a:b].lower()``; ``number_words`` are the number words among the
    sentence's a-z runs in ``az`` (see :func:`extract_figures`); ``orig`` is the text as written when ``text`` has
    its digit groups rewritten (see :mod:`.grouping`): the numbers as written are taken from it; ``blank_header``
    names the columns when the sentence is a row of a blank-separated table (see :func:`.layout.blank_table_header`);
    ``quotes``: the sentence may name a market index or a currency pair (see _QUOTE_WORDS_B).
    """
    group = _digit_candidates(text, a, b, digits, quotes)
    if number_words:
        group += _word_candidates(text, low, a, b, az, number_words)
    if group or _implicit_hint(low, a, b):
        extra = _implicit_candidates(text, low, a, b)
        if extra:
            have = {(c.s, c.e) for c in group}
            for x in extra:
                if (x.s, x.e) not in have:  # (the first reading of a span wins: see _implicit_candidates)
                    have.add((x.s, x.e))
                    group.append(x)
    if not group:
        return ()
    group = _dedupe(sorted(group, key=lambda c: c.s))
    if len(group) > 1 and low.find("illion", a, b) >= 0:  # ("million", "billion": no slice of the sentence)
        group = _join_scaled_parts(text, group)
    is_table = "|" in text[a:b]
    _analyse(text, low, a, b, group, header if is_table else None)
    if is_table:
        label_table_row(text, a, b, group, header)
        join_bound_columns(text, a, b, group, header)
    else:
        assign_scopes(text, a, b, group, low[a:b] if low_slices else None)
    if blank_header is not None:
        label_blank_row(text, a, b, group, blank_header)
    elif not is_table and text[b - 1 : b].isdigit() and is_label_pairs(text, a, b):
        label_pairs(text, a, group)
    if is_table or blank_header is not None:
        pass
    elif len(group) == 1 and not group[0].label:
        c = group[0]
        rest = text[c.aw_e : b]
        # (a number alone on its line, or before its source on the next: "12,162\nverified by OHCHR as of ...")
        if not text[a : c.aw_s].strip() and (
            not rest.strip(" \t.:") or (rest.lstrip(" \t")[:1] == "\n" and is_metadata_line(rest.strip()))
        ):
            c.label, line = keyfig_label(text, a, c.aw_e if rest.strip(" \t.:") else b)
            c.place = line_scope(line) if c.label else None
    recs = []
    prev_c: _C | None = None
    bracket_whole: _C | None = None
    outbreak: bool | None = None
    # a group heading the line: "Children: 659 killed (previously 641) / 1,418 injured"
    gm = _GROUP_HEADING.match(text, a, b)
    heading_group = GROUP_NOUNS.get(gm.group(1).lower()) if gm is not None else None
    for c in group:
        if c.kind == "drop":
            continue
        if c.kind == "word" and not c.label and (c.value or 0) <= 10:
            continue  # a bare small number word is a pronoun: "the other two", "two of them"
        if c.kind == "implicit" and not c.label:
            continue  # a person named with an article and nothing counted about them: "met residents, a doctor and"
        if c.kind == "word" and c.value == 1 and c.label.split(" ", 1)[0] in ONE_PERSON_NOUNS:
            # one person named as written, with no outcome composed over it, is a source: "one resident said",
            # "one driver told reporters" ("killing one resident" is "killed", "one soldier" is "soldiers")
            continue
        in_bracket = bracket_whole is not None and _in_bracket_after(text, bracket_whole, c)
        generic = c.label == "people" and c.outcome_src == "person"
        bare = c.info is not None and c.info.word_count == 0 and (not c.label or c.outcome_src == "carry")
        if (generic or bare) and not (c.role == "earlier" and c.outcome_src == "carry"):
            # (an earlier value carries the label of the figure before it: "612 (previous report: 587)")
            before = text[max(a, c.aw_s - 60) : c.aw_s].rstrip()
            if bare and (not c.label or c.outcome_src == "carry") and (hm := _HEADING_WORD.search(before)) is not None:
                # "Fatalities 612 (...); injuries 1,940", "Kenya: flood deaths 228; missing 72": a count's noun heads
                # it like a column title (over a label carried from the figure before)
                head = hm.group(2).lower()
                if head in OUTCOME_WORDS:
                    c.label = compose(OUTCOME_WORDS[head], None, False, [], None)
                else:  # ("Returnees 460,382", "Suspected cases 1,092")
                    c.label = f"{hm.group('kind').lower().strip()} {head}" if hm.group("kind") else head
                c.place = hm.group("place") or c.place
            elif bare and not c.label and not before.strip(" \t-•*") and _IN_ATTACK.match(text, c.aw_e, b):
                # an incident list's entry: "5-7 in drone strike on minibus near Dessie" counts the dead
                c.label = "killed"
            elif before.endswith((":", " -", " –", " —")):
                # "Killed: 249"; "... of all refugees: 2.084 million"; "wounded - 43", "killed — 6 persons": the
                # words right before the colon or the dash (for a dash, a short clause of its own)
                chunk = _CHUNK_END.split(before[:-1])[-1]
                words = _WORD_RE.findall(chunk if before[-1] == ":" else _CLAUSE_MARK.split(chunk)[-1])
                # a label carried from the figure before is kept after a colon ("... regions: 238 (46 killed"), and
                # so is "people" unless an outcome comes before ("Kyiv: 40 people": a place, not what is counted)
                if (before[-1] == ":" and not c.label) or (before[-1] != ":" and len(words) <= 3) or generic:
                    o, g, person, nouns, part = words_label(words[-4:])
                    if (
                        before[-1] != ":"
                        and not (o or g or person)
                        and all(w[0].isupper() or w in STOP for w in words)
                    ):
                        pass  # names before a dash are places, not what is counted: "Romania and Moldova – 553,107"
                    elif o or not generic:
                        c.label = compose(o, g, person, nouns[-2:], part) or c.label
        if generic and c.lword in ACTION_BEFORE and _TALLY_WORDS.search(text, max(a, c.aw_s - 80), c.aw_s) is None:
            # "partners reached some 8.9 million people": what was done to them is what is counted (not after
            # "the number of displaced reached 2 million people", where "reached" only gives the total)
            c.label = compose(None, None, True, [], ACTION_BEFORE[c.lword])
        elif generic and c.lword in ("to", "for") and (served := _served_by_aid(c, text, low, a)):
            # "partners distributed hygiene kits to 12,700 people", "provided cash assistance to 1.26 million
            # people", "the convoy brought 68 tonnes of food ... for about 9,000 residents": the people reached
            c.label = served
        elif generic and c.lword2 in _PURPOSE_BEFORE:
            # "seeks $74.5 million to assist 260,000 people", "aims to reach 2.3 million people": the people a plan
            # or an appeal is for, the figure reports call "people targeted"
            c.label = compose(None, None, True, [], "targeted")
        if not c.label and c.outcome_src == "carry" and prev_c is not None:
            c.label = prev_c.label  # "Killed: 249 (+12)": the figure before got its label from its colon just now
        elif (
            c.group
            and (c.label == c.group or c.label.startswith(f"{c.group} ("))  # (or "adults (sex unknown)")
            and bracket_whole is not None  # (set once a figure came before: the one before, or the bracket's whole)
            and bracket_whole.outcome_src not in ("own", "verb", "left", "toll")  # (its outcome is only known now)
            and bracket_whole.label == _outcome_of(bracket_whole.label)
            and (
                (bracket_whole is prev_c and (c.lword in _BREAKDOWN_WORDS or c.lword2 in _BREAKDOWN_PAIRS))
                or in_bracket
            )
        ):
            # "Killed: 44 (incl. 9 children)", "Killed: 10,582 (4,145 men, 2,713 women, ...)": a group of the count
            # whose colon named its outcome just now
            c.label = compose(bracket_whole.label, c.group, False, [], None) + c.label[len(c.group) :]
        if not in_bracket:
            bracket_whole = c  # (the count a bracket after it breaks down, while the bracket lasts)
        if (
            c.outcome_src == "carry"
            and prev_c is not None
            and c.label in _LABEL_OUTCOMES
            and prev_c.label == _LABEL_OUTCOMES[c.label]
        ):
            # a label carried before the figure it came from was settled: "claimed 210 lives ..., 22 more than"
            c.label = prev_c.label
        if heading_group and not c.group and c.label in _OUTCOME_LABELS:
            c.label = compose(c.label, heading_group, False, [], None)
            c.group = heading_group
        outbreak = _settle_label(c, low, a, b, outbreak)
        prev_c = c
        recs.append(_record(text, c, a, frozen, orig))
    return tuple(recs)


# Every _WSCAN match holds one of these as a whole word (a run of a-z between other characters): its first word,
# or for "a dozen", "a third of", "a hundred", "several thousand", "tens of millions" the word after the article.
# A sentence without any of them has no word candidate (tests/test_figures_speed.py checks this against _WSCAN).
_NUMBER_WORDS = frozenset(
    (
        *_O19.split("|"),
        *_TENS.split("|"),
        *_MULT.split("|"),
        *str.split(
            "hundreds thousands millions billions dozens scores dozen half third thirds quarter quarters fifth fifths"
        ),
        "tenth",
        "tenths",
        "single",
        "both",
    )
)
_NUMBER_WORDS_B = frozenset(w.encode() for w in _NUMBER_WORDS)
# Bytes that are not a-z become spaces, so splitting finds the a-z runs (non-ASCII characters are encoded as one
# "?" each, so byte offsets are character offsets).
_NON_AZ = bytes.maketrans(bytes(range(256)), bytes(c if 97 <= c <= 122 else 32 for c in range(256)))
_DIGIT_OR_DOLLAR = bytes.maketrans(
    bytes(range(256)), bytes(35 if (48 <= c <= 57 or c == 36) else 32 for c in range(256))
)


def _digit_marks(text: str, ascii_low: bytes) -> bytes:
    """ "#" where ``text`` has one of _SCAN's characters (an ASCII digit, "$", "€" or "£"), a blank elsewhere.

    ``ascii_low`` is the lower-cased text encoded one byte per character (see :func:`extract_figures`): a sentence's
    test for a digit, and the search for the next one, is then one memchr (bytes.find). "€" and "£" are not ASCII
    (they were encoded as "?"): their few places are marked one by one.
    """
    marks = ascii_low.translate(_DIGIT_OR_DOLLAR)
    if "€" not in text and "£" not in text:
        return marks
    signs = bytearray(marks)
    for sign in ("€", "£"):
        i = text.find(sign)
        while i >= 0:
            signs[i] = 35
            i = text.find(sign, i + 1)
    return bytes(signs)


# Words _IMPLICIT_PASSIVE and _IMPLICIT_LIST need (their leading \\b makes the regex try every position: test first)
_PASSIVE_VERBS = ("killed", "injured", "wounded", "destroyed", "damaged", "rescued", "alive")
_LIST_WORDS = ("including", "well", "along", "among")


def _implicit_marker(seg: str) -> bool:
    """Whether the lower-cased sentence has " was ", " been ", "another " or "including a(n) " (substring tests
    instead of a regex search, which tries every space)."""
    return (
        " was " in seg or " been " in seg or "another " in seg or "including a " in seg or "including an " in seg
    )


def _implicit_possible(low: str, a: int, b: int) -> bool:
    """Whether :func:`_implicit_candidates` can find anything when :func:`_read_sentence` asks it to.

    The same as ``_implicit_hint(...) and (another or active cue or list word or passive)``, for the sentences
    without a number, which all pass through here.
    """
    seg = low[a:b]
    if "a" not in seg:
        return False
    if _active_cue(seg) or _one_verb_cue(seg):
        return True
    if not _implicit_marker(seg):
        return False
    passive = " was " in seg or " been " in seg
    return "another" in seg or contains_any(seg, _LIST_WORDS) or (passive and contains_any(seg, _PASSIVE_VERBS))


def _implicit_hint(low: str, a: int, b: int) -> bool:
    """Whether to look for implicit counts of one: the sentence has an implicit marker (see
    :func:`_implicit_marker`), an active-voice cue such as "killed a" or a building's storeys (a number word or
    digits: a sentence with them is read whatever this says)."""
    seg = low[a:b]
    return "a" in seg and (_implicit_marker(seg) or _active_cue(seg) or _one_verb_cue(seg) or "stor" in seg)


def _one_verb_cue(seg: str) -> bool:
    """Whether :func:`_ones_before_verbs` can find a count of one in the lower-cased sentence (substring tests)."""
    # (plain substring tests: this runs on every sentence without a number)
    return (
        " died" in seg
        or " drowned" in seg
        or " missing" in seg
        or (
            (" were " in seg or " been " in seg)
            and (" and a" in seg or " and his " in seg or " and her " in seg or " and their " in seg)
            and contains_any(seg, _PASSIVE_VERBS)
        )
    )


# The smaller part of a number written scale by scale: "1 million 347 thousand", "2 billion 300 million"
_SCALED_PART = re.compile(r"[ \t]+\d{1,3}[ \t]+(thousand|million)\b", re.I)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def _join_scaled_parts(text: str, group: list[_C]) -> list[_C]:
    """One number for a number written scale by scale, as translated wires do ("1 million 347 thousand people" is
    1,347,000): the part right after a scaled number, with a smaller scale, is added to it."""
    out: list[_C] = []
    for c in group:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.value is not None
            and c.value is not None
            and (c.unit is None or prev.unit in (None, c.unit))
            and (m := _SCALED_PART.match(text, prev.e)) is not None
            and m.start() + len(m.group()) - len(m.group().lstrip()) == c.s
            and (scale := text[prev.s : prev.e].split()[-1].lower()) in _SCALES
            and _SCALES[m.group(1).lower()] < _SCALES[scale]
            and c.value < _SCALES[scale]
        ):
            prev.value = round_value(prev.value + c.value)
            prev.unit = prev.unit or c.unit  # ("2 billion 300 million dollars": the unit after the last part)
            prev.e = c.e
            prev.aw_e = max(prev.aw_e, c.aw_e)
            continue
        out.append(c)
    return out


def _dedupe(group: list[_C]) -> list[_C]:
    out: list[_C] = []
    for c in group:
        if out and c.s < out[-1].e:
            # overlapping candidates: keep the longer (a range or "two million" beats its parts)
            if (c.e - c.s) > (out[-1].e - out[-1].s):
                out[-1] = c
            continue
        out.append(c)
    return out


def _record(
    text: str, c: _C, a: int, frozen: tuple[tuple[str, tuple[str, ...]], ...], orig: str | None = None
) -> tuple[object, ...]:
    """The figure of a candidate as a record with offsets relative to the sentence start ``a``; ``orig`` is the text
    as written when ``text`` is rewritten (see :func:`extract_figures`)."""
    q = c.qual or "exact"
    if q == "range":
        low, high, value = c.low, c.high, None
    else:
        value = c.value
        low, high = bounds_for(q, value)
    base = c.label
    key = frozen_key_for(base, frozen) if base else ""
    label = f"{base} ({c.scope})" if c.scope and base else base
    aw_s = min(c.aw_s, c.s)
    aw_e = max(c.aw_e, c.e)
    e = c.e
    if orig is not None and orig is not text:
        # a number or phrase that ends on a word joined over a line-end hyphen ("2.3 mil-\nlion") ends where the
        # word ends as written: past the blanks that fill the rewrite (see :mod:`.hyphens`)
        e = _written_end(orig, text, e)
        aw_e = _written_end(orig, text, aw_e)
        text = orig
    scope = c.scope or c.place
    return (value, low, high, q, label, key, c.unit, c.s - a, e - a, c.role, text[aw_s:aw_e], c.vague, scope)


def _written_end(orig: str, text: str, e: int) -> int:
    """An end offset in the rewritten ``text`` as an end offset in ``orig``: inside a rewritten word's span the two
    differ (the joined word's last letters, then blanks, against the broken word's tail), so it moves to the span's
    end; elsewhere it stays."""
    n = len(orig)
    while e < n and orig[e] != text[e]:
        e += 1
    return e
