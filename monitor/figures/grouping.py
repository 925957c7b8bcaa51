"""Digit groups written the continental way, rewritten to the report-English form the extractor reads.

Machine-translated wires and European agencies write "1 438 civilians", "1.200 drones", "approx. 3 400 IDPs" and
"about 1,5 million children". The extractor reads commas as thousands separators and dots as decimal points, so
those come out as two numbers or as 1.2. :func:`normalise_groups` returns a copy of the text where such a group's
separators are commas ("1,438", "1,200") and a decimal comma before a scale word or a percent sign is a dot
("1,5 million" → "1.5 million"). Every replacement is one character for one, so all offsets stay those of the
original text; only the number reading uses the copy (the sentence and the number as written come from the
original).

Each rewrite is decided inside its sentence alone, so a sentence's reading depends on its own text only (the
per-sentence cache relies on that). A group joined by ordinary blanks is ambiguous ("Sumska 140 380" is a table row
of two counts); it is joined only when the number is then read as one count: a qualifier before it ("more than
1 520"), a label and a colon or dash before it ("damaged - 3 128", "total 3 493"), a counted word after it ("1 438
civilians", "3 400 IDPs"), a table cell of its own ("| 1 204 |"), or another number of the same sentence grouped
so on such a sign ("kits to 12 700 people and water to 48 000").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .nonfigures import MONTHS
from .qualifiers import PREFIX

# A candidate: a group run after something that is no digit, letter, separator or plus sign (nor a number and a
# blank: phone numbers "0 800 505 123", "+233 302 664 611"), not followed by more digits.
_CANDIDATE = re.compile(
    # the lookbehinds come after the first digit: a pattern that starts with a character class lets the engine skip
    # to the next digit in C instead of trying every position
    r"\d(?<![\w.,+\u00a0\u202f\u2009]\d)(?<!\d[ \t]\d)\d{0,2}"
    r"(?:(?P<thin>(?:[\u00a0\u202f\u2009]\d{3})+)"
    r"|(?P<blank>(?: \d{3})+)"
    r"|(?P<dot>(?:\.\d{3})+)"
    r"|(?P<dec>,\d{1,2}(?=[ \t]*+(?:million|billion|thousand|mln|bn|%|per[ \t]?cent|percent)(?![a-z]))))"
    r"(?![\d\w]|[.,]\d)",
    re.I,
)
# After a dot group: a scale word or a percent sign makes the dot a decimal point ("2.084 million", "1.786%").
_DECIMAL_AFTER = re.compile(
    r"[ \t]*+(?:%|(?:million|billion|thousand|trillion|mln|bn|mn|per[ \t]?cent|percent)\b)", re.I
)
# After a blank group: a counted word ("civilians", "IDPs", "injured"), not a capitalised name ("400 737 Max jets").
_WORD_AFTER = re.compile(r"[ \t]+(?:[a-z]|[A-Z]{2,}s?\b)")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
# a month word right before: "March 3 100 people" is a date, then a count (the month names of the date rules)
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?[ \t]+\Z")
_CURRENCY_BEFORE = frozenset("$€£")
# Digits become "#"; blanks, dots, commas, percent signs and non-ASCII characters ("?": the narrow blanks) stay;
# everything else is "x". The shapes are those of a group's first separator ("1 438", "1.200", "12?400") and of a
# decimal comma before a blank or a percent sign ("1,5 million", "2,5%", "1,25 million").
_KEEP = frozenset(b" .,%?")
_MARKS = bytes.maketrans(
    bytes(range(256)), bytes(35 if 48 <= c <= 57 else c if c in _KEEP else 120 for c in range(256))
)
_SHAPE = re.compile(rb"#(?:[ .?]###|,##?[ %])")


def normalise_groups(text: str, spans: list[tuple[int, int]], ascii_text: bytes | None = None) -> str:
    """``text`` with continental digit groups rewritten (same length); ``text`` itself when there is none.

    ``spans`` are the sentences (start, end) in text order; a group is rewritten from its own sentence's text.
    ``ascii_text`` is ``text`` (or its lower case) encoded one byte per character, non-ASCII ones as "?", when the
    caller has it already.
    """
    if ascii_text is None:
        ascii_text = text.encode("ascii", "replace")
    starts: list[int] | None = None
    chars: list[str] | None = None
    undecided: list[tuple[int, int, int]] = []  # (sentence start, s, e) of blank groups with no sign either way
    joined_in: set[int] = set()  # sentences with a blank group joined on a sign
    for m in _candidates(text, ascii_text):
        if starts is None:
            starts = [a for a, _ in spans]
        i = bisect_right(starts, m.start()) - 1
        if i < 0:
            continue
        a, b = spans[i]
        if m.end() > b:
            continue
        kind = m.lastgroup
        s, e = m.span()
        if kind != "dec" and text[s] == "0":
            continue  # "0 800 …", "0.125": no group starts with a zero
        if kind == "blank":
            joins = _joins_blanks(text, a, b, s, e)
            if joins is None:
                undecided.append((a, s, e))
                continue
            if not joins:
                continue
            joined_in.add(a)
        if kind == "dot" and (
            _DECIMAL_AFTER.match(text, e, b) is not None or (s > a and text[s - 1] in _CURRENCY_BEFORE)
        ):
            continue  # "2.084 million", "1.786%", "$3.125": decimal points
        if chars is None:
            chars = list(text)
        if kind == "dec":
            chars[text.index(",", s, e)] = "."
        else:
            for k in range(s + 1, e):
                if not text[k].isdigit():
                    chars[k] = ","
    # a sentence that groups one number with blanks groups the others so too: "kits to 12 700 people and water to
    # 48 000"
    for a, s, e in undecided:
        if a in joined_in:
            if chars is None:
                chars = list(text)
            for k in range(s + 1, e):
                if not text[k].isdigit():
                    chars[k] = ","
    return text if chars is None else "".join(chars)


def _candidates(text: str, ascii_text: bytes) -> list[re.Match[str]]:
    """The _CANDIDATE matches of ``text``, found from their separators' shapes in ``ascii_text``.

    A regex scan of the text itself tests every character for a digit (about 1 ms for 50 KB); in the text encoded
    one byte per character with digits as "#", every candidate has one of a few shapes, and a bytes regex that starts
    with a literal finds them in C.
    """
    out = []
    end = -1
    marks = ascii_text.translate(_MARKS)
    for sm in _SHAPE.finditer(marks):
        k = sm.start()
        while k > 0 and marks[k - 1] == 35:  # back to the first digit of the group
            k -= 1
        if k < end:
            continue
        m = _CANDIDATE.match(text, k)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _joins_blanks(text: str, a: int, b: int, s: int, e: int) -> bool | None:
    """Whether "1 438" (ordinary blanks) in the sentence ``text[a:b]`` is one number, not a row of numbers; None
    when nothing around it says (then the sentence's other numbers decide: see :func:`normalise_groups`)."""
    after = text[e : min(e + 2, b)]  # (only the sentence is read: see the module docstring)
    if after.strip(" \t")[:1].isdigit() or after[1:2].isdigit():
        return False  # more numbers follow on the row
    before = text[max(a, s - 24) : s]
    if _MONTH_BEFORE.search(before) is not None:
        return False  # "March 3 100 people": a date, then a count
    stripped = before.rstrip(" \t")
    if stripped.endswith("|") and text[e:b].lstrip(" \t")[:1] in ("|", "\n", ""):
        return True  # a table cell of its own
    if _NAME_AFTER.match(text, e, b) is not None:
        return False  # "roughly 400 737 Max jets": a count, then a model
    if stripped[-1:] in (":", "-", "–", "—", "=") or stripped.lower().endswith(("total", "totals", "totalled")):
        return True  # a value after its label: "damaged - 3 128", "Killed: 1 204", "total 3 493"
    words = stripped.lower().split()
    for k in (3, 2, 1):
        if len(words) >= k and " ".join(words[-k:]).lstrip("(\"“'") in PREFIX:
            return True
    return True if _WORD_AFTER.match(text, e, b) is not None else None
