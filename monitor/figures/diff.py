"""Figure diff between two versions of a report.

Only figures with role ``current`` are compared: earlier values quoted for comparison, deltas, projections and
context figures are not the report's current values.

Alignment, per key: figures are paired by a score that weighs (a) the same scope (table row header, or a place
or total read from the sentence, see :mod:`.scope`), (b) the
similarity of their sentences with the numbers masked out, so "rose to 249" and "rose to 331" read alike, (c) an
equal value and qualifier and (d) their relative order among the key's figures. Pairs are taken greedily from the
best score down; what is left over on the old side is ``removed``, on the new side ``added``. A pair whose
value, bounds and qualifier are all equal is no change, whatever the wording around it.

Scopes keep figures apart: two different places never pair ("killed in Turkey" is not "killed in Syria"), nor does a
place with a total. A scope-less figure pairs with anything when its key carries no places in its version; when
it does, the scope-less one is the overall figure, so it pairs with totals (and with a placed figure only in a
reworded sentence). Figures with an empty key, or a generic one that names only who is counted ("people", "share
of population": see :func:`.keys.is_generic_key`), pair only within alike sentences. Nor do two figures of a key
pair when the new one is a tenth of the old or less, in an unalike sentence, without a scope in common: no revision
cuts a tally that far (a toll may grow tenfold, so a rise always pairs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .keys import is_generic_key
from .model import Figure, FigureChange
from .scope import is_combined, scope_core

_TOKEN = re.compile(r"[a-z]+|\d[\d,.]*")


def _masked_tokens(sentence: str) -> frozenset[str]:
    return frozenset("#" if t[0].isdigit() else t for t in _TOKEN.findall(sentence.lower()))


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _same(old: Figure, new: Figure) -> bool:
    return (
        old.value == new.value
        and old.low == new.low
        and old.high == new.high
        and old.qualifier == new.qualifier
        and old.unit == new.unit
    )


def _change(kind: str, key: str, old: Figure | None, new: Figure | None) -> FigureChange:
    delta = pct = None
    if old is not None and new is not None and old.value is not None and new.value is not None:
        delta = new.value - old.value
        if old.value != 0:
            pct = delta / old.value * 100.0
    return FigureChange(
        kind=kind,
        key=key,
        old=old,
        new=new,
        delta=delta,
        delta_pct=pct,
        old_sentence=old.sentence if old else None,
        new_sentence=new.sentence if new else None,
    )


# A scope-less figure next to scoped ones of its key (in the same version) is the report's overall figure.
_IMPLICIT_TOTAL = "\x00total"
# Sentences this alike are one sentence reworded: a place phrase gained or lost does not keep them apart.
_REWORDED = 0.6
# Below this likeness, two figures of one key with no scope in common and far apart in size are two figures.
_UNALIKE = 0.25
# Figures without a key pair only within sentences at least this alike.
_EMPTY_KEY_MIN = 0.5


def _scopes(figs: list[Figure]) -> list[str | None]:
    """Each figure's scope for pairing: its own, or an implicit total when other figures of its key are placed."""
    cores = [scope_core(f.scope) if f.scope else None for f in figs]
    if not any(c is not None and not is_combined(c) for c in cores):
        return cores
    return [_IMPLICIT_TOTAL if c is None else c for c in cores]


def _scope_score(a: str | None, b: str | None, sim: float, same_value: bool = False) -> float | None:
    """How well two scopes fit (None: the figures must not pair)."""
    if a is None or b is None:
        other = a if b is None else b
        return 0.5 if other is not None and (other == _IMPLICIT_TOTAL or is_combined(other)) else 0.0
    if a == b:
        return 3.0
    ia, ib = a == _IMPLICIT_TOTAL, b == _IMPLICIT_TOTAL
    if ia or ib:
        other = b if ia else a
        if other == _IMPLICIT_TOTAL or is_combined(other):
            return 1.0
        # a reworded sentence, or the very same number: one figure that gained or lost its place phrase
        return -1.0 if sim >= _REWORDED or same_value else None
    if is_combined(a) and is_combined(b):
        return 1.0
    return None  # two different places (or a place and a total): not the same figure


def _implausible_fall(old: Figure, new: Figure) -> bool:
    """Whether the new value is a tenth of the old or less: no revision cuts a tally that far (a toll may well grow
    tenfold between two versions, so a rise never counts)."""
    x, y = old.value or old.high, new.value or new.high
    return x is not None and y is not None and x > 0 and 0 <= y * 10 <= x


def _sig(f: Figure, toks: frozenset[str]) -> tuple[object, ...]:
    return (f.value, f.low, f.high, f.qualifier, f.unit, f.label, toks)


