"""The extractor's fast paths skip work only where the slow path finds nothing, and caching never changes results."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from monitor.figures import clear_cache, extract_figures, scope
from monitor.figures import extract as ex
from monitor.figures.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

OWN = [
    "Two people died. A hundred homes, a third of the village and several thousand hectares were lost.",
    "Tens of millions are at risk; hundreds of thousands fled, and a dozen towns (half a dozen in the north) burned.",
    "One in five children; one-in-ten adults; two-thirds of the population; a quarter of homes; a-half of them.",
    "Twenty-one soldiers and ninety nine others; seventeen were hurt. Eleven\nthousand left. fifteen,twelve",
    "a hundredth of a trillionaire, a thousandfold rise, someone often went, the tenth day, quarterly, halfway.",
    "A 2-year-old girl was killed, including a child, as well as a man; another injured; a school has been damaged.",
    "Nobody was there, along with a woman, among them a boy, and the building had been destroyed.",
    "ÉONE, éone, —two, (three), “four”, ‘five’, six…, seven’s, eight-, -nine, TEN, ELEVEN PEOPLE",
]


def _texts() -> list[str]:
    out = list(OWN)
    if CORPUS.is_dir():
        out += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "html").glob("*.expected.txt"))]
        out += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "sequences").glob("*/*.txt"))]
        gold = CORPUS / "figures_dev.jsonl"
        if gold.is_file():
            out += [json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def _variants(variant: str) -> list[tuple[str, str]]:
    """Every test text in the case `variant` ("as is", "lower", "upper"), with its lower case as the extractor makes
    it."""
    change = {"as is": str, "lower": str.lower, "upper": str.upper}[variant]
    return [(t, _lower(t)) for t in map(change, _texts())]


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return low


@pytest.mark.parametrize("variant", ["as is", "lower", "upper"])
def test_number_word_filter_never_hides_a_word_candidate(variant: str) -> None:
    """A sentence the number-word filter rejects has no _WSCAN match (so _word_candidates would find nothing)."""
    checked = 0
    for text, low in _variants(variant):
        az = low.encode("ascii", "replace").translate(ex._NON_AZ)
        for a, b in split_sentences(text):
            if ex._WSCAN.search(low, a, b) is not None:
                checked += 1
                assert not ex._NUMBER_WORDS_B.isdisjoint(az[a:b].split()), text[a:b]
    assert checked > 0


def test_number_word_filter_on_every_pair_of_words() -> None:
    words = sorted(ex._NUMBER_WORDS | {"a", "an", "one", "of", "and", "several", "tens", "in", "5", "x"})
    seps = [" ", "-", "\t", "  ", " of ", ", "]
    for w1, w2 in itertools.product(words, repeat=2):
        for sep in seps:
            text = f"{w1}{sep}{w2}"
            az = text.encode("ascii", "replace").translate(ex._NON_AZ)
            if ex._WSCAN.search(text) is not None:
                assert not ex._NUMBER_WORDS_B.isdisjoint(az.split()), text


def _gated_and_full_scans(low: str, a: int, b: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    az = low.encode("ascii", "replace").translate(ex._NON_AZ)
    found = ex._NUMBER_WORDS_B.intersection(az[a:b].split())
    gated = [m.span() for m in ex._word_matches(low, az, a, b, found)]
    return gated, [m.span() for m in ex._WSCAN.finditer(low, a, b)]


@pytest.mark.parametrize("variant", ["as is", "lower", "upper"])
def test_gated_word_scan_finds_what_the_full_scan_finds(variant: str) -> None:
    """_word_matches tries _WSCAN only next to a number word: the same matches as a scan of the whole sentence."""
    checked = 0
    for text, low in _variants(variant):
        for a, b in split_sentences(text):
            gated, full = _gated_and_full_scans(low, a, b)
            assert gated == full, text[a:b]
            checked += bool(full)
    assert checked > 0


def test_gated_word_scan_on_every_pair_of_words() -> None:
    words = sorted(ex._NUMBER_WORDS | {"a", "an", "one", "of", "and", "several", "tens", "in", "5", "x", "fold"})
    seps = [" ", "-", "\t", "  ", " of ", ", ", " a ", "\n"]
    for w1, w2 in itertools.product(words, repeat=2):
        for sep in seps:
            text = f"x {w1}{sep}{w2} {w1}{w2}"
            gated, full = _gated_and_full_scans(text, 0, len(text))
            assert gated == full, text
            gated, full = _gated_and_full_scans(text, 2, len(text) - 1)
            assert gated == full, text


_GATED = {
    "toll": (ex._toll_matches, ex._TOLL),
    "modal": (ex._modal_matches, ex._MODAL),
    "implicit list": (ex._implicit_list_matches, ex._IMPLICIT_LIST),
    "implicit another": (ex._implicit_another_matches, ex._IMPLICIT_ANOTHER),
    "total": (scope._total_matches, scope._TOTAL),
    "total after": (scope._total_after_matches, scope._TOTAL_AFTER),
}


@pytest.mark.parametrize("name", sorted(_GATED))
def test_gated_finders_find_what_finditer_finds(name: str) -> None:
    """Each gated finder (a match tried only where its first words occur) equals the regex's own finditer."""
    find_all, rx = _GATED[name]
    extra = ["in total in all across the country all told overall a total another killed including a child"]
    for text in _texts() + extra:
        low = _lower(text)
        for a, b in split_sentences(text):
            sl = low[a:b]
            assert [m.span() for m in find_all(sl)] == [m.span() for m in rx.finditer(sl)], sl


def test_digit_marks_are_the_scan_characters() -> None:
    """_digit_marks has "#" exactly where _SCAN matches (ASCII digits, "$", "€", "£"), whatever the other characters."""
    for text in [*_texts(), "€5 and £6, $7; Ε€8 £", "£", "Σ€1"]:
        low = _lower(text)
        marks = ex._digit_marks(text, low.encode("ascii", "replace"))
        assert [i for i, m in enumerate(marks) if m == 35] == [m.start() for m in ex._SCAN.finditer(text)]


def test_implicit_filter_never_hides_an_implicit_count() -> None:
    checked = 0
    for text in _texts():
        low = _lower(text)
        for a, b in split_sentences(text):
            if ex._implicit_hint(low, a, b) and ex._implicit_candidates(text, low, a, b):
                checked += 1
                assert ex._implicit_possible(low, a, b), text[a:b]
    assert checked > 0


def test_cache_does_not_change_results() -> None:
    texts = _texts()
    clear_cache()
    cold = [[f.to_dict() for f in extract_figures(t)] for t in texts]
    warm = [[f.to_dict() for f in extract_figures(t)] for t in texts]
    assert cold == warm


def test_cache_stays_bounded_and_keeps_the_sentences_read_last(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex, "_CACHE_MAX", 40)
    clear_cache()
    reports = [" ".join(f"Report {i}: {i * 10 + k} people were injured in district {k}." for k in range(7))
               for i in range(18)]
    expected = [[f.to_dict() for f in extract_figures(r)] for r in reports]
    assert len(ex._CACHE) <= 40
    last = reports[-1]
    # the last report's sentences survived the evictions (emptying the whole cache at entry 120 would have lost its
    # first one): reading it again adds no entry and gives the same figures
    cached = dict(ex._CACHE)
    assert [f.to_dict() for f in extract_figures(last)] == expected[-1]
    assert cached == ex._CACHE
    # and every report still reads the same after its sentences were evicted
    assert [[f.to_dict() for f in extract_figures(r)] for r in reports] == expected
