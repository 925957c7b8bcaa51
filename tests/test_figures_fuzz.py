"""The extractor never raises and keeps its offsets on garbled text: scraped pages have doubled blanks, stray
signs and cut words (a doubled blank before a number once raised IndexError in the name test)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from monitor.figures import diff_figures, extract_figures

DATA = Path(__file__).resolve().parent / "data"
NOISE = "0123456789 ,.-–—+%$€£()|:\n\tabcKMBmk\u00a0\u202fΣß İ½"


def _words() -> list[str]:
    words: list[str] = []
    for path in sorted(DATA.glob("figures_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            words.extend(json.loads(line)["text"].split())
    return words


def test_a_doubled_blank_before_a_number() -> None:
    assert 0 in [f.value for f in extract_figures("Deaths  0, 3.6 were")]


def test_garbled_text_never_raises_and_keeps_offsets() -> None:
    rng = random.Random(20261202)
    words = _words()
    for _ in range(1500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        text = "".join(ch if rng.random() > 0.05 else rng.choice(NOISE) for ch in text)
        if rng.random() < 0.3:
            text = text.replace(" ", "  ", rng.randint(1, 3))
        figures = extract_figures(text)
        for f in figures:
            assert 0 <= f.start < f.end <= len(text), (text, f)
            assert f.sentence in text
        diff_figures(figures, extract_figures(text[::-1]))
