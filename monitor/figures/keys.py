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
    ),
    "injured": ("injured", "wounded", "hurt", "injuries", "injuries recorded"),
    "missing": ("missing", "unaccounted for"),
    "displaced": ("displaced", "internally displaced", "idps", "internally displaced persons", "idp"),
    "refugees": ("refugees", "refugee", "refugees fleeing"),
    "missiles": ("missiles", "missiles or munitions", "munitions", "missile"),
    "people in need": ("people in need", "in need"),
    "civilian casualties": ("civilian casualties", "casualties"),
    "evacuated": ("evacuated", "evacuees"),
    "homeless": ("homeless",),
    "funding required": ("funding required", "required", "needed"),
    "funded": ("funded",),
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

# Prefixes that say nothing about who was counted: "people killed" is "killed".
GENERIC_PREFIXES: frozenset[str] = frozenset(
    str.split("people persons civilians civilian individuals residents others confirmed reported total recorded")
)

_WS = re.compile(r"\s+")


def normalize_label(label: str) -> str:
    """Lower-case, collapse whitespace, strip outer punctuation."""
    return _WS.sub(" ", label.lower()).strip(" \t\n,.;:-–—")


def _compile(syns: Sequence[str]) -> re.Pattern[str] | None:
    words = sorted({normalize_label(s) for s in syns if s and s.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


@lru_cache(maxsize=64)
def _compiled(
    table: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, frozenset[str], re.Pattern[str] | None], ...]:
    out = []
    for name, syns in table:
        allw = (name, *syns)
        out.append((name, frozenset(normalize_label(s) for s in allw), _compile(allw)))
    return tuple(out)


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
    for g in GROUP_WORDS:
        if core.startswith(g + " ") and len(core) > len(g) + 1:
            return g, core[len(g) + 1 :], suffix
    return None, core, suffix


# Built-in keys matched only as whole labels: "missiles downed" is not the count of missiles fired.
EXACT_ONLY: frozenset[str] = frozenset({"missiles", "funding required", "funded"})


def _match(
    table: tuple[tuple[str, frozenset[str], re.Pattern[str] | None], ...],
    text: str,
    contains: bool,
    exact_only: frozenset[str] = frozenset(),
) -> str | None:
    for name, exact, _ in table:
        if text in exact:
            return name
    if contains:
        best: tuple[int, str] | None = None
        for name, _, rx in table:
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
                return f"{group} {hit}{suffix}"
            continue
        # any other "<who> <outcome>": the outcome is keyed, the rest stays as the group
        # ("aid workers killed" -> "aid workers killed", never merged into "killed")
        hit = _suffix_match(table, core, exact_only)
        if hit is not None:
            prefix, name = hit
            if prefix in GENERIC_PREFIXES:
                prefix = ""
            return f"{prefix} {name}{suffix}" if prefix else f"{name}{suffix}"
        hit = _match(table, norm, contains=True, exact_only=exact_only)
        if hit:
            return hit
    return norm


def _suffix_match(
    table: tuple[tuple[str, frozenset[str], re.Pattern[str] | None], ...], core: str, exact_only: frozenset[str]
) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    for name, _, rx in table:
        if rx is None or name in exact_only:
            continue
        for m in rx.finditer(core):
            if m.end() == len(core) and (best is None or m.start() < best[0]):
                best = (m.start(), core[: m.start()].strip(), name)
    return (best[1], best[2]) if best else None
