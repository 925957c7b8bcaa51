"""Text normalization shared by extraction and diffing.

The goal is that two renderings of the same words compare equal: a site that switches from ``&nbsp;`` to a
plain space, from straight to curly quotes, re-indents its markup or sprinkles zero-width characters into a
headline must not look like a new version of a report. At the same time nothing that can change the *meaning*
of a figure may be folded away, which is why the choices below are deliberately narrower than Unicode
compatibility normalization.

Choices (and why):

* **NFC, not NFKC.** NFC only merges canonically equivalent sequences (``e`` + combining acute vs ``é``),
  which are the same text by definition. NFKC also applies *compatibility* mappings that change what a number
  says: ``"10 km²"`` would become ``"10 km2"`` (a figure extractor could read 102), ``"½"`` becomes ``"1⁄2"``
  (with a fraction slash), ``"ⅷ"`` becomes ``"viii"``. The few compatibility characters that matter for stable
  comparison (spaces, quotes, hyphens) are mapped explicitly instead.
* **Spaces.** No-break, narrow no-break, thin, figure, ideographic and the other Unicode space separators
  become an ASCII space; runs of spaces/tabs collapse to one. Sites switch between these freely (``10 000``
  with a thin space vs a no-break space), and a human reads them identically.
* **Invisible characters.** ZWSP, ZWNJ, ZWJ, word joiner, BOM and soft hyphen are removed, as are C0/C1
  control characters other than newline: they are invisible in a browser, so they must be invisible to the
  diff. (ZWJ/ZWNJ do carry meaning in emoji sequences and some Indic/Persian scripts; for change detection on
  report figures, stability wins.)
* **Quotes.** Curly single/double quotes (and low-9 / reversed variants) become ``'`` and ``"``. Primes (′ ″),
  guillemets and backticks are left alone: they are not typographic variants of the same mark.
* **Dashes.** En dash (–), em dash (—), figure dash and horizontal bar are kept: the en dash marks a *range*
  ("8,194–13,249"), and turning it into ``-`` would make the second bound look like a negative number or fuse
  a range into one hyphenated token. Only the characters that are renderings of the hyphen-minus itself are
  folded to ``-``: U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN and U+2212 MINUS SIGN (so "−3.2%" and "-3.2%"
  compare equal and parse the same).
* **Lines.** CRLF/CR, vertical tab, form feed, NEL and the Unicode line/paragraph separators become ``\\n``;
  each line is stripped and empty lines are dropped, so paragraphs come out as single lines separated by one
  ``\\n``. Lines are *not* re-joined: the extractor already emits one paragraph (or table row) per line, and
  joining would merge table rows and list items in plain-text inputs.

``normalize_text`` is idempotent (checked by a property test).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text"]

# Characters that end a line. Mapped before anything else so that every later step sees only "\n".
_LINE_BREAKS = {ord(c): "\n" for c in "\r\x0b\x0c\x85\u2028\u2029"}

# Invisible characters and controls, deleted *before* NFC: removing e.g. a soft hyphen between a letter and a
# combining mark creates a new composable pair, so deleting after NFC would break idempotence.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_CONTROLS = "".join(
    chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0))
)
_DELETE = {ord(c): None for c in _INVISIBLE + _CONTROLS}

# Applied after NFC (NFC maps U+2000/U+2001 to U+2002/U+2003, both covered here).
_FOLD: dict[int, str] = {
    # space separators (Zs) other than U+0020
    **{
        ord(c): " "
        for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
    },
    # single quotes / apostrophes
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b"},
    # double quotes
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f"},
    # hyphen-minus look-alikes; en/em dashes intentionally absent (see module docstring)
    **{ord(c): "-" for c in "\u2010\u2011\u2212"},
}

_SPACES = re.compile(r" {2,}")


def normalize_text(text: str) -> str:
    """Return ``text`` with whitespace, invisible characters, quotes and Unicode composition normalized.

    Paragraphs come out as single stripped lines joined by ``"\\n"``, with no blank lines and no leading or
    trailing whitespace. The function is idempotent: ``normalize_text(normalize_text(x)) ==
    normalize_text(x)``.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS).translate(_DELETE)
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# How a table row is written in the watched text: its cells joined by this (figures read column headers by it).
CELL_SEPARATOR = " | "

_WHITESPACE_RUN = re.compile(r"\s+")


def inline_text(text: str) -> str:
    """The text of an inline run: HTML collapses whitespace inside a block, newlines included."""
    return _WHITESPACE_RUN.sub(" ", text).strip()
