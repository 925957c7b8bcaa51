"""Page layout that carries labels: table rows under a header row, and key figures alone on their line.

The text extractor renders an HTML table row as one line of cells joined by " | " (header row first), so a number
in a cell takes its label from the column header and its scope from the row's first cell ("Kharkiv | 120 | 300"
under "Region | Killed | Injured" is 120 killed in Kharkiv). Report front pages put key figures on a line of their
own with the label on the next line ("474" / "Civilian Deaths Resulting from the Conflict") or the previous one
("REFUGEES FLEEING UKRAINE" / "3,674,952"), with a source or date line that is not the label ("Data as of …").
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from .earlier import EARLIER_ADJECTIVES, PERIOD_NOUNS, REPORT_NOUNS, alternation
from .labels import casualties_of, compose, is_count_noun, parse_right, words_label
from .nonfigures import MONTHS

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_METADATA_LINE = re.compile(
    r"^\s*\(?\s*(?:source|data\s+as\s+of|as\s+of|updated|last\s+updated|note|figures\s+as\s+of|verified|"
    r"according\s+to|(?:reported|compiled|recorded)\s+by|data\s+from)\b"
    r"|^\s*[A-Z][\w/&.]*(?:\s+[A-Z][\w/&.]*)*\s+[–-]\s+(?:" + MONTHS + r")\.?\s+\d{4}\s*$",
    re.I,
)


def table_header(text: str, a: int) -> list[str] | None:
    """Cells of the header row of the table whose row starts at ``a`` (None if this row is the header)."""
    ls = a
    header_start = None
    while True:
        prev_end = text.rfind("\n", 0, ls)
        if prev_end < 0:
            break
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end]
        if "|" not in line:
            break
        header_start = prev_start
        ls = prev_start
    if header_start is None:
        return None
    hl = text[header_start : text.find("\n", header_start)]
    cells = _cells(hl)
    if any(_DATA_CELL.fullmatch(cell) and not _YEAR_CELL.fullmatch(cell) for cell in cells[1:]):
        return None  # the table's first row holds counts: it has no header row ("Killed | 1,204 | +37")
    return cells


# A cell that holds only a number ("1,204", "+37", "12%"); a year is a column name ("Province | 2022 | 2023")
_DATA_CELL = re.compile(r"[+\-−]?\d[\d,.]*%?")
_YEAR_CELL = re.compile(r"(?:18|19|20)\d\d")


_GENERIC_HEADERS = frozenset(
    str.split("value values number numbers total totals count figure figures # amount n latest current now today")
)


# A column named by a period: its numbers are the row's count then ("before": an earlier one)
_PERIOD_HEADER = re.compile(
    r"(?P<before>"
    + alternation(EARLIER_ADJECTIVES)
    + r"[ \t]+"
    + alternation(PERIOD_NOUNS, REPORT_NOUNS)
    + r"|previous|prior|before|yesterday|a[ \t]+week[ \t]+ago)|(?:this|current|latest)[ \t]+"
    + alternation(PERIOD_NOUNS, REPORT_NOUNS)
    + r"|today",
    re.I,
)


def _cells(line: str) -> list[str]:
    parts = [p.strip() for p in line.strip().strip("|").split("|")]
    return parts


def _cell_indexes(row: str, a: int, cands: list[Any]) -> list[int]:
    """The column of each candidate of the table row ``row`` (which starts at ``a``): the bars before it, past a
    leading bar."""
    lead = len(row) - len(row.lstrip().lstrip("|"))
    return [row.count("|", lead, c.s - a) for c in cands]


def label_table_row(text: str, a: int, b: int, cands: list[Any], header: list[str] | None) -> None:
    row = text[a:b]
    cells = _cells(row)
    first = cells[0] if cells else ""
    first_is_text = bool(first) and not any(ch.isdigit() for ch in first)
    row_label = ""  # what the row's first cell names, once a number took it
    for c, idx in zip(cands, _cell_indexes(row, a, cands), strict=True):
        lab = ""
        if header is not None and 0 < idx < len(header) and (period := _PERIOD_HEADER.fullmatch(header[idx].strip())):
            # "Indicator | This week | Last week": the column says when, the row's name says what
            if first_is_text:
                o, g, person, nouns, part = words_label(_WORD_RE.findall(first))
                if lab := compose(o, g, person, nouns, part):
                    c.label = lab
                    c.group = None
                    c.outcome_src = "table"
            if period.group("before"):
                c.role = "earlier"
            continue
        if header is not None and idx < len(header) and idx > 0 and header[idx].strip().lower() not in _GENERIC_HEADERS:
            words = _WORD_RE.findall(header[idx])
            o, g, person, nouns, part = words_label(words)
            lab = compose(o, g, person, nouns, part)
            if not lab and len(words) == 1 and words[0].isalpha() and words[0].lower().endswith("ed"):
                lab = words[0].lower()  # a column named by what happened to what it counts: "Returned", "Relocated"
        if not lab and header is not None and 0 < idx < len(header) and _names_other_columns(header, idx):
            # "Oblast | Killed | Injured | Total": the row's first cell is where, so a generic column is its total;
            # the total of the killed and the injured is the civilian casualties
            lab = casualties_of(_column_outcomes(header)) or header[idx].strip().lower()
        if not lab and first_is_text and idx > 0:
            o, g, person, nouns, part = words_label(_WORD_RE.findall(first))
            lab = compose(o, g, person, nouns, part)
            first_is_text = False if lab else first_is_text
            row_label = lab
        elif not lab and header is None and c.role == "delta" and idx > 0:
            lab = row_label  # a signed change beside the row's count, no header: "Killed | 1,204 | +37"
        if lab:
            c.label = lab
            c.group = None
            c.outcome_src = "table"
            if header is not None and first_is_text and idx > 0:
                c.scope = first


def _names_other_columns(header: list[str], idx: int) -> bool:
    """Is column ``idx`` a generic one ("Total") beside columns that name what they count?"""
    if header[idx].strip().lower() not in _GENERIC_HEADERS:
        return False
    return any(j != idx and compose(*words_label(_WORD_RE.findall(cell))) for j, cell in enumerate(header) if j > 0)


def _column_outcomes(header: list[str]) -> set[str]:
    """The outcomes the columns of ``header`` (past the first, which says where) count."""
    return {o for cell in header[1:] if (o := words_label(_WORD_RE.findall(cell))[0])}


# Columns that hold the two bounds of one count: "Deaths (min) | (max)", "Low estimate | High estimate"
_LOW_COLUMN = re.compile(r"(?:.*\W)?(?:min|minimum|low|lower(?:[ \t]+bound)?|low[ \t]+estimate)\W*", re.I)
_HIGH_COLUMN = re.compile(r"(?:.*\W)?(?:max|maximum|high|upper(?:[ \t]+bound)?|high[ \t]+estimate)\W*", re.I)


def join_bound_columns(text: str, a: int, b: int, cands: list[Any], header: list[str] | None) -> None:
    """Two numbers of a row under a low and a high column ("Documented civilian deaths (min) | (max)") are one
    count's range: the first becomes the range, labelled by the low column, and the second is dropped."""
    if header is None or len(header) < 3:
        return
    columns = _cell_indexes(text[a:b], a, cands)
    for (first, i), (second, j) in pairwise(zip(cands, columns, strict=True)):
        if (
            i + 1 < len(header)
            and j == i + 1
            and first.kind != "range"
            and second.kind != "range"
            and first.unit == second.unit
            and _LOW_COLUMN.fullmatch(header[i].strip())
            and _HIGH_COLUMN.fullmatch(header[i + 1].strip())
            and first.value is not None
            and second.value is not None
            and first.value <= second.value
        ):
            first.kind = first.qual = "range"
            first.low, first.high, first.value = first.value, second.value, None
            first.e = second.e
            first.aw_e = max(first.aw_e, second.aw_e)
            second.kind = "drop"


