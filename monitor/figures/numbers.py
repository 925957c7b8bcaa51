"""Turning written numbers into floats: digits with separators and scales, number words, vague quantities."""

from __future__ import annotations

from functools import lru_cache

from text_to_num import text2num

# Scale words and their glued abbreviations ("12M", "$1.1B", "5k", "2.3bn").
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "thousands": 1e3,  # "exceeded 94 thousands" (translated wires)
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,  # Indian English: 1 lakh = 100,000; 1 crore = 10 million
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}

# Corpus convention for vague plurals: the smallest amount the word can honestly mean.
VAGUE: dict[str, float] = {
    "dozens": 24.0,
    "scores": 40.0,  # a score is twenty: "scores of" is at least two of them, as "dozens" is two dozen
    "hundreds": 200.0,
    "thousands": 2000.0,
    "millions": 2e6,
    "billions": 2e9,
    "tens of thousands": 2e4,
    "hundreds of thousands": 2e5,
    "tens of millions": 2e7,
    "hundreds of millions": 2e8,
    "several hundred": 200.0,
    "several thousand": 2000.0,
    "a few hundred": 200.0,
    "a few thousand": 2000.0,
    "a few million": 2e6,
    "several million": 2e6,
}

# Fractions written in words become percentages ("a quarter of the population" → 25 %).
FRACTIONS: dict[str, float] = {
    "half": 50.0,
    "third": 100.0 / 3,
    "thirds": 100.0 / 3,
    "quarter": 25.0,
    "quarters": 25.0,
    "fifth": 20.0,
    "fifths": 20.0,
    "tenth": 10.0,
    "tenths": 10.0,
}

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "us dollars": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "uah": "UAH",
    "hryvnias": "UAH",
}


def parse_digits(digits: str) -> float:
    """Parse "1,234", "2.084", "3527" (commas are thousands separators in report English)."""
    return float(digits.replace(",", ""))


def scale_of(word: str | None) -> float:
    """Multiplier of a scale word or abbreviation ("million" → 1e6, "B" → 1e9); 1 when absent."""
    if not word:
        return 1.0
    return SCALES.get(word.strip().lower(), 1.0)


@lru_cache(maxsize=4096)
def words_to_number(words: str) -> float | None:
    """Value of a number written in words ("seventeen", "two million", "a hundred"), or None.

    Delegates to ``text2num``; only the English article "a" ("a hundred") is rewritten first, since text2num
    does not accept it.
    """
    w = " ".join(words.lower().replace("-", " ").split())
    if w.startswith("a "):
        w = "one " + w[2:]
    try:
        return float(text2num(w, "en"))
    except ValueError:
        return None


def round_value(x: float) -> float:
    """Remove float noise from scaled values (2.084 * 1e6 → 2084000.0, not 2083999.9999999998)."""
    if x.is_integer():  # most counts: round(x, 6) is slow and would give the same float(int(x))
        return float(int(x))
    r = round(x, 6)
    return float(round(r)) if abs(r - round(r)) < 1e-6 else r
