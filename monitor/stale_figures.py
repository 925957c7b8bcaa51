"""Which watches have stored figures that other figure rules or metrics read: a refigure is due.

Kept apart from `monitor.refigure` so that the commands that only show stored data can say so without loading the
extractor (its import compiles every rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session

from monitor.config import Watch
from monitor.figures import reading_fingerprint
from storage import queries


@dataclass(frozen=True)
class RefigureDue:
    """A watch with stored versions that other figure rules or metrics read."""

    watch: str
    stale: int
    versions: int

    def message(self) -> str:
        """One line naming the watch and the command that fixes it."""
        return (f"{self.stale} of {self.versions} stored version(s) of {self.watch!r} were read by other figure "
                f"rules or metrics than this release and config use; `tallywatch refigure {self.watch}` reads "
                f"them again")


def refigure_due(session: Session, watches: Iterable[Watch]) -> list[RefigureDue]:
    """The configured `watches` whose stored figures a refigure may read differently, in the order given."""
    by_name = {w.name: w.id for w in queries.all_watches(session)}
    readers = queries.reader_counts(session)
    due = []
    for watch in watches:
        counts = readers.get(by_name.get(watch.name) or -1, {})
        current = reading_fingerprint(watch.metrics)
        stale = sum(n for reader, n in counts.items() if reader != current)
        if stale:
            due.append(RefigureDue(watch.name, stale, sum(counts.values())))
    return due

