"""Canonical keys: the name that lines a figure up across versions.

A label ("children killed (sex unknown)", "missiles or munitions", "death toll") is reduced to a key by, in order:

1. the caller's ``metrics`` (metric name → synonyms): a label equal to the name or a synonym, or containing a
   synonym as whole words, gets that metric's name. A label made of a group and an outcome ("children killed")
   keeps its group: with ``{"deaths": ["killed"]}`` it becomes ``children deaths``, so children are never
   merged into the overall toll;
2. the same matching against :data:`BUILTIN_SYNONYMS`;
3. otherwise the normalized label itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

BUILTIN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "killed": (
        "killed",
        "dead",
        "deaths",
        "death",
        "died",
        "death toll",
        "fatalities",
        "lives lost",
        "loss of life",
        "killings",
        # translated ministry digests count their dead as martyrs
        "martyrs",
        "martyred",
    ),
    "injured": ("injured", "wounded", "hurt", "injuries", "injuries recorded"),
    "missing": ("missing", "unaccounted for"),
    "displaced": ("displaced", "internally displaced", "idps", "internally displaced persons", "idp"),
    "refugees": ("refugees", "refugee", "refugees fleeing"),
    "missiles": ("missiles", "missiles or munitions", "munitions", "missile", "missiles launched", "missiles fired"),
    # one count of the drones an attack used, whatever their make or the word for them (the ones shot down or
    # lost are counts of their own)
    "drones": (
        "drones",
        "drones launched",
        "drones fired",
        "attack drones",
        "attack drones launched",
        "strike drones",
        "kamikaze drones",
        "shahed drones",
        "shahed-type drones",
        "shaheds",
        "uavs",
        "attack uavs",
        "unmanned aerial vehicles",
        "russian drones",
        "russian drones launched",
    ),
    # shooting down what flies is downing it, however the report words it
    "drones downed": ("drones downed", "drones shot down", "drones intercepted"),
    "missiles downed": ("missiles downed", "missiles shot down", "missiles intercepted"),
    "people in need": ("people in need", "in need"),
    # (translated monitoring reports count "civilian victims": the killed and the injured)
    "civilian casualties": ("civilian casualties", "casualties", "civilian victims"),
    "evacuated": ("evacuated", "evacuees"),
    "rescued": ("rescued",),
    # one count however the bodies were reached: "pulled 17 bodies from the rubble", "79 bodies were recovered"
    "bodies recovered": (
        "bodies recovered",
        "bodies pulled",
        "bodies pulled out",
        "bodies retrieved",
        "bodies found",
        "bodies removed",
        "bodies",
    ),
    "trapped": ("trapped",),
    "residents remaining": ("residents remaining", "people remaining"),
    "homeless": ("homeless",),
    # (an appeal's key figures: "Requirements (US$) 3.9B")
    "funding required": (
        "funding required",
        "required",
        "needed",
        "requirements",
        "funding requirements",
        "financial requirements",
    ),
    "funded": ("funded", "funding coverage", "share of requirement", "share of requirements"),
    "case fatality rate": ("case fatality rate", "case fatality ratio", "case-fatality rate", "cfr"),
}

# Groups that refine an outcome: "children killed" is its own key, never merged into "killed".
GROUP_WORDS: tuple[str, ...] = (
    "children",
    "girls",
    "boys",
    "women",
    "men",
    "adults",
    "soldiers",
    "journalists",
    "aid workers",
    "health workers",
    "medics",
    "patients",
    "students",
    "migrants",
    "police officers",
    "infants",
)

_GROUP_PREFIXES = tuple(g + " " for g in GROUP_WORDS)

# Prefixes that say nothing about who was counted: "people killed" is "killed".
GENERIC_PREFIXES: frozenset[str] = frozenset(
    str.split("people persons civilians civilian individuals residents others confirmed reported total recorded")
)

# Diseases whose outbreaks reports count. Their deaths keep the key of all deaths ("cholera deaths" is "killed"): a
# report that names the disease in one version and not in the next still lines its toll up.
DISEASES: tuple[str, ...] = (
    *str.split(
        "cholera measles dengue mpox monkeypox ebola covid-19 covid coronavirus malaria diphtheria polio marburg "
        "meningitis typhoid tuberculosis influenza flu plague anthrax chikungunya zika diarrhoea diarrhea"
    ),
    "yellow fever",
    "lassa fever",
    "acute watery diarrhoea",
)
_DISEASE_NAMES = frozenset(DISEASES)

_WS = re.compile(r"\s+")


# Keys that name no report metric, only who is counted: "6.5 million people", "a third of the population". Two such
# figures are one figure only when their sentences say the same thing (see monitor.figures.diff).
_GENERIC_KEYS = frozenset(
    str.split("people persons individuals residents inhabitants population civilians households families")
)


def is_generic_key(key: str) -> bool:
    """Whether ``key`` names only who is counted ("people", "share of population"), not what happened to them."""
    return key.removeprefix("share of ") in _GENERIC_KEYS


def normalize_label(label: str) -> str:
    """Lower-case, collapse whitespace, strip outer punctuation."""
    return _WS.sub(" ", label.lower()).strip(" \t\n,.;:-–—")


def _compile(syns: Sequence[str]) -> re.Pattern[str] | None:
    words = sorted({normalize_label(s) for s in syns if s and s.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


_Entry = tuple[str, frozenset[str], re.Pattern[str] | None]


class _Table:
    """A synonym table ready for matching: its entries in order, plus indexes that make a miss cheap.

    ``exact`` maps every normalized synonym to the first name that lists it (what a loop over the entries finds
    first); :meth:`any_synonym` is one regex that matches wherever any entry's regex would, so a label that
    contains no synonym at all is rejected by one search instead of one search per entry.
    """

    __slots__ = ("_any", "entries", "exact")

    def __init__(self, entries: tuple[_Entry, ...]) -> None:
        self.entries = entries
        self.exact: dict[str, str] = {}
        for name, words, _ in entries:
            for w in words:
                self.exact.setdefault(w, name)
        self._any: dict[frozenset[str], re.Pattern[str] | None] = {}

    def __bool__(self) -> bool:
        return bool(self.entries)

    def any_synonym(self, exact_only: frozenset[str]) -> re.Pattern[str] | None:
        """A regex that matches wherever an entry not in ``exact_only`` could (None when there is none)."""
        try:
            return self._any[exact_only]
        except KeyError:
            # Plain substrings grouped by first letter (the regex engine then skips to a possible first letter in
            # C): no word-boundary checks, so this matches at least wherever an entry's regex does.
            by_first: dict[str, list[str]] = {}
            for name, words, rx in self.entries:
                if rx is not None and name not in exact_only:
                    for w in sorted((w for w in words if w), key=len, reverse=True):
                        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
            branches = [f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in by_first.items()]
            rx_any = re.compile("|".join(branches)) if branches else None
            self._any[exact_only] = rx_any
            return rx_any


@lru_cache(maxsize=64)
def _compiled(table: tuple[tuple[str, tuple[str, ...]], ...]) -> _Table:
    out = []
    for name, syns in table:
        allw = (name, *syns)
        out.append((name, frozenset(normalize_label(s) for s in allw), _compile(allw)))
    return _Table(tuple(out))


def _freeze(metrics: Mapping[str, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not metrics:
        return ()
    return tuple((str(k), tuple(str(s) for s in (v or ()))) for k, v in metrics.items())


_BUILTIN_FROZEN = _freeze(BUILTIN_SYNONYMS)


def split_group(label: str) -> tuple[str | None, str, str]:
    """Split "children killed (sex unknown)" into ("children", "killed", " (sex unknown)")."""
    suffix = ""
    core = label
    if core.endswith(")") and " (" in core:
        i = core.rindex(" (")
        core, suffix = core[:i], core[i:]
    if not core.startswith(_GROUP_PREFIXES):  # one C call for the common case: no group
        return None, core, suffix
    for g in GROUP_WORDS:
        if core.startswith(g + " ") and len(core) > len(g) + 1:
            return g, core[len(g) + 1 :], suffix
    return None, core, suffix


# Built-in keys matched only as whole labels: "missiles downed" is not the count of missiles fired, nor "bodies
# identified" the count of bodies recovered.
EXACT_ONLY: frozenset[str] = frozenset(
    {"missiles", "drones", "drones downed", "missiles downed", "funding required", "funded", "bodies recovered"}
)


def _match(
    table: _Table,
    text: str,
    contains: bool,
    exact_only: frozenset[str] = frozenset(),
) -> str | None:
    hit = table.exact.get(text)
    if hit is not None:
        return hit
    if contains:
        rx_any = table.any_synonym(exact_only)
        if rx_any is None or rx_any.search(text) is None:
            return None  # no entry's regex can match
        best: tuple[int, str] | None = None
        for name, _, rx in table.entries:
            if rx is None or name in exact_only:
                continue
            m = rx.search(text)
            if m and (best is None or len(m.group()) > best[0]):
                best = (len(m.group()), name)
        if best:
            return best[1]
    return None


def key_for(label: str, metrics: Mapping[str, Sequence[str]] | None = None) -> str:
    """Canonical key of a label (see the module docstring for the rules)."""
    return frozen_key_for(label, _freeze(metrics))


def freeze_metrics(metrics: Mapping[str, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Hashable form of a metrics mapping, for :func:`frozen_key_for`."""
    return _freeze(metrics)


