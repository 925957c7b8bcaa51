"""What a number counts: the vocabulary of report language and the reader of the words around a number.

A label is built from up to four parts found next to the number:

* an *outcome* ("killed", "injured", "missing", "displaced", "refugees", "civilian casualties"…), from a word
  right after the number ("249 killed"), a verb phrase after its noun ("249 civilians … have been killed"), a verb
  before it ("killing at least 17 people") or a toll phrase earlier in the sentence ("the death toll rose to 18");
* a *group* ("children", "women", "girls"…), which refines the outcome: "children killed";
* a generic person noun ("people", "civilians", "others"), which adds nothing to the label;
* otherwise the counted noun phrase as written ("missiles or munitions", "aftershocks", "people in need").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NoReturn

# Number words of one word below a hundred, in order ("seventeen", "forty"), and the scale words after them. Here,
# with the other word lists, rather than in .numbers: that module loads text2num, which a pooled check's parent
# process (it imports labels through .diff and .scope) must not load.
UNIT_WORDS = tuple(
    str.split(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen"
    )
)
TENS_WORDS = tuple(str.split("twenty thirty forty fifty sixty seventy eighty ninety"))
SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")

OUTCOME_WORDS: dict[str, str] = {
    "killed": "killed",
    "dead": "killed",
    "deaths": "killed",
    "death": "killed",
    "died": "killed",
    "die": "killed",
    "fatalities": "killed",
    "perished": "killed",
    "drowned": "killed",
    "slain": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "injuries": "injured",
    "missing": "missing",
    "unaccounted": "missing",
    "displaced": "displaced",
    "idps": "internally displaced",
    "refugees": "refugees",
    "refugee": "refugees",
    "evacuated": "evacuated",
    "evacuees": "evacuated",
    "rescued": "rescued",
    "arrested": "arrested",
    "detained": "detained",
    "abducted": "abducted",
    "homeless": "homeless",
    "casualties": "civilian casualties",
    "casualty": "civilian casualties",
    "hospitalized": "hospitalized",
    "hospitalised": "hospitalized",
}
GROUP_NOUNS: dict[str, str] = {
    "children": "children",
    "child": "children",
    "kids": "children",
    "minors": "children",
    "girls": "girls",
    "girl": "girls",
    "boys": "boys",
    "boy": "boys",
    "women": "women",
    "woman": "women",
    "men": "men",
    "man": "men",
    "adults": "adults",
    "adult": "adults",
    "soldiers": "soldiers",
    "soldier": "soldiers",
    "troops": "soldiers",
    "servicemen": "soldiers",
    "journalists": "journalists",
    "journalist": "journalists",
    "medics": "medics",
    "patients": "patients",
    "students": "students",
    "migrants": "migrants",
    "infants": "infants",
    "babies": "infants",
    "workers": "workers",
    "staff": "staff",
    "volunteers": "volunteers",
    "personnel": "personnel",
    "officers": "officers",
    "police": "police",
    "policemen": "police",
    "firefighters": "firefighters",
    "rescuers": "rescuers",
    "doctors": "doctors",
    "nurses": "nurses",
    "teachers": "teachers",
    "peacekeepers": "peacekeepers",
    "fighters": "fighters",
    "militants": "militants",
    # (the combatants a side says it killed are no toll of the people killed)
    **{w: w for w in str.split("insurgents rebels gunmen attackers jihadists terrorists combatants guerrillas")},
    "operatives": "operatives",
    "prisoners": "prisoners",
    # family words count as the group reports use for them: "her two daughters" are girls killed
    "sons": "boys",
    "son": "boys",
    "daughters": "girls",
    "daughter": "girls",
}
PERSON_NOUNS = frozenset(
    str.split(
        "people persons person civilians civilian individuals individual residents others citizens inhabitants "
        "nationals"
    )
)
# One person of a kind reports count, in the singular: "killing one resident", "a paramedic was killed" (the
# group nouns "child", "woman" … and the person nouns "person", "civilian" are in GROUP_NOUNS and PERSON_NOUNS).
ONE_PERSON_NOUNS = frozenset(
    str.split(
        "student pupil resident neighbour neighbor pensioner worker volunteer journalist doctor nurse paramedic "
        "medic driver farmer policeman soldier vendor shopkeeper passer-by guard officer firefighter rescuer teacher "
        "fisherman shepherd motorist pedestrian pilot"
    )
)
# Words that may stand between a number and its noun without changing what is counted.
MODIFIERS = frozenset(
    str.split(
        "more other additional further new confirmed reported verified known recorded total estimated innocent "
        "local unarmed conflict-related war-related non-combatant ordinary civilian fellow young elderly older "
        "internally registered documented individual much-needed nearby"
    )
)
STOP = frozenset(
    str.split(
        "the a an this that these those and or but in on at to from by with for of as than since after before during "
        "while who whom whose which were was are is have has had be been being will would could may might said says "
        "say according including among across into out up down per each so also reportedly respectively it its their "
        "there here when where what how if not no yet still now just only already all both either some such like about "
        "once unless until "
        "around over under within without via through between against toward towards amid despite near inside outside "
        "whereas although though because hence thus then today yesterday tonight later earlier previously overnight "
        "ago i we they he she you our his her them us him me my hit struck landed fell exploded came went arrived "
        "crossed returned entered face faced lack lost live lived remain remains need got get indicates indicate shows "
        "show suggests suggest means mean times based compared mark milestone along beyond throughout"
    )
)
# Verb-phrase filler between a noun and its outcome: "have also been confirmed dead", "are lost or missing".
AUX = frozenset(
    str.split(
        "have has had been were was are is be being also reportedly now already so far all since confirmed recorded "
        "reported officially thought believed feared presumed to later subsequently still remain remained remains "
        "left lost or either verified documented registered allegedly estimated listed declared found counted "
        "likely feared believed known said injured_ forcibly forced alleged"
    )
)
MODALS = frozenset(str.split("could may might would"))
# Participles that say what happened to counted things: "four buildings were damaged".
OBJECT_PARTICIPLES: dict[str, str] = {
    w: w
    for w in str.split(
        "damaged destroyed found recovered removed intercepted downed launched fired seized demolished looted "
        "burned collapsed delivered distributed reached shot"
    )
}
OBJECT_PARTICIPLES["shot"] = "shot down"
# What is flattened, wrecked or swept away is destroyed: the word reports use for the tally ("dozens of homes were
# swept away" are homes destroyed; "demolished" stays, it is a deliberate act with tallies of its own)
_DESTROYED_WORDS = str.split("flattened wrecked razed levelled leveled obliterated")
OBJECT_PARTICIPLES.update(dict.fromkeys(_DESTROYED_WORDS, "destroyed"))
# ... as is what a flood carries off: the participle with its particle
_CARRIED_OFF = frozenset(("swept", "washed"))
LEFT_VERBS: dict[str, str] = {
    "killing": "killed",
    "killed": "killed",
    "kills": "killed",
    "kill": "killed",
    "injuring": "injured",
    "injured": "injured",
    "injures": "injured",
    "wounding": "injured",
    "wounded": "injured",
    "wounds": "injured",
    "hurting": "injured",
    "evacuated": "evacuated",
    "evacuate": "evacuated",
    "evacuates": "evacuated",
    "evacuating": "evacuated",
    "rescued": "rescued",
    "rescuing": "rescued",
    "displaced": "displaced",
    "displaces": "displaced",
    "displacing": "displaced",
    "displace": "displaced",
    "arrested": "arrested",
    "detained": "detained",
    "abducted": "abducted",
    **{form: "captured" for form in str.split("captured capturing captures")},
    # what was done to things: "damaged at least 23 homes and two schools" (a launch or a firing is no outcome:
    # "fired 480 missiles" counts missiles)
    **{form: "destroyed" for form in str.split("destroyed destroying destroys")},
    **{form: "damaged" for form in str.split("damaged damaging damages")},
    **{form: "demolished" for form in str.split("demolished demolishing")},
    **dict.fromkeys((*_DESTROYED_WORDS, "flattening", "flattens", "razing"), "destroyed"),
    "looted": "looted",
    "seized": "seized",
    "recovered": "recovered",
    **{form: "intercepted" for form in str.split("intercepted intercepting intercepts")},
    **{form: "downed" for form in str.split("downed downing downs")},
}
# The outcomes of LEFT_VERBS that happen to things; with no noun after the number they say nothing
OBJECT_OUTCOMES = frozenset(("downed", "intercepted", "destroyed", "damaged", "damaged or destroyed", "demolished",
                             "looted", "seized", "recovered"))
# Things air defence brings down: destroying them is downing them
AERIAL_NOUNS = frozenset(str.split("drones drone uavs uav missiles missile rockets rocket aircraft helicopters jets"))
LEFT_PHRASES: dict[str, str] = {
    "deaths of": "killed",
    "death of": "killed",
    "lives of": "killed",
    "killing of": "killed",
    "bodies of": "killed",  # "the bodies of 14 people were recovered": the people are dead
    "killings of": "killed",
    "toll of": "killed",
    "needs of": "people in need",
    "need of": "people in need",
    "dead at": "killed",
    "displacement of": "displaced",
    "evacuation of": "evacuated",
    "injuries to": "injured",
    "shot down": "downed",
    "shot dead": "killed",
}
MONEY_VERBS: dict[str, str] = {
    "released": "funding released",
    "releases": "funding released",
    "allocated": "funding allocated",
    "allocates": "funding allocated",
    "pledged": "funding pledged",
    "pledges": "funding pledged",
    "raised": "funding raised",
    "received": "funding received",
    "provided": "funding provided",
    "provides": "funding provided",
    "approved": "funding approved",
    "disbursed": "funding disbursed",
    "donated": "funding donated",
    "contributed": "funding contributed",
    "committed": "funding committed",
    "requires": "funding required",
    "required": "funding required",
    "requested": "funding required",
    "requests": "funding required",
    "request": "funding required",
    "requesting": "funding required",
    "needs": "funding required",
    "needed": "funding required",
    "seeks": "funding required",
    "seeking": "funding required",
    "sought": "funding required",  # ("US$2.6 billion is sought to assist 11.4 million people")
    "appealed": "funding required",
    "announced": "funding announced",
}


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` occurs in ``text`` as a substring.

    For a yes/no test of a handful of short literals: each is one C substring search, where a regex alternation of
    the words (:func:`substring_finder`) stops at every letter that starts one of them, most letters of a sentence.
    (A plain loop measured cheaper than ``any()`` over a generator or ``map``.)
    """
    for w in words:  # noqa: SIM110 (see the docstring)
        if w in text:
            return True
    return False