# A table row as PDF extraction leaves it, cells apart by blanks: a name, then two to eight numbers.
_BLANK_ROW = re.compile(r"[A-Z][A-Za-z'’\-. ]*?[A-Za-z.](?P<nums>(?: +\d[\d,.]*){2,8}) *")
# Its header: capitalised one-word column names ("Oblast Killed Injured Total").
_BLANK_HEADER = re.compile(r"[A-Z][A-Za-z'’\-]*(?: +[A-Z][A-Za-z'’\-]*){1,8} *")
# Or column names of several words, each starting with a capital, apart by wider gaps ("Oblast   Children killed
# Children injured": a PDF's columns keep their spacing)
_WIDE_HEADER = re.compile(
    r"[A-Z][A-Za-z'’\-]*(?: [A-Za-z'’\-()/]+)*(?:(?: {2,}|\t+)[A-Z][A-Za-z'’\-]*(?: [A-Za-z'’\-()/]+)*){1,8} *"
)
_WIDE_GAP = re.compile(r" {2,}|\t+")


def blank_table_header(text: str, a: int, b: int) -> list[str] | None:
    """Column names for the numbers of a blank-separated table row ``text[a:b]`` ("Donetsk 4,712 9,884" under
    "Oblast Killed Injured"), or None when the line is no such row or no header with one name per number is above
    it. Column names of several words are told apart only by wider gaps between them ("Oblast   Children killed
    Children injured"); with single blanks those rows stay unlabelled. (The watch pipeline's text normalisation
    collapses runs of blanks, see :mod:`monitor.textnorm`: the gaps survive only in text given to the extractor as
    it is, such as a PDF's text layer.)"""
    m = _BLANK_ROW.fullmatch(text, a, b)
    if m is None:
        return None
    k = len(m.group("nums").split())
    ls = a
    while True:
        prev_end = ls - 1
        if prev_end < 0 or text[prev_end] != "\n":
            return None
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end]
        row = _BLANK_ROW.fullmatch(line)
        if row is not None and len(row.group("nums").split()) == k:
            ls = prev_start  # another row of the same table
            continue
        readings = []
        if _BLANK_HEADER.fullmatch(line) is not None:
            readings.append(line.split())
        if (" " * 2 in line or "\t" in line) and _WIDE_HEADER.fullmatch(line) is not None:
            readings.append(_WIDE_GAP.split(line.strip()))
        for names in readings:
            if len(names) == k + 1:
                return names[1:]
            if len(names) == k:
                return names
        return None


