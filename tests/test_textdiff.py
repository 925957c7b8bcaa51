"""Word-level diffs: whole words, stable patches, readable markers."""

from __future__ import annotations

from monitor.textdiff import DELETE, INSERT, apply_patch, diff_stats, diff_words, make_patch, render_plain, trim_context


def test_words_not_characters() -> None:
    ops = diff_words("at least 249 were killed", "at least 2490 were killed")
    assert (DELETE, "249") in ops and (INSERT, "2490") in ops


def test_patch_round_trip_and_stats() -> None:
    old = "Officials said 249 people were killed.\nRescue work continued in three districts."
    new = "Officials said 331 people were killed.\nRescue work continued in four districts overnight."
    ops = diff_words(old, new)
    assert apply_patch(old, make_patch(old, new, ops)) == new
    stats = diff_stats(ops)
    assert stats.changed and stats.words_added == 3 and stats.words_removed == 2
    assert render_plain(ops).startswith("Officials said [-249-]{+331+} people")


def test_identical_texts_have_no_changes() -> None:
    assert not diff_stats(diff_words("same words", "same words")).changed


def test_large_vocabularies() -> None:
    old = " ".join(f"w{i}" for i in range(70000))
    new = old.replace("w500 ", "changed ")
    assert diff_stats(diff_words(old, new)).words_added == 1


def test_trim_context_keeps_edits() -> None:
    words = " ".join(f"word{i}" for i in range(200))
    ops = diff_words(words, words.replace("word100", "CHANGED"))
    trimmed = render_plain(trim_context(ops, 5))
    assert "[-word100-]{+CHANGED+}" in trimmed and "word3 " not in trimmed and "…" in trimmed
