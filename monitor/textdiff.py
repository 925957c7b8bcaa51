"""Word-level text diffs with diff-match-patch.

diff-match-patch diffs characters; mapping each word (and each run of whitespace) to one private character first,
as its line mode does for lines, makes it diff whole words, which is what readers of a report expect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

DELETE, EQUAL, INSERT = -1, 0, 1
Ops = list[tuple[int, str]]

_TOKEN = re.compile(r"\w+(?:[.,']\w+)*|\s+|[^\w\s]", re.UNICODE)


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0  # a pathological page must not stall a check
    return dmp


def diff_words(old: str, new: str) -> Ops:
    """Word-level diff operations, semantically cleaned up (-1 delete, 0 equal, 1 insert)."""
    tokens: dict[str, str] = {}
    vocab: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in _TOKEN.findall(text):
            ch = tokens.get(tok)
            if ch is None:
                ch = _symbol(len(vocab))
                tokens[tok] = ch
                vocab.append(tok)
            out.append(ch)
        return "".join(out)

    def decode(chars: str) -> str:
        return "".join(vocab[_index(c)] for c in chars)

    dmp = _engine()
    a, b = encode(old), encode(new)
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return _merge([(op, decode(text)) for op, text in diffs])


def _symbol(index: int) -> str:
    # The encoded strings hold only these symbols, so any code point outside the surrogate block will do.
    code = index + 0x100
    return chr(code + 0x800 if code >= 0xD800 else code)


def _index(ch: str) -> int:
    code = ord(ch)
    return (code - 0x800 if code >= 0xE000 else code) - 0x100


def _merge(ops: Ops) -> Ops:
    merged: Ops = []
    for op, text in ops:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def make_patch(old: str, new: str, ops: Ops | None = None) -> str:
    """A diff-match-patch patch (patch_toText) turning `old` into `new`: what the changes table stores."""
    dmp = _engine()
    diffs = ops if ops is not None else diff_words(old, new)
    return dmp.patch_toText(dmp.patch_make(old, diffs))


def apply_patch(old: str, patch: str) -> str:
    """Re-create the newer text from the older one and a stored patch."""
    dmp = _engine()
    text, results = dmp.patch_apply(dmp.patch_fromText(patch), old)
    if not all(results):
        raise ValueError("stored patch does not apply to this text")
    return text


@dataclass(frozen=True)
class DiffStats:
    """How many words a diff adds and removes."""

    words_added: int
    words_removed: int

    @property
    def changed(self) -> bool:
        return bool(self.words_added or self.words_removed)


def diff_stats(ops: Sequence[tuple[int, str]]) -> DiffStats:
    """Count words inserted and deleted."""
    added = sum(len(re.findall(r"\w+", t)) for op, t in ops if op == INSERT)
    removed = sum(len(re.findall(r"\w+", t)) for op, t in ops if op == DELETE)
    return DiffStats(added, removed)


def trim_context(ops: Sequence[tuple[int, str]], words: int = 12) -> Ops:
    """Keep only `words` words of equal text around each edit, so alerts show the change, not the page."""
    out: Ops = []
    last = len(ops) - 1
    for i, (op, text) in enumerate(ops):
        if op != EQUAL:
            out.append((op, text))
            continue
        parts = re.split(r"(\s+)", text)
        n_words = len([p for p in parts if p and not p.isspace()])
        if n_words <= 2 * words:
            out.append((op, text))
            continue
        head = "".join(parts[: 2 * words]) if i > 0 else ""
        tail = "".join(parts[-2 * words:]) if i < last else ""
        if i == 0:
            out.append((op, "…" + tail))
        elif i == last:
            out.append((op, head + "…"))
        else:
            out.append((op, head + " … " + tail))
    return out


def render_plain(ops: Sequence[tuple[int, str]]) -> str:
    """`[-old-]{+new+}` markers, as wdiff prints them, for non-terminal output."""
    out = []
    for op, text in ops:
        if op == DELETE:
            out.append(f"[-{text}-]")
        elif op == INSERT:
            out.append(f"{{+{text}+}}")
        else:
            out.append(text)
    return "".join(out)
