"""Where (or over whom) a prose figure counts: its place or group scope.

Reports repeat one key for several places ("6,234 killed in Turkey", "2,500 killed in Syria", "15,383 in total"),
so the diff needs to know which figure is which. The scope is read from ordinary report language, not from a list
of places:

* a capitalised name after ``in``/``across``/``from``/``throughout``/``within``/``inside`` ("in Kharkiv oblast",
  "across the Donetsk region", "in Turkey and Syria") — months, weekdays, function words, all-capital acronyms and
  institution names ("from the Ministry of Health") are not places;
* a name that owns the count: "Turkey's death toll", "as Syria deaths near 3,000";
* a *total* scope: "nationwide", "across the country", "in total", "overall", "combined", "the confirmed total".

A figure takes the place phrase after it in its clause (before the next figure), else the nearest one before it in
its clause, else a total cue before it or right after it, else the sentence's one place when the whole sentence
names only one ("In Syria, the toll rose to 3,500"), or a total when it opens with one ("Overall, …"). Several
places joined by "and" or commas are one combined scope ("Syria, Turkey"), which the diff treats as compatible
with a total. "In the country" after a named place is that place. A key figure alone on its line takes the place
named on its heading line (:func:`line_scope`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .labels import STOP, contains_any, gated_finditer
from .nonfigures import MONTHS

TOTAL = "total"

_ADMIN = (
    r"oblasts?|regions?|provinces?|districts?|governorates?|states?|county|counties|city|raions?|municipality|"
    r"municipalities|prefectures?|territories|territory|areas?"
)
_WORD = r"[A-Z][a-z]+(?:['’\-][A-Za-z]+)*(?![A-Za-z])"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}|[A-Z]{{2}}\b"
_NAME_ADMIN = rf"(?:{_NAME})(?:[ \t]+(?:{_ADMIN})\b)?"
_PREPOSITIONS = ("in", "across", "from", "throughout", "within", "inside")
_AFTER_PREPOSITION = "|".join(
    rf"(?<=\b{w}{the}[A-Z])" for p in _PREPOSITIONS for w in (p, p.capitalize()) for the in (" ", " the ")
)
# Starts with the capital of the name (the regex engine jumps from capital to capital in C); the preposition before
# it is checked by fixed-width lookbehinds, after a cheap one on its last letter (in, across, from, inside, the).
_FIRST = rf"[A-Z](?:[a-z]+(?:['’\-][A-Za-z]+)*(?![A-Za-z])(?:[ \t]+{_WORD}){{0,2}}|[A-Z]\b)"
_PLACE = re.compile(
    rf"{_FIRST[:5]}(?<=[nmtes] [A-Z])(?:{_AFTER_PREPOSITION}){_FIRST[5:]}(?:[ \t]+(?:{_ADMIN})\b)?"
    rf"(?:[ \t]*(?:,|and|&)[ \t]+(?:the[ \t]+)?{_NAME_ADMIN})*"
)
# "Turkey's death toll", "Syria deaths": a name that owns the count (the bare form only after a lower-case word).
_OWNER = re.compile(
    r"(?P<p>[A-Z][a-z]+)(?P<pos>['’]s)?[ \t]+"
    r"(?:(?:death|civilian|casualty|fatality)[ \t]+)?(?:toll|tolls|deaths|dead|casualties|fatalities)\b"
)
_TOTAL = re.compile(
    r"\b(?:in[ \t]+total|overall|combined|(?<!a )total|nationwide|countrywide|country-wide|in[ \t]+all\b(?![ \t]+[a-z])"
    r"|across[ \t]+the[ \t]+(?:whole[ \t]+|entire[ \t]+)?(?:country|nation)|altogether|all[ \t]+told"
    r"|across[ \t]+(?:the[ \t]+)?(?:two|three|four|five|both|all)[ \t]+(?:\w+[ \t]+)?"
    r"(?:countries|regions|provinces|states))\b"
)
# After the number only adverbial cues count ("55 schools were damaged in total"): "overall deaths" names the next one.
_TOTAL_AFTER = re.compile(
    r"\b(?:in[ \t]+total|in[ \t]+all\b(?![ \t]+[a-z])|altogether|all[ \t]+told|nationwide|countrywide"
    r"|across[ \t]+the[ \t]+(?:whole[ \t]+|entire[ \t]+)?country)\b"
)
# Every _TOTAL / _TOTAL_AFTER match starts with one of these words: their matches, found from the words' positions
# (a leading \b makes a regex try every position of the sentence).
_total_matches = gated_finditer(_TOTAL, str.split("in overall combined total nationwide country across altogether all"))
_total_after_matches = gated_finditer(_TOTAL_AFTER, str.split("in altogether all nationwide countrywide across"))
_ANAPHOR = re.compile(r"\bin[ \t]+the[ \t]+(?:country|city|town|region|province|oblast|state)\b(?![ \t]*['’])")
_SPLIT_NAMES = re.compile(r"[ \t]*(?:,|\band\b|&)[ \t]*")
_NOT_PLACE = frozenset(
    (
        *MONTHS.split("|"),
        *str.split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tonight"),
    )
)
# Words that make a capitalised name an institution, a document or a person's title, not a place.
_INSTITUTION = frozenset(
    str.split(
        "ministry ministries agency office government department council committee commission organization "
        "organisation service services centre center bank fund programme program mission authority authorities "
        "police army forces force president minister secretary university institute press news report reports "
        "update updates statement conflict war invasion emergency appeal plan cluster group union nations "
        "association society cross crescent times post guardian reuters"
    )
)
# Words a cue needs (yes/no pre-tests with contains_any; they run on every prose sentence with a figure).
# A place, owner or total cue:
_HINTS = (
    "in ",
    "across ",
    "from ",
    "throughout ",
    "within ",
    "inside ",
    "toll",
    "death",
    "total",
    "overall",
    "nationwide",
    "countrywide",
    "country-wide",
    "combined",
    "altogether",
    "all told",
    "dead",
    "casualt",
    "fatalit",
)
# :data:`_TOTAL`:
_TOTAL_HINTS = (
    "total",
    "overall",
    "combined",
    "nationwide",
    "countrywide",
    "country-wide",
    "in all",
    "across",
    "altogether",
    "all told",
)
# :data:`_OWNER`:
_OWNER_HINTS = ("toll", "death", "dead", "casualt", "fatalit")


def _bare(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _clean(name: str) -> str | None:
    """The place in a matched name, or None when it is not a place."""
    words = [_bare(w) for w in name.split()]
    for k, w in enumerate(words):
        lw = w.lower()
        if w in _NOT_PLACE or (k and (lw in STOP or (len(lw) > 4 and lw.endswith(("ed", "ing"))))):
            # "across Turkey and Syria Tuesday"; a title-case heading: "Refugees From Ukraine Recorded Across Europe"
            del words[k:]
            break
    if not words:
        return None
    first = words[0]
    if first in _NOT_PLACE or first.lower() in STOP:
        return None
    if len(first) >= 3 and first.isupper():
        return None  # an acronym: "from UNHCR", "OHCHR"
    if any(w.lower() in _INSTITUTION for w in words):
        return None
    return " ".join(words)


@lru_cache(maxsize=4096)
def _phrase_scope(phrase: str) -> str | None:
    """The scope a matched place phrase names ("Turkey and Syria" -> "Syria, Turkey"), None when it names no place.

    Cached: a report names the same few places again and again.
    """
    names = [n for n in (_clean(x) for x in _SPLIT_NAMES.split(phrase) if x) if n]
    return ", ".join(sorted(dict.fromkeys(names))) if names else None


def clear_scope_cache() -> None:
    """Forget the cached scopes of place phrases (see :func:`monitor.figures.extract.clear_cache`)."""
    _phrase_scope.cache_clear()


def _places(seg: str, lo: int, hi: int, low: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, scope) of the place phrases in ``seg[lo:hi]`` (``low`` is ``seg.lower()`` when known)."""
    out: list[tuple[int, int, str]] = []
    for m in _PLACE.finditer(seg, lo, hi):
        scope = _phrase_scope(m.group())
        if scope is not None:
            out.append((m.start(), m.end(), scope))
    if low is None:
        low = seg.lower()
    if contains_any(low, _OWNER_HINTS):
        for m in _OWNER.finditer(seg, lo, hi):
            name = _clean(m.group("p"))
            # the bare form only after a lower-case word ("as Syria deaths"): a capital at the start may be a heading's
            k = m.start() - 2
            if name and (m.group("pos") or (k >= 0 and (seg[k] in ",:" or seg[k].islower()))):
                out.append((m.start(), m.end(), name))
    if "in the " in seg:
        # "in the country", "in the city": the place named last before it
        for m in _ANAPHOR.finditer(seg, lo, hi):
            before = [p for ps, _pe, p in out if ps < m.start() and ", " not in p]
            if before:
                out.append((m.start(), m.end(), before[-1]))
    out.sort()
    return out


