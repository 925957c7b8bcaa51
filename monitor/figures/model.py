"""Data model of the figure extractor: :class:`Figure` and :class:`FigureChange`.

Both are frozen dataclasses with a JSON-safe ``to_dict`` / ``from_dict`` round trip, because the storage layer
keeps figures as rows / JSON and the alerting layer ships changes over the wire.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

QUALIFIERS: tuple[str, ...] = (
    "exact",
    "at_least",
    "more_than",
    "almost",
    "approx",
    "up_to",
    "less_than",
    "range",
)
ROLES: tuple[str, ...] = ("current", "earlier", "delta", "projection", "context")
CHANGE_KINDS: tuple[str, ...] = ("changed", "added", "removed")


def bounds_for(qualifier: str, value: float | None) -> tuple[float | None, float | None]:
    """Return the ``(low, high)`` bounds a qualifier implies for ``value`` (corpus convention).

    ``approx`` implies no hard bound; ``range`` bounds are given by the caller, not derived.
    """
    if value is None:
        return None, None
    if qualifier == "exact":
        return value, value
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("almost", "up_to", "less_than"):
        return None, value
    return None, None


def _json_number(x: float | None) -> float | int | None:
    # Integral floats are written as ints so JSON/CSV consumers see "249", not "249.0".
    if x is None:
        return None
    if float(x).is_integer() and abs(x) < 1e15:
        return int(x)
    return float(x)


def _float_or_none(x: Any) -> float | None:
    return None if x is None else float(x)


@dataclass(frozen=True, slots=True)
class Figure:
    """One number that counts something in a report.

    ``text[start:end]`` is the number as written ("249", "1.5 million", "seventeen"); ``as_written`` is the
    qualifier + number + label span. ``value`` is None only for ranges (then ``low``/``high`` carry it).
    ``scope`` is an optional refinement (a table row header such as a region) used to line up repeated keys.
    """

    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    label: str
    key: str
    unit: str | None
    sentence: str
    start: int
    end: int
    role: str = "current"
    as_written: str = ""
    vague: bool = False
    scope: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict of all fields."""
        d: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        for k in ("value", "low", "high"):
            d[k] = _json_number(d[k])
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Figure:
        """Build a Figure from :meth:`to_dict` output (unknown keys are ignored, missing optional ones defaulted)."""
        return cls(
            value=_float_or_none(data.get("value")),
            low=_float_or_none(data.get("low")),
            high=_float_or_none(data.get("high")),
            qualifier=str(data.get("qualifier") or "exact"),
            label=str(data.get("label") or ""),
            key=str(data.get("key") or data.get("label") or ""),
            unit=data.get("unit"),
            sentence=str(data.get("sentence") or ""),
            start=int(data.get("start") or 0),
            end=int(data.get("end") or 0),
            role=str(data.get("role") or "current"),
            as_written=str(data.get("as_written") or ""),
            vague=bool(data.get("vague", False)),
            scope=data.get("scope"),
        )


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure that moved between two versions: ``changed``, ``added`` or ``removed``."""

    kind: str
    key: str
    old: Figure | None
    new: Figure | None
    delta: float | None = None
    delta_pct: float | None = None
    old_sentence: str | None = None
    new_sentence: str | None = None

    @property
    def qualifier_only(self) -> bool:
        """True when the value stayed the same and only the qualifier moved ("at least 249" → "more than 249")."""
        if self.kind != "changed" or self.old is None or self.new is None:
            return False
        if self.old.qualifier == self.new.qualifier:
            return False
        if self.old.value is not None or self.new.value is not None:
            return self.old.value == self.new.value
        return (self.old.low, self.old.high) == (self.new.low, self.new.high)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict (figures nested as dicts)."""
        return {
            "kind": self.kind,
            "key": self.key,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "delta": _json_number(self.delta),
            "delta_pct": None if self.delta_pct is None else round(float(self.delta_pct), 6),
            "old_sentence": self.old_sentence,
            "new_sentence": self.new_sentence,
            "qualifier_only": self.qualifier_only,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FigureChange:
        """Build a FigureChange from :meth:`to_dict` output."""
        old = data.get("old")
        new = data.get("new")
        return cls(
            kind=str(data["kind"]),
            key=str(data["key"]),
            old=Figure.from_dict(old) if old else None,
            new=Figure.from_dict(new) if new else None,
            delta=_float_or_none(data.get("delta")),
            delta_pct=_float_or_none(data.get("delta_pct")),
            old_sentence=data.get("old_sentence"),
            new_sentence=data.get("new_sentence"),
        )


def _figure_maker() -> Callable[..., Figure]:
    """A positional constructor of :class:`Figure` for the extractor's hot loop.

    The frozen dataclass's ``__init__`` sets each of its 14 fields with ``object.__setattr__`` (a name look-up per
    field); this one calls the slots' member descriptors directly, which is about twice as fast. The result is the
    same object: every field set, in field order, and no ``__post_init__`` to skip.
    """
    names = [f.name for f in fields(Figure)]
    assert names == list(Figure.__slots__) and not hasattr(Figure, "__post_init__")
    (
        s_value,
        s_low,
        s_high,
        s_qualifier,
        s_label,
        s_key,
        s_unit,
        s_sentence,
        s_start,
        s_end,
        s_role,
        s_as_written,
        s_vague,
        s_scope,
    ) = (getattr(Figure, n).__set__ for n in names)
    new = object.__new__

    def make(
        value: float | None,
        low: float | None,
        high: float | None,
        qualifier: str,
        label: str,
        key: str,
        unit: str | None,
        sentence: str,
        start: int,
        end: int,
        role: str,
        as_written: str,
        vague: bool,
        scope: str | None,
    ) -> Figure:
        f = new(Figure)
        s_value(f, value)
        s_low(f, low)
        s_high(f, high)
        s_qualifier(f, qualifier)
        s_label(f, label)
        s_key(f, key)
        s_unit(f, unit)
        s_sentence(f, sentence)
        s_start(f, start)
        s_end(f, end)
        s_role(f, role)
        s_as_written(f, as_written)
        s_vague(f, vague)
        s_scope(f, scope)
        return f

    return make


make_figure = _figure_maker()