def substring_finder(words: Iterable[str]) -> Callable[..., re.Match[str] | None]:
    """``finder(text[, pos])`` is a match iff one of ``words`` occurs in ``text`` (from ``pos``) as a substring: the
    same test as ``any(w in text for w in words)`` in one C call (alternatives grouped by first letter, so the regex
    engine skips to a possible first letter without trying each word)."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    return re.compile("|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in by_first.items())).search


def gated_finditer(rx: re.Pattern[str], first_words: Iterable[str]) -> Callable[[str], list[re.Match[str]]]:
    """``find_all(text)`` is ``list(rx.finditer(text))``, for a regex whose every match starts with one of
    ``first_words`` (and is never empty).

    A regex that begins with ``\\b`` or a group cannot skip ahead by its first character: the engine tries the whole
    pattern at every position. Here a substring search finds the next place a match can start and ``rx.match`` runs
    only there: the same matches (the leftmost, then the leftmost after its end), a few C calls instead of a full
    attempt at every character.
    """
    gate = substring_finder(first_words)
    match = rx.match

    def find_all(text: str) -> list[re.Match[str]]:
        out = []
        pos = 0
        while (g := gate(text, pos)) is not None:
            start = g.start()
            m = match(text, start)
            if m is None:
                pos = start + 1
            else:
                out.append(m)
                pos = max(m.end(), start + 1)
        return out

    return find_all


# Up to 16 tokens after a number in one anchored match (one C call instead of a Python loop over finditer): a word,
# a number, a blank line or any other character. Runs are possessive: giving back a letter, digit or blank never
# lets a later part match (every repetition is optional, and a token cannot start with a blank), so the engine need
# not keep backtracking points, which halves the match time. A word glued to digits is one token, a model
# designation the label reading skips ("Shahed-136/131", "Kh-101/Kh-555", "COVID-19").
_ONE_TOKEN = "(?:[ \t\r]*+\n?[ \t\r]*+(" + r"[A-Za-z][A-Za-z'’\-]*+(?:\d[\w/\-]*+)?|\d[\d,.]*+|\n[ \t]*\n|\S" + "))?"
_TOKENS = re.compile(_ONE_TOKEN * 16)
# Most readings look at no more than the first six tokens: those are matched first (the same six as _TOKENS's).
_HEAD = 6
_TOKENS_HEAD = re.compile(_ONE_TOKEN * _HEAD)


class _NeedMore(Exception):
    """A reading on the first six tokens looked further: read again with all of them."""


class _Unread:
    """A token (or token span) after the first six, not matched yet: any use of it raises :class:`_NeedMore`."""

    __slots__ = ()

    def __getattr__(self, name: str) -> NoReturn:
        raise _NeedMore

    def __getitem__(self, key: object) -> NoReturn:
        raise _NeedMore

    def __eq__(self, other: object) -> NoReturn:
        raise _NeedMore

    def __ne__(self, other: object) -> NoReturn:
        raise _NeedMore

    def __hash__(self) -> NoReturn:
        raise _NeedMore

    def __len__(self) -> NoReturn:
        raise _NeedMore

    def __bool__(self) -> NoReturn:
        raise _NeedMore

    def __iter__(self) -> NoReturn:
        raise _NeedMore

    def __contains__(self, item: object) -> NoReturn:
        raise _NeedMore


_UNREAD = (_Unread(),) * (16 - _HEAD)


@dataclass(slots=True)
class RightInfo:
    """What the words after a number say about it."""

    np_end: int  # end of the counted noun phrase (or of the number when there is none)
    outcome: str | None = None
    group: str | None = None
    person: bool = False
    nouns: list[str] = field(default_factory=list)
    participle: str | None = None
    verb_outcome: str | None = None
    verb_participle: str | None = None
    verb_end: int = -1
    modal_after: bool = False
    post_qualifier: str | None = None
    word_count: int = 0  # words consumed in the noun phrase (0 = bare number)
    of_: bool = False  # the phrase started with "of": "59.7% of all refugees"
    part_of: bool = False  # a part of a whole counted next: "34 of the 42 drones" (its words after are the whole's)
    degree: str | None = None  # how badly a part of a count was hurt: "four of them seriously", "in critical condition"
    singular: bool = False


def casualties_of(outcomes: Iterable[str | None]) -> str | None:
    """"civilian casualties" when ``outcomes`` are the killed and the injured together (nothing else), else None:
    "killed and wounded", a table's Total beside Killed and Injured, "455 (118 killed and 337 injured)"."""
    return "civilian casualties" if set(outcomes) == _CASUALTY_PARTS else None


_CASUALTY_PARTS = frozenset(("killed", "injured"))
# The two outcomes for buildings that reports tally together: "damaged or destroyed"
_HARMED_THINGS = frozenset(("damaged", "destroyed"))


_INSIDE = frozenset(("within", "inside", "across", "in"))


def displaced_outcome(toks: Sequence[str], n: int, i: int) -> str:
    """The outcome of "displaced" at ``toks[i]`` (of ``n`` words read): internal when the words say so.

    "internally displaced", and displaced "within the country", "inside Sudan", "across Haiti" or "across the Gaza
    Strip": what a report keeps apart from the refugees who crossed a border. "within days" and "across borders" say
    nothing of it.
    """
    if i > 0 and toks[i - 1].lower() == "internally":
        return "internally displaced"
    if i + 2 < n and toks[i + 1].lower() in _INSIDE:
        nx = toks[i + 2]
        if nx[0].isupper() or (
            nx.lower() in ("the", "their", "its")
            and i + 3 < n
            # ("within the country", "across the Gaza Strip")
            and (toks[i + 3].lower() in ("country", "own") or (nx.lower() == "the" and toks[i + 3][0].isupper()))
        ):
            return "internally displaced"
    return OUTCOME_WORDS["displaced"]


def _pair_outcome(a: str, b: str) -> str:
    return casualties_of((a, b)) or (b if a in ("lost",) else a)


