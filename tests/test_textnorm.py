"""Tests for monitor.textnorm.normalize_text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.textnorm import normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("   \n\t \n", ""),
        ("a  \t b", "a b"),
        ("  leading and trailing  ", "leading and trailing"),
        ("one\n\n\n  two  \n\nthree", "one\ntwo\nthree"),
        ("crlf\r\nline\rbreaks", "crlf\nline\nbreaks"),
        ("form\x0cfeed\x0bvtab\u2028ls\u2029ps\x85nel", "form\nfeed\nvtab\nls\nps\nnel"),
        # no-break, narrow no-break, thin, figure, ideographic spaces
        ("10\u00a0000 people", "10 000 people"),
        ("10\u202f000\u2009km", "10 000 km"),
        ("\u2007\u3000x\u205f\u2000y", "x y"),
        # zero-width characters and soft hyphen disappear
        ("death\u200b toll", "death toll"),
        ("dis\u00adplaced", "displaced"),
        ("\ufeffBOM at start", "BOM at start"),
        ("zw\u200cnj\u200dzwj\u2060wj", "zwnjzwjwj"),
        # control characters disappear
        ("bell\x07 and nul\x00 and del\x7f", "bell and nul and del"),
        # quotes
        ("\u201cquoted\u201d and \u2018single\u2019, it\u2019s", "\"quoted\" and 'single', it's"),
        ("\u201elow\u201f \u201alow\u201b", "\"low\" 'low'"),
        # primes and guillemets are not quotes
        ("5\u2032 11\u2033 \u00abguillemets\u00bb", "5\u2032 11\u2033 \u00abguillemets\u00bb"),
        # hyphen look-alikes fold, range/sentence dashes stay
        ("COVID\u201119 and non\u2010binding, \u22123.2%", "COVID-19 and non-binding, -3.2%"),
        (
            "between 8,194\u201313,249 killed \u2014 officials",
            "between 8,194\u201313,249 killed \u2014 officials",
        ),
        # NFC composes, NFKC-only mappings are not applied
        ("caf\u0065\u0301", "caf\u00e9"),
        ("10 km\u00b2, \u00bd of them, \ufb01nal", "10 km\u00b2, \u00bd of them, \ufb01nal"),
        ("\u2168 and \uff11\uff12", "\u2168 and \uff11\uff12"),
    ],
)
def test_cases(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_paragraphs_are_single_lines() -> None:
    text = normalize_text("  First paragraph.  \n\n\n\tSecond   paragraph.\t\n")
    assert text == "First paragraph.\nSecond paragraph."


def test_soft_hyphen_between_letter_and_combining_mark_is_idempotent() -> None:
    # removing the soft hyphen creates e + combining acute, which must then be composed in the same pass
    once = normalize_text("e\u00ad\u0301")
    assert once == "\u00e9"
    assert normalize_text(once) == once


def test_en_quad_is_a_space() -> None:
    # U+2000 canonically decomposes to U+2002 under NFC; both must end up as a plain space
    assert normalize_text("a\u2000b\u2001c") == "a b c"


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


_TRICKY = st.sampled_from(
    [
        *" \t\n\r\u00a0\u202f\u2009\u2000\u200b\u200c\u200d\u00ad\ufeff\x00\x85",
        *"\u0301\u0308\u2019\u201c\u2011\u2212\u2013|ea1\u00e9",
    ]
)


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(_TRICKY, max_size=30).map("".join))
def test_idempotent_on_tricky_characters(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\n\n" not in once and once == once.strip()