@lru_cache(maxsize=8192)
def frozen_key_for(label: str, frozen: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """:func:`key_for` with pre-frozen metrics; cached because reports repeat the same labels."""
    norm = normalize_label(label)
    if not norm:
        return ""
    group, core, suffix = split_group(norm)
    for table, exact_only in ((_compiled(frozen), frozenset()), (_compiled(_BUILTIN_FROZEN), EXACT_ONLY)):
        if not table:
            continue
        hit = _match(table, norm, contains=False)
        if hit:
            return hit
        if group is not None:
            hit = _match(table, core, contains=True, exact_only=exact_only)
            if hit:
                # the group says who: "children in need" is children in need, not "children people in need"
                return f"{group} {hit.removeprefix('people ')}{suffix}"
            continue
        # any other "<who> <outcome>": the outcome is keyed, the rest stays as the group
        # ("aid workers killed" -> "aid workers killed", never merged into "killed")
        suffix_hit = _suffix_match(table, core, exact_only)
        if suffix_hit is not None:
            prefix, name = suffix_hit
            if prefix in GENERIC_PREFIXES or (prefix in _DISEASE_NAMES and name == "killed"):
                prefix = ""
            return f"{prefix} {name}{suffix}" if prefix else f"{name}{suffix}"
        hit = _match(table, norm, contains=True, exact_only=exact_only)
        if hit:
            return hit
    return norm


def _suffix_match(table: _Table, core: str, exact_only: frozenset[str]) -> tuple[str, str] | None:
    rx_any = table.any_synonym(exact_only)
    if rx_any is None or rx_any.search(core) is None:
        return None  # no entry's regex can match
    best: tuple[int, str, str] | None = None
    for name, _, rx in table.entries:
        if rx is None or name in exact_only:
            continue
        for m in rx.finditer(core):
            if m.end() == len(core) and (best is None or m.start() < best[0]):
                best = (m.start(), core[: m.start()].strip(), name)
    return (best[1], best[2]) if best else None


# Build the built-in table and its synonym pre-filter at import, like the other compiled patterns.
_compiled(_BUILTIN_FROZEN).any_synonym(EXACT_ONLY)