def label_blank_row(text: str, a: int, b: int, cands: list[Any], header: list[str]) -> None:
    """Label the numbers of a blank-separated table row by their columns; the row's name is their scope."""
    m = _BLANK_ROW.fullmatch(text, a, b)
    assert m is not None
    name = text[a : m.start("nums")].strip()
    nums = [c for c in cands if c.kind == "num"]
    if len(nums) != len(header):
        return
    for c, col in zip(nums, header, strict=True):
        if col.lower() in _GENERIC_HEADERS:
            continue
        o, g, person, nouns, part = words_label(_WORD_RE.findall(col))
        lab = compose(o, g, person, nouns, part)
        if lab:
            c.label = lab
            c.group = None
            c.outcome_src = "table"
            c.scope = name


# A key-figure line of label and number pairs: "Killed 249 Injured 553", "Deaths 61 Children 14", maybe under a
# heading of its own ("Damaged: Schools 12 Hospitals 3").
_LABEL_PAIRS = re.compile(
    r"[ \t•-]*(?:[A-Z][A-Za-z]+:[ \t]+)?(?:[A-Z][A-Za-z]+(?: [a-z]+){0,2}:? \d(?:[\d,.]*\d)?[,;]?[ \t]*){2,6}"
)


def is_label_pairs(text: str, a: int, b: int) -> bool:
    """Whether the line ``text[a:b]`` is a key-figure line of label and number pairs (see :func:`label_pairs`)."""
    return _LABEL_PAIRS.fullmatch(text, a, b) is not None


_PAIRS_HEADING = re.compile(r"[ \t•-]*([A-Z][A-Za-z]+):[ \t]+")


def label_pairs(text: str, a: int, group: list[Any]) -> None:
    """On a line of label and number pairs each number takes the words before it, not the next pair's label.

    A heading before the pairs is their place ("Kherson: Killed 9 Injured 3"), or what was done to them when it
    says that ("Damaged: Schools 12 Hospitals 3" → schools damaged)."""
    start = a
    done = None  # what the heading says was done to the pairs
    place = None
    if (hm := _PAIRS_HEADING.match(text, a)) is not None:
        start = hm.end()
        heading = hm.group(1).lower()
        if heading.endswith("ed"):
            done = heading
        elif words_label([heading])[0] is None and not is_count_noun(heading):
            place = hm.group(1)
    for c in group:
        o, g, person, nouns, part = words_label(_WORD_RE.findall(text[start : c.s]))
        part = part or (done if not o else None)
        if place:
            c.place = place
        # ("Schools 12 Hospitals 3": a noun of what reports count labels its pair too; a name is a place)
        counted = o or g or person or (nouns and (done or all(is_count_noun(w) for w in nouns)))
        lab = compose(o, g, person, nouns, part) if counted else ""
        if lab:
            c.label = lab
            c.group = g
            c.outcome_src = "table"
        else:
            # "Kherson 9 Mykolaiv 3": the words after a number name the next pair, and a place before it is its scope
            c.label = ""
            c.group = None
            c.place = c.place or text[start : c.s].strip(" \t•-:,;") or None
        start = c.e


def is_metadata_line(line: str) -> bool:
    """Is this line a figure's source or date ("Source: OCHA", "verified by OHCHR as of 31 October"), no heading?"""
    return _METADATA_LINE.search(line) is not None