def parse_right(text: str, pos: int, endpos: int) -> RightInfo:
    """Read the counted noun phrase and verb phrase after a number ending at ``pos``."""
    # Tokens as the match's groups and spans (token i is toks[i], its span regs[i + 1]): no per-token tuples.
    # A repetition that fails leaves all later ones unmatched, so the matched groups are a prefix: lastindex
    # counts them.
    m = _TOKENS_HEAD.match(text, pos, endpos)
    if m is None or not m.lastindex:
        return RightInfo(np_end=pos)
    half = text[pos - 4 : pos].lower() == "half"  # "half the population" reads as "half of the population"
    if m.lastindex == _HEAD:
        # Maybe more than six tokens: read with the six and up to ten unread ones after them, counted as if all
        # sixteen were there. Every test "i < n" in the reading is followed by a use of token i (or of one after
        # it) before it has any effect, so a reading that never touches an unread token is the one the full
        # tokens give; one that does raises _NeedMore and is done again with all of them.
        try:
            return _read_right(m.groups() + _UNREAD, m.regs + _UNREAD, 16, pos, half)
        except _NeedMore:
            m = _TOKENS.match(text, pos, endpos)
            assert m is not None and m.lastindex
    return _read_right(m.groups(), m.regs, m.lastindex, pos, half)


# Verbs in "-ed" after a counted noun that say what it did next, not what it is: "48 aftershocks followed" (nor
# what was done to part of it: "12 of which included clinics")
NOT_PARTICIPLES = frozenset(
    str.split(
        "followed passed continued remained appeared seemed started happened occurred waited stayed lived worked "
        "gathered spent tracked needed wanted used tried included contained involved belonged"
    )
)
_COMPARATIVES = frozenset(str.split("fewer more less higher lower greater larger smaller bigger"))
_PASSIVE_AUX = frozenset(str.split("been were was are is be being remain remains remained"))  # ("remain trapped")
# Counted things whose target is part of what is counted: "attacks on health care"
_TARGETED_NOUNS = frozenset(str.split("attacks attack assaults strikes"))
_TO_HOSPITAL = frozenset(("taken", "rushed", "admitted"))
# Number words a whole can be counted in after "of the" ("ten of the 18 staffers", "one of the two"): not "one".
_SMALL_NUMBER_WORDS = frozenset((*UNIT_WORDS[1:], *TENS_WORDS, "hundred"))
_SCALE_WORDS = frozenset(SCALE_WORDS)
_COUNT_WORDS = frozenset(
    (*UNIT_WORDS, *TENS_WORDS, *SCALE_WORDS, *str.split("dozen dozens hundreds thousands millions several another"))
)