# Clause breaks: commas (not a thousands separator), semicolons, colons, dashes and brackets. One character each,
# matched first by a class so the regex engine jumps between candidate characters in C; the lookarounds after it
# then say which of them break.
_BREAK = re.compile(r"[,;:—()–-](?:(?<=,)(?:(?<!\d,)|(?!\d))|(?<=[;:—()])|(?<= [–-])(?= ))")


def _clause_bounds(breaks: list[tuple[int, int]], s: int, e: int, n: int) -> tuple[int, int]:
    lo, hi = 0, n
    for bs, be in breaks:
        if be <= s:
            lo = be
        elif bs >= e:
            hi = bs
            break
    return lo, hi


def assign_scopes(text: str, a: int, b: int, cands: Sequence[Any], low: str | None = None) -> None:
    """Set ``place`` on the kept candidates of the prose sentence ``text[a:b]``.

    Each candidate needs ``s``, ``e`` (the number), ``aw_s``, ``aw_e`` (its written span, text offsets) and ``kind``.
    ``low`` is ``text[a:b].lower()`` when the caller has it (lowering a non-ASCII sentence again costs).
    """
    seg = text[a:b]
    if low is None:
        low = seg.lower()
    if not contains_any(low, _HINTS):
        return
    kept = [c for c in cands if c.kind != "drop"]
    if not kept:
        return
    every = _places(seg, 0, len(seg), low)
    totals = [m.end() for m in _total_matches(low)] if contains_any(low, _TOTAL_HINTS) else []
    if not every and not totals:
        return
    afters = [m.start() for m in _total_after_matches(low)] if totals else []
    breaks = [m.span() for m in _BREAK.finditer(seg)]
    distinct = {p for _s, _e, p in every}
    fallback = next(iter(distinct)) if len(distinct) == 1 else None
    if fallback is None and not distinct and _TOTAL.match(low) is not None:
        fallback = TOTAL  # "Across the country, …", "Overall, …"
    for i, c in enumerate(kept):
        s, e = min(c.aw_s, c.s) - a, max(c.aw_e, c.e) - a
        lo, hi = _clause_bounds(breaks, c.s - a, c.e - a, len(seg))
        nxt = min(kept[i + 1].aw_s, kept[i + 1].s) - a if i + 1 < len(kept) else len(seg)
        prev = max(kept[i - 1].aw_e, kept[i - 1].e) - a if i > 0 else 0
        scope = None
        # the place phrase after the number, in its clause, before the next figure
        for ps, _pe, p in every:
            if e <= ps < min(hi, nxt):
                scope = p
                break
        if scope is None:
            # the nearest place phrase before it, in its clause, after the previous figure
            for ps, pe, p in every:
                if max(lo, prev) <= ps and pe <= s + 1:
                    scope = p
        if scope is None:
            left = max(lo, prev)
            right = min(hi, nxt)
            if any(left < t <= s for t in totals) or any(e <= t < right for t in afters):
                scope = TOTAL
        if scope is None:
            scope = fallback
        c.place = scope


_ADMIN_WORDS = frozenset(w for alt in _ADMIN.split("|") for w in (alt.rstrip("?s"), alt.rstrip("?s") + "s"))


def scope_core(scope: str) -> str:
    """A scope as the diff compares it: lower case, without administrative words ("Kharkiv oblast" = "Kharkiv")."""
    return " ".join(w for w in scope.lower().split() if w not in _ADMIN_WORDS)


def is_combined(scope: str) -> bool:
    """A total, or several places together ("Syria, Turkey"): a figure that adds up others."""
    return scope == TOTAL or ", " in scope


def line_scope(line: str) -> str | None:
    """The first place (or total) named on a heading line that labels a key figure."""
    if not contains_any(line.lower(), _HINTS):
        return None
    found = _places(line, 0, len(line))
    if found:
        return found[0][2]
    return TOTAL if _TOTAL.search(line.lower()) is not None else None