def keyfig_label(text: str, a: int, b: int) -> tuple[str, str]:
    """Label of a number alone on its line (the heading after it, else the one before it) and that heading."""
    n = len(text)
    # next non-empty line
    j = b
    nxt = ""
    while j < n:
        k = text.find("\n", j)
        if k < 0:
            k = n
        line = text[j:k].strip()
        if line:
            nxt = line
            break
        j = k + 1
    # (a line that starts with a number or a sign is another figure, "+64 since last report", and a bracket an aside,
    # "(previous report: 2,977)": not a heading)
    if nxt and not _METADATA_LINE.search(nxt) and not nxt.lstrip("+-−±▲▼↑↓ ")[:1].isdigit() and nxt[:1] not in "$€£([":
        lab = _line_label(nxt)
        if lab:
            return lab, nxt
    # previous non-empty line
    j = a
    while j > 0:
        k = text.rfind("\n", 0, j - 1)
        line = text[k + 1 : j].strip()
        if line:
            if _METADATA_LINE.search(line) or line[:1].isdigit():
                return "", ""
            return _line_label(line), line
        j = k + 1 if k >= 0 else 0
        if k < 0:
            break
    return "", ""


def heading_above(text: str, a: int, s: int) -> str:
    """The label a heading line gives the number at ``s`` that starts the next line, when the sentence ``text[a:]``
    is that heading and the number ("Children killed" / "14,100+"); "" otherwise."""
    head = text[a:s]
    if not head.rstrip(" \t").endswith("\n") or "\n" in head.strip():
        return ""
    return _line_label(head.strip())


def _line_label(line: str) -> str:
    info = parse_right(line, 0, min(len(line), 90))
    if info.outcome or info.verb_outcome:
        return compose(info.outcome or info.verb_outcome, info.group, False, [], None)
    if info.person or info.group or info.participle:
        return compose(None, info.group, info.person, info.nouns, info.participle)
    o, g, person, nouns, part = words_label(_WORD_RE.findall(line)[:8])
    return compose(o, g, person, nouns[:2], part)


# A list of links to other stories that a page's text kept: a heading alone on its line, then short lines up to a
# blank line. Their numbers are other articles' figures. Each heading: its words, and what may follow them.
_LINK_HEADINGS = (
    ("read more", ""),
    ("read also", ""),
    ("related", r"(?: (?:stories|articles|coverage|content|news|reading|links))?"),
    ("see also", ""),
    ("more on this", r"(?: story)?"),
    ("more stories", ""),
    ("you may also like", ""),
    ("recommended", r"(?: for you)?"),
    ("most read", ""),
    ("most popular", ""),
    ("trending", r"(?: now)?"),
    ("top stories", ""),
)
_LINK_HEADING_WORDS = "|".join(re.escape(words) + rest for words, rest in _LINK_HEADINGS)
_LINKS_HEADING = re.compile(rf"[ \t]*(?:{_LINK_HEADING_WORDS})[ \t]*:?[ \t]*\n", re.I)
# Or one link on the heading's own line: "Read more: Kenya floods: death toll climbs to 70 as rains persist"
_LINK_INLINE = re.compile(rf"[ \t]*(?:{_LINK_HEADING_WORDS})[ \t]*:[ \t]*\S", re.I)
# The headings' words, looked for with str.find in the lower-cased text (a regex search would try every position
# of every version of every page)
_LINKS_FIRST_WORDS = tuple(words for words, _ in _LINK_HEADINGS)
_LINK_LINE_MAX = 160


def link_blocks(text: str, low: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are lists of links to other stories ("Read more:" and the headlines under it);
    ``low`` is the text lower-cased, at the same offsets."""
    out: list[tuple[int, int]] = []
    for word in _LINKS_FIRST_WORDS:
        i = low.find(word)
        while i >= 0:
            line_start = low.rfind("\n", 0, i) + 1
            if low[line_start:i].strip():
                pass  # (the heading's words do not open their line)
            elif (m := _LINKS_HEADING.match(text, line_start)) is not None:
                out.append(_link_list(text, m.end()))
            elif _LINK_INLINE.match(text, line_start) is not None:
                line_end = low.find("\n", i)
                line_end = len(low) if line_end < 0 else line_end
                if line_end - line_start <= _LINK_LINE_MAX:
                    out.append((line_start, line_end))
            i = low.find(word, i + 1)
    return [span for span in out if span[1] > span[0]]


def _link_list(text: str, start: int) -> tuple[int, int]:
    """The short lines from ``start`` up to a blank or a long line."""
    end = start
    while end < len(text):
        nl = text.find("\n", end)
        line_end = len(text) if nl < 0 else nl
        line = text[end:line_end]
        if not line.strip() or len(line) > _LINK_LINE_MAX:
            break
        end = line_end + 1
    return start, min(end, len(text))
