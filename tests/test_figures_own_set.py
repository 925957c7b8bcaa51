"""The extractor against labelled sets written in our own words (tests/data/figures_*.jsonl).

Both were labelled in the corpus format by someone who had not read the extractor. ``figures_own.jsonl``: 110
sentences in the styles of the sources tallywatch watches (casualty updates with breakdowns and earlier values in
parentheses, missile and drone attack reports, humanitarian key figures, disaster tolls). ``figures_wire.jsonl``:
100 harder ones in styles the corpus has few of (machine-translated wires, monitors' tallies, flattened tables,
live-blog lines, thousands written with blanks or dots). ``figures_relief.jsonl`` (UN agencies', NGOs' and
monitors' updates) and ``figures_news.jsonl`` (wire copy, translated agencies, live blogs, business and fact-check
pieces): 100 sentences each, labelled blind in a fourth round and scored on arrival before any rule looked at them;
``figures_world.jsonl`` (casualty and disaster news from many countries) and ``figures_layout.jsonl`` (report text
after PDF/HTML extraction: wrapped lines, key-figure blocks, flattened tables, dashboards), the same in a fifth;
``figures_devlike.jsonl`` and ``figures_devlike2.jsonl`` (two authors writing new sentences of the dev set's kinds
and difficulties, in its sources' proportions), the same in a sixth; ``figures_devlike3.jsonl`` and
``figures_devlike4.jsonl``, two more such authors, in a seventh; ``figures_devlike5.jsonl`` and ``figures_traps.jsonl``
(an author hunting the cases a rule-based extractor gets wrong, in sentences a report would print) in an eighth;
``figures_devlike6.jsonl`` and ``figures_devlike7.jsonl`` (two more dev-like authors) in a ninth;
``figures_news2.jsonl`` (updated news articles, with scraped-page furniture) and ``figures_relief2.jsonl`` (UN and
NGO documents as scraped text: key-figure blocks, tables, bulletins) in a tenth; ``figures_devlike8.jsonl`` (one
more dev-like author) and ``figures_pages.jsonl`` (passages as scraped pages hold them: wrapped lines, captions,
bylines, link lists, tables, key-figure blocks) in an eleventh; ``figures_traps2.jsonl`` (a second trap hunter) and
``figures_devlike9.jsonl`` (a dev-like author writing about the regions the dev set has fewer of) in a twelfth;
``figures_devlike10.jsonl`` and ``figures_traps3.jsonl`` (a third trap hunter, after what a person tracking the
figures cares about: counts in words, lists and headlines, corrections, cumulative against new) in a thirteenth;
``figures_monitors.jsonl`` (casualty monitors and UN bodies: breakdowns, minimum-maximum estimates, tables) and
``figures_live.jsonl`` (rolling news pages with what a scraper keeps of them) in a fourteenth;
``figures_devlike11.jsonl`` (a dev-like author on events the dev set does not cover) and ``figures_sitreps.jsonl``
(successive situation reports and fact sheets of invented emergencies) in a fifteenth; ``figures_devlike12.jsonl``
and ``figures_general.jsonl`` (general news pages: business, politics, sport, science, whose labeller counts sports
statistics and league points as non-figures, which the extractor reads as counts: hence its lower bar) in a
sixteenth; ``figures_devlike13.jsonl`` (a thirteenth dev-like author, a quarter of it non-figure traps) in a
seventeenth; ``figures_devlike14.jsonl`` (a fourteenth, on pages as a watcher sees them between updates: revised
tolls, situation reports, key-figure lines) in an eighteenth; ``figures_devlike15.jsonl`` (a fifteenth, on news pages
as a scraper keeps them, a quarter of it ordinary news text with no figures: tickers, lottery numbers, legal
references, sports) in a nineteenth; ``figures_devlike16.jsonl`` (a sixteenth, matching the dev set's kinds and
shares as closely as it could) in a twentieth.
They run without ../shared/corpus, so CI on any checkout scores the same difficulties the held-back set has: a
general rule that breaks shows here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._figures_helpers import eval_figures_script

DATA = Path(__file__).resolve().parent / "data"
# set → (sentences, value F1, qualifier accuracy, leaks) it must keep; measured when each set was added:
# own 0.989 / 1.000 / 0 leaks, wire 0.871 / 0.989 / 7 leaks, relief 0.958 / 0.981 / 8 leaks, news 0.951 / 0.988 /
# 8 leaks, world 0.963 / 0.995 / 7 leaks, layout 0.961 / 0.994 / 7 leaks, devlike 0.993 / 0.995 / 2 leaks, devlike2
# 0.962 / 0.988 / 1 leak, devlike3 0.964 / 0.980 / 2 leaks, devlike4 0.989 / 0.994 / 0 leaks, devlike5 0.985 /
# 1.000 / 0 leaks, traps 0.955 / 0.994 / 5 leaks, devlike6 0.978 / 1.000 / 4 leaks, devlike7 0.974 / 0.976 / 1 leak,
# news2 0.978 / 0.994 / 1 leak, relief2 0.985 / 1.000 / 1 leak, devlike8 0.993 / 0.991 / 0 leaks, pages 0.987 /
# 0.990 / 1 leak, traps2 0.918 / 0.982 / 5 leaks, devlike9 0.993 / 0.981 / 1 leak, devlike10 0.982 / 0.988 / 1 leak,
# traps3 0.947 / 0.985 / 3 leaks, monitors 0.960 / 1.000 / 5 leaks, live 0.958 / 0.995 / 4 leaks, devlike11 0.995 /
# 0.971 / 0 leaks, sitreps 0.981 / 0.990 / 3 leaks, devlike12 0.993 / 0.990 / 0 leaks, general 0.916 / 0.982 / 11
# leaks, devlike13 0.981 / 1.000 / 4 leaks, devlike14 0.989 / 0.983 / 3 leaks, devlike15 0.915 / 0.994 / 15 leaks,
# devlike16 0.998 / 1.000 / 1 leak
# (the bars leave room for a debatable case or two; the later rules raised all of them, see the README)
SETS = {
    "figures_own.jsonl": (110, 0.96, 0.95, 2),
    "figures_wire.jsonl": (100, 0.93, 0.95, 5),
    "figures_relief.jsonl": (100, 0.95, 0.95, 4),
    "figures_news.jsonl": (100, 0.95, 0.95, 4),
    "figures_world.jsonl": (100, 0.95, 0.95, 4),
    "figures_layout.jsonl": (100, 0.95, 0.95, 4),
    "figures_devlike.jsonl": (100, 0.97, 0.95, 3),
    "figures_devlike2.jsonl": (100, 0.95, 0.95, 3),
    "figures_devlike3.jsonl": (100, 0.96, 0.95, 3),
    "figures_devlike4.jsonl": (100, 0.97, 0.95, 2),
    "figures_devlike5.jsonl": (100, 0.97, 0.95, 2),
    "figures_traps.jsonl": (100, 0.95, 0.95, 3),
    "figures_devlike6.jsonl": (100, 0.96, 0.95, 4),
    "figures_devlike7.jsonl": (100, 0.96, 0.95, 2),
    "figures_news2.jsonl": (100, 0.96, 0.95, 2),
    "figures_relief2.jsonl": (100, 0.96, 0.95, 2),
    "figures_devlike8.jsonl": (100, 0.97, 0.95, 2),
    "figures_pages.jsonl": (100, 0.96, 0.95, 2),
    "figures_traps2.jsonl": (100, 0.93, 0.95, 3),
    "figures_devlike9.jsonl": (100, 0.97, 0.95, 2),
    "figures_devlike10.jsonl": (100, 0.96, 0.95, 2),
    "figures_traps3.jsonl": (100, 0.94, 0.95, 2),
    "figures_monitors.jsonl": (100, 0.95, 0.95, 4),
    "figures_live.jsonl": (100, 0.95, 0.95, 3),
    "figures_devlike11.jsonl": (100, 0.97, 0.95, 2),
    "figures_sitreps.jsonl": (100, 0.96, 0.95, 2),
    "figures_devlike12.jsonl": (100, 0.97, 0.95, 2),
    "figures_general.jsonl": (100, 0.90, 0.95, 10),
    "figures_devlike13.jsonl": (100, 0.97, 0.95, 2),
    "figures_devlike14.jsonl": (100, 0.97, 0.95, 2),
    "figures_devlike15.jsonl": (100, 0.93, 0.95, 8),
    "figures_devlike16.jsonl": (100, 0.97, 0.95, 2),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_own_set_is_well_formed(name: str) -> None:
    ids = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert item["id"] not in ids
        ids.add(item["id"])
        for g in item["figures"]:
            assert g["as_written"] in item["text"], (item["id"], g["as_written"])
        for nf in item["not_figures"]:
            assert nf["text"] in item["text"], (item["id"], nf["text"])
    assert len(ids) == SETS[name][0]


@pytest.mark.parametrize("name", sorted(SETS))
def test_own_set_scores(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, f1, qualifiers, leaks = SETS[name]
    mod = eval_figures_script()
    assert mod.main([str(DATA / name), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["f1"] >= f1, res
    assert res["qualifier_accuracy"] >= qualifiers, res
    assert res["leaks"] <= leaks, res