def _read_right(
    toks: tuple[str, ...], regs: tuple[tuple[int, int], ...], n: int, pos: int, half: bool = False
) -> RightInfo:
    """:func:`parse_right` on the ``n`` tokens ``toks`` (token ``i`` spans ``regs[i + 1]``); ``half``: the number
    is the word "half"."""
    info = RightInfo(np_end=pos)
    i = 0
    first = 0  # where the counted noun phrase starts (see "of" below)
    if n == 0:
        return info
    # post qualifiers: "or more", "at least", "+", "-plus"
    t0 = toks[0]
    if t0 == "+" and regs[1][0] == pos:
        info.post_qualifier = "at_least"  # "140+": 140 or more
        info.np_end = regs[1][1]
        i = 1
    elif t0 == "-" and n > 1 and toks[1].lower() in ("plus", "odd"):
        info.post_qualifier = "more_than" if toks[1].lower() == "plus" else "approx"  # "300-plus", "40-odd"
        info.np_end = regs[2][1]
        i = 2
    elif n > 1:
        pair = (t0.lower(), toks[1].lower())
        if pair in _SUFFIX2:
            info.post_qualifier = _SUFFIX2[pair]
            info.np_end = regs[2][1]
            i = 2
    if i + 1 < n and toks[i].lower() in _COMPARATIVES and toks[i + 1].lower() == "than":
        return info  # "41 per cent fewer than in June", "3.2 percentage points higher than": a comparison, no noun
    if (
        i + 3 < n
        and toks[i][0].isdigit()
        and toks[i + 1] == "-"
        and toks[i + 2].isalpha()
        and regs[i + 1][1] == regs[i + 2][0]
        and regs[i + 2][1] == regs[i + 3][0]
    ):
        i += 3  # "four 1,500-kilogram bombs", "two 500-pound bombs": a glued attribute before the counted noun
    # "of" right after the number: "dozens of cars", "130 tons of supplies", "59.7% of all refugees"
    if i < n and toks[i].lower() == "of":
        info.of_ = True
        i += 1
        while i < n and toks[i].lower() in ("the", "all", "them", "those", "these", "its", "their"):
            i += 1
        if i > 0 and toks[i - 1].lower() == "them" and i < n:
            # a breakdown of the count before: "one of them a child" (a group), "four of them seriously" (a degree)
            degree, k = _degree_at(toks, n, i)
            if degree is not None:
                info.degree = degree
                info.np_end = regs[k][1]
                return info
            if i + 1 < n and toks[i].lower() in ("a", "an") and toks[i + 1].lower() in GROUP_NOUNS:
                i += 1
        if i + 1 < n and toks[i].endswith(("'s", "’s")) and (toks[i + 1].islower() or toks[i + 1][0].isdigit()):
            # "90 per cent of Mariupol's residential buildings", "40 of the district's 212 health facilities": the
            # owner is not the counted noun
            i += 1
        if i + 1 < n and (toks[i][0].isdigit() or toks[i].lower() in _SMALL_NUMBER_WORDS) and toks[i + 1][0].isalpha():
            i += 1  # "33 of the 40 drones", "ten of the 18 staffers": the part counts the whole's noun
            info.part_of = True
            if i + 1 < n and toks[i].lower() in _SCALE_WORDS:
                i += 1  # "half of the 8.7 million people targeted"
            first = i  # the whole's noun phrase may start with a name: "two of the three Kinzhal missiles"
    elif half and i < n and toks[i].lower() == "the":
        info.of_ = True  # "over half the population": half of the population
        i += 1
    if i + 1 < n and toks[i].isdigit() and toks[i + 1][:1].isupper():
        i += 1  # "five 787 Dreamliner sales": the number after the count names the model
    head_seen = False
    words = 0
    if i + 1 < n and toks[i].lower() in ("were", "are", "was", "is") and toks[i + 1].lower() in GROUP_NOUNS:
        # "Of the civilians killed, 250 were men, 176 were women"
        info.group = GROUP_NOUNS[toks[i + 1].lower()]
        info.np_end = regs[i + 2][1]
        info.word_count = 1
        return info
    while i < n and words < 6:
        tok = toks[i]
        te = regs[i + 1][1]
        c = tok[0]
        if not c.isalpha():
            break
        if (not tok.isalpha() and tok[-1].isdigit()) or "/" in tok:
            # a model designation before the counted noun: "89 Shahed-136/131 attack drones"
            words += 1
            i += 1
            continue
        w = tok.lower()
        if (w == "or" or w == "and") and i + 1 < n and (pair := (w, toks[i + 1].lower())) in _SUFFIX2:
            # "180,000 homes or more": the qualifier after the counted noun
            if info.post_qualifier is None:
                info.post_qualifier = _SUFFIX2[pair]
            break
        if w in OUTCOME_WORDS:
            if w == "displaced" and info.nouns and info.nouns[-1] == "internally":
                info.nouns.pop()
            out = displaced_outcome(toks, n, i) if w == "displaced" else OUTCOME_WORDS[w]
            info.outcome = out
            info.np_end = te
            words += 1
            # "killed and injured", "lost or missing"
            if i + 2 < n and toks[i + 1].lower() in ("and", "or") and toks[i + 2].lower() in OUTCOME_WORDS:
                info.outcome = _pair_outcome(out, OUTCOME_WORDS[toks[i + 2].lower()])
                info.np_end = regs[i + 3][1]
                i += 2
            i += 1
            break
        if w in GROUP_NOUNS:
            info.group = GROUP_NOUNS[w]
            if info.nouns and not head_seen:
                # "112 aid workers", "40 health workers": the whole phrase is the group
                info.group = " ".join([*info.nouns, info.group])
                info.nouns = []
            info.singular = w in ("child", "girl", "boy", "woman", "man", "adult", "soldier")
            head_seen = True
            info.np_end = te
            words += 1
            i += 1
            continue
        if w == "civilian" and i + 1 < n and toks[i + 1].lower() in ("victims", "victim"):
            # "7,256 civilian victims (of whom 3,381 were killed)": translated monitoring reports' word for the
            # killed and the injured together
            info.outcome = "civilian casualties"
            info.np_end = regs[i + 2][1]
            words += 2
            i += 2
            break
        if w in PERSON_NOUNS and not (
            w in ("civilian", "individual") and i + 1 < n and toks[i + 1].isalpha() and toks[i + 1].lower() not in STOP
        ):
            info.person = True
            head_seen = True
            info.np_end = te
            words += 1
            i += 1
            continue
        if w == "lives" and i + 1 < n and toks[i + 1].lower() == "lost":
            info.outcome = "killed"
            info.np_end = regs[i + 2][1]
            i += 2
            break
        if head_seen or info.nouns:
            if w in NOT_PARTICIPLES:
                break  # the noun phrase ends at its verb
            if w == "in" and i + 1 < n and toks[i + 1].lower() == "need":
                info.participle = "in need"
                info.np_end = regs[i + 2][1]
                i += 2
                break
            if w == "without" and (k := _lacking_end(toks, n, i)) > i + 1:
                # "650,000 people without electricity": what they lack is what is counted
                info.participle = " ".join(toks[i:k]).lower()
                info.np_end = regs[k][1]
                i = k
                break
            if w in ("suffered", "sustained"):
                # what was suffered says what happened: "40 schools suffered heavy damage" (damaged), "37 people
                # sustained shrapnel wounds" (injured)
                if k := _wounds_end(toks, n, i + 1):
                    info.outcome = "injured"
                    info.np_end = regs[k][1]
                    i = k
                    break
                if not (info.person or info.group) and (k := _damage_end(toks, n, i + 1)):
                    info.participle = "damaged"
                    info.np_end = regs[k][1]
                    i = k
                    break
            if (
                (w.endswith("ed") or w in ("affected", "targeted", "reached", "assisted"))
                and w not in STOP
                and w not in AUX
                and w != "aged"  # "children aged 6-17": their age, not what happened to them
                and w != "fled"  # where they fled to tells: read with the verb phrase
                and w not in NOT_PARTICIPLES
            ):
                info.participle = w
                info.np_end = te
                i += 1
                break
            if info.nouns and not head_seen and w in ("or", "and") and i + 1 < n:
                nxt = toks[i + 1]
                nl = nxt.lower()
                if (
                    nxt[0].islower()
                    and nl not in STOP
                    and nl not in AUX
                    and nl not in MODALS
                    and not nl.endswith("ed")
                    and nl not in OUTCOME_WORDS
                    and nl not in _COUNT_WORDS  # "89 attack drones and four missiles": a second count
                    and len(info.nouns) < 4
                ):
                    info.nouns.append(w)
                    info.nouns.append(nl)
                    info.np_end = regs[i + 2][1]
                    words += 2
                    i += 2
                    continue
            if head_seen:
                break
        if w in MODIFIERS:
            info.nouns.append(w) if (
                info.nouns and w not in ("more", "other", "additional", "further", "new")
            ) else None
            words += 1
            i += 1
            continue
        if (
            not info.nouns
            and w.endswith("ing")
            and tok.islower()  # (not a name: "30 Boeing jets")
            and i + 1 < n
            and w not in STOP
            and _is_plural_noun(toks[i + 1])
        ):
            info.nouns.append(w)  # "11 operating theatres", "40 polling stations": a kind of thing, not a verb
            words += 1
            i += 1
            continue
        if w in STOP or w in MODALS or (w.endswith("ing") and not w.endswith("ings")):
            break
        if w in PERIOD_DETERMINERS and i + 1 < n and toks[i + 1].lower() in _PERIODS:
            break  # "5,200 last week", "3,912 hip replacements last year": when, not what
        if w in _TO_HOSPITAL and i + 2 < n and toks[i + 1].lower() == "to" and toks[i + 2].lower() == "hospital":
            info.outcome = "hospitalized"  # "Seven taken to hospital"
            info.np_end = regs[i + 3][1]
            i += 3
            break
        if (
            w.endswith("ed")
            and not info.nouns
            and w != "aged"
            and w not in NOT_PARTICIPLES
            # "four guided missiles", "1,032 suspected mpox cases": an adjective
            and not (i + 1 < n and _is_plural_noun(toks[i + 1]))
            and not (
                i + 2 < n
                and toks[i + 1].isalpha()
                and toks[i + 1].islower()
                and toks[i + 1] not in STOP
                and toks[i + 1] not in AUX
                and _is_plural_noun(toks[i + 2])
            )
        ):
            # a bare participle: "7% funded", "6M people targeted" is handled above
            info.participle = w
            info.np_end = te
            i += 1
            break
        if c.isupper() and w.endswith(("ians", "ans", "ese", "ish")) and not tok.isupper():
            info.person = True  # demonyms count people: "one-third of Ukrainians"
            head_seen = True
            info.np_end = te
            words += 1
            i += 1
            continue
        if len(tok) == 1:
            break  # "200 U.S. troops": an initial, not the counted noun
        if c.isupper() and not info.nouns and not tok.isupper() and i > first and toks[i - 1][0].isalpha():
            break  # a proper name after a word: stop
        info.nouns.append(w)
        info.np_end = te
        words += 1
        i += 1
        if len(info.nouns) >= 3:
            break
    if (
        info.post_qualifier is None
        and i + 1 < n
        and (toks[i].lower(), toks[i + 1].lower()) in _SUFFIX2
        and (head_seen or info.nouns)
    ):
        # "75 people or more"
        info.post_qualifier = _SUFFIX2[(toks[i].lower(), toks[i + 1].lower())]
        info.np_end = regs[i + 2][1]
        i += 2
    # drop trailing modifiers / leading adjectives that are not the counted noun
    while info.nouns and info.nouns[-1] in MODIFIERS:
        info.nouns.pop()
    if info.nouns and info.nouns[-1] in _TARGETED_NOUNS and i + 1 < n and toks[i].lower() == "on":
        # "1,422 attacks on health care", "attacks on schools": what was attacked is part of what is counted
        k = i + 1
        while k < n and k - i <= 3 and toks[k].isalpha() and toks[k].islower() and toks[k] not in STOP:
            k += 1
        if k > i + 1:
            info.nouns.extend(("on", *toks[i + 1 : k]))
            info.np_end = regs[k][1]
            i = k
    info.word_count = words
    if info.outcome is None:
        if i < n and (head_seen or info.nouns) and toks[i].lower() == "aged":
            # "three children aged 4, 6 and 9 were killed": the verb is after their ages
            i += 1
            while i < n and (toks[i][0].isdigit() or toks[i].lower() in _AGE_LIST_WORDS):
                i += 1
        elif (
            info.group
            and i + 1 < n
            and toks[i].lower() in ("under", "over")
            and (toks[i + 1][0].isdigit() or toks[i + 1].lower() in _SMALL_NUMBER_WORDS)
        ):
            # "2,145 children under five were screened": the verb is after their age
            i += 2
            if i < n and toks[i].lower() in ("years", "year", "months"):
                i += 1
        _verb_phrase(toks, regs, n, i, info)
    return info


def _among_outcome(toks: Sequence[str], n: int, i: int) -> int:
    """Index of the outcome word of "[the] [six] [people] dead|killed|injured…" starting at token ``i``, or -1."""
    if i < n and toks[i].lower() == "the":
        i += 1
    if i < n and (toks[i][0].isdigit() or toks[i].lower() in _SMALL_NUMBER_WORDS):
        i += 1
    if i < n and toks[i].lower() in _AMONG_PEOPLE:
        i += 1
    return i if i < n and toks[i].lower() in OUTCOME_WORDS else -1


_AMONG_PEOPLE = frozenset(str.split("people persons civilians residents"))


# How badly the people of a breakdown were hurt, as the degree of their outcome: "seriously", "in critical condition"
_DEGREES = {"seriously": "seriously", "critically": "critically", "severely": "severely", "gravely": "gravely",
            "badly": "badly", "serious": "seriously", "critical": "critically", "grave": "gravely"}
_CONDITION_VERBS = frozenset(("is", "are", "was", "were", "remain", "remains", "remained"))


def _degree_at(toks: Sequence[str], n: int, i: int) -> tuple[str | None, int]:
    """The degree of hurt at token ``i`` ("seriously", "[is|remain] in serious condition") and the index of the token
    after it; (None, ``i``) when there is none."""
    w = toks[i].lower()
    if w.endswith("ly"):
        return (_DEGREES[w], i + 1) if w in _DEGREES else (None, i)
    j = i + 1 if w in _CONDITION_VERBS else i
    if j + 2 < n and toks[j].lower() == "in" and toks[j + 2].lower() == "condition":
        degree = _DEGREES.get(toks[j + 1].lower())
        if degree is not None:
            return degree, j + 3
    return None, i


