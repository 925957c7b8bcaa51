"""Sentence (and line) segmentation with character offsets, tuned to report text.

Report text mixes prose, PDF-wrapped lines ("at least 240\\ncivilian casualties"), key-figure blocks (a number
alone on its line), bullet lists and table rows rendered as "cell | cell | cell". A newline therefore ends a
sentence unless the line is visibly wrapped mid-sentence: it ends in a comma, hyphen, open bracket or a function
word ("and", "of", "than"…), or a lower-case word runs on into a line that starts in lower case or with a number
(but not into a line that is only a number: that is a key figure under the label of the one before it).

The whole split is one regex pass (this runs on every stored version, so it is kept out of Python loops).
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end the sentence.
_ABBREV = [
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "No",
    "Nos",
    "Feb",
    "Jan",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Gen",
    "Gov",
    "Lt",
    "Col",
    "Sgt",
    "Rep",
    "Sen",
    "vs",
    "approx",
    "incl",
    "est",
    "prev",
    "Prev",
    "Inc",
    "Ltd",
    "Co",
    "Corp",
    "Jr",
    "Sr",
    "Fig",
    "Vol",
    "pp",
    "ca",
    "c",
    "al",
    "no",
    "nos",
]
# A line ending in one of these words is wrapped mid-sentence.
_JOIN_WORDS = [
    "and",
    "or",
    "of",
    "the",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "than",
    "as",
    "including",
    "a",
    "an",
    "some",
    "about",
    "over",
    "nearly",
    "almost",
    "least",
    "more",
    "into",
    "across",
    "among",
    "between",
    "while",
    "who",
    "which",
    "that",
]


def _not_after(words: list[str], end: str) -> str:
    """Negative lookbehinds: not right after one of ``words`` (as a whole word) followed by ``end``.

    One lookbehind per word length (a lookbehind's alternatives must have one width) instead of one per word:
    the same test, with far fewer steps at every full stop and newline.
    """
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(re.escape(w))
    return "".join(rf"(?<!\b(?:{'|'.join(ws)}){end})" for ws in by_len.values())


# Every alternative starts by consuming one of ".!?\n", so the regex engine can skip everything else in C.
_NO_ABBREV = _not_after(_ABBREV, r"\.")
_NO_JOIN_WORD = _not_after(_JOIN_WORDS, r"\n") + _not_after(_JOIN_WORDS, r"[ \t]\n")

# A line that is only a number is a key figure on its own line, never the wrapped end of the line above it.
_BARE_NUMBER_LINE = (
    r"[ \t]*[$€£]?\d[\d,.]*(?:[ \t]*(?:%|[Mm]illion|MILLION|[Bb]illion|BILLION|[Tt]housand|THOUSAND|[MBKk]))?"
    r"[ \t]*(?:\n|\Z)"
)

_SPLIT = re.compile(
    rf"""[.!?\n](?:
      (?<=\n)(?P<blank>[ \t]*\n\s*)
    | (?<=\n)(?P<nl>(?<![,\-–(]\n)(?<![,\-–(][ \t]\n){_NO_JOIN_WORD}
          (?![ \t]*[a-z])(?:(?<![a-z]\n)(?<![a-z][ \t]\n)|(?![ \t]*[0-9$€£])|(?={_BARE_NUMBER_LINE}))\s*)
    | (?<=[.!?])(?<!\b[A-Z]\.){_NO_ABBREV}(?P<stop>[.!?]*(?:(?<=[A-Za-z)%]\.)\d{{1,2}})?["'”’)\]]*)
          \s+(?=["'“‘(\[]*[A-Z0-9•$€£\-–—])
    | (?<=[a-z]{{2}}\.)(?P<glued>)(?=[A-Z][a-z ])
    )""",
    re.X,
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of sentences/lines, whitespace-trimmed, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    append = out.append
    for m in _SPLIT.finditer(text):
        kind = m.lastgroup
        if kind == "stop":
            cut = m.end("stop")
        elif kind == "glued":
            cut = m.end()
        else:
            cut = m.start()
            while cut > start and text[cut - 1] in " \t\r":
                cut -= 1
        if cut > start:
            append((start, cut))
        start = m.end()
    if start < len(text):
        end = len(text.rstrip())
        if end > start:
            append((start, end))
    if out and text[out[0][0]].isspace():
        a, b = out[0]
        a += len(text[a:b]) - len(text[a:b].lstrip())
        out[0] = (a, b)
    if "|" in text:
        out = _split_table_rows(text, out)
    return out


def _split_table_rows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every row of cells is a line of its own, even one that starts with a number after a line ending in a lower-case
    letter: "Date | Missiles | Downed" then "29.12 | 122 | 114" is a header and a row, not one wrapped line."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        nl = text.find("\n", a, b)
        if nl < 0 or text.find("|", a, b) < 0:
            out.append((a, b))
            continue
        start = line_start = a
        while nl >= 0:
            after = text.find("\n", nl + 1, b)
            line_end = after if after >= 0 else b
            if text.find("|", line_start, nl) >= 0 and text.find("|", nl + 1, line_end) >= 0:
                end = nl
                while end > start and text[end - 1] in " \t\r":
                    end -= 1
                out.append((start, end))
                start = nl + 1
                while start < line_end and text[start] in " \t":
                    start += 1
            line_start = nl + 1
            nl = after
        out.append((start, b))
    return out
