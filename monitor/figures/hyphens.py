"""Words broken across lines by a hyphen ("mil-\\nlion", "chil-\\ndren"), joined for reading, at the same length.

PDF text wraps long words with a hyphen at the end of a line. The readers see such a word joined when the joined
word is one they know (a scale or number word, or what reports count), so "2.3 mil-\\nlion people" is 2.3 million
people. The rewrite keeps every offset: the word's letters close up over the hyphen and the line break, and blanks
fill the end of the span. A compound broken at its own hyphen ("cross-\\nborder") stays as written, since the
joined word is not one the readers know.
"""

from __future__ import annotations

import re

from .labels import GROUP_NOUNS, OUTCOME_WORDS, PERSON_NOUNS, SCALE_WORDS, TENS_WORDS, UNIT_WORDS

# (found from the hyphen, which the regex engine skips to in C; the word's first half is read back from there)
_BREAK = re.compile(r"-[ \t]*\n[ \t]*([a-z]+)")
_HEAD = re.compile(r"[A-Za-z]+\Z")
_KNOWN = frozenset(
    (
        *SCALE_WORDS,
        *UNIT_WORDS,
        *TENS_WORDS,
        *OUTCOME_WORDS,
        *PERSON_NOUNS,
        *GROUP_NOUNS,
        *(w + "s" for w in SCALE_WORDS),
        *str.split("percent people households families civilians missiles drones"),
    )
)


def join_broken_words(text: str) -> str:
    """``text`` with the known words that a line-end hyphen broke written whole, at the same length."""
    if "-\n" not in text and "- \n" not in text:
        return text
    parts: list[str] = []
    last = 0
    for m in _BREAK.finditer(text):
        s, e = m.span()
        head = _HEAD.search(text, max(last, s - 24), s)
        if head is None:
            continue
        word = head.group() + m.group(1)
        if word.lower() not in _KNOWN:
            continue
        parts.append(text[last : head.start()])
        parts.append(word + " " * (e - head.start() - len(word)))
        last = e
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)