# Things reports count, beside people and outcomes ("Schools 12" on a key-figure line, "in Irpin 290 bodies").
COUNT_OBJECTS = frozenset(
    str.split(
        "missile missiles rocket rockets drone drones shell shells bomb bombs strike strikes airstrike airstrikes "
        "attack attacks building buildings house houses home homes school schools hospital hospitals settlement "
        "settlements village villages town towns city cities vehicle vehicles car cars truck trucks convoy convoys "
        "body bodies family families household households facility facilities"
    )
)


def is_count_noun(w: str) -> bool:
    """Whether a lower-case word names what reports count: people, outcomes, weapons, buildings, places."""
    return w in GROUP_NOUNS or w in OUTCOME_WORDS or w in PERSON_NOUNS or w in COUNT_OBJECTS or w in ONE_PERSON_NOUNS


# Function words and verbs in "-s" ("this", "was", "says"); "times" is a stop word of labels but a plural noun.
_S_NOT_PLURAL = frozenset(w for w in STOP | AUX if w.endswith("s")) - {"times"} | frozenset(
    str.split(
        "versus census status virus bonus campus focus consensus corpus minus plus bus crisis analysis basis "
        "diagnosis emphasis thesis prognosis news series species cannabis"
    )
)


def looks_plural(w: str) -> bool:
    """Whether a lower-case word reads as a plural noun by its ending ("missiles", "cases", "times"), not as a
    function word or verb ("this", "was", "says"), a singular in "-s" ("press", "census", "crisis") or an adjective
    in "-ous" ("various", "serious")."""
    return w.endswith("s") and not w.endswith(("ss", "us")) and w not in _S_NOT_PLURAL


def _is_plural_noun(tok: str) -> bool:
    """Whether a token reads as a counted plural noun ("missiles", "children"), not a function word."""
    return tok.isalpha() and tok.islower() and (looks_plural(tok) or (tok in GROUP_NOUNS and tok not in STOP))


_AGE_LIST_WORDS = frozenset((",", "and", "to", "-", "–", "between", "under", "over", "years", "months", "old"))


_SUFFIX2: dict[tuple[str, str], str] = {
    ("or", "more"): "at_least",
    ("or", "above"): "at_least",
    ("and", "more"): "at_least",
    ("and", "above"): "at_least",
    ("at", "least"): "at_least",
    ("or", "so"): "approx",
}


_REMAIN = frozenset(("remain", "remains", "remained"))
# After "remain in": the states that other rules name ("in hospital", "in need", "in custody")
_REMAIN_IN_STATE = frozenset(str.split("hospital need custody detention captivity critical serious danger shelters"))
_PULLED = frozenset(("pulled", "dug", "lifted"))
_REFUGE = frozenset(("refuge", "shelter"))
_TOOK_REFUGE = frozenset(str.split("taken took sought seeking sheltering found"))
_SLEEP = frozenset(str.split("sleeping slept sleep spent spend spending"))
_OUTDOORS = frozenset(str.split("outdoors outside rough"))


_FACE = frozenset(("face", "faces", "facing", "faced"))
_HUNGER = frozenset(str.split("famine hunger starvation insecurity malnutrition"))
# Words of a hunger phrase that say nothing of what is faced: "crisis levels of hunger", "famine-like conditions"
_HUNGER_FILLER = frozenset(str.split("levels level of conditions high severe"))
_WORSE = frozenset(str.split("worse above higher more"))


def _ipc_end(toks: tuple[str, ...], n: int, j: int) -> tuple[str, int] | None:
    """An IPC phase from token ``j``: at most two words of its name, then "(IPC Phase N)" and maybe "or worse":
    ``("in ipc phase N[ or worse]", end token)``, or None."""
    k = j
    while k < n and k - j < 2 and toks[k][:1].isalpha():
        k += 1
    if not (k + 4 < n and toks[k] == "(" and toks[k + 1] == "IPC" and toks[k + 2].lower() == "phase"):
        return None
    phase = toks[k + 3]
    if not phase.isdigit() or toks[k + 4] != ")":
        return None
    k += 5
    if k + 1 < n and toks[k].lower() == "or" and toks[k + 1].lower() in _WORSE:
        return f"in ipc phase {phase} or {toks[k + 1].lower()}", k + 2
    return f"in ipc phase {phase}", k


def _hunger_end(toks: tuple[str, ...], n: int, j: int) -> tuple[str, int] | None:
    """What is faced from token ``j`` when it is hunger: ``("facing <it>", end token)`` ("facing famine", "facing
    acute food insecurity", "in ipc phase 3 or worse"), or None."""
    if (ipc := _ipc_end(toks, n, j)) is not None:
        return ipc
    words: list[str] = []
    k = j
    while k < n and k - j < 6 and toks[k][:1].isalpha() and toks[k].islower():
        words.append(toks[k].removesuffix("-like"))
        k += 1
        if words[-1] in _HUNGER:
            kept = [w for w in words if w not in _HUNGER_FILLER]
            return "facing " + " ".join(kept), k
    return None


def _state_end(toks: tuple[str, ...], n: int, i: int) -> tuple[str, int] | None:
    """Where people are, said by the verb at token ``i`` after them: ``(participle, end token)`` or None.

    "remain in the town" / "remain behind" -> remaining; "pulled alive from the rubble" -> rescued; "sleeping
    outdoors", "spent the night in the open" -> sleeping outdoors; "taken refuge in", "sleeping in schools",
    "spent the night in metro stations" -> sheltering.
    """
    w = toks[i].lower()
    nxt = toks[i + 1].lower() if i + 1 < n else ""
    if w in _REMAIN:
        if nxt in ("behind", "inside") or (nxt == "in" and i + 2 < n and toks[i + 2].lower() not in _REMAIN_IN_STATE):
            return "remaining", i + 1
        return None
    if w in _PULLED and nxt in ("alive", "out", "from"):
        return "rescued", i + 1
    if w in _TOOK_REFUGE and nxt in _REFUGE:
        return "sheltering", i + 2
    if w not in _SLEEP:
        return None
    k = i + 1
    if w.startswith("spen"):  # "spent the night", "spent a third night"
        while k < n and k - i <= 3 and toks[k].lower() not in ("night", "nights"):
            k += 1
        if k >= n or k - i > 3:
            return None
        k += 1
    rest = [t.lower() for t in toks[k : min(n, k + 3)]]
    if rest[:1] and rest[0] in _OUTDOORS:
        return "sleeping outdoors", k + 1
    if rest == ["in", "the", "open"] or rest[:2] == ["in", "cars"]:
        return "sleeping outdoors", k + (3 if rest[1] == "the" else 2)
    if rest[:1] and rest[0] in ("in", "at"):
        return "sheltering", k
    return None


def _lacking_end(toks: tuple[str, ...], n: int, i: int) -> int:
    """After "without" at token ``i``: the end of what is lacked, at most two lower-case words ("without natural gas",
    "without electricity"); ``i + 1`` when none follows."""
    k = i + 1
    while k < n and k - i <= 2 and toks[k].isalpha() and toks[k].islower() and toks[k] not in STOP:
        k += 1
    return k


_OWNERS = frozenset(("their", "its", "his", "her"))
_HOMES = frozenset(("homes", "home", "houses"))
# What was done for people, as the participle a label takes ("people reached"), and the other forms that say it
# before the people ("partners reached some 8.9 million people", "hosting 400 people"); after them the participle
# says it ("8.9 million people have been reached"), and a few other forms (see PERSON_ACTIONS). A count of people
# reached is no count of people. One table for both readings: the verb before the number is read in extract.py.
_PEOPLE_ACTIONS = {
    "reached": "reaching reaches",
    "targeted": "targeting targets",
    "assisted": "assisting assists",
    "supported": "supporting supports",
    "evacuated": "evacuating evacuates",
    "rescued": "rescuing rescues pulled",  # ("rescuers pulled 14 people from the rubble")
    "served": "serving serves",
    "registered": "registering registers",
    "hosted": "hosting hosts",
    # (a state, named as reports name it: "people sheltering")
    "sheltering": "sheltered shelters",
    "relocated": "relocating relocates",
    "vaccinated": "vaccinating vaccinates",
    "treated": "treating treats",
    "hospitalised": "hospitalized hospitalising hospitalizing",
    "affected": "affecting affects",
    "trapped": "trapping traps",
    "stranded": "stranding strands",
    "screened": "screening screens",
    "reunified": "reunifying reunifies",
}
# The verb before "N people": any form
ACTION_BEFORE = {
    form: participle for participle, forms in _PEOPLE_ACTIONS.items() for form in (participle, *forms.split())
}
# The verb after the people: the participle, the past participle of a state ("were sheltered") and a spelling
PERSON_ACTIONS = {participle: participle for participle in _PEOPLE_ACTIONS}
PERSON_ACTIONS.update(sheltered="sheltering", hospitalized="hospitalised")
_NEED_VERBS = frozenset(str.split("need needs needed require requires required requiring"))
_AID_WORDS = frozenset(str.split("assistance aid help humanitarian support protection"))
# How people were killed or hurt, right before the outcome word ("were shot dead"): part of the verb phrase.
# How badly a thing was hit, between the auxiliary and the participle
_HOW_BADLY = frozenset(
    str.split("badly partially partly completely totally heavily severely fully entirely largely slightly seriously")
)
_MANNER = frozenset(str.split("shot stabbed beaten burned burnt crushed hacked gunned"))