def _pair(olds: list[Figure], news: list[Figure], keyless: bool = False) -> list[tuple[Figure | None, Figure | None]]:
    if len(olds) == 1 and len(news) == 1 and not keyless:
        o, n = olds[0], news[0]
        if (
            o.scope is None or n.scope is None or _scope_score(_scopes([o])[0], _scopes([n])[0], 0.0) is not None
        ) and not (
            _implausible_fall(o, n) and _similarity(_masked_tokens(o.sentence), _masked_tokens(n.sentence)) < _UNALIKE
        ):
            return [(o, n)]
    osc_all = _scopes(olds)
    nsc_all = _scopes(news)
    otoks = [_masked_tokens(f.sentence) for f in olds]
    ntoks = [_masked_tokens(f.sentence) for f in news]
    # Unchanged figures in unchanged sentences pair up first, in order: cheap, and it keeps the scored
    # (quadratic) step to the few figures that actually moved.
    pairs: list[tuple[Figure | None, Figure | None]] = []
    waiting: dict[tuple[object, ...], list[int]] = {}
    for i, f in enumerate(olds):
        waiting.setdefault(_sig(f, otoks[i]), []).append(i)
    rest_n: list[int] = []
    taken_o: set[int] = set()
    for j, f in enumerate(news):
        q = waiting.get(_sig(f, ntoks[j]))
        if q:
            i = q.pop(0)
            taken_o.add(i)
            pairs.append((olds[i], f))
        else:
            rest_n.append(j)
    rest_o = [i for i in range(len(olds)) if i not in taken_o]
    olds = [olds[i] for i in rest_o]
    otoks = [otoks[i] for i in rest_o]
    osc = [osc_all[i] for i in rest_o]
    news = [news[j] for j in rest_n]
    ntoks = [ntoks[j] for j in rest_n]
    nsc = [nsc_all[j] for j in rest_n]
    no, nn = len(olds), len(news)
    scored: list[tuple[float, int, int]] = []
    for i, o in enumerate(olds):
        for j, nw in enumerate(news):
            sim = _similarity(otoks[i], ntoks[j])
            same_value = o.value == nw.value and o.low == nw.low and o.high == nw.high
            fit = _scope_score(osc[i], nsc[j], sim, same_value)
            if fit is None:
                continue
            if keyless and sim < _EMPTY_KEY_MIN and not same_value:
                continue  # numbers without a label are only the same figure in the same sentence
            if fit < 1.0 and sim < _UNALIKE and _implausible_fall(o, nw):
                # no scope in common (the same place, or two totals), another sentence and a tenth of the size:
                # Mariupol's "toll of more than 2,350" is not "at least eight dead in Kyiv's Podilskyi district"
                continue
            s = 2.0 * sim + fit
            if o.value == nw.value and o.low == nw.low and o.high == nw.high:
                s += 1.0
                if o.qualifier == nw.qualifier:
                    s += 0.2
            if o.label == nw.label:
                s += 0.6  # table labels carry their row ("killed (Kharkiv)")
            s += 0.5 * (1.0 - abs(i / max(no - 1, 1) - j / max(nn - 1, 1)))
            scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_o: set[int] = set()
    used_n: set[int] = set()
    for _s, i, j in scored:
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        pairs.append((olds[i], news[j]))
    pairs.extend((olds[i], None) for i in range(no) if i not in used_o)
    pairs.extend((None, news[j]) for j in range(nn) if j not in used_n)
    return pairs


def diff_figures(old: Sequence[Figure], new: Sequence[Figure]) -> list[FigureChange]:
    """Compare the current figures of two versions and return what changed, was added or was removed.

    Changes come in the order of the new version's text (removed figures follow, in the old version's order).
    """
    olds: dict[str, list[Figure]] = {}
    news: dict[str, list[Figure]] = {}
    for f in old:
        if f.role == "current":
            olds.setdefault(f.key, []).append(f)
    for f in new:
        if f.role == "current":
            news.setdefault(f.key, []).append(f)
    changes: list[FigureChange] = []
    for key in dict.fromkeys([*news, *olds]):
        # a key that names only who is counted ("people") says too little to line up two figures on its own
        for o, n in _pair(olds.get(key, []), news.get(key, []), keyless=not key or is_generic_key(key)):
            if o is not None and n is not None:
                if not _same(o, n):
                    changes.append(_change("changed", key, o, n))
            elif n is not None:
                changes.append(_change("added", key, None, n))
            elif o is not None:
                changes.append(_change("removed", key, o, None))

    def order(ch: FigureChange) -> tuple[int, int]:
        if ch.new is not None:
            return (0, ch.new.start)
        assert ch.old is not None
        return (1, ch.old.start)

    changes.sort(key=order)
    return changes
