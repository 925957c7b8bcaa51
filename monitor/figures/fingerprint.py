"""Which figure rules and metrics read a text: a short digest stored with every version.

A stored version keeps the figures the extractor read when the version arrived. When this package changes (an
upgrade) or a watch's `metrics` change, old and new readings can disagree, and `tallywatch refigure` reads the
stored texts again. The digest lets tallywatch say when that is due instead of leaving users to remember it.

The rules part hashes this package's source files. That is deliberately coarse: any edit, even to a comment, makes
every stored version "read by other rules", and a refigure then finds nothing to change and records the new digest.
Hashing the source rather than a release number means no one has to remember to bump anything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path


@cache
def rules_digest() -> str:
    """Digest of the figure extractor's source; computed once per process, so it names the code that is loaded."""
    h = hashlib.sha256()
    sources = sorted(Path(__file__).parent.glob("*.py"))
    for path in sources:
        h.update(path.name.encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    if not sources:  # no source shipped (a frozen build): the release is the best name for the rules
        from importlib import metadata

        try:
            h.update(metadata.version("tallywatch").encode())
        except metadata.PackageNotFoundError:
            h.update(b"unknown")
    return h.hexdigest()


def reading_fingerprint(metrics: Mapping[str, Sequence[str]] | None) -> str:
    """What read a version's figures: these rules with these metrics.

    The metrics keep their order: when two metrics' synonyms match one label, the first listed names it.
    """
    h = hashlib.sha256(rules_digest().encode())
    h.update(json.dumps([(k, list(v)) for k, v in (metrics or {}).items()]).encode())
    return h.hexdigest()[:32]