def _aid_end(toks: tuple[str, ...], n: int, i: int) -> int:
    """After a need verb, the token index just past the aid word ("assistance", "food aid") when at most three
    lower-case words come first ("some form of assistance", "urgent humanitarian aid"); 0 if there is none."""
    for k in range(i, min(n, i + 4)):
        w = toks[k].lower()
        if w in _AID_WORDS:
            return k + 1
        if not (toks[k].isalpha() and toks[k].islower()) or w in AUX:
            return 0
    return 0


_PLACE_STARTS = frozenset(str.split("in from of near across aboard inside"))
_NEW_CLAUSE = frozenset(str.split("and but while whereas"))


def _ends_place(tok: str) -> bool:
    """Whether a place phrase after the counted noun ends before ``tok``: an auxiliary ("were"), a need verb
    ("require"), or a verb of dying ("died"); the verb phrase is read from there."""
    w = tok.lower()
    return w in AUX or w in _NEED_VERBS or w in ("died", "die") or w in _FACE


# Verbs that may follow an aside about the people counted: "33 people, most of them labourers, died"
# Words that start the object of a verb after an aside: its own count ("injured else 11", "wounded another 40")
_OBJECT_STARTS = frozenset(str.split("else another a an more at some about nearly over"))
# Words of a qualifier or an addition between a verb and its count ("killed at least 12", "injured a further 30")
_BEFORE_COUNT = frozenset(
    str.split("at least more than some about nearly over around almost up to roughly approximately another a further")
)


def _count_follows(toks: list[str], n: int, j: int) -> bool:
    """Whether a number starts at token ``j``, past the words of a qualifier ("at least 12", "up to 30")."""
    for k in range(j, min(n, j + 4)):
        t = toks[k]
        if t[0].isdigit():
            return True
        if t.lower() not in _BEFORE_COUNT:
            return False
    return False


_VERBS_AFTER_ASIDE = frozenset(
    (*(w for w in OUTCOME_WORDS if not w.endswith(("s", "y"))), "fled", "lost", "sustained", "suffered", "left")
)
_LOST = {"lives": "killed", "life": "killed", "homes": "homeless", "home": "homeless", "houses": "homeless"}
_SETTLEMENTS = frozenset(str.split("city town village villages area areas region camp camps district districts"))
_WOUNDS = frozenset(str.split("injuries wounds burns fractures"))


# After "may have (been)": a death that may have happened, which reads like a projection of the toll (see also
# extract._UNCERTAIN_NOW, the same reading for a modal before the number)
DEATH_VERBS = ("died", "perished", "killed", "drowned", "swept")
# Between a modal and its verb: "may still be trapped"
DOUBT_ADVERBS = ("still", "well", "also")
# Words before a period that make it a time ("last week", "each day"): where a number's noun phrase ends ("5,200
# last week"), and no identifier (extract's test: "day 3" names, "last week 120" does not).
PERIOD_DETERMINERS = frozenset(str.split("this last next each every that previous past same coming"))
_PERIODS = frozenset(str.split("week weeks month months year years night weekend quarter day days season"))
_LEAVE = frozenset(("left", "leave", "leaving", "leaves"))
# After "buried": under what the missing lie ("believed to be buried under the rubble")
_UNDER = frozenset(("under", "beneath", "underneath"))
# Verbs after the people that say they were evacuated: "moved out of the area", "told to leave"
_MOVED = frozenset(("moved", "told", "ordered"))


def _place_left_end(toks: tuple[str, ...], n: int, i: int) -> int:
    """After "left", the token index just past a place they left ("Varn city", "the town"); 0 if none."""
    if i >= n:
        return 0
    tok = toks[i]
    if tok[0].isupper() and tok.lower() not in STOP and tok.isalpha():
        return i + 2 if i + 1 < n and toks[i + 1].lower() in _SETTLEMENTS else i + 1
    if tok.lower() == "the" and i + 1 < n and toks[i + 1].lower() in _SETTLEMENTS:
        return i + 2
    if tok.lower() in ("areas", "villages", "towns"):
        return i + 1  # "27,000 people have left areas in the north"
    return 0


def _wounds_end(toks: tuple[str, ...], n: int, i: int) -> int:
    """After "sustained", the token index just past the wounds ("shrapnel wounds", "serious injuries"); 0 if none."""
    for k in range(i, min(n, i + 3)):
        if toks[k].lower() in _WOUNDS:
            return k + 1
        if not toks[k].isalpha():
            return 0
    return 0


def _damage_end(toks: tuple[str, ...], n: int, i: int) -> int:
    """After "suffered", the token index just past the damage ("damage", "heavy damage", "varying degrees of
    damages"); 0 if none."""
    for k in range(i, min(n, i + 5)):
        if toks[k].lower() in ("damage", "damages"):
            return k + 1
        if not toks[k].isalpha():
            return 0
    return 0


_CROSS_VERBS = frozenset(str.split("crossed cross crossing"))


def _crosses_border(nx: str, after: str) -> bool:
    """Whether the two words after "crossed" name a border: "into Chad", "into neighbouring ...", "the border"."""
    nl = nx.lower()
    if nl in ("into", "to"):
        return (after[0].isupper() and after.lower() not in STOP) or after.lower().startswith("neighbo")
    return nl == "the" and after.lower() in ("border", "borders", "frontier")


