"""Qualifier phrases: the words before or after a number that say how exact it is.

Prefix phrases must touch the number (only whitespace between): "less than the $53 million figure" compares two
values and does not qualify 53 million. Verbs of passing ("surpassed", "topped") and approaching ("nears",
"fast-approaching") are qualifiers too, following the corpus.
"""

from __future__ import annotations

# phrase (lower case, single spaces) → qualifier
PREFIX: dict[str, str] = {}


def _add(q: str, phrases: str) -> None:
    for p in phrases.split(","):
        p = " ".join(p.split())
        if p:
            PREFIX[p] = q


_add(
    "at_least",
    "at least, no fewer than, no less than, a minimum of, minimum of, likely minimum of, at minimum, not less than, "
    "not fewer than",
)
_add(
    "more_than",
    "more than, over, in excess of, upwards of, above, greater than, well over, well above, exceed, exceeds, "
    "exceeded, exceeding, far exceed, far exceeds, far exceeded, surpass, surpasses, surpassed, surpassing, "
    "tops, topped, topping, pass, passes, passed, passing, past, beyond, north of, just over, just above, "
    "rises above, rose above, climbed above, soaring past, soared past, "
    # "top" alone is a rank ("the top 10"): only after a modal or "to"
    "could top, may top, might top, will top, would top, to top, set to top, expected to top, crosses, crossed",
)
_add(
    "almost",
    "almost, nearly, close to, just under, just below, just shy of, shy of, approaching, approaches, "
    "approached, fast-approaching, fast approaching, nears, neared, nearing, near, not quite, "
    "a little under, a little less than, just less than, closing in on, edging toward, edging towards, "
    "inching toward, inching towards, edging closer to",
)
_add(
    "approx",
    "about, around, some, approximately, approx., approx, roughly, circa, c., an estimated, estimated, "
    "an approximate, ~, or so, in the region of, round about, reportedly about, "
    # a corrected estimate: "the toll is closer to 410,000", "nearer 17,000"
    "closer to, nearer, nearer to",
)
# An average is an exact figure of its own (as ten of twelve blind labellers read it), but its words stand between
# the number and the verb or the comparison before them ("reaching an average of 3 million people")
_add("exact", "an average of")
_add("up_to", "up to, as many as, as much as, as high as, no more than, at most, a maximum of, not more than")
_add("less_than", "less than, fewer than, under, below, lower than, <")

# Glued qualifiers ("some15 girls") seen in machine-translated wires.
GLUED = frozenset({"some", "about", "around", "over", "nearly", "almost", "approximately", "~", "<", ">"})

# "increased ... up to 231,764" means "reaching", not an upper bound.
REACHING_CUES = frozenset(
    str.split(
        "increase increased increases increasing rose risen rise rises rising grew grown growing climbed climb "
        "climbs climbing jumped jumping soared soaring surged surging reached reaching bringing brought gone went goes"
    )
)

# After the number: "54,000 or more", "9 at least", "10,000+", "5,000-plus".
SUFFIX: dict[tuple[str, ...], str] = {
    ("or", "more"): "at_least",
    ("or", "above"): "at_least",
    ("and", "more"): "at_least",
    ("and", "above"): "at_least",
    ("and", "counting"): "at_least",
    ("at", "least"): "at_least",
    ("at", "minimum"): "at_least",
    ("or", "so"): "approx",
    ("or", "fewer"): "up_to",
    ("or", "less"): "up_to",
    ("plus",): "more_than",
}

# A comparison, not a qualifier: "more than double", "more than half" are handled as fractions/multipliers.
MAX_PREFIX_WORDS = 3
