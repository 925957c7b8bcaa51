"""The alert message every notifier renders.

Notifiers depend on nothing else in tallywatch: the outbox turns stored rows into these plain dataclasses,
and each channel only formats and sends them. The same shape is stored as JSON in the outbox, so a message
rendered after a restart is exactly the one that was decided before it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MessageKind = Literal["change", "error", "recovered", "test"]
MoveKind = Literal["changed", "added", "removed"]


@dataclass(frozen=True)
class FigureMove:
    """One figure that moved between two versions, already rendered for people."""

    key: str
    kind: MoveKind
    label: str = ""
    old: str | None = None  # as people read it: "at least 249"
    new: str | None = None
    old_value: float | None = None
    new_value: float | None = None
    delta: float | None = None
    delta_pct: float | None = None
    unit: str | None = None
    old_sentence: str | None = None
    new_sentence: str | None = None

    def line(self) -> str:
        """`killed: at least 249 → at least 331 (+82, +32.9%)` — the one-line form every channel uses."""
        if self.kind == "added":
            return f"{self.key}: {self.new} (new)"
        if self.kind == "removed":
            return f"{self.key}: {self.old} (no longer stated)"
        parts = []
        if self.delta is not None and self.delta != 0:
            parts.append(format_delta(self.delta, self.unit))
        if self.delta_pct is not None and self.delta:
            parts.append(f"{self.delta_pct:+.1f}%")
        suffix = f" ({', '.join(parts)})" if parts else ""
        return f"{self.key}: {self.old} → {self.new}{suffix}"


@dataclass(frozen=True)
class AlertMessage:
    """What one alert says: which watch, which versions, what moved, and where to look."""

    kind: MessageKind
    watch: str
    url: str
    idempotency_key: str
    created_at: str  # ISO 8601, UTC
    from_version: int | None = None
    to_version: int | None = None
    figures: tuple[FigureMove, ...] = ()
    # Word diff as diff-match-patch operations (-1 delete, 0 equal, 1 insert), equal runs already trimmed
    # to context.
    text_diff: tuple[tuple[int, str], ...] = ()
    error: str | None = None
    consecutive_failures: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def headline(self) -> str:
        """A short summary for subjects and notification previews."""
        if self.kind == "error":
            return f"{self.watch}: failing ({self.error or 'unknown error'})"
        if self.kind == "recovered":
            return f"{self.watch}: recovered"
        if self.kind == "test":
            return f"{self.watch}: test alert"
        changed = [f for f in self.figures if f.kind == "changed"]
        if changed:
            f = changed[0]
            more = f" (+{len(self.figures) - 1} more)" if len(self.figures) > 1 else ""
            return f"{self.watch}: {f.key} {f.old} → {f.new}{more}"
        if self.figures:
            return f"{self.watch}: {len(self.figures)} figure(s) moved"
        return f"{self.watch}: text changed"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; `from_json` gives the same message back."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AlertMessage:
        data = dict(data)
        data["figures"] = tuple(FigureMove(**f) for f in data.get("figures", ()))
        data["text_diff"] = tuple((int(op), str(s)) for op, s in data.get("text_diff", ()))
        return cls(**data)


def format_number(value: float | None, unit: str | None = None) -> str:
    """1234.0 → '1,234'; 1.5 → '1.5'; with a currency unit, 'USD 1,234'."""
    if value is None:
        return "?"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{text}%"
    if unit:
        return f"{unit} {text}"
    return text


def format_delta(delta: float, unit: str | None = None) -> str:
    """+82, -3, +1.5 pp for a percentage."""
    sign = "+" if delta > 0 else "-"
    body = format_number(abs(delta), None)
    if unit == "%":
        return f"{sign}{body} pp"
    return f"{sign}{body}"


def digest_idempotency_key(messages: Sequence[AlertMessage]) -> str:
    """A stable key for a digest of several alerts, derived from its members' keys (order does not matter).

    One message keeps its own key, so a digest of one is indistinguishable from the alert itself.
    """
    keys = sorted({m.idempotency_key for m in messages})
    if len(keys) == 1:
        return keys[0]
    digest = hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()
    return f"digest-{digest[:40]}"