def _verb_phrase(toks: tuple[str, ...], regs: tuple[tuple[int, int], ...], n: int, i: int, info: RightInfo) -> None:
    """Find the outcome verb after the noun: "civilians, including 17 children, have been killed".

    ``toks`` are the token strings (the first ``n`` are set), ``regs[i + 1]`` the span of token ``i``.
    """
    steps = 0
    while i < n and steps < 10:
        tok = toks[i]
        te = regs[i + 1][1]
        w = tok.lower()
        if w == "in" and not (info.nouns or info.group) and (st := _ipc_end(toks, n, i + 1)) is not None:
            # "including 410,000 in Emergency (IPC Phase 4)": the people in that phase
            info.person = True
            info.participle, k = st
            info.verb_end = regs[k][1]
            return
        if (
            tok == ","
            and i + 1 < n
            and toks[i + 1].lower() not in ("including", "among")
            and toks[i + 1].lower() not in AUX
            and toks[i + 1] not in MODALS
        ):
            # "9,500 people, more than half of the population, could have died"
            j = i + 1
            while (
                j < n
                and j - i < 14
                and toks[j] not in (",", ";", ".", "(", ")")
                # (a share may stand in the aside: "12.7 million people, about 35 per cent of the population, will")
                and (not toks[j][0].isdigit() or (j + 1 < n and toks[j + 1].lower() in ("per", "percent", "%")))
            ):
                j += 1
            if (
                j + 1 < n
                and toks[j] == ","
                and (
                    toks[j + 1].lower() in AUX
                    or toks[j + 1] in MODALS
                    # ("33 people, most of them labourers, died of heatstroke", "..., need emergency food aid")
                    or (info.person and toks[j + 1].lower() in _VERBS_AFTER_ASIDE)
                    or (info.person and toks[j + 1].lower() in _NEED_VERBS)
                    or toks[j + 1].lower() == "will"
                )
            ):
                i = j + 1
                steps += 1
                continue
            return
        if w == "and" and i + 1 < n and toks[i + 1].lower() == "counting":
            i += 2  # "the almost 3.3 million and counting who have fled the country"
            steps += 1
            continue
        if w in ("driven", "chased") and i + 1 < n and toks[i + 1].lower() == "from":
            i += 1  # "5.4 million people have been driven from their homes"
            steps += 1
            continue
        if w == "from" and i + 2 < n and toks[i + 1].lower() in _OWNERS and toks[i + 2].lower() in _HOMES:
            # "forcing 18,000 people from their homes"
            info.verb_outcome = "displaced"
            info.verb_end = regs[i + 3][1]
            return
        if w in _NEED_VERBS and (k := _aid_end(toks, n, i + 1)):
            # "over 4.1 million people need assistance", "... require urgent food aid", "will need some form of
            # assistance": people in need
            if info.participle is None:
                info.participle = "in need"
                info.verb_end = regs[k][1]
            return
        if tok in ("–", "—", "(") or (
            steps == 0 and (w in _PLACE_STARTS or (w == "on" and i + 1 < n and toks[i + 1].lower() == "board"))
        ):
            # a dashed/bracketed aside or a short place phrase before the verb:
            # "46 civilians from 'ISIS families' – including children and women – were killed", "people in two
            # oblasts require assistance", "all 176 people aboard the plane died"
            close = {"–": "–", "—": "—", "(": ")"}.get(tok)
            j = i + 1
            while j < n and j - i < 12 and (toks[j] != close if close else not _ends_place(toks[j])):
                if toks[j] in (".", ";") or (toks[j][0].isdigit() and not close):
                    # (an aside may hold numbers: "29 people (up from 23 on Saturday) have been confirmed dead",
                    # "46 civilians – 12 of them children – were killed", "7.1 million people – 56 per cent of the
                    # population – are projected to face"; a place phrase ends at one)
                    return
                if not close and toks[j] == "," and j + 1 < n and toks[j + 1].lower() in _NEW_CLAUSE:
                    return  # the place ends with its clause: "60 residents inside, and only nine were pulled out"
                j += 1
            if close:
                j += 1
            if j < n and (
                _ends_place(toks[j])
                if not close
                else toks[j].lower() in AUX or toks[j] in ("–", "—", *_FACE) or toks[j].lower() in _NEED_VERBS
            ):
                i = j
                steps += 1
                continue
            return
        if tok == "," and i + 2 < n and (
            toks[i + 1].lower() in ("including", "among")
            or (toks[i + 1].lower() == "or" and _count_follows(toks, n, i + 2))
        ):
            # skip an appositive up to the next comma: ", including 17 children,", ", or 75 per cent of the
            # population,"
            j = i + 2
            while j < n and toks[j] not in (",", ";", ".", "(", ")"):
                j += 1
            if j < n and toks[j] == ",":
                if j + 2 < n and (toks[j + 2][0].isdigit() or toks[j + 2].lower() in _OBJECT_STARTS):
                    # a verb with a count of its own is another clause's: "killed 2 persons, including a woman,
                    # injured else 11"
                    return
                i = j + 1
                steps += 1
                continue
            return
        if w in OUTCOME_WORDS and w not in ("refugees", "refugee", "casualties", "casualty", "deaths", "death"):
            if _count_follows(toks, n, i + 1):
                # the verb has a count of its own: "1,368 attacks on health care in Gaza, which have killed 724"
                return
            out = OUTCOME_WORDS[w]
            end = te
            if i + 2 < n and toks[i + 1].lower() in ("and", "or") and toks[i + 2].lower() in OUTCOME_WORDS:
                out = _pair_outcome(out, OUTCOME_WORDS[toks[i + 2].lower()])
                end = regs[i + 3][1]
            if w == "displaced":
                out = displaced_outcome(toks, n, i)
            info.verb_outcome = out
            info.verb_end = end
            return
        if w in ("flee", "fled", "fleeing") and i + 1 < n:
            nx = toks[i + 1]
            nl = nx.lower()
            if (
                nl in ("across", "abroad")
                or (nx[0].isupper() and nl not in STOP)
                or (nl in ("to", "into") and i + 2 < n and toks[i + 2].lower().startswith("neighbo"))
                or (nl == "the" and i + 2 < n and toks[i + 2].lower() == "country")
            ):
                info.verb_outcome = "refugees"
                info.verb_end = regs[i + 2][1]
            elif nl in ("their", "homes"):
                info.verb_outcome = "displaced"
                info.verb_end = regs[i + 2][1]
            elif nl in ("to", "into"):
                if w == "fled" and info.person and info.participle is None:
                    info.participle = "fled"  # "people fled to the capital": a border or not, it does not say
                    info.verb_end = te
            else:
                # "have fled the fighting", "fled towards the town", "150,000 have fled.": people who left their
                # homes, with no border named
                info.verb_outcome = "displaced"
                info.verb_end = regs[i + 1][1] if nx[0].isalpha() else te
            return
        if w in _CROSS_VERBS:
            # (past the country left: "1.2 million people have crossed from Sudan into neighbouring countries")
            k = i + 3 if i + 2 < n and toks[i + 1].lower() == "from" and toks[i + 2][0].isupper() else i + 1
            if k + 1 < n and _crosses_border(toks[k], toks[k + 1]):
                # "7,800 people crossed into Chad", "... have crossed the border": they left the country
                info.verb_outcome = "refugees"
                info.verb_end = regs[k + 2][1]
                return
        if w == "out" and i + 2 < n and toks[i + 1].lower() == "of" and toks[i + 2].lower() in ("contact", "touch"):
            info.verb_outcome = "missing"  # "102 residents remained out of contact"
            info.verb_end = regs[i + 3][1]
            return
        if w == "as" and i + 1 < n and (nl := toks[i + 1].lower()) in OUTCOME_WORDS:
            # "8,000 people (are still listed) as missing", "registered as refugees"
            info.verb_outcome = OUTCOME_WORDS[nl]
            info.verb_end = regs[i + 2][1]
            return
        if w in _LEAVE and i + 2 < n and toks[i + 1].lower() in _OWNERS and toks[i + 2].lower() in _HOMES:
            info.verb_outcome = "displaced"  # "27,000 people have left their homes"
            info.verb_end = regs[i + 3][1]
            return
        if (
            w in _LEAVE
            and (info.person or not info.word_count)
            and i + 2 < n
            and toks[i + 1].lower() in ("their", "the")
            and toks[i + 2].lower() == "country"
        ):
            info.verb_outcome = "refugees"  # "two million people have been forced to leave their country"
            info.verb_end = regs[i + 3][1]
            return
        if w in _LEAVE and (info.person or not info.word_count) and (k := _place_left_end(toks, n, i + 1)):
            # "90,000 people have left Varn city", and a bare number: "hundreds have left the town"; leaving one
            # named place for another is crossing a border ("people leaving Sudan for Egypt")
            abroad = k + 1 < n and toks[k].lower() in ("for", "into") and toks[k + 1][:1].isupper()
            info.verb_outcome = "refugees" if abroad and toks[i + 1][:1].isupper() else "displaced"
            info.verb_end = regs[k][1]
            return
        if w == "buried" and i + 1 < n and (info.person or not info.word_count):
            nx = toks[i + 1].lower()
            if nx in _UNDER or nx == "alive":
                # "203 people are still believed to be buried under debris" (missing); "buried alive" (killed)
                info.verb_outcome = "missing" if nx in _UNDER else "killed"
                info.verb_end = regs[i + 2][1]
                return
        if (
            w in _MOVED
            and info.person
            and i + 2 < n
            and (toks[i + 1].lower(), toks[i + 2].lower()) in (("out", "of"), ("to", "leave"), ("to", "evacuate"))
        ):
            info.verb_outcome = "evacuated"  # "a quarter of a million people have been moved out of coastal areas"
            info.verb_end = regs[i + 3][1]
            return
        if w == "lost" and i + 2 < n and toks[i + 1].lower() in _OWNERS and (lost := _LOST.get(toks[i + 2].lower())):
            info.verb_outcome = lost  # "1,870 civilians lost their lives", "thousands have lost their homes"
            info.verb_end = regs[i + 3][1]
            return
        if w in ("in", "to") and i + 1 < n and toks[i + 1].lower() == "hospital" and info.person:
            info.verb_outcome = "hospitalized"  # "84 people remained in hospital", "57 people taken to hospital"
            info.verb_end = regs[i + 2][1]
            return
        if w in ("returned", "return", "returning") and (info.person or info.word_count == 0):
            # "4.5 million people have returned to their places of residence"; a bare count that returned is of
            # people too: "while just under 4.5 million have returned home"
            info.verb_outcome = "returnees"
            info.verb_end = te
            return
        if w == "cut" and i + 1 < n and toks[i + 1].lower() == "off" and info.person and info.participle is None:
            info.participle = "cut off"  # "6,800 people had been cut off since the quake"
            info.verb_end = regs[i + 2][1]
            return
        if w in ("sustained", "suffered") and info.person and (k := _wounds_end(toks, n, i + 1)):
            info.verb_outcome = "injured"  # "37 people sustained shrapnel wounds"
            info.verb_end = regs[k][1]
            return
        if (
            w in ("sustained", "suffered", "suffering", "sustaining")
            and not info.person
            and not info.group
            and (k := _damage_end(toks, n, i + 1))
        ):
            info.verb_participle = "damaged"  # "around 3,780 have suffered varying degrees of damage"
            info.verb_end = regs[k][1]
            return
        if w == "held" and info.person and not (i + 1 < n and toks[i + 1].lower() in ("up", "back", "off")):
            info.verb_outcome = "detained"  # "1,000 people are believed to be held in the centre"
            info.verb_end = te
            return
        if w in ("uprooted", "displaced") and info.person:
            info.verb_outcome = "displaced"  # "3 million people have been uprooted"
            info.verb_end = te
            return
        if w in _FACE and (info.person or not (info.nouns or info.group)) and info.participle is None:
            # "2.3 million people could face famine", "25.6 million people face acute food insecurity",
            # "2.3 million face Crisis (IPC Phase 3) or worse"
            if (st := _hunger_end(toks, n, i + 1)) is not None:
                info.person = True
                info.participle, k = st
                info.verb_end = regs[k][1]
            return
        if info.person and info.participle is None and (st := _state_end(toks, n, i)) is not None:
            # "fewer than 100 residents remain in the town", "3 people were pulled alive from the rubble",
            # "5,000 people spent the night in the open", "150 people had taken refuge in the school"
            info.participle, k = st
            info.verb_end = regs[k][1]
            return
        if w in ("left", "remain", "remains", "remained") and i + 2 < n and toks[i + 1] == "without":
            i += 1  # "650,000 people have been left without electricity"
            steps += 1
            continue
        if w == "without" and (k := _lacking_end(toks, n, i)) > i + 1:
            if info.participle is None:
                info.participle = " ".join(toks[i:k]).lower()
                info.verb_end = regs[k][1]
            return
        if (
            (info.person or info.group)
            and info.participle is None
            and w in PERSON_ACTIONS
            # ("registered as refugees": what they were registered as says it)
            and not (i + 2 < n and toks[i + 1].lower() == "as" and toks[i + 2].lower() in OUTCOME_WORDS)
        ):
            # "8.9 million people have been reached", "40,000 people are sheltering in schools"
            info.participle = PERSON_ACTIONS[w]
            info.verb_end = te
            return
        if w in OBJECT_PARTICIPLES and not (i + 1 < n and toks[i + 1].lower() in OUTCOME_WORDS):
            info.verb_participle = OBJECT_PARTICIPLES[w]
            info.verb_end = te
            if i + 1 < n and toks[i + 1].lower() == "down" and w == "shot":
                info.verb_end = regs[i + 2][1]
            elif (
                i + 2 < n
                and toks[i + 1].lower() == "or"
                and {info.verb_participle, OBJECT_PARTICIPLES.get(toks[i + 2].lower())} == _HARMED_THINGS
            ):
                # "1,200 homes were damaged or destroyed": the tally of both, as reports keep it
                info.verb_participle = "damaged or destroyed"
                info.verb_end = regs[i + 3][1]
            return
        if w in _CARRIED_OFF and i + 1 < n and toks[i + 1].lower() == "away":
            info.verb_participle = "destroyed"  # "300 homes were swept away in the mudslide"
            info.verb_end = regs[i + 2][1]
            return
        if w == "among" and (k := _among_outcome(toks, n, i + 1)) >= 0:
            # "... 112 boys were among the dead", "two women were among the six people killed", "2 children among 5
            # killed": a group of the count of an outcome
            info.verb_outcome = OUTCOME_WORDS[toks[k].lower()]
            info.verb_end = regs[k + 1][1]
            return
        if (
            steps
            and w.endswith("ed")
            and w not in NOT_PARTICIPLES
            and w not in AUX
            and w not in STOP
            and info.verb_participle is None
            and toks[i - 1].lower() in _PASSIVE_AUX
            and not (i + 1 < n and toks[i + 1].lower() == "to")  # ("were forced to", "were rushed to hospital")
        ):
            # "only 212 have been recaptured", "dozens of homes were flooded": a passive says what was done
            info.verb_end = te
            if w in _PULLED and not (info.nouns or info.group or info.person) and (st := _state_end(toks, n, i)):
                # "only nine were pulled out alive": people rescued
                info.person = True
                info.participle, k = st
                info.verb_end = regs[k][1]
            elif w in PERSON_ACTIONS and not (info.nouns or info.group or info.person):
                # "over 12 million more have been affected": a verb done to people counts people, with the label
                # "12.65 million people have been affected" has
                info.person = True
                info.participle = PERSON_ACTIONS[w]
            else:
                info.verb_participle = w
            return
        if w in ("projected", "expected", "forecast") and i + 1 < n and toks[i + 1].lower() == "to":
            info.modal_after = True  # "16.3 million people are projected to face Crisis": a projection
            i += 2
            steps += 1
            continue
        if tok in MODALS:  # case matters: "May" after a comma is the month
            # (not a doubt about what is or was: "up to 400 may have been on board", "may still be trapped")
            # (but a death that may have happened is a toll not yet known: "as many as 20,000 may have died")
            k = i + 2 if i + 2 < n and toks[i + 1].lower() in DOUBT_ADVERBS else i + 1
            nx = toks[k].lower() if k < n else ""
            if nx == "have" and k + 1 < n and toks[k + 1].lower() == "been":
                k += 1
            after = toks[k + 1].lower() if k + 1 < n else ""
            # ("may have to be evacuated" is still to come)
            doubt = w in ("may", "might") and nx in ("be", "have") and after not in DEATH_VERBS and after != "to"
            info.modal_after = not doubt and nx != "not"
        elif not (
            # ("will need assistance": the verb follows, the role is read elsewhere; "14.6 million who will need
            # assistance", "people who were killed": a relative clause says what happened to them)
            w in ("internally", "newly", "will", "who")
            or (w in _TO_HOSPITAL and i + 1 < n and toks[i + 1].lower() == "to")
            or w in AUX
            or w in ("got", "considered")  # "31 people got injured", "2 more persons are considered missing"
            or (w in _MANNER and i + 1 < n and toks[i + 1].lower() in OUTCOME_WORDS)  # "were shot dead"
            # "two buildings were badly damaged", "were partially destroyed"
            or (w in _HOW_BADLY and i + 1 < n and toks[i + 1].lower() in OBJECT_PARTICIPLES)
            or (tok == "," and i + 1 < n and (toks[i + 1].lower() in AUX or toks[i + 1] in MODALS))
        ):
            return
        i += 1
        steps += 1


