#!/usr/bin/env python3
"""Score the figure extractor against a hand-labelled gold file (corpus format, one JSON object per line).

Usage: ``scripts/eval_figures.py [GOLD.jsonl] [--quiet] [--json]``
(default gold: ``../shared/corpus/figures_dev.jsonl`` relative to the repository root).

Rules
-----
* **Which gold figures count.** Every gold figure counts, whatever its ``role`` (current, earlier, delta,
  projection, context): a monitor must *find* an earlier value or a projection to be able to leave it out of the
  diff. Roles are scored separately as *role accuracy* over matched pairs and do not affect value P/R/F1.
* **Matching.** A predicted figure matches a gold figure of the same sentence when the values are equal (for a
  range: ``low`` and ``high`` equal), compared with a relative tolerance of 1e-6. Pairs whose spans overlap are
  taken first — the predicted number span ``[start, end)`` against the gold ``as_written`` located in the text —
  then the remaining equal-value pairs in text order. Each figure matches at most once.
* **Precision / recall / F1** of values over those matches; unmatched predictions are *spurious*, unmatched gold
  figures *missed*.
* **Qualifier accuracy**: matched pairs with the same ``qualifier``.
* **Label accuracy**: matched pairs where the gold ``label`` equals the predicted ``key`` or the predicted
  ``label``, both sides lower-cased with whitespace collapsed and surrounding punctuation stripped
  (:func:`monitor.figures.keys.normalize_label`).
* **Leaks**: a ``not_figures`` entry is leaked when a predicted number span overlaps it in the text; entries
  marked ``debatable`` are counted apart.

Failures (missed, spurious, wrong qualifier, wrong label, leaks) are printed with the sentence id. Exit status is 0
whenever the gold file could be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.figures import Figure, extract_figures, normalize_label  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "corpus" / "figures_dev.jsonl"


def _eq(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _value_match(g: dict, p: Figure) -> bool:
    if g.get("qualifier") == "range" or g.get("value") is None:
        return p.value is None and _eq(g.get("low"), p.low) and _eq(g.get("high"), p.high)
    return p.value is not None and _eq(float(g["value"]), p.value)


def _span(text: str, needle: str, used: set[int]) -> tuple[int, int] | None:
    if not needle:
        return None
    start = 0
    while True:
        k = text.find(needle, start)
        if k < 0:
            return None
        if k not in used:
            used.add(k)
            return k, k + len(needle)
        start = k + 1


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    qual_ok: int = 0
    label_ok: int = 0
    role_ok: int = 0
    leaks: int = 0
    leaks_debatable: int = 0
    failures: list[str] = field(default_factory=list)

    def add_fail(self, kind: str, sid: str, msg: str) -> None:
        self.failures.append(f"{kind:<10} {sid}: {msg}")


def _fmt(p: Figure) -> str:
    v = f"[{p.low:g}-{p.high:g}]" if p.value is None and p.low is not None and p.high is not None else f"{p.value:g}"
    return f"{v} {p.qualifier} label={p.label!r} key={p.key!r} role={p.role} {p.as_written!r}"


def score_item(item: dict, sc: Score) -> None:
    text = item["text"]
    sid = item.get("id", "?")
    preds = extract_figures(text)
    golds = item.get("figures", [])
    sc.gold += len(golds)
    sc.pred += len(preds)
    used: set[int] = set()
    gspans = [_span(text, g.get("as_written", ""), used) for g in golds]

    pairs: list[tuple[int, int]] = []
    gfree = set(range(len(golds)))
    pfree = set(range(len(preds)))
    for overlap_pass in (True, False):
        for gi in sorted(gfree):
            g = golds[gi]
            for pi in sorted(pfree):
                p = preds[pi]
                if not _value_match(g, p):
                    continue
                gs = gspans[gi]
                if overlap_pass and (gs is None or not (p.start < gs[1] and gs[0] < p.end)):
                    continue
                pairs.append((gi, pi))
                gfree.discard(gi)
                pfree.discard(pi)
                break
    sc.matched += len(pairs)
    for gi, pi in pairs:
        g, p = golds[gi], preds[pi]
        if g["qualifier"] == p.qualifier:
            sc.qual_ok += 1
        else:
            sc.add_fail("QUALIFIER", sid, f"gold {g['qualifier']} got {p.qualifier} :: {g.get('as_written')!r}")
        gl = normalize_label(g.get("label", ""))
        if gl in (normalize_label(p.key), normalize_label(p.label)):
            sc.label_ok += 1
        else:
            sc.add_fail("LABEL", sid, f"gold {gl!r} got label={p.label!r} key={p.key!r} :: {g.get('as_written')!r}")
        if g.get("role", "current") == p.role:
            sc.role_ok += 1
        else:
            sc.add_fail("ROLE", sid, f"gold {g.get('role')} got {p.role} :: {g.get('as_written')!r}")
    for gi in sorted(gfree):
        g = golds[gi]
        v = g["value"] if g.get("value") is not None else f"[{g.get('low')}-{g.get('high')}]"
        sc.add_fail("MISSED", sid, f"{v} {g['qualifier']} {g.get('label')!r} :: {g.get('as_written')!r}")
    for pi in sorted(pfree):
        sc.add_fail("SPURIOUS", sid, _fmt(preds[pi]))
    nused: set[int] = set()
    for nf in item.get("not_figures", []):
        span = _span(text, nf.get("text", ""), nused)
        if span is None:
            continue
        hit = [p for p in preds if p.start < span[1] and span[0] < p.end]
        if hit:
            if nf.get("debatable"):
                sc.leaks_debatable += 1
                sc.add_fail("LEAK?", sid, f"{nf['text']!r} ({nf.get('kind')}) -> {_fmt(hit[0])}")
            else:
                sc.leaks += 1
                sc.add_fail("LEAK", sid, f"{nf['text']!r} ({nf.get('kind')}) -> {_fmt(hit[0])}")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD), help="gold JSONL file")
    ap.add_argument("--quiet", action="store_true", help="print the scores only")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    path = Path(args.gold)
    if not path.is_file():
        print(f"eval_figures: gold file not found: {path}", file=sys.stderr)
        return 1
    sc = Score()
    items = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                score_item(json.loads(line), sc)
                items += 1
    p = _ratio(sc.matched, sc.pred)
    r = _ratio(sc.matched, sc.gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    res = {
        "sentences": items,
        "gold": sc.gold,
        "predicted": sc.pred,
        "matched": sc.matched,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "qualifier_accuracy": round(_ratio(sc.qual_ok, sc.matched), 4),
        "label_accuracy": round(_ratio(sc.label_ok, sc.matched), 4),
        "role_accuracy": round(_ratio(sc.role_ok, sc.matched), 4),
        "leaks": sc.leaks,
        "leaks_debatable": sc.leaks_debatable,
    }
    if not args.quiet and not args.json:
        for f in sc.failures:
            print(f)
        print()
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(
            f"{items} sentences, {sc.gold} gold figures, {sc.pred} predicted, {sc.matched} matched\n"
            f"value precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}\n"
            f"qualifier accuracy {res['qualifier_accuracy']:.3f}  label accuracy {res['label_accuracy']:.3f}  "
            f"role accuracy {res['role_accuracy']:.3f}\n"
            f"leaked not_figures {sc.leaks} (+{sc.leaks_debatable} debatable)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
