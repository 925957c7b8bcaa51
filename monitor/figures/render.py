"""People's form of a figure: "at least 249", "more than 480", "between 10 and 15", "90%", "USD 1,100,000"."""

from __future__ import annotations

from .model import Figure

_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "almost": "almost ",
    "approx": "about ",
    "up_to": "up to ",
    "less_than": "less than ",
}


def format_number(x: float | None) -> str:
    """1500000.0 → "1,500,000"; 59.7 → "59.7"; None → "?"."""
    if x is None:
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6f}".rstrip("0").rstrip(".")


def _with_unit(x: float | None, unit: str | None) -> str:
    n = format_number(x)
    if not unit:
        return n
    if unit == "%":
        return n + "%"
    if unit.isupper():  # currency codes go first: "USD 1,100,000"
        return f"{unit} {n}"
    return f"{n} {unit}"


def render_figure(f: Figure) -> str:
    """Render a figure's qualifier and value the way a person would say it (no label)."""
    if f.qualifier == "range":
        return f"between {_with_unit(f.low, f.unit)} and {_with_unit(f.high, f.unit)}"
    return _WORDS.get(f.qualifier, "") + _with_unit(f.value, f.unit)