def words_label(words: list[str]) -> tuple[str | None, str | None, bool, list[str], str | None]:
    """Read a label from loose words (a heading line, a table header, "number of dead children").

    Returns ``(outcome, group, person, nouns, participle)``.
    """
    outcome = group = participle = None
    person = False
    nouns: list[str] = []
    prev = ""
    for raw in words:
        w = raw.lower()
        if w in OUTCOME_WORDS:
            o = OUTCOME_WORDS[w]
            if w == "displaced" and prev == "internally":
                o = "internally displaced"
            outcome = _pair_outcome(outcome, o) if outcome and outcome != o else o
        elif w in GROUP_NOUNS:
            group = GROUP_NOUNS[w]
        elif w == "need" and prev == "in":
            participle = "in need"
        elif (w == "lives" and prev == "their") or (w == "lost" and prev == "lives"):
            outcome = outcome or "killed"  # "the number of those who lost their lives", "lives lost"
        elif w in ("victims", "victim") and prev == "civilian":
            outcome = outcome or "civilian casualties"  # "the number of civilian victims reached 7,256"
        elif w in PERSON_NOUNS:
            person = True
        elif w in MODIFIERS or w in STOP or w in AUX:
            pass
        elif not outcome and not group and len(nouns) < 3:
            nouns.append(w)
        prev = w
    return outcome, group, person, nouns, participle


def compose(
    outcome: str | None,
    group: str | None,
    person: bool,
    nouns: list[str],
    participle: str | None,
) -> str:
    """Turn label parts into the normalized label ("children killed", "people in need", "aftershocks")."""
    if outcome:
        if group:
            if outcome == "civilian casualties":
                return "child casualties" if group == "children" else f"{group} casualties"  # as reports say it
            return f"{group} {outcome}"
        return outcome
    if group:
        return f"{group} {participle}" if participle else group
    noun = " ".join(nouns)
    if noun:
        return f"{noun} {participle}" if participle else noun
    if person:
        return f"people {participle}" if participle else "people"
    return participle or ""
