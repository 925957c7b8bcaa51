"""Sentence (and line) segmentation with character offsets, tuned to report text.

Report text mixes prose, PDF-wrapped lines ("at least 240\\ncivilian casualties"), key-figure blocks (a number
alone on its line), bullet lists and table rows rendered as "cell | cell | cell". A single newline therefore
ends a sentence unless the line is visibly wrapped mid-sentence.
"""

from __future__ import annotations

import re

_BOUND = re.compile(
    r"""(?P<nl>\n)
      | (?P<stop>[.!?]+(?:\d{1,2}(?=\s))?["'”’)\]]*)(?=\s)
      | (?P<glued>(?<=[a-z]{2})\.(?=[A-Z][a-z]))
    """,
    re.X,
)

# Abbreviations after which a full stop does not end the sentence.
_ABBREV = frozenset(
    "mr mrs ms dr st no nos feb jan mar apr jun jul aug sep sept oct nov dec gen gov lt col sgt rep sen vs "
    "approx est inc ltd co corp jr sr fig vol p pp ca al".split()
)
# A line ending in one of these words is wrapped mid-sentence.
_JOIN_WORDS = frozenset(
    "and or of the to in on at for with by from than as including a an some about over nearly almost least "
    "more into across among between while who which that".split()
)
_BULLET_START = re.compile(r"[ \t]*(?:[•·▪◦*]|[-–—o][ \t]|\d{1,2}[.)][ \t])")


def _newline_is_boundary(text: str, i: int) -> bool:
    ls = text.rfind("\n", 0, i) + 1
    prev = text[ls:i].rstrip()
    if not prev:
        return True
    ne = text.find("\n", i + 1)
    nxt = text[i + 1 : ne if ne >= 0 else len(text)]
    nstrip = nxt.lstrip()
    if not nstrip:
        return True
    if "|" in prev or "|" in nxt:
        return True
    last = prev[-1]
    if last in ".!?:;)]":
        return True
    if _BULLET_START.match(nxt):
        return True
    if last in ",-–(":
        return False
    if not any(c.islower() for c in prev):
        return True  # heading or a key figure alone on its line
    first = nstrip[0]
    if first.islower() or first.isdigit() or first in "$€£":
        return False
    lastword = prev.rsplit(None, 1)[-1].lower()
    return lastword not in _JOIN_WORDS


def _stop_is_boundary(text: str, m: re.Match[str]) -> bool:
    s = m.start()
    j = m.end()
    n = len(text)
    while j < n and text[j] in " \t\r\n":
        j += 1
    if j >= n:
        return True
    c = text[j]
    if not (c.isupper() or c.isdigit() or c in "\"'“‘(•[-–—$€£"):
        return False
    if text[s] != ".":
        return True
    # the word before the full stop: abbreviations and initials (U.S., U.N.) do not end a sentence
    k = s
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:s].lower()
    if not word:
        return True
    if word in _ABBREV:
        return False
    return not ("." in word or len(word) == 1)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of sentences/lines, whitespace-trimmed, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUND.finditer(text):
        kind = m.lastgroup
        if kind == "nl":
            if not _newline_is_boundary(text, m.start()):
                continue
            cut, nxt = m.start(), m.end()
        elif kind == "stop":
            if not _stop_is_boundary(text, m):
                continue
            cut = nxt = m.end()
        else:  # glued full stop: "Iran.A spokesman"
            cut = nxt = m.end()
        _push(text, start, cut, out)
        start = nxt
    _push(text, start, len(text), out)
    return out


def _push(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))
